import { Select } from 'antd';
import type { EntryPoint } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { ENTRY_POINT_KIND_LABELS } from '../i18n/labels';

export interface EntryPointSelectProps {
  id?: string;
  value?: string;
  onChange?: (id: string | undefined) => void;
  entryPoints: EntryPoint[];
  placeholder?: string;
  allowClear?: boolean;
  onlyActive?: boolean;
  style?: React.CSSProperties;
  status?: 'error';
}

/** An entry point by name (type to filter). */
export function EntryPointSelect({ id, value, onChange, entryPoints, placeholder, allowClear, onlyActive, style, status }: EntryPointSelectProps) {
  const { label } = useI18n();
  const list = onlyActive ? entryPoints.filter((e) => e.active) : entryPoints;
  return (
    <Select
      id={id}
      // Until the list has loaded, show nothing rather than a bare id.
      value={value && entryPoints.some((e) => e.id === value) ? value : undefined}
      onChange={onChange}
      placeholder={placeholder}
      allowClear={allowClear}
      status={status}
      style={style}
      showSearch={{ optionFilterProp: 'search' }}
      options={list.map((e) => ({
        value: e.id,
        label: `${e.name}（${label(ENTRY_POINT_KIND_LABELS, e.kind)}）`,
        search: `${e.name} ${e.jurisdictionName ?? ''}`,
      }))}
    />
  );
}

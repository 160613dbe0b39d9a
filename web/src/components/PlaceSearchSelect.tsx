// Pick a place by typing its Chinese name: origins (provinces, cities), destinations
// (communities and units within the user's area) and anything else the API can search.
import { useEffect, useRef, useState } from 'react';
import { Select, Spin, Typography } from 'antd';
import { api } from '../api/client';
import { pathText, type JurisdictionNode } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { LEVEL_LABELS } from '../i18n/labels';

export interface PlaceSearchSelectProps {
  id?: string;
  value?: string;
  onChange?: (code: string | undefined, node?: JurisdictionNode) => void;
  /** e.g. ['province', 'city'] or ['community', 'unit']. */
  levels: string[];
  /** Only search below this code. */
  within?: string;
  placeholder?: string;
  /** Show the picked place's full path under the box. */
  showPath?: boolean;
  allowClear?: boolean;
  status?: 'error' | 'warning';
  style?: React.CSSProperties;
  /** A label for a value set from outside (e.g. a filter restored from the URL). */
  initialLabel?: string;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

export function PlaceSearchSelect(props: PlaceSearchSelectProps) {
  const { id, value, onChange, levels, within, placeholder, showPath, allowClear, status, style, initialLabel } = props;
  const { t, label } = useI18n();
  const [search, setSearch] = useState('');
  const [results, setResults] = useState<JurisdictionNode[]>([]);
  const [loading, setLoading] = useState(false);
  const picked = useRef<Map<string, JurisdictionNode>>(new Map());
  const query = useDebounced(search.trim(), 200);
  const levelsParam = levels.join(',');

  useEffect(() => {
    if (!query) {
      setResults([]);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    api
      .get<JurisdictionNode[] | { items: JurisdictionNode[] }>(
        '/jurisdictions',
        { q: query, within, levels: levelsParam, limit: 20 },
        { signal: controller.signal },
      )
      .then((res) => setResults(Array.isArray(res) ? res : res.items))
      .catch(() => setResults([]))
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [query, within, levelsParam]);

  const selectedNode = value ? picked.current.get(value) : undefined;
  const options = results.map((n) => ({
    value: n.code,
    label: n.name,
    node: n,
  }));
  if (value && !options.some((o) => o.value === value)) {
    options.unshift({
      value,
      label: selectedNode?.name ?? initialLabel ?? value,
      node: selectedNode ?? ({ code: value, name: initialLabel ?? value } as JurisdictionNode),
    });
  }

  return (
    <div style={style}>
      <Select
        id={id}
        showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
        value={value}
        placeholder={placeholder ?? t('common.typeToSearch')}
        allowClear={allowClear}
        status={status}
        virtual={false}
        style={{ width: '100%' }}
        notFoundContent={loading ? <Spin size="small" /> : search ? t('common.noMatch') : null}
        options={options}
        optionRender={(o) => {
          const n = (o.data as { node: JurisdictionNode }).node;
          const path = pathText(n);
          return (
            <div>
              <div>{n.name}</div>
              {path !== n.name && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {path}
                  {n.level ? ` · ${label(LEVEL_LABELS, n.level)}` : ''}
                </Typography.Text>
              )}
            </div>
          );
        }}
        onChange={(code: string | undefined) => {
          const node = results.find((n) => n.code === code) ?? (code ? picked.current.get(code) : undefined);
          if (node) picked.current.set(node.code, node);
          setSearch('');
          onChange?.(code, node);
        }}
      />
      {showPath && selectedNode && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }} data-testid="place-path">
          {pathText(selectedNode)}
        </Typography.Text>
      )}
    </div>
  );
}

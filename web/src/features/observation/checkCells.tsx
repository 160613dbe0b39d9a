// The cells of the daily check list: temperature and symptoms typed from the keyboard, and the running counts.
import { memo, useEffect, useRef } from 'react';
import { Button, Checkbox, Input, Popover, Space, Tag, Typography } from 'antd';
import { SYMPTOMS } from '../../../../src/domain/enums';
import { isAbnormalTemperature } from '../../../../src/domain/triage';
import { triageThresholds } from '../../settings';
import { useI18n } from '../../i18n/I18nProvider';
import { SYMPTOM_LABELS } from '../../i18n/labels';
import { CheckEntryStore, parseTemperature, PLAUSIBLE, useEntry, useStoreVersion, type CheckEntry } from './checkEntries';

export function isAbnormal(value: number | null | 'invalid', symptoms: string[]): boolean {
  return (typeof value === 'number' && isAbnormalTemperature(value, triageThresholds())) || symptoms.length > 0;
}

/** The inputs of the page in row order. */
export function rowInputs(container: HTMLElement | null): HTMLInputElement[] {
  return container ? [...container.querySelectorAll<HTMLInputElement>('input[data-check-input]')] : [];
}

interface CellProps {
  store: CheckEntryStore;
  id: string;
  index: number;
  name: string;
  onMove(from: HTMLElement, delta: 1 | -1): void;
}

/** The temperature field of a row: red as soon as the typed value is abnormal. */
export const TemperatureCell = memo(function TemperatureCell({ store, id, index, name, onMove }: CellProps) {
  const { t } = useI18n();
  const entry = useEntry(store, id);
  const value = parseTemperature(entry.text);
  const abnormal = isAbnormal(value, entry.symptoms);
  const invalid = value === 'invalid' || (value === null && entry.symptoms.length > 0);
  return (
    <Space size={6}>
      <Input
        id={`check-temp-${id}`}
        data-check-input
        data-row={index}
        aria-label={t('checks.temperatureOf', { name })}
        value={entry.text}
        autoComplete="off"
        inputMode="decimal"
        maxLength={5}
        suffix="℃"
        status={invalid ? 'error' : abnormal ? 'warning' : undefined}
        style={{
          width: 108,
          fontWeight: abnormal ? 700 : undefined,
          ...(abnormal ? { background: '#fff1f0', borderColor: '#cf1322', color: '#cf1322' } : {}),
        }}
        onChange={(e) => store.setReading(id, { text: e.target.value })}
        onBlur={() => {
          if (typeof value === 'number') store.normalise(id, value.toFixed(1));
        }}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing) return;
          if (e.key === 'Enter' || e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            onMove(e.currentTarget, e.key === 'ArrowUp' || (e.key === 'Enter' && e.shiftKey) ? -1 : 1);
          } else if ((e.key === 's' || e.key === 'S') && !e.ctrlKey && !e.metaKey && !e.altKey) {
            e.preventDefault();
            store.setPicking(id, true);
          }
        }}
      />
      {abnormal && value !== 'invalid' && (
        <Tag color="red" data-testid="abnormal-tag">
          {t('checks.abnormal')}
        </Tag>
      )}
      {invalid && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {value === null ? t('checks.needTemperature') : t('checks.implausible', PLAUSIBLE)}
        </Typography.Text>
      )}
    </Space>
  );
});

/** Symptom quick keys: S in the temperature field opens it; 1–8 toggle, 0 clears, Enter or Esc closes. */
function SymptomPicker({ entry, onToggle, onClear, onClose }: { entry: CheckEntry; onToggle(s: string): void; onClear(): void; onClose(): void }) {
  const { t, label } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const h = setTimeout(() => ref.current?.focus(), 0);
    return () => clearTimeout(h);
  }, []);
  return (
    <div
      ref={ref}
      tabIndex={0}
      role="group"
      aria-label={t('desk.symptoms')}
      data-testid="symptom-picker"
      style={{ outline: 'none', width: 220 }}
      onKeyDown={(e) => {
        const n = Number(e.key);
        if (e.key === 'Enter' || e.key === 'Escape' || e.key === 's' || e.key === 'S') {
          e.preventDefault();
          onClose();
        } else if (e.key === '0') {
          e.preventDefault();
          onClear();
        } else if (Number.isInteger(n) && n >= 1 && n <= SYMPTOMS.length) {
          e.preventDefault();
          onToggle(SYMPTOMS[n - 1]);
        }
      }}
    >
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        {SYMPTOMS.map((s, i) => (
          <Checkbox key={s} checked={entry.symptoms.includes(s)} onChange={() => onToggle(s)} tabIndex={-1}>
            <Typography.Text keyboard>{i + 1}</Typography.Text> {label(SYMPTOM_LABELS, s)}
          </Checkbox>
        ))}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('checks.symptomKeys')}
        </Typography.Text>
        <Button size="small" type="primary" block onClick={onClose} tabIndex={-1}>
          {t('checks.symptomsDone')}
        </Button>
      </Space>
    </div>
  );
}

export const SymptomCell = memo(function SymptomCell({ store, id }: { store: CheckEntryStore; id: string }) {
  const { t, label } = useI18n();
  const entry = useEntry(store, id);
  const close = () => {
    store.setPicking(id, false);
    setTimeout(() => document.getElementById(`check-temp-${id}`)?.focus(), 0);
  };
  const toggle = (s: string) =>
    store.setReading(id, { symptoms: entry.symptoms.includes(s) ? entry.symptoms.filter((x) => x !== s) : [...entry.symptoms, s] });
  return (
    <Popover
      open={!!entry.picking}
      trigger="click"
      placement="bottomLeft"
      onOpenChange={(open) => (open ? store.setPicking(id, true) : close())}
      content={<SymptomPicker entry={entry} onToggle={toggle} onClear={() => store.setReading(id, { symptoms: [] })} onClose={close} />}
    >
      <span style={{ cursor: 'pointer' }} data-testid="symptom-cell">
        {entry.symptoms.length ? (
          entry.symptoms.map((s) => (
            <Tag key={s} color="volcano">
              {label(SYMPTOM_LABELS, s)}
            </Tag>
          ))
        ) : (
          <Typography.Text type="secondary">{t('checks.noSymptoms')}</Typography.Text>
        )}
      </span>
    </Popover>
  );
});

/** Counts over the typed readings; re-renders on every keystroke, alone. */
export function EntrySummary({ store, pendingIds }: { store: CheckEntryStore; pendingIds: Set<string> }) {
  const { t } = useI18n();
  useStoreVersion(store);
  let typed = 0;
  let abnormal = 0;
  let invalid = 0;
  for (const id of store.ids()) {
    if (!pendingIds.has(id)) continue;
    const e = store.get(id);
    const v = parseTemperature(e.text);
    if (v === null && !e.symptoms.length) continue;
    typed++;
    if (v === 'invalid' || v === null) invalid++;
    else if (isAbnormal(v, e.symptoms)) abnormal++;
  }
  return (
    <Space size="large" data-testid="checks-summary">
      <span>
        {t('checks.typed')} <Typography.Text strong>{typed}</Typography.Text>
      </span>
      <span>
        {t('checks.abnormalCount')}{' '}
        <Typography.Text strong type={abnormal ? 'danger' : undefined}>
          {abnormal}
        </Typography.Text>
      </span>
      {invalid > 0 && (
        <Typography.Text type="danger">
          {t('checks.invalidCount')} {invalid}
        </Typography.Text>
      )}
    </Space>
  );
}

// 每日监测: today's list for my unit, one row per person; the staff member types each
// temperature and presses Enter to move on (Shift+Enter back, S for symptoms), then saves the
// whole list at once (Ctrl+S). Each reading keeps its client id until saved, so retrying is safe.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App as AntApp, Badge, Button, Card, Empty, Input, Space, Switch, Table, Tag, Typography, type InputRef } from 'antd';
import { CheckCircleOutlined, ReloadOutlined, SaveOutlined, UserAddOutlined } from '@ant-design/icons';
import { slotOf, slotWindow } from '../../../../src/domain/observation';
import { settings } from '../../settings';
import { api, ApiError, newClientId } from '../../api/client';
import type { Page } from '../../api/types';
import type { CheckBatchResult, ObservationView } from '../../api/observationTypes';
import { useUser } from '../../auth/AuthProvider';
import { JurisdictionPicker } from '../../components/JurisdictionPicker';
import { useApiData } from '../../components/useApiData';
import { useI18n } from '../../i18n/I18nProvider';
import { OBSERVATION_KIND_LABELS } from '../../i18n/labels';
import { CheckEntryStore, parseTemperature } from './checkEntries';
import { todayIn } from '../../format';
import { dayOfPeriod, slotName, useNow } from './observationUtils';
import { ObservationActions } from './ObservationActions';
import { PAGES } from '../../routes';
import { isWithin } from '../../../../src/domain/division-code';
import { isAbnormal, rowInputs, TemperatureCell, SymptomCell, EntrySummary } from './checkCells';

const LIMIT = 1000;

export function DailyChecksPage() {
  const user = useUser();
  const { t, label } = useI18n();
  const { message } = AntApp.useApp();
  const mayOpenByHand = PAGES.find((p) => p.path === '/observations/new')?.roles.includes(user.role) ?? false;
  const now = useNow(30_000);
  const today = todayIn(now);
  const current = slotOf(now.toISOString(), settings().checks, settings().timeZone);
  const [unit, setUnit] = useState<string | undefined>(undefined);
  const [onlyPending, setOnlyPending] = useState(false);
  const [q, setQ] = useState('');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<{ saved: number; alerts: number } | null>(null);
  const store = useRef(new CheckEntryStore()).current;
  const containerRef = useRef<HTMLDivElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const searchRef = useRef<InputRef>(null);
  const focusedOnce = useRef(false);

  const list = useApiData(
    (signal) => api.get<Page<ObservationView>>('/observations', { status: 'active', pageSize: LIMIT, unit }, { signal }),
    [unit],
  );
  const all = useMemo(() => list.data?.items ?? [], [list.data]);
  // Hand-offs waiting for this unit (7+3): received first, then checked here.
  const handoffs = useMemo(
    () => all.filter((o) => o.pendingUnit && (user.role === 'admin' || o.pendingUnit.code === user.jurisdictionCode)),
    [all, user.role, user.jurisdictionCode],
  );
  // The list to enter readings for: people this unit is responsible for. Those at an observation site
  // whose community is this one are in scope too, but the site takes their checks.
  const items = useMemo(() => all.filter((o) => isWithin(o.unit.code, user.jurisdictionCode)), [all, user.jurisdictionCode]);
  const elsewhere = all.filter((o) => !isWithin(o.unit.code, user.jurisdictionCode) && !handoffs.includes(o)).length;
  const isDone = useCallback((o: ObservationView) => o.todaySlots.includes(current.slot) && current.day === today, [current.slot, current.day, today]);
  const pending = useMemo(() => items.filter((o) => !isDone(o)), [items, isDone]);
  const pendingIds = useMemo(() => new Set(pending.map((o) => o.id)), [pending]);
  const rows = useMemo(() => {
    const name = q.trim();
    return items.filter((o) => (!onlyPending || !isDone(o)) && (!name || o.person.name.includes(name)));
  }, [items, onlyPending, q, isDone]);

  // The first row waiting for a reading has the focus when the list arrives.
  useEffect(() => {
    if (list.loading || focusedOnce.current || !list.data) return;
    focusedOnce.current = true;
    const first = rowInputs(containerRef.current)[0];
    if (first) first.focus();
  }, [list.loading, list.data]);

  const onMove = useCallback((from: HTMLElement, delta: 1 | -1) => {
    const inputs = rowInputs(containerRef.current);
    const i = inputs.indexOf(from as HTMLInputElement);
    const next = inputs[i + delta];
    if (next) {
      next.focus();
      next.select();
      next.scrollIntoView({ block: 'nearest' });
    } else if (delta === 1) {
      saveRef.current?.focus();
    }
  }, []);

  // Unsaved readings: the browser asks before the tab is closed or reloaded.
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (store.ids().some((id) => pendingIds.has(id) && store.get(id).text.trim())) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [store, pendingIds]);

  const save = useCallback(async () => {
    if (saving) return;
    const ids = pending.map((o) => o.id).filter((id) => {
      const e = store.get(id);
      return e.text.trim() !== '' || e.symptoms.length > 0;
    });
    const bad = ids.find((id) => typeof parseTemperature(store.get(id).text) !== 'number');
    if (bad) {
      message.error(t('checks.fixInvalid'));
      const el = document.getElementById(`check-temp-${bad}`) as HTMLInputElement | null;
      el?.focus();
      el?.select();
      return;
    }
    if (!ids.length) {
      message.info(t('checks.nothingToSave'));
      return;
    }
    const checks = ids.map((id) => {
      const e = store.claimClientId(id, newClientId);
      return { clientId: e.clientId!, observationId: id, takenAt: e.typedAt, temperature: parseTemperature(e.text) as number, symptoms: e.symptoms };
    });
    const localAbnormal = checks.filter((c) => isAbnormal(c.temperature, c.symptoms)).length;
    setSaving(true);
    setFailure(null);
    setResult(null);
    try {
      const res = await api.post<CheckBatchResult>('/observations/checks', { checks });
      // A retry of a batch that was stored before answers with duplicates and no new alerts:
      // the readings were still stored once, and their alerts opened then.
      setResult({ saved: res.saved + res.duplicates, alerts: res.duplicates ? Math.max(res.alerts.length, localAbnormal) : res.alerts.length });
      store.clear(ids);
      focusedOnce.current = false;
      await list.reload();
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      if (e instanceof ApiError && e.field) {
        const m = /^checks\[(\d+)\]/.exec(e.field);
        const row = m ? checks[Number(m[1])] : undefined;
        if (row) document.getElementById(`check-temp-${row.observationId}`)?.focus();
      }
      setFailure(e instanceof ApiError && e.status === 0 ? t('checks.networkRetry') : `${text}${e instanceof ApiError && e.status >= 500 ? '。' + t('checks.retryHint') : ''}`);
      saveRef.current?.focus();
    } finally {
      setSaving(false);
    }
  }, [saving, pending, store, message, t, list]);

  // Ctrl+S saves from anywhere on the page.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'S')) {
        e.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  const slotTags = (o: ObservationView) =>
    settings().checks.slotEnds.map((_, slot) => {
      const name = slotName(slot, label, t);
      const w = slotWindow(today, slot, settings().checks, settings().timeZone);
      if (o.todaySlots.includes(slot)) {
        return (
          <Tag key={slot} color="success" icon={<CheckCircleOutlined />}>
            {name}
          </Tag>
        );
      }
      if (slot === current.slot) return <Tag key={slot} color="processing">{name} {t('checks.slotPending')}</Tag>;
      if (w.deadline <= now.toISOString() && w.start >= o.startAt) return <Tag key={slot} color="error">{name} {t('checks.slotMissed')}</Tag>;
      return <Tag key={slot}>{name} —</Tag>;
    });

  const deadlineHour = settings().checks.slotEnds[current.slot];
  const doneCount = items.length - pending.length;
  const truncated = (list.data?.total ?? 0) > all.length;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Space size="middle" wrap>
            <span>{t('checks.title')}</span>
            <Typography.Text type="secondary">{today}</Typography.Text>
            <Tag color="blue" style={{ fontSize: 15, padding: '2px 10px' }} data-testid="current-slot">
              {t('checks.currentSlot', { slot: slotName(current.slot, label, t), hour: `${deadlineHour}:00` })}
            </Tag>
          </Space>
        }
        extra={
          <Space>
            {mayOpenByHand && (
              <Link to="/observations/new" tabIndex={-1}>
                <Button icon={<UserAddOutlined />} tabIndex={-1}>
                  {t('act.openNew')}
                </Button>
              </Link>
            )}
            <Button icon={<ReloadOutlined />} onClick={() => void list.reload()} tabIndex={-1}>
              {t('common.refresh')}
            </Button>
            <Button
              id="checks-save"
              ref={saveRef}
              type="primary"
              icon={<SaveOutlined />}
              loading={saving}
              onClick={() => void save()}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && e.shiftKey) {
                  e.preventDefault();
                  const inputs = rowInputs(containerRef.current);
                  inputs[inputs.length - 1]?.focus();
                }
              }}
            >
              {t('checks.save')}
            </Button>
          </Space>
        }
      >
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Space size="large" wrap>
            <span>
              {t('checks.people')} <Typography.Text strong>{items.length}</Typography.Text>
            </span>
            <span>
              {t('checks.doneThisSlot')} <Typography.Text strong type="success">{doneCount}</Typography.Text>
            </span>
            <span>
              {t('checks.waiting')} <Badge count={pending.length} showZero color={pending.length ? '#1d5fbf' : '#bfbfbf'} overflowCount={9999} />
            </span>
            <EntrySummary store={store} pendingIds={pendingIds} />
          </Space>
          <Typography.Text type="secondary">{t('checks.keyboardHint')}</Typography.Text>
          <Space wrap>
            {user.role === 'admin' && (
              <JurisdictionPicker value={unit} onChange={setUnit} levels={['community', 'unit']} placeholder={t('checks.unitPlaceholder')} style={{ width: 320 }} />
            )}
            <Input.Search ref={searchRef} allowClear placeholder={t('checks.filterName')} style={{ width: 200 }} onSearch={setQ} onChange={(e) => !e.target.value && setQ('')} />
            <Space size={6}>
              <Switch size="small" checked={onlyPending} onChange={setOnlyPending} />
              <span>{t('checks.onlyPending')}</span>
            </Space>
          </Space>
          {elsewhere > 0 && <Typography.Text type="secondary" data-testid="checks-elsewhere">{t('act.outsideNote', { n: elsewhere })}</Typography.Text>}
          {truncated && <Alert type="warning" showIcon title={t('checks.truncated', { n: all.length, total: list.data!.total })} />}
          {list.error && <Alert type="error" showIcon title={list.error} />}
          {failure && <Alert type="error" showIcon title={failure} data-testid="checks-failure" />}
          {result && (
            <Alert
              type={result.alerts ? 'warning' : 'success'}
              showIcon
              data-testid="checks-result"
              title={t('checks.savedResult', { saved: result.saved, alerts: result.alerts })}
              action={result.alerts ? <Link to="/alerts">{t('checks.viewAlerts')}</Link> : undefined}
              closable
              onClose={() => setResult(null)}
            />
          )}
        </Space>
      </Card>

      {handoffs.length > 0 && (
        <Card
          size="small"
          data-testid="handoffs"
          title={<Typography.Text strong style={{ color: '#d46b08' }}>{t('act.pendingTitle', { n: handoffs.length })}</Typography.Text>}
          extra={<Typography.Text type="secondary">{t('act.pendingHint')}</Typography.Text>}
          styles={{ body: { padding: 0 } }}
        >
          <Table<ObservationView>
            rowKey="id"
            size="small"
            dataSource={handoffs}
            pagination={false}
            columns={[
              {
                title: t('arrivals.name'),
                width: 200,
                render: (_, o) => (
                  <Link to={`/persons/${o.person.id}`} target="_blank" tabIndex={-1}>
                    {o.person.name}
                  </Link>
                ),
              },
              { title: t('arrivals.document'), width: 180, render: (_, o) => <span style={{ fontFamily: 'monospace' }}>{o.person.documentNumber}</span> },
              { title: t('act.from'), render: (_, o) => o.unit.name },
              { title: t('act.handoffDay'), width: 120, render: (_, o) => o.handoffDay },
              { title: t('checks.kind'), width: 90, render: (_, o) => label(OBSERVATION_KIND_LABELS, o.kind) },
              { title: t('act.actions'), width: 240, render: (_, o) => <ObservationActions observation={o} onChanged={() => void list.reload()} /> },
            ]}
          />
        </Card>
      )}

      <Card size="small" styles={{ body: { padding: 0 } }}>
        <div ref={containerRef}>
          <Table<ObservationView>
            rowKey="id"
            size="small"
            loading={list.loading}
            dataSource={rows}
            pagination={false}
            sticky
            locale={{ emptyText: <Empty description={t('checks.empty')} /> }}
            rowClassName={(o) => (isDone(o) ? 'check-row-done' : '')}
            scroll={{ x: 1200 }}
            columns={[
              { title: '#', width: 50, render: (_, __, i) => i + 1 },
              {
                title: t('arrivals.name'),
                width: 150,
                render: (_, o) => (
                  <Space size={4}>
                    <Link to={`/persons/${o.person.id}`} target="_blank" tabIndex={-1}>
                      {o.person.name}
                    </Link>
                    {o.openAlerts > 0 && <Tag color="red">{t('checks.openAlert')}</Tag>}
                  </Space>
                ),
              },
              { title: t('arrivals.document'), width: 170, render: (_, o) => <span style={{ fontFamily: 'monospace' }}>{o.person.documentNumber}</span> },
              {
                title: t('checks.dayOf'),
                width: 100,
                render: (_, o) => {
                  const d = dayOfPeriod(o, today);
                  return d.n > d.total ? <Tag color="gold">{t('checks.periodOver')}</Tag> : t('checks.dayN', d);
                },
              },
              { title: t('checks.kind'), width: 90, render: (_, o) => label(OBSERVATION_KIND_LABELS, o.kind) },
              { title: t('checks.today'), width: 160, render: (_, o) => <Space size={2}>{slotTags(o)}</Space> },
              {
                title: t('checks.temperature'),
                width: 190,
                render: (_, o, i) =>
                  isDone(o) ? (
                    <Tag color="success" icon={<CheckCircleOutlined />} data-testid="row-done">
                      {t('checks.done')}
                    </Tag>
                  ) : (
                    <TemperatureCell store={store} id={o.id} index={i} name={o.person.name} onMove={onMove} />
                  ),
              },
              { title: t('desk.symptoms'), width: 120, render: (_, o) => (isDone(o) ? null : <SymptomCell store={store} id={o.id} />) },
              { title: t('act.actions'), width: 180, render: (_, o) => <ObservationActions observation={o} onChanged={() => void list.reload()} /> },
            ]}
          />
        </div>
      </Card>
      <style>{'.check-row-done td { background: #f6ffed !important; color: #8c8c8c; }'}</style>
    </Space>
  );
}

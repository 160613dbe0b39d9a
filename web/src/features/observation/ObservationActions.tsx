// Per-observation actions: 转交社区 (7+3 hand-off on/after the hand-off day), 接收 (the community takes
// a hand-off), 转送/提前结束 (with a reason and a confirmation), 调换房间 (hotel staff; override when full).
// Errors from the API are shown next to the action.
import { useEffect, useState } from 'react';
import { App as AntApp, Button, Modal, Popconfirm, Radio, Select, Space, Tag, Typography, Input, Alert } from 'antd';
import { api, ApiError } from '../../api/client';
import type { ObservationView, RoomView } from '../../api/observationTypes';
import { useUser } from '../../auth/AuthProvider';
import { useSave } from '../../components/useSave';
import { useI18n } from '../../i18n/I18nProvider';
import { OBSERVATION_STATUS_LABELS } from '../../i18n/labels';
import { SiteFullOverride } from './SiteFullOverride';
import { todayIn } from '../../format';
import { isWithin } from '../../../../src/domain/division-code';

const WORK_ROLES = ['admin', 'subdistrict', 'community', 'hotel'];
const ROOM_ROLES = ['admin', 'hotel'];

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export interface ObservationActionsProps {
  observation: ObservationView;
  /** Called after a successful action with the new state (null when the observation left the list). */
  onChanged(): void;
  size?: 'small' | 'middle';
}

export function ObservationActions({ observation: o, onChanged, size = 'small' }: ObservationActionsProps) {
  const user = useUser();
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ending, setEnding] = useState(false);
  const [moving, setMoving] = useState(false);

  if (o.status !== 'active') return null;
  const today = todayIn(new Date());
  const mayWork = WORK_ROLES.includes(user.role) && isWithin(o.unit.code, user.jurisdictionCode);
  const canHandOff = mayWork && o.kind === 'centralised' && !!o.community && !!o.handoffDay && o.handoffDay <= today && !o.pendingUnit;
  const canReceive = !!o.pendingUnit && WORK_ROLES.includes(user.role) && (user.role === 'admin' || o.pendingUnit.code === user.jurisdictionCode);
  const canMove = ROOM_ROLES.includes(user.role) && mayWork && o.kind === 'centralised' && !o.pendingUnit;

  const run = async (key: string, f: () => Promise<string>) => {
    setBusy(key);
    setError(null);
    try {
      message.success(await f());
      onChanged();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space size={[4, 2]} wrap data-testid="observation-actions">
      {o.pendingUnit && !canReceive && <Tag color="orange" style={{ whiteSpace: 'normal' }}>{t('act.handedOff', { unit: o.pendingUnit.name })}</Tag>}
      {canHandOff && (
        <Popconfirm
          title={t('act.handOff')}
          description={<div style={{ maxWidth: 320 }}>{t('act.handOffConfirm', { name: o.person.name, community: o.community!.name })}</div>}
          okText={t('act.handOff')}
          onConfirm={() =>
            run('handoff', async () => {
              await api.post(`/observations/${o.id}/hand-off`);
              return t('act.handOffDone', { community: o.community!.name });
            })
          }
        >
          <Button size={size} type="primary" loading={busy === 'handoff'} data-testid="action-handoff">
            {t('act.handOff')}
          </Button>
        </Popconfirm>
      )}
      {canReceive && (
        <Button
          size={size}
          type="primary"
          loading={busy === 'receive'}
          data-testid="action-receive"
          onClick={() =>
            void run('receive', async () => {
              await api.post(`/observations/${o.id}/receive`);
              return t('act.receiveDone', { name: o.person.name });
            })
          }
        >
          {t('act.receive')}
        </Button>
      )}
      {canMove && (
        <Button size={size} type="link" style={{ paddingInline: 2 }} onClick={() => setMoving(true)} data-testid="action-room">
          {t('act.room')}
        </Button>
      )}
      {mayWork && !o.pendingUnit && (
        <Button size={size} type="link" danger style={{ paddingInline: 2 }} onClick={() => setEnding(true)} data-testid="action-end">
          {t('act.end')}
        </Button>
      )}
      {error && (
        <Typography.Text type="danger" data-testid="action-error">
          {error}
        </Typography.Text>
      )}
      {ending && (
        <EndDialog
          observation={o}
          onClose={() => setEnding(false)}
          onDone={(text) => {
            setEnding(false);
            message.success(text);
            onChanged();
          }}
        />
      )}
      {moving && (
        <RoomDialog
          observation={o}
          onClose={() => setMoving(false)}
          onDone={(text) => {
            setMoving(false);
            message.success(text);
            onChanged();
          }}
        />
      )}
    </Space>
  );
}

function EndDialog({ observation: o, onClose, onDone }: { observation: ObservationView; onClose(): void; onDone(text: string): void }) {
  const { t, label } = useI18n();
  const { modal } = AntApp.useApp();
  const [status, setStatus] = useState<'transferred' | 'ended'>('transferred');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const { saving: sending, error, save } = useSave({ inline: true });

  const send = () =>
    save(() => api.post(`/observations/${o.id}/end`, { status, reason: reason.trim() }), {
      onSaved: () => onDone(t('act.endDone', { name: o.person.name, status: label(OBSERVATION_STATUS_LABELS, status) })),
    });

  const submit = () => {
    setTouched(true);
    if (!reason.trim()) return;
    modal.confirm({
      title: t('act.endConfirm'),
      content: <span data-testid="end-sure">{t('act.endSure', { name: o.person.name, status: label(OBSERVATION_STATUS_LABELS, status) })}</span>,
      okText: t('act.endConfirm'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => send(),
    });
  };

  return (
    <Modal
      open
      title={t('act.endTitle', { name: o.person.name })}
      okText={t('act.endConfirm')}
      okButtonProps={{ danger: true, loading: sending, id: 'end-submit' }}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <div>
          <Typography.Text strong>{t('act.endStatus')}</Typography.Text>
          <Radio.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 6, marginTop: 6 }}
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            options={[
              { value: 'transferred', label: t('act.transferred') },
              { value: 'ended', label: t('act.ended') },
            ]}
          />
        </div>
        <div>
          <label htmlFor="end-reason">
            <Typography.Text strong>{t('act.endReason')}</Typography.Text>
          </label>
          <Input.TextArea
            id="end-reason"
            aria-label={t('act.endReason')}
            autoFocus
            rows={3}
            maxLength={200}
            value={reason}
            placeholder={t('act.endReasonPlaceholder')}
            status={touched && !reason.trim() ? 'error' : undefined}
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                submit();
              }
            }}
            style={{ marginTop: 6 }}
          />
          {touched && !reason.trim() && <Typography.Text type="danger">{t('act.endReasonRequired')}</Typography.Text>}
        </div>
        {error && <Alert type="error" showIcon title={error} data-testid="end-error" />}
      </Space>
    </Modal>
  );
}

function RoomDialog({ observation: o, onClose, onDone }: { observation: ObservationView; onClose(): void; onDone(text: string): void }) {
  const { t } = useI18n();
  const [rooms, setRooms] = useState<RoomView[] | null>(null);
  const [roomId, setRoomId] = useState<string | undefined>(undefined);
  const { saving: sending, error, setError, save } = useSave({ inline: true });
  const [full, setFull] = useState<string | null>(null);

  useEffect(() => {
    api
      .get<RoomView[]>(`/sites/${o.unit.code}/rooms`)
      .then(setRooms)
      .catch((e) => {
        setRooms([]);
        setError(errorText(e));
      });
  }, [o.unit.code]);

  const send = async (override?: { reason: string }) => {
    if (!roomId) return;
    await save(() => api.post<{ roomNumber: string | null; overCapacity: boolean }>(`/observations/${o.id}/room`, { roomId, ...(override ? { override } : {}) }), {
      onSaved: (r) => onDone(t(r.overCapacity ? 'act.roomDoneOver' : 'act.roomDone', { number: r.roomNumber ?? '' })),
      onError: (e) => {
        if (!(e instanceof ApiError && e.code === 'site_full')) return false;
        setFull(e.message);
        return true;
      },
    });
  };

  return (
    <Modal
      open
      title={t('act.roomTitle', { name: o.person.name })}
      okText={t('act.room')}
      okButtonProps={{ loading: sending, disabled: !roomId || !!full }}
      cancelText={t('common.cancel')}
      onOk={() => void send()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {rooms && rooms.length === 0 && !error && <Alert type="info" showIcon title={t('act.roomNone')} />}
        <div>
          <label htmlFor="room-pick">
            <Typography.Text strong>{t('act.roomPick')}</Typography.Text>
          </label>
          <Select
            id="room-pick"
            style={{ width: '100%', marginTop: 6 }}
            loading={!rooms}
            showSearch={{ optionFilterProp: 'number' }}
            value={roomId}
            onChange={(v: string) => {
              setRoomId(v);
              setFull(null);
            }}
            options={(rooms ?? []).map((r) => ({
              value: r.id,
              number: r.number,
              disabled: !r.active,
              label: !r.active
                ? t('act.roomInactive', { number: r.number })
                : r.free > 0
                  ? t('act.roomFree', { number: r.number, free: r.free, capacity: r.capacity })
                  : t('act.roomFull', { number: r.number }),
            }))}
          />
        </div>
        {full && <SiteFullOverride message={full} sending={sending} onSend={(reason) => void send({ reason })} />}
        {error && <Alert type="error" showIcon title={error} data-testid="room-error" />}
      </Space>
    </Modal>
  );
}

/** The actions for an observation known only by id (the person record): its current view is fetched first. */
export function ObservationActionsById({ id, onChanged }: { id: string; onChanged(): void }) {
  const [view, setView] = useState<ObservationView | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    api
      .get<ObservationView>(`/observations/${encodeURIComponent(id)}`, undefined, { signal: controller.signal })
      .then(setView)
      .catch(() => setView(null));
    return () => controller.abort();
  }, [id, version]);
  if (!view) return null;
  return (
    <ObservationActions
      observation={view}
      onChanged={() => {
        setVersion((v) => v + 1);
        onChanged();
      }}
    />
  );
}

// 隔离点与房间: observation hotels and isolation sites with beds, occupied and free; the rooms of
// a site with their occupants; rooms added in bulk (by floors, or one per line).
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Col, Empty, Form, Input, InputNumber, Modal, Progress, Row, Segmented, Space, Switch, Table, Tag, Typography } from 'antd';
import { HomeOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { can } from '../../../../src/domain/permissions';
import { api } from '../../api/client';
import type { RoomView, SiteView } from '../../api/observationTypes';
import { useUser } from '../../auth/AuthProvider';
import { useApiData } from '../../components/useApiData';
import { localPagination } from '../../components/usePaging';
import { useSave } from '../../components/useSave';
import { useI18n } from '../../i18n/I18nProvider';
import { UNIT_KIND_LABELS } from '../../i18n/labels';

interface NewRoom {
  number: string;
  capacity: number;
}

const MAX_ROOMS = 1000;

/** Rooms by floor: floors 1–3 with 20 rooms each and prefix "A" give A101…A120, A201…A320. */
export function roomsByFloor(prefix: string, fromFloor: number, toFloor: number, perFloor: number, capacity: number): NewRoom[] {
  const out: NewRoom[] = [];
  const width = perFloor >= 100 ? 3 : 2;
  for (let f = fromFloor; f <= toFloor; f++) {
    for (let i = 1; i <= perFloor; i++) out.push({ number: `${prefix}${f}${String(i).padStart(width, '0')}`, capacity });
  }
  return out;
}

/** One room per line: "101", or "101 2" / "101,2" / "101\t2" with its beds. */
export function roomsFromLines(text: string, capacity: number): { rooms: NewRoom[]; bad: number[] } {
  const rooms: NewRoom[] = [];
  const bad: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const s = line.trim();
    if (!s) return;
    const m = /^(\S(?:.*\S)?)(?:[\s,，\t]+(\d{1,2}))$/.exec(s);
    const number = m && m[2] ? m[1] : s;
    const beds = m && m[2] ? Number(m[2]) : capacity;
    if (number.length > 20 || beds < 1 || beds > 50) bad.push(i + 1);
    else rooms.push({ number, capacity: beds });
  });
  return { rooms, bad };
}

function AddRoomsModal({ site, open, onClose, onAdded }: { site: SiteView; open: boolean; onClose(): void; onAdded(n: number): void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'floors' | 'lines'>('floors');
  const [floors, setFloors] = useState({ prefix: '', from: 1, to: 3, perFloor: 10, capacity: 1 });
  const [lines, setLines] = useState('');
  const { saving, error, save } = useSave({ inline: true });
  const plan = useMemo(() => {
    if (mode === 'floors') {
      const ok = floors.from >= 0 && floors.to >= floors.from && floors.perFloor >= 1;
      return { rooms: ok ? roomsByFloor(floors.prefix.trim(), floors.from, floors.to, floors.perFloor, floors.capacity) : [], bad: [] as number[] };
    }
    return roomsFromLines(lines, floors.capacity);
  }, [mode, floors, lines]);
  const beds = plan.rooms.reduce((n, r) => n + r.capacity, 0);
  const tooMany = plan.rooms.length > MAX_ROOMS;

  const submit = async () => {
    if (!plan.rooms.length || plan.bad.length || tooMany) return;
    await save(() => api.post<RoomView[]>(`/sites/${encodeURIComponent(site.code)}/rooms`, { rooms: plan.rooms }), {
      success: (created) => t('sites.added', { n: created.length }),
      onSaved: (created) => {
        setLines('');
        onAdded(created.length);
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('sites.addRoomsTitle', { site: site.name })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('sites.addRoomsOk', { n: plan.rooms.length })}
      okButtonProps={{ disabled: !plan.rooms.length || plan.bad.length > 0 || tooMany }}
      confirmLoading={saving}
      width={620}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Segmented<'floors' | 'lines'>
          value={mode}
          onChange={setMode}
          options={[
            { value: 'floors', label: t('sites.byFloors') },
            { value: 'lines', label: t('sites.byLines') },
          ]}
        />
        <Form layout="vertical">
          {mode === 'floors' ? (
            <Row gutter={12}>
              <Col span={6}>
                <Form.Item label={t('sites.prefix')} tooltip={t('sites.prefixHint')}>
                  <Input id="rooms-prefix" value={floors.prefix} maxLength={8} onChange={(e) => setFloors({ ...floors, prefix: e.target.value })} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label={t('sites.fromFloor')}>
                  <InputNumber id="rooms-from" min={0} max={99} value={floors.from} onChange={(v) => setFloors({ ...floors, from: v ?? 1 })} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label={t('sites.toFloor')}>
                  <InputNumber id="rooms-to" min={0} max={99} value={floors.to} onChange={(v) => setFloors({ ...floors, to: v ?? 1 })} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label={t('sites.perFloor')}>
                  <InputNumber id="rooms-per-floor" min={1} max={200} value={floors.perFloor} onChange={(v) => setFloors({ ...floors, perFloor: v ?? 1 })} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          ) : (
            <Form.Item label={t('sites.lines')} extra={t('sites.linesHint')}>
              <Input.TextArea id="rooms-lines" rows={6} value={lines} onChange={(e) => setLines(e.target.value)} placeholder={'101\n102 2\n东楼203'} />
            </Form.Item>
          )}
          <Form.Item label={t('sites.bedsPerRoom')} style={{ marginBottom: 0 }}>
            <InputNumber id="rooms-capacity" min={1} max={50} value={floors.capacity} onChange={(v) => setFloors({ ...floors, capacity: v ?? 1 })} />
          </Form.Item>
        </Form>
        <Alert
          type={plan.bad.length || tooMany ? 'error' : 'info'}
          showIcon
          data-testid="rooms-preview"
          title={
            plan.bad.length
              ? t('sites.badLines', { lines: plan.bad.join('、') })
              : tooMany
                ? t('sites.tooMany', { max: MAX_ROOMS })
                : t('sites.preview', { n: plan.rooms.length, beds })
          }
          description={
            plan.rooms.length > 0 && !plan.bad.length ? (
              <Typography.Text type="secondary">
                {plan.rooms.slice(0, 8).map((r) => r.number).join('、')}
                {plan.rooms.length > 8 ? ` … ${plan.rooms[plan.rooms.length - 1].number}` : ''}
              </Typography.Text>
            ) : undefined
          }
        />
        {error && <Alert type="error" showIcon title={error} data-testid="rooms-error" />}
      </Space>
    </Modal>
  );
}

function RoomsCard({ site, canManage, onChanged }: { site: SiteView; canManage: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [adding, setAdding] = useState(false);
  const rooms = useApiData((signal) => api.get<RoomView[]>(`/sites/${encodeURIComponent(site.code)}/rooms`, undefined, { signal }), [site.code]);
  const patch = async (r: RoomView, body: { capacity?: number; active?: boolean }) => {
    try {
      await api.patch<RoomView>(`/rooms/${encodeURIComponent(r.id)}`, body);
      await rooms.reload();
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const list = rooms.data ?? [];
  return (
    <Card
      size="small"
      title={t('sites.roomsOf', { site: site.name })}
      extra={
        <Space>
          <Typography.Text type="secondary">{t('sites.roomsSummary', { n: list.length, free: list.filter((r) => r.active).reduce((n, r) => n + r.free, 0) })}</Typography.Text>
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('sites.addRooms')}
            </Button>
          )}
        </Space>
      }
    >
      {rooms.error && <Alert type="error" showIcon title={rooms.error} style={{ marginBottom: 8 }} />}
      <Table<RoomView>
        rowKey="id"
        size="small"
        loading={rooms.loading}
        dataSource={list}
        locale={{ emptyText: <Empty description={site.declaredRooms ? t('sites.noRoomsDeclared', { n: site.declaredRooms }) : t('sites.noRooms')} /> }}
        pagination={{ ...localPagination(t, 50), hideOnSinglePage: true }}
        rowClassName={(r) => (!r.active ? 'room-inactive' : '')}
        columns={[
          { title: t('sites.roomNumber'), render: (_, r) => <Typography.Text strong>{r.number}</Typography.Text> },
          {
            title: t('sites.beds'),
            render: (_, r) =>
              canManage ? (
                <InputNumber
                  size="small"
                  min={1}
                  max={50}
                  defaultValue={r.capacity}
                  key={`${r.id}-${r.capacity}`}
                  style={{ width: 70 }}
                  onBlur={(e) => {
                    const v = Number(e.target.value);
                    if (Number.isInteger(v) && v >= 1 && v <= 50 && v !== r.capacity) void patch(r, { capacity: v });
                  }}
                />
              ) : (
                r.capacity
              ),
          },
          { title: t('sites.occupants'), render: (_, r) => r.occupants },
          {
            title: t('sites.free'),
            render: (_, r) => (r.active ? <Tag color={r.free > 0 ? 'green' : 'red'}>{r.free > 0 ? t('sites.freeN', { n: r.free }) : t('sites.full')}</Tag> : '—'),
          },
          {
            title: t('sites.inService'),
            render: (_, r) =>
              canManage ? (
                <Switch size="small" checked={r.active} disabled={r.active && r.occupants > 0} onChange={(v) => void patch(r, { active: v })} />
              ) : r.active ? (
                t('common.yes')
              ) : (
                t('common.no')
              ),
          },
        ]}
      />
      <AddRoomsModal
        site={site}
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={() => {
          setAdding(false);
          void rooms.reload();
          onChanged();
        }}
      />
      <style>{'.room-inactive td { color: #bfbfbf; }'}</style>
    </Card>
  );
}

export function SitesPage() {
  const user = useUser();
  const { t, label } = useI18n();
  const [params, setParams] = useSearchParams();
  const canManage = can(user.role, 'sites:manage');
  const sites = useApiData((signal) => api.get<SiteView[]>('/sites', undefined, { signal }), []);
  const list = sites.data ?? [];
  const selectedCode = params.get('site') ?? list[0]?.code;
  const selected = list.find((s) => s.code === selectedCode);
  const totals = list.reduce((a, s) => ({ capacity: a.capacity + s.capacity, occupied: a.occupied + s.occupied, free: a.free + s.free }), { capacity: 0, occupied: 0, free: 0 });

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Space>
            <HomeOutlined />
            {t('sites.title')}
          </Space>
        }
        extra={
          <Space>
            <Typography.Text type="secondary" data-testid="sites-totals">
              {t('sites.totals', { n: list.length, capacity: totals.capacity, occupied: totals.occupied, free: totals.free })}
            </Typography.Text>
            <Button icon={<ReloadOutlined />} onClick={() => void sites.reload()}>
              {t('common.refresh')}
            </Button>
          </Space>
        }
      >
        {sites.error && <Alert type="error" showIcon title={sites.error} style={{ marginBottom: 8 }} />}
        <Table<SiteView>
          rowKey="code"
          size="middle"
          loading={sites.loading}
          dataSource={list}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('sites.empty')} /> }}
          onRow={(s) => ({
            onClick: () => setParams({ site: s.code }, { replace: true }),
            style: { cursor: 'pointer', ...(s.code === selectedCode ? { background: '#e6f4ff' } : {}) },
          })}
          columns={[
            { title: t('units.name'), render: (_, s) => <Typography.Text strong>{s.name}</Typography.Text> },
            { title: t('units.kind'), render: (_, s) => label(UNIT_KIND_LABELS, s.kind) },
            { title: t('sites.rooms'), render: (_, s) => (s.definedRooms ? s.definedRooms : s.declaredRooms ? t('sites.declared', { n: s.declaredRooms }) : '—') },
            { title: t('sites.capacity'), render: (_, s) => s.capacity },
            { title: t('sites.occupied'), render: (_, s) => s.occupied },
            {
              title: t('sites.free'),
              render: (_, s) => <Typography.Text type={s.free === 0 ? 'danger' : 'success'} strong>{s.free}</Typography.Text>,
            },
            {
              title: t('sites.occupancy'),
              width: 200,
              render: (_, s) => (
                <Progress
                  size="small"
                  percent={s.capacity ? Math.round((s.occupied / s.capacity) * 100) : s.occupied ? 100 : 0}
                  status={s.occupied >= s.capacity && s.occupied > 0 ? 'exception' : 'normal'}
                />
              ),
            },
          ]}
        />
      </Card>
      {selected && <RoomsCard key={selected.code} site={selected} canManage={canManage} onChanged={() => void sites.reload()} />}
    </Space>
  );
}

// 人员档案: one place to see a person: identity (masked; revealed with permission, audited),
// residence, every arrival with its hand-offs, every observation with its checks and alerts,
// care flags and tasks, and persons merged into this one.
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Empty, Result, Row, Space, Spin, Steps, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, FileTextOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { STAGES } from '../../../../src/domain/enums';
import { can } from '../../../../src/domain/permissions';
import { api, ApiError } from '../../api/client';
import type { Page } from '../../api/types';
import type { CareFlagView, MergeView, PersonRecord, RecordArrival, RecordObservation } from '../../api/observationTypes';
import { useUser } from '../../auth/AuthProvider';
import { DispositionTag, HealthCodeTag, TemperatureText } from '../../components/StatusTags';
import { IdentityCard } from '../../components/IdentityCard';
import { useApiData } from '../../components/useApiData';
import { ObservationActionsById } from '../observation/ObservationActions';
import { formatTime } from '../../format';
import { useI18n } from '../../i18n/I18nProvider';
import {
  ALERT_RESOLUTION_LABELS,
  CARE_GROUP_LABELS,
  CARE_NEED_LABELS,
  DOCUMENT_TYPE_LABELS,
  OBSERVATION_KIND_LABELS,
  OBSERVATION_REASON_LABELS,
  OBSERVATION_STATUS_LABELS,
  STAGE_SHORT_LABELS,
  SYMPTOM_LABELS,
  TRANSPORT_LABELS,
} from '../../i18n/labels';
import { CareFlagsModal, CareTaskModal } from '../care/careModals';
import { CareTaskTable } from '../care/CareTaskTable';
import { openNotice } from '../observation/releaseNotice';
import { CaseStatusTag, ClassificationTag } from '../cases/CaseTags';
import { slotName } from '../observation/observationUtils';

const STATUS_COLORS: Record<string, string> = { active: 'processing', released: 'success', transferred: 'warning', ended: 'default' };

function ArrivalCard({ a }: { a: RecordArrival }) {
  const { t, label } = useI18n();
  const colon = t('common.colon');
  const done = STAGES.indexOf(a.stage);
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <span>{formatTime(a.arrivedAt)}</span>
          <span>{a.entryPoint.name}</span>
          <DispositionTag disposition={a.disposition} />
        </Space>
      }
      extra={<Link to={`/arrivals/${a.id}`}>{t('persons.arrivalDetail')}</Link>}
      style={{ marginBottom: 12 }}
    >
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('detail.transport')}>
              {label(TRANSPORT_LABELS, a.transport.mode)} {a.transport.number ?? ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('arrivals.origin')}>{a.origin.name}</Descriptions.Item>
            <Descriptions.Item label={t('detail.healthCode')}>
              <HealthCodeTag color={a.healthCodeColor} />
            </Descriptions.Item>
            <Descriptions.Item label={t('arrivals.temperature')}>
              <TemperatureText value={a.temperature} abnormal={a.abnormalTemperature} />
            </Descriptions.Item>
            <Descriptions.Item label={t('desk.visited')} span="filled">
              {a.visited.length ? a.visited.map((v) => `${v.name}（${v.from} ~ ${v.to}）`).join('；') : t('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('desk.contact')} span="filled">
              {a.contactWithAffected ? `${t('common.yes')}${a.contactNote ? '：' + a.contactNote : ''}` : t('common.no')}
            </Descriptions.Item>
            <Descriptions.Item label={t('detail.destination')} span="filled">
              {a.destination.name}　{a.destination.address}
              {a.destination.compound ? `（${a.destination.compound}）` : ''}
            </Descriptions.Item>
          </Descriptions>
        </Col>
        <Col xs={24} lg={9}>
          <Typography.Text strong>{t('detail.timeline')}</Typography.Text>
          <Steps
            orientation="vertical"
            size="small"
            style={{ marginTop: 8 }}
            current={Math.min(done + 1, STAGES.length)}
            items={STAGES.map((stage, i) => {
              const entry = a.timeline.find((e) => e.stage === stage);
              return {
                status: entry || i <= done ? 'finish' : i === done + 1 ? 'process' : 'wait',
                title: label(STAGE_SHORT_LABELS, stage),
                content: entry ? (
                  <span>
                    {entry.unit?.name ?? a.entryPoint.name}{colon}
                    {entry.actorName}　{formatTime(entry.at)}
                  </span>
                ) : null,
              };
            })}
          />
        </Col>
      </Row>
    </Card>
  );
}

function ObservationCard({ o, onChanged }: { o: RecordObservation; onChanged(): void }) {
  const { t, label } = useI18n();
  const user = useUser();
  const checks = [...o.checks].sort((a, b) => b.takenAt.localeCompare(a.takenAt));
  const checkById = new Map(o.checks.map((c) => [c.id, c]));
  return (
    <Card
      size="small"
      data-testid="observation-card"
      style={{ marginBottom: 12 }}
      title={
        <Space wrap>
          <span>{label(OBSERVATION_KIND_LABELS, o.kind)}</span>
          <Tag>{label(OBSERVATION_REASON_LABELS, o.reason)}</Tag>
          <Tag color={STATUS_COLORS[o.status]}>{label(OBSERVATION_STATUS_LABELS, o.status)}</Tag>
        </Space>
      }
      extra={
        o.status === 'released' ? (
          <Button size="small" icon={<FileTextOutlined />} onClick={() => openNotice(o.id)}>
            {t('release.openNotice')}
          </Button>
        ) : o.status === 'active' && can(user.role, 'observations:work') ? (
          <ObservationActionsById id={o.id} onChanged={onChanged} />
        ) : undefined
      }
    >
      <Descriptions column={{ xs: 1, md: 3 }} size="small">
        <Descriptions.Item label={t('alerts.unit')}>{o.unit.name}</Descriptions.Item>
        <Descriptions.Item label={t('release.period')}>
          {o.startDay} ~ {o.endDay}
        </Descriptions.Item>
        {o.handoffDay && (
          <Descriptions.Item label={t('persons.handoffDay')}>
            {o.handoffDay}
            {o.community ? ` → ${o.community.name}` : ''}
          </Descriptions.Item>
        )}
        {o.endedAt && <Descriptions.Item label={t('persons.endedAt')}>{formatTime(o.endedAt)}</Descriptions.Item>}
        {o.endReason && <Descriptions.Item label={t('persons.endReason')}>{o.endReason}</Descriptions.Item>}
      </Descriptions>
      {o.alerts.length > 0 && (
        <div style={{ margin: '8px 0' }}>
          <Typography.Text strong>{t('persons.alerts')}</Typography.Text>
          {o.alerts.map((a) => {
            const c = checkById.get(a.checkId);
            return (
              <Alert
                key={a.id}
                style={{ marginTop: 6 }}
                type={a.status === 'open' ? 'error' : 'info'}
                showIcon
                title={
                  <Space wrap>
                    <span>{formatTime(a.openedAt)}</span>
                    {c && <Typography.Text strong>{c.temperature.toFixed(1)}℃</Typography.Text>}
                    {c?.symptoms.length ? <span>{c.symptoms.map((s) => label(SYMPTOM_LABELS, s)).join('、')}</span> : null}
                    {a.status === 'open' ? (
                      <Tag color="red">{t('persons.alertOpen')}</Tag>
                    ) : (
                      <>
                        <Tag color="green">{label(ALERT_RESOLUTION_LABELS, a.resolution)}</Tag>
                        <span>{a.outcome}</span>
                        <Typography.Text type="secondary">{formatTime(a.closedAt)}</Typography.Text>
                      </>
                    )}
                  </Space>
                }
              />
            );
          })}
        </div>
      )}
      <Table
        rowKey="id"
        size="small"
        dataSource={checks}
        style={{ marginTop: 8 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('persons.noChecks')} /> }}
        pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
        columns={[
          { title: t('persons.checkDay'), render: (_, c) => `${c.reportDay} ${slotName(c.slot, label, t)}` },
          { title: t('alerts.takenAt'), render: (_, c) => formatTime(c.takenAt) },
          {
            title: t('arrivals.temperature'),
            render: (_, c) => (
              <Typography.Text type={c.abnormal ? 'danger' : undefined} strong={c.abnormal} data-testid="check-temperature">
                {c.temperature.toFixed(1)}℃
              </Typography.Text>
            ),
          },
          { title: t('desk.symptoms'), render: (_, c) => (c.symptoms.length ? c.symptoms.map((s) => label(SYMPTOM_LABELS, s)).join('、') : t('common.none')) },
        ]}
      />
    </Card>
  );
}

function CareCard({ person }: { person: PersonRecord }) {
  const user = useUser();
  const { t, label } = useI18n();
  const canManage = can(user.role, 'care:manage');
  const [editing, setEditing] = useState(false);
  const [creating, setCreating] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  // The flags list is by jurisdiction; the person's own community holds their flag.
  const flag = useApiData(
    async (signal) => {
      const res = await api.get<Page<CareFlagView>>('/care/flags', { within: person.residence.code, pageSize: 500 }, { signal });
      return res.items.find((f) => f.person.id === person.id) ?? null;
    },
    [person.id, person.residence.code, reloadKey],
  );
  const f = flag.data ?? null;
  return (
    <Card
      size="small"
      title={t('persons.care')}
      extra={
        canManage && (
          <Space>
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {f ? t('common.edit') : t('care.flagPerson')}
            </Button>
            <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('care.newTask')}
            </Button>
          </Space>
        )
      }
    >
      {flag.error && <Alert type="error" showIcon title={flag.error} />}
      {flag.loading && !flag.data ? (
        <Spin />
      ) : f ? (
        <Space orientation="vertical" size={4}>
          <Space wrap>
            {f.groups.map((g) => (
              <Tag key={g} color="purple">
                {label(CARE_GROUP_LABELS, g)}
              </Tag>
            ))}
            {f.needs.map((n) => (
              <Tag key={n} color="cyan">
                {label(CARE_NEED_LABELS, n)}
              </Tag>
            ))}
          </Space>
          {f.note && <Typography.Text type="secondary">{f.note}</Typography.Text>}
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('persons.noCareFlags')}</Typography.Text>
      )}
      <div style={{ marginTop: 8 }}>
        <CareTaskTable compact query={{ personId: person.id }} canManage={canManage} reloadKey={reloadKey} onChanged={() => setReloadKey((k) => k + 1)} />
      </div>
      {editing && (
        <CareFlagsModal
          open
          person={person}
          flag={f}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setReloadKey((k) => k + 1);
          }}
        />
      )}
      <CareTaskModal
        open={creating}
        person={{ id: person.id, name: person.name, needs: f?.needs }}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          setReloadKey((k) => k + 1);
        }}
      />
    </Card>
  );
}

function MergedFromCard({ person, onChanged }: { person: PersonRecord; onChanged(): void }) {
  const user = useUser();
  const { t, label } = useI18n();
  const { message, modal } = AntApp.useApp();
  if (!person.mergedFrom.length) return null;
  const undo = (m: PersonRecord['mergedFrom'][number]) =>
    modal.confirm({
      title: t('dup.undoConfirm', { name: m.person.name }),
      okText: t('dup.undo'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.post<MergeView>(`/persons/merges/${encodeURIComponent(m.mergeId)}/undo`, {});
          message.success(t('dup.undone'));
          onChanged();
        } catch (e) {
          message.error((e as Error).message);
        }
      },
    });
  return (
    <Card size="small" title={t('persons.mergedFrom')}>
      {person.mergedFrom.map((m) => (
        <Space key={m.mergeId} style={{ display: 'flex', marginBottom: 4 }} wrap>
          <span>
            {m.person.name}（{label(DOCUMENT_TYPE_LABELS, m.person.documentType)} <span style={{ fontFamily: 'monospace' }}>{m.person.documentNumber}</span>）
          </span>
          <Typography.Text type="secondary">{formatTime(m.mergedAt)}</Typography.Text>
          {user.role === 'admin' && (
            <Button size="small" icon={<RollbackOutlined />} onClick={() => undo(m)}>
              {t('dup.undo')}
            </Button>
          )}
        </Space>
      ))}
    </Card>
  );
}

export function PersonPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const record = useApiData((signal) => api.get<PersonRecord>(`/persons/${encodeURIComponent(id)}`, undefined, { signal }), [id]);
  const failure = record.failure instanceof ApiError ? record.failure : null;
  const survivorId = failure?.code === 'merged' && typeof failure.body.survivorId === 'string' ? failure.body.survivorId : null;

  // A person merged into another: their record lives on under the survivor.
  useEffect(() => {
    if (!survivorId) return;
    message.info(t('persons.mergedRedirect'));
    navigate(`/persons/${survivorId}`, { replace: true });
  }, [survivorId, navigate, message, t]);

  if (record.error && !survivorId) {
    const status = failure?.status === 404 ? '404' : failure?.status === 403 ? '403' : 'error';
    return <Result status={status} title={record.error} extra={<Button onClick={() => navigate(-1)}>{t('common.back')}</Button>} />;
  }
  const person = record.data;
  if (!person || person.id !== id) return <Spin size="large" style={{ display: 'block', marginTop: 80 }} />;
  const active = person.observations.find((o) => o.status === 'active');
  const showCare = can(user.role, 'care:read');

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t('common.back')}
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('persons.titleOf', { name: person.name })}
        </Typography.Title>
        {active && <Tag color="processing">{t('persons.underObservation', { unit: active.unit.name })}</Tag>}
        {person.observations.some((o) => o.alerts.some((a) => a.status === 'open')) && <Tag color="red">{t('persons.alertOpen')}</Tag>}
      </Space>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <IdentityCard person={person}>
            <Descriptions.Item label={t('persons.residence')} span="filled">
              {person.residence.path.map((n) => n.name).join(' ') || person.residence.name}
            </Descriptions.Item>
          </IdentityCard>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {showCare && <CareCard person={person} />}
            <MergedFromCard person={person} onChanged={() => void record.reload()} />
          </Space>
        </Col>
      </Row>
      {person.cases.length > 0 && (
        <Card size="small" title={t('persons.cases', { n: person.cases.length })}>
          {person.cases.map((c) => (
            <div key={c.id} data-testid="person-case" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', padding: '6px 0' }}>
              <Link to={`/cases/${c.id}`}>{formatTime(c.reportedAt)}</Link>
              <ClassificationTag classification={c.classification} />
              <CaseStatusTag status={c.status} />
              <Typography.Text type="secondary">{c.jurisdiction.name}</Typography.Text>
            </div>
          ))}
        </Card>
      )}
      <Card size="small" title={t('persons.observations', { n: person.observations.length })}>
        {person.observations.length ? person.observations.map((o) => <ObservationCard key={o.id} o={o} onChanged={() => void record.reload()} />) : <Empty description={t('persons.noObservations')} />}
      </Card>
      <Card size="small" title={t('persons.arrivals', { n: person.arrivals.length })}>
        {person.arrivals.length ? person.arrivals.map((a) => <ArrivalCard key={a.id} a={a} />) : <Empty description={t('persons.noArrivals')} />}
      </Card>
    </Space>
  );
}

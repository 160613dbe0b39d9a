// A person record's arrival and observation cards, each with its hand-offs or checks and alerts.
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Space, Steps, Table, Tag, Typography } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { STAGES } from '../../../../src/domain/enums';
import { can } from '../../../../src/domain/permissions';
import type { RecordArrival, RecordObservation } from '../../api/observationTypes';
import { useUser } from '../../auth/AuthProvider';
import { DispositionTag, HealthCodeTag, TemperatureText } from '../../components/StatusTags';
import { ObservationActionsById } from '../observation/ObservationActions';
import { formatTime } from '../../format';
import { useI18n } from '../../i18n/I18nProvider';
import {
  ALERT_RESOLUTION_LABELS,
  OBSERVATION_KIND_LABELS,
  OBSERVATION_REASON_LABELS,
  OBSERVATION_STATUS_LABELS,
  STAGE_SHORT_LABELS,
  SYMPTOM_LABELS,
  TRANSPORT_LABELS,
} from '../../i18n/labels';
import { openNotice } from '../observation/releaseNotice';
import { slotName } from '../observation/observationUtils';

export const STATUS_COLORS: Record<string, string> = { active: 'processing', released: 'success', transferred: 'warning', ended: 'default' };

export function ArrivalCard({ a }: { a: RecordArrival }) {
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

export function ObservationCard({ o, onChanged }: { o: RecordObservation; onChanged(): void }) {
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

// 人员详情: identity (masked, revealable with permission), arrival facts, triage, destination and hand-offs.
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Col, Descriptions, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, IdcardOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import type { ArrivalView } from '../../api/types';
import { StageSteps } from '../../components/StageSteps';
import { IdentityCard } from '../../components/IdentityCard';
import { DispositionTag, HealthCodeTag, OverdueTag, StageTag, TemperatureText } from '../../components/StatusTags';
import { formatTime } from '../../format';
import { reasonsText } from '../../components/TriageBanner';
import { useI18n } from '../../i18n/I18nProvider';
import { SYMPTOM_LABELS, TRANSPORT_LABELS } from '../../i18n/labels';

function useArrival(id: string) {
  const [arrival, setArrival] = useState<ArrivalView | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  useEffect(() => {
    setArrival(null);
    api
      .get<ArrivalView>(`/arrivals/${encodeURIComponent(id)}`)
      .then(setArrival)
      .catch(setError);
  }, [id]);
  return { arrival, error };
}

function ArrivalFactsCard({ arrival: a }: { arrival: ArrivalView }) {
  const { t, label } = useI18n();
  return (
    <Card size="small" title={t('detail.arrival')}>
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('arrivals.entryPoint')}>{a.entryPoint.name}</Descriptions.Item>
        <Descriptions.Item label={t('detail.arrivedAt')}>{formatTime(a.arrivedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('detail.transport')}>
          {label(TRANSPORT_LABELS, a.transport.mode)} {a.transport.number ?? ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('arrivals.origin')}>{a.origin.name}</Descriptions.Item>
        <Descriptions.Item label={t('detail.healthCode')}>
          <HealthCodeTag color={a.healthCode.color} />
        </Descriptions.Item>
        <Descriptions.Item label={t('arrivals.temperature')}>
          <TemperatureText value={a.temperature} abnormal={a.abnormalTemperature} />
          {a.abnormalTemperature && <Tag color="red" style={{ marginInlineStart: 8 }}>{t('desk.temperatureAbnormal')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('desk.symptoms')}>
          {a.symptoms.length ? a.symptoms.map((s) => label(SYMPTOM_LABELS, s)).join('、') : t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('desk.contact')}>
          {a.contactWithAffected ? `${t('common.yes')}${a.contactNote ? '：' + a.contactNote : ''}` : t('common.no')}
        </Descriptions.Item>
        <Descriptions.Item label={t('desk.visited')} span="filled">
          {a.visited.length ? a.visited.map((v) => `${v.name}（${v.from} ~ ${v.to}）`).join('；') : t('common.none')}
        </Descriptions.Item>
        {a.healthCode.raw && (
          <Descriptions.Item label={t('detail.healthCodeRaw')} span="filled">
            <Typography.Text code ellipsis style={{ maxWidth: 480 }}>
              {a.healthCode.raw}
            </Typography.Text>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('detail.registeredBy')} span="filled">
          {a.registeredBy.name}　{formatTime(a.registeredAt)}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function TriageCard({ arrival: a }: { arrival: ArrivalView }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('detail.triage')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <div style={{ fontSize: 22 }}>
          <DispositionTag disposition={a.disposition} />
        </div>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('detail.reasons')}>{reasonsText(a.reasons, t)}</Descriptions.Item>
          <Descriptions.Item label={t('detail.route')}>
            {[a.route.first, a.route.second].filter(Boolean).map((r) => r!.name).join(' → ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.destination')}>{a.destination.path}</Descriptions.Item>
          <Descriptions.Item label={t('desk.address')}>
            {a.destination.address}
            {a.destination.compound ? `（${a.destination.compound}）` : ''}
          </Descriptions.Item>
          {a.employer && <Descriptions.Item label={t('detail.employer')}>{a.employer.name}</Descriptions.Item>}
        </Descriptions>
      </Space>
    </Card>
  );
}

export function ArrivalDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { arrival, error } = useArrival(id);

  if (error) {
    const status = error instanceof ApiError && error.status === 404 ? '404' : error instanceof ApiError && error.status === 403 ? '403' : 'error';
    return <Result status={status} title={error.message} extra={<Button onClick={() => navigate(-1)}>{t('common.back')}</Button>} />;
  }
  if (!arrival) return <Spin size="large" style={{ display: 'block', marginTop: 80 }} />;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t('common.back')}
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('detail.titleOf', { name: arrival.person.name })}
        </Typography.Title>
        <StageTag stage={arrival.stage} />
        {arrival.overdue && <OverdueTag />}
        <Button icon={<IdcardOutlined />} onClick={() => navigate(`/persons/${arrival.person.id}`)}>
          {t('persons.record')}
        </Button>
      </Space>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <IdentityCard person={arrival.person} />
            <ArrivalFactsCard arrival={arrival} />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <TriageCard arrival={arrival} />
            <Card size="small" title={t('detail.timeline')}>
              <StageSteps arrival={arrival} />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

// 人员档案: one place to see a person: identity (masked; revealed with permission, audited),
// residence, every arrival with its hand-offs, every observation with its checks and alerts,
// care flags and tasks, and persons merged into this one.
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Empty, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { can } from '../../../../src/domain/permissions';
import { api, ApiError } from '../../api/client';
import type { Page } from '../../api/types';
import type { CareFlagView, MergeView, PersonRecord } from '../../api/observationTypes';
import { useUser } from '../../auth/AuthProvider';
import { IdentityCard } from '../../components/IdentityCard';
import { useApiData } from '../../components/useApiData';
import { formatTime } from '../../format';
import { useI18n } from '../../i18n/I18nProvider';
import {
  CARE_GROUP_LABELS,
  CARE_NEED_LABELS,
  DOCUMENT_TYPE_LABELS,
} from '../../i18n/labels';
import { CareFlagsModal, CareTaskModal } from '../care/careModals';
import { CareTaskTable } from '../care/CareTaskTable';
import { CaseStatusTag, ClassificationTag } from '../cases/CaseTags';
import { ArrivalCard, ObservationCard } from './recordCards';

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

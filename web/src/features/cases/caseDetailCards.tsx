// The case detail's cards: the facts of the case, its history, and naming its cluster.
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Space, Timeline, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { CaseDetail, CaseEvent } from '../../api/caseTypes';
import { formatTime } from '../../format';
import { useSave } from '../../components/useSave';
import { useI18n } from '../../i18n/I18nProvider';
import {
  CASE_EVENT_LABELS,
  CASE_STATUS_LABELS,
  CLASSIFICATION_LABELS,
  CLINICAL_TYPE_LABELS,
  FOUND_BY_LABELS,
} from '../../i18n/labels';
import { CaseStatusTag, ClassificationTag, OriginTag } from './CaseTags';
import { usePeriodText } from './ExposureForm';
import { EnterSubmits } from './formParts';

/** The value an event changed to, in words. */
export function useEventText() {
  const { t, label } = useI18n();
  return (e: CaseEvent): string => {
    const value = (v: string | null) => {
      if (v === null) return '—';
      if (e.kind === 'status') return label(CASE_STATUS_LABELS, v);
      if (e.kind === 'reported' || e.kind === 'attached' || e.kind === 'reclassified') return label(CLASSIFICATION_LABELS, v);
      if (e.kind === 'clinical_type') return label(CLINICAL_TYPE_LABELS, v);
      return v;
    };
    const detail = e.detail ?? {};
    const unit = typeof detail.reportingUnit === 'string' ? detail.reportingUnit : '';
    const foundBy = typeof detail.foundBy === 'string' ? label(FOUND_BY_LABELS, detail.foundBy) : '';
    if (e.kind === 'reported' || e.kind === 'attached') return [value(e.to), unit, foundBy].filter(Boolean).join(' · ');
    if (e.kind === 'source') return t('event.source');
    return e.from ? `${value(e.from)} → ${value(e.to)}` : value(e.to);
  };
}

export function EventsCard({ c }: { c: CaseDetail }) {
  const { t, label } = useI18n();
  const text = useEventText();
  return (
    <Card size="small" title={t('caseDetail.events')} data-testid="case-events">
      <Timeline
        items={[...c.events].reverse().map((e, i) => ({
          key: i,
          color: e.kind === 'reclassified' ? 'red' : e.kind === 'status' ? 'blue' : e.kind === 'attached' ? 'orange' : 'gray',
          content: (
            <div data-testid="case-event" data-kind={e.kind}>
              <Typography.Text strong>{label(CASE_EVENT_LABELS, e.kind)}</Typography.Text>　{text(e)}
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatTime(e.at)} · {e.actorName}
                </Typography.Text>
              </div>
            </div>
          ),
        }))}
      />
    </Card>
  );
}

export function RenameCluster({ c, suggestion, onClose, onDone }: { c: CaseDetail; suggestion: string; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string }>();
  const { saving: sending, error, save } = useSave({ inline: true });
  const submit = ({ name }: { name: string }) =>
    save(() => api.patch(`/clusters/${encodeURIComponent(c.cluster.id)}`, { name: name.trim() }), { success: t('cluster.renamed', { name: name.trim() }), onSaved: onDone });
  return (
    <Modal
      open
      title={t('cluster.rename')}
      okText={t('common.save')}
      okButtonProps={{ loading: sending, id: 'cluster-ok' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ name: c.cluster.name ?? suggestion }} onFinish={(v) => void submit(v)}>
        <Form.Item name="name" label={t('cluster.name')} extra={t('cluster.nameHint')} rules={[{ required: true, whitespace: true, message: t('form.required', { field: t('cluster.name') }) }]}>
          <Input id="cluster-name" autoFocus maxLength={100} />
        </Form.Item>
        <EnterSubmits />
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}

export function FactsCard({ c, mayWork, onRename }: { c: CaseDetail; mayWork: boolean; onRename(): void }) {
  const { t, label } = useI18n();
  const periodText = usePeriodText();
  return (
    <Card size="small" title={t('caseDetail.facts')}>
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('case.classification')}>
          <ClassificationTag classification={c.classification} clinicalType={c.clinicalType} />
          {c.reclassifiedAt && (
            <Typography.Text type="secondary">{t('caseDetail.reclassifiedFrom', { from: label(CLASSIFICATION_LABELS, c.reportedClassification), at: formatTime(c.reclassifiedAt) })}</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('case.status')}>
          <Space size={4} wrap>
            <CaseStatusTag status={c.status} />
            <Typography.Text type="secondary">{t('caseDetail.since', { at: formatTime(c.statusSince) })}</Typography.Text>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('case.origin')}>
          <OriginTag origin={c.origin} place={c.originPlace} />
        </Descriptions.Item>
        <Descriptions.Item label={t('case.foundBy')}>{label(FOUND_BY_LABELS, c.foundBy)}</Descriptions.Item>
        <Descriptions.Item label={t('case.reportedAt')}>{formatTime(c.reportedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('case.reportingUnit')}>{c.reportingUnit}</Descriptions.Item>
        <Descriptions.Item label={t('case.jurisdiction')}>{c.jurisdiction.name}</Descriptions.Item>
        <Descriptions.Item label={t('case.community')}>{c.community?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('case.onsetDate')}>{c.onsetDate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('case.firstPositiveAt')}>{formatTime(c.firstPositiveAt)}</Descriptions.Item>
        <Descriptions.Item label={t('case.facility')}>{c.facility ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('caseDetail.source')}>
          {c.sourceCaseId ? <Link to={`/cases/${c.sourceCaseId}`}>{t('caseDetail.openSource')}</Link> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('caseDetail.period')} span="filled">
          <span data-testid="infectious-period">{periodText(c.infectiousPeriod)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('case.cluster')} span="filled">
          <Space size={4}>
            <Typography.Text strong data-testid="cluster-name">
              {c.cluster.name ?? t('cluster.unnamed')}
            </Typography.Text>
            {mayWork && (
              <Button size="small" type="link" icon={<EditOutlined />} onClick={onRename} data-testid="cluster-rename">
                {t('cluster.rename')}
              </Button>
            )}
          </Space>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

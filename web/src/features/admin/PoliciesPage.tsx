// 观察期规则: days of centralised and of home observation per reason (7+3: 7 at a site, then 3 at
// home in the community). New observations follow the rule in force when they start.
import { useState } from 'react';
import { Alert, Button, Card, Empty, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { Policy } from '../../api/observationTypes';
import { useApiData } from '../../components/useApiData';
import { formatTime } from '../../format';
import { useSave } from '../../components/useSave';
import { useI18n } from '../../i18n/I18nProvider';
import { OBSERVATION_REASON_LABELS } from '../../i18n/labels';
import { useUser } from '../../auth/AuthProvider';
import { settings } from '../../settings';

function usePolicyEdit(policy: Policy, onSaved: () => void) {
  const { t } = useI18n();
  const [days, setDays] = useState({ centralisedDays: policy.centralisedDays, homeDays: policy.homeDays });
  const { saving, save: run } = useSave();
  const changed = days.centralisedDays !== policy.centralisedDays || days.homeDays !== policy.homeDays;
  const save = () => run(() => api.put<Policy>(`/observations/policies/${encodeURIComponent(policy.reason)}`, days), { success: t('common.saved'), onSaved });
  return { days, setDays, changed, save, saving };
}

export function PoliciesPage() {
  const { t, label } = useI18n();
  const policies = useApiData((signal) => api.get<Policy[]>('/observations/policies', undefined, { signal }), []);
  // Region-wide: only accounts of the region's root may change them (the server refuses others).
  const readOnly = useUser().jurisdictionCode !== settings().region;
  return (
    <Card title={t('policies.title')}>
      <Typography.Paragraph type="secondary">{t('policies.hint')}</Typography.Paragraph>
      {readOnly && <Alert type="info" showIcon title={t('policies.regionOnly')} style={{ marginBottom: 8 }} data-testid="policies-read-only" />}
      {policies.error && <Alert type="error" showIcon title={policies.error} style={{ marginBottom: 8 }} />}
      <Table<Policy>
        rowKey="reason"
        size="middle"
        loading={policies.loading}
        dataSource={policies.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty /> }}
        columns={[
          {
            title: t('policies.reason'),
            render: (_, p) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{label(OBSERVATION_REASON_LABELS, p.reason)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {p.reason}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('policies.edit'),
            render: (_, p) => <PolicyEditor key={`${p.reason}-${p.updatedAt}`} policy={p} readOnly={readOnly} onSaved={() => void policies.reload()} />,
          },
          { title: t('policies.updatedAt'), render: (_, p) => formatTime(p.updatedAt) },
        ]}
      />
    </Card>
  );
}

function PolicyEditor({ policy, readOnly, onSaved }: { policy: Policy; readOnly: boolean; onSaved(): void }) {
  const { t } = useI18n();
  const { days, setDays, changed, save, saving } = usePolicyEdit(policy, onSaved);
  const total = days.centralisedDays + days.homeDays;
  return (
    <Space wrap data-testid={`policy-${policy.reason}`}>
      <span>{t('policies.centralisedDays')}</span>
      <InputNumber
        aria-label={`${policy.reason} ${t('policies.centralisedDays')}`}
        min={0}
        max={60}
        precision={0}
        disabled={readOnly}
        value={days.centralisedDays}
        onChange={(v) => setDays((d) => ({ ...d, centralisedDays: v ?? 0 }))}
        style={{ width: 70 }}
      />
      <span>+ {t('policies.homeDays')}</span>
      <InputNumber
        aria-label={`${policy.reason} ${t('policies.homeDays')}`}
        min={0}
        max={60}
        precision={0}
        disabled={readOnly}
        value={days.homeDays}
        onChange={(v) => setDays((d) => ({ ...d, homeDays: v ?? 0 }))}
        style={{ width: 70 }}
      />
      <Tag color={days.centralisedDays && days.homeDays ? 'purple' : 'blue'}>
        {days.centralisedDays && days.homeDays ? `${days.centralisedDays}+${days.homeDays}` : t('policies.totalDays', { n: total })}
      </Tag>
      {total === 0 && <Typography.Text type="danger">{t('policies.atLeastOne')}</Typography.Text>}
      <Button type="primary" size="small" icon={<SaveOutlined />} disabled={readOnly || !changed || total === 0} loading={saving} onClick={() => void save()}>
        {t('common.save')}
      </Button>
    </Space>
  );
}

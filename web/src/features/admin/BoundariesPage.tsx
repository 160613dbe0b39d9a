// 边界地图: an admin uploads the deployment's own reviewed boundary GeoJSON for a jurisdiction, with
// its 审图号; the dashboard and the big screen then draw it instead of the schematic map. Lists the
// uploaded maps, each deletable (back to the schematic map).
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, Popconfirm, Space, Table, Typography, Upload, type UploadFile } from 'antd';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import type { Static } from '@fastify/type-provider-typebox';
import type { BoundaryList, BoundarySummary } from '../../../../src/modules/boundaries/schemas';
import { MAX_GEOJSON_BYTES } from '../../../../src/domain/geojson';
import { api } from '../../api/client';
import { JurisdictionPicker } from '../../components/JurisdictionPicker';
import { useApiData } from '../../components/useApiData';
import { formatTime } from '../../format';
import { useSave } from '../../components/useSave';
import { useI18n } from '../../i18n/I18nProvider';

type Summary = Static<typeof BoundarySummary>;
const MB = MAX_GEOJSON_BYTES / 1024 / 1024;

interface UploadForm {
  jurisdictionCode: string;
  reviewNumber: string;
}

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function BoundariesPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<UploadForm>();
  const [file, setFile] = useState<File | null>(null);
  const { saving, error, setError, save } = useSave({ form, fields: ['reviewNumber', 'jurisdictionCode'], inline: true });
  const list = useApiData((signal) => api.get<Static<typeof BoundaryList>>('/boundaries', undefined, { signal }), []);
  const items = list.data?.items ?? [];
  const chosen = Form.useWatch('jurisdictionCode', form);
  const existing = items.find((i) => i.code === chosen);

  const submit = async (v: UploadForm) => {
    setError(null);
    if (!file) return;
    if (file.size > MAX_GEOJSON_BYTES) return setError(t('boundaries.tooLarge', { mb: MB }));
    let geojson: unknown;
    try {
      geojson = JSON.parse(await file.text());
    } catch (e) {
      return setError(t('boundaries.notJson', { problem: (e as Error).message }));
    }
    await save(() => api.put<Summary>(`/boundaries/${encodeURIComponent(v.jurisdictionCode)}`, { reviewNumber: v.reviewNumber, geojson }), {
      success: (saved) => t('boundaries.uploaded', { name: saved.name, n: saved.featureCount }),
      reset: true,
      onSaved: () => {
        setFile(null);
        void list.reload();
      },
    });
  };

  const remove = async (b: Summary) => {
    try {
      await api.delete(`/boundaries/${encodeURIComponent(b.code)}`);
      message.success(t('boundaries.deleted'));
      void list.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const fileList: UploadFile[] = file ? [{ uid: 'geojson', name: file.name, size: file.size, status: 'done' }] : [];
  const req = (key: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t('desk.required', { field: t(key) }) }];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('boundaries.title')}>
        <Typography.Paragraph type="secondary">{t('boundaries.intro', { mb: MB })}</Typography.Paragraph>
        <Form<UploadForm> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 560 }} onValuesChange={() => setError(null)}>
          <Form.Item name="jurisdictionCode" label={t('boundaries.jurisdiction')} rules={req('boundaries.jurisdiction')}>
            <JurisdictionPicker id="boundary-jurisdiction" />
          </Form.Item>
          {existing && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('boundaries.replaces', { name: existing.name, number: existing.reviewNumber })} />}
          <Form.Item label={t('boundaries.file')} required>
            <Upload
              accept=".geojson,.json,application/geo+json,application/json"
              maxCount={1}
              fileList={fileList}
              beforeUpload={(f) => {
                setFile(f);
                setError(null);
                return false;
              }}
              onRemove={() => setFile(null)}
            >
              <Button icon={<UploadOutlined />} data-testid="boundary-file">
                {t('boundaries.chooseFile')}
              </Button>
            </Upload>
          </Form.Item>
          <Form.Item name="reviewNumber" label={t('boundaries.reviewNumber')} rules={req('boundaries.reviewNumber')}>
            <Input id="boundary-review-number" maxLength={64} placeholder={t('boundaries.reviewNumberHint')} />
          </Form.Item>
          {error && <Alert type="error" showIcon data-testid="boundary-error" style={{ marginBottom: 16 }} title={error} />}
          <Button type="primary" htmlType="submit" icon={<UploadOutlined />} loading={saving} disabled={!file} data-testid="boundary-upload">
            {t('boundaries.upload')}
          </Button>
        </Form>
      </Card>

      <Card title={t('boundaries.list')}>
        {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
        <Table<Summary>
          rowKey="code"
          size="middle"
          data-testid="boundary-list"
          loading={list.loading}
          dataSource={items}
          pagination={false}
          columns={[
            { title: t('boundaries.jurisdiction'), render: (_, b) => `${b.name}（${b.code}）` },
            { title: t('boundaries.reviewNumber'), dataIndex: 'reviewNumber' },
            { title: t('boundaries.features'), dataIndex: 'featureCount' },
            { title: t('boundaries.size'), render: (_, b) => size(b.bytes) },
            { title: t('boundaries.uploadedAt'), render: (_, b) => formatTime(b.uploadedAt) },
            { title: t('boundaries.uploadedBy'), render: (_, b) => b.uploadedBy ?? '—' },
            {
              title: t('common.actions'),
              render: (_, b) => (
                <Popconfirm title={t('boundaries.deleteConfirm', { name: b.name })} onConfirm={() => remove(b)}>
                  <Button size="small" danger icon={<DeleteOutlined />}>
                    {t('boundaries.delete')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

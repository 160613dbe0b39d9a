// 全国疫情数据导入: the platform has no outside sources, so an administrator (or the command centre)
// brings in the per-province figures of the daily reports as a CSV or JSON file, or pasted. The
// server checks the content first (every problem, with line and column); only then can it be
// imported, once: a retry of the same import creates nothing new.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, DatePicker, Form, Input, Space, Typography } from 'antd';
import { CheckCircleOutlined, DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { Static } from '@fastify/type-provider-typebox';
import type { Preview } from '../../../../src/modules/situation/schemas';
import { decodeText } from '../../../../src/domain/situation';
import { api, newClientId, RawBody } from '../../api/client';
import { FileOrPaste, type Source } from '../../components/FileOrPaste';
import { useI18n } from '../../i18n/I18nProvider';
import { ReportMeta, SituationTable, useSituation, type SituationReportView } from '../dashboard/SituationPanel';

type PreviewView = Static<typeof Preview>;

const TEMPLATE = '省份,新增确诊,新增无症状,现有确诊,高风险区,中风险区\n北京市,0,0,0,0,0\n四川省,0,0,0,0,0\n';

/** What the chosen file or the pasted text holds: CSV as it is, JSON as the body of POST /situation. */
type Content = { kind: 'csv'; text: string } | { kind: 'json'; provinces: unknown; asOf?: string; source?: string } | { kind: 'bad'; problem: string };

function contentOf(text: string): Content {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return { kind: 'csv', text };
  try {
    const value: unknown = JSON.parse(trimmed);
    if (Array.isArray(value)) return { kind: 'json', provinces: value };
    const o = value as { provinces?: unknown; asOf?: unknown; source?: unknown };
    return {
      kind: 'json',
      provinces: o.provinces ?? [],
      ...(typeof o.asOf === 'string' ? { asOf: o.asOf } : {}),
      ...(typeof o.source === 'string' ? { source: o.source } : {}),
    };
  } catch (e) {
    return { kind: 'bad', problem: (e as Error).message };
  }
}

function downloadTemplate() {
  // With a BOM, so that spreadsheet programs open the Chinese headings as UTF-8.
  const url = URL.createObjectURL(new Blob(['\uFEFF' + TEMPLATE], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'situation-template.csv';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

interface Checked {
  /** The content as checked: confirming sends exactly this. */
  content: Content;
  asOf: string;
  source: string;
  preview: PreviewView;
  /** One per checked content, so that a repeated click or a retry imports once. */
  clientId: string;
}

export function SituationPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [asOf, setAsOf] = useState<Dayjs | null>(() => dayjs().startOf('day'));
  const [source, setSource] = useState('');
  const [tab, setTab] = useState<Source>('file');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [pasted, setPasted] = useState('');
  const [checked, setChecked] = useState<Checked | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);
  const current = useSituation(refreshKey);

  const changed = () => {
    setChecked(null);
    setProblem(null);
  };

  const chooseFile = async (f: File) => {
    const text = decodeText(new Uint8Array(await f.arrayBuffer()));
    setFile({ name: f.name, text });
    const content = contentOf(text);
    // A JSON file may carry its own time of the data and source.
    if (content.kind === 'json' && content.asOf && dayjs(content.asOf).isValid()) setAsOf(dayjs(content.asOf));
    if (content.kind === 'json' && content.source) setSource(content.source);
    changed();
  };

  const check = async () => {
    const text = tab === 'file' ? file?.text : pasted;
    if (!text?.trim()) return setProblem(t('situation.import.empty'));
    if (!asOf) return setProblem(t('situation.import.asOfRequired'));
    const content = contentOf(text);
    if (content.kind === 'bad') return setProblem(t('situation.import.badJson', { problem: content.problem }));
    setBusy(true);
    setProblem(null);
    try {
      const at = asOf.toISOString();
      const preview = content.kind === 'csv'
        ? await api.post<PreviewView>('/situation/import/preview', new RawBody(content.text, 'text/csv; charset=utf-8'), { query: { asOf: at, source } })
        : await api.post<PreviewView>('/situation/preview', { asOf: at, ...(source ? { source } : {}), provinces: content.provinces });
      setChecked({ content, asOf: at, source, preview, clientId: newClientId() });
    } catch (e) {
      setChecked(null);
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!checked?.preview.valid) return;
    const { content, clientId } = checked;
    setBusy(true);
    try {
      const body = { clientId, asOf: checked.asOf, ...(checked.source ? { source: checked.source } : {}) };
      const report = content.kind === 'csv'
        ? await api.post<SituationReportView>('/situation/import', new RawBody(content.text, 'text/csv; charset=utf-8'), { query: body })
        : await api.post<SituationReportView>('/situation', { ...body, provinces: content.kind === 'json' ? content.provinces : [] });
      message.success(t('situation.import.done', { n: report.provinces.length }));
      setChecked(null);
      setFile(null);
      setPasted('');
      setRefreshKey((k) => k + 1);
    } catch (e) {
      // Kept with its clientId: trying again cannot import twice.
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const preview = checked?.preview;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('situation.import.title')}
        extra={
          <Button icon={<DownloadOutlined />} onClick={downloadTemplate}>
            {t('situation.import.template')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('situation.import.hint')}</Typography.Paragraph>
        <Form layout="vertical" style={{ maxWidth: 720 }}>
          <Space wrap size={16} align="start">
            <Form.Item label={t('situation.import.asOf')} required>
              <DatePicker
                id="situation-as-of"
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                value={asOf}
                onChange={(v) => {
                  setAsOf(v);
                  changed();
                }}
                disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
              />
            </Form.Item>
            <Form.Item label={t('situation.import.source')}>
              <Input
                id="situation-source"
                style={{ width: 320 }}
                maxLength={200}
                placeholder={t('situation.import.sourcePlaceholder')}
                value={source}
                onChange={(e) => {
                  setSource(e.target.value);
                  changed();
                }}
              />
            </Form.Item>
          </Space>
        </Form>
        <FileOrPaste
          tab={tab}
          onTab={(k) => {
            setTab(k);
            changed();
          }}
          labels={{ file: t('situation.import.file'), choose: t('situation.import.chooseFile'), paste: t('situation.import.paste'), placeholder: t('situation.import.pastePlaceholder') }}
          accept=".csv,.json,.txt,text/csv,application/json"
          onFile={(f) => void chooseFile(f)}
          chosen={file && <Typography.Text data-testid="situation-file">{t('situation.import.fileName', { name: file.name })}</Typography.Text>}
          pasteId="situation-paste"
          pasted={pasted}
          onPaste={(text) => {
            setPasted(text);
            changed();
          }}
        />
        <Space style={{ marginTop: 12 }}>
          <Button onClick={() => void check()} loading={busy && !checked}>
            {t('situation.import.check')}
          </Button>
          <Button type="primary" icon={<CheckCircleOutlined />} disabled={!preview?.valid} loading={busy && !!checked} onClick={() => void confirm()}>
            {t('situation.import.confirm')}
          </Button>
        </Space>
        {problem && <Alert style={{ marginTop: 12 }} type="error" showIcon title={problem} data-testid="situation-problem" />}
        {preview && !preview.valid && (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            data-testid="situation-issues"
            title={t('situation.import.invalid', { n: preview.issues.length })}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {preview.issues.map((i) => (
                  <li key={i.field + i.message}>{i.message}</li>
                ))}
              </ul>
            }
          />
        )}
        {preview?.valid && (
          <Space orientation="vertical" style={{ width: '100%', marginTop: 12 }}>
            <Alert type="success" showIcon title={t('situation.import.valid', { n: preview.provinces.length })} data-testid="situation-valid" />
            <SituationTable rows={preview.provinces} height={360} />
          </Space>
        )}
      </Card>

      <Card title={t('situation.import.current')} data-testid="situation-current">
        {current.report ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <ReportMeta report={current.report} style={{ color: '#888' }} />
            <SituationTable rows={current.report.provinces} height={400} />
          </Space>
        ) : (
          <Typography.Text type="secondary">{current.report === null ? t('situation.empty') : current.error ?? t('common.loading')}</Typography.Text>
        )}
      </Card>
    </Space>
  );
}

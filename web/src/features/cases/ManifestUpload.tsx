// 导入密接名单: a list for one exposure (e.g. a flight's or a carriage's passenger manifest) as a CSV,
// XLSX or pasted text. The file is read here only to say what was chosen and whether its headings
// are known; the server checks every line (documents, communities), takes the good ones in one go and
// names the bad ones by line. Uploading the same list again creates nobody twice.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Form, Modal, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { COLUMN_LABELS, MANIFEST_COLUMNS, parseManifest } from '../../../../src/domain/manifest';
import { decodeText, readCsv } from '../../../../src/domain/situation';
import { api, ApiError, RawBody } from '../../api/client';
import { FileOrPaste, type Source } from '../../components/FileOrPaste';
import type { ExposureView, ImportResult } from '../../api/caseTypes';
import { useI18n } from '../../i18n/I18nProvider';
import { SiteFullOverride } from '../observation/SiteFullOverride';
import { SiteSelect } from './ContactForm';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What the chosen file or the pasted text holds, ready to send. */
type Chosen =
  | { kind: 'xlsx'; name: string; file: File }
  | { kind: 'text'; name: string | null; text: string; lines: number; headingProblem: string | null };

function textContent(name: string | null, text: string, lang: 'zh' | 'en'): Chosen {
  const { records } = readCsv(text);
  const parsed = parseManifest(records);
  const first = parsed.headingProblem ? parsed.issues[0] : null;
  return {
    kind: 'text',
    name,
    text,
    lines: Math.max(0, records.length - 1),
    headingProblem: first ? `${first.column ?? ''} ${first.problem[lang]}`.trim() : null,
  };
}

function downloadTemplate(lang: 'zh' | 'en') {
  const heading = MANIFEST_COLUMNS.map((c) => COLUMN_LABELS[c][lang]).join(',');
  // With a BOM, so that spreadsheet programs open the Chinese headings as UTF-8.
  const url = URL.createObjectURL(new Blob(['\uFEFF' + heading + '\n'], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'contacts-template.csv';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ImportResultView({ result }: { result: ImportResult }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="manifest-result">
      <Alert
        type={result.issues.length ? 'warning' : 'success'}
        showIcon
        title={t('manifest.summary', { lines: result.lines, created: result.created, existing: result.existing, repeated: result.repeated, issues: result.issues.length })}
      />
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('manifest.lines')}>
          <span data-testid="manifest-lines">{result.lines}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('manifest.created')}>
          <span data-testid="manifest-created">{result.created}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('manifest.existing')}>
          <span data-testid="manifest-existing">{result.existing}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('manifest.repeated')}>
          <span data-testid="manifest-repeated">{result.repeated}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('manifest.opened')}>{result.observationsOpened}</Descriptions.Item>
        <Descriptions.Item label={t('manifest.joined')}>{result.observationsJoined}</Descriptions.Item>
      </Descriptions>
      {result.issues.length > 0 && (
        <Table
          size="small"
          rowKey={(i) => `${i.line}:${i.field}`}
          data-testid="manifest-issues"
          title={() => <Typography.Text strong type="danger">{t('manifest.issuesTitle', { n: result.issues.length })}</Typography.Text>}
          dataSource={result.issues}
          pagination={result.issues.length > 10 ? { pageSize: 10, size: 'small' } : false}
          columns={[
            { title: t('manifest.line'), width: 80, dataIndex: 'line' },
            { title: t('manifest.problem'), dataIndex: 'message' },
          ]}
        />
      )}
    </Space>
  );
}

export function ManifestDialog({ exposure, title, onClose, onImported }: { exposure: ExposureView; title: string; onClose(): void; onImported(r: ImportResult): void }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [tab, setTab] = useState<Source>('file');
  const [file, setFile] = useState<Chosen | null>(null);
  const [pasted, setPasted] = useState('');
  const [siteCode, setSiteCode] = useState<string | undefined>(undefined);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [full, setFull] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const chosen = tab === 'file' ? file : pasted.trim() ? textContent(null, pasted, lang) : null;

  const choose = async (f: File) => {
    setResult(null);
    setError(null);
    const bytes = new Uint8Array(await f.arrayBuffer());
    const isXlsx = /\.xlsx$/i.test(f.name) || (bytes[0] === 0x50 && bytes[1] === 0x4b);
    setFile(isXlsx ? { kind: 'xlsx', name: f.name, file: f } : textContent(f.name, decodeText(bytes), lang));
  };

  const send = async (override?: string) => {
    if (!chosen) {
      setError(t('manifest.nothing'));
      return;
    }
    setSending(true);
    setError(null);
    try {
      const body = chosen.kind === 'xlsx' ? new RawBody(chosen.file, XLSX_TYPE) : new RawBody(chosen.text, `${tab === 'paste' ? 'text/plain' : 'text/csv'}; charset=utf-8`);
      const r = await api.post<ImportResult>(`/exposures/${encodeURIComponent(exposure.id)}/contacts/import`, body, { query: { siteCode, override } });
      setResult(r);
      setFull(null);
      message.success(t('manifest.done', { created: r.created }));
      onImported(r);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'site_full') setFull(e.message);
      else setError((e as Error).message);
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open
      width={860}
      title={title}
      okText={result ? t('manifest.close') : t('manifest.import')}
      okButtonProps={{ loading: sending, id: 'manifest-ok', disabled: !result && (!chosen || (chosen.kind === 'text' && !!chosen.headingProblem)) }}
      cancelText={t('common.cancel')}
      cancelButtonProps={{ style: result ? { display: 'none' } : undefined }}
      onOk={() => (result ? onClose() : void send())}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('manifest.hint')}{' '}
          <Button size="small" type="link" icon={<DownloadOutlined />} onClick={() => downloadTemplate(lang)}>
            {t('manifest.template')}
          </Button>
        </Typography.Paragraph>
        <FileOrPaste
          tab={tab}
          onTab={(k) => {
            setTab(k);
            setResult(null);
          }}
          labels={{ file: t('manifest.file'), choose: t('manifest.choose'), paste: t('manifest.paste'), placeholder: t('manifest.pastePlaceholder') }}
          accept=".csv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onFile={(f) => void choose(f)}
          chosen={file && <Typography.Text data-testid="manifest-file">{file.kind === 'xlsx' ? t('manifest.chosenXlsx', { name: file.name }) : t('manifest.chosen', { name: file.name ?? '', n: file.lines })}</Typography.Text>}
          pasteId="manifest-paste"
          pasted={pasted}
          onPaste={(text) => {
            setPasted(text);
            setResult(null);
          }}
        />
        <Form layout="inline">
          <Form.Item label={t('contact.site')} extra={t('manifest.siteHint')}>
            <SiteSelect id="manifest-siteCode" value={siteCode} onChange={setSiteCode} style={{ width: 320 }} />
          </Form.Item>
        </Form>
        {chosen?.kind === 'text' && chosen.headingProblem && (
          <Alert type="error" showIcon title={t('manifest.badHeading', { problem: chosen.headingProblem })} data-testid="manifest-heading" />
        )}
        {full && <SiteFullOverride message={full} sending={sending} onSend={(reason) => void send(reason)} />}
        {error && <Alert type="error" showIcon title={error} data-testid="manifest-error" />}
        {result && <ImportResultView result={result} />}
      </Space>
    </Modal>
  );
}

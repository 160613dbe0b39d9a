// 病例详情: the person (masked, revealable with the grant), the facts of the case and its infectious
// period, every change with who and when, the actions the case's course allows, its exposures (each with
// "add a contact" and a manifest upload), its contacts (with 转为病例), and the transmission chain of its
// cluster, which is drawn again after every change made here. The cluster can be named.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Input, Result, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, FileExcelOutlined, PlusOutlined, ReloadOutlined, UserAddOutlined } from '@ant-design/icons';
import { can } from '../../../../src/domain/permissions';
import { api, ApiError } from '../../api/client';
import type { CaseDetail, ChainView, ContactView, ExposureView } from '../../api/caseTypes';
import type { Page } from '../../api/types';
import { useUser } from '../../auth/AuthProvider';
import { IdentityCard } from '../../components/IdentityCard';
import { useApiData } from '../../components/useApiData';
import { Duration } from '../../components/WaitingTime';
import { formatTime } from '../../format';
import { usePaging } from '../../components/usePaging';
import { useI18n } from '../../i18n/I18nProvider';
import {
  EXPOSURE_SETTING_LABELS,
  TRANSPORT_LABELS,
} from '../../i18n/labels';
import { CaseActions } from './CaseActions';
import { CaseStatusTag, ClassificationTag, OriginTag } from './CaseTags';
import { ChainGraph } from './ChainGraph';
import { ContactDialog } from './ContactForm';
import { ContactsTable } from './ContactsTable';
import { ExposureDialog } from './ExposureForm';
import { ManifestDialog } from './ManifestUpload';
import { PositiveDialog } from './PositiveDialog';
import { EventsCard, RenameCluster, FactsCard } from './caseDetailCards';

const CONTACT_PAGE = 20;

type Dialog =
  | { kind: 'exposure' }
  | { kind: 'contact'; exposure: ExposureView }
  | { kind: 'manifest'; exposure: ExposureView }
  | { kind: 'secondary'; contact: ContactView }
  | { kind: 'positive'; contact: ContactView }
  | { kind: 'rename' };

function ExposuresTable({ items, loading, mayWork, onDialog }: { items: ExposureView[]; loading: boolean; mayWork: boolean; onDialog(d: Dialog): void }) {
  const { t, label } = useI18n();
  return (
    <Table<ExposureView>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: 1100 }}
      data-testid="exposures-table"
      locale={{ emptyText: t('exposure.empty') }}
      columns={[
        { title: t('exposure.setting'), width: 100, render: (_, e) => <Tag>{label(EXPOSURE_SETTING_LABELS, e.setting)}</Tag> },
        {
          title: t('exposure.place'),
          render: (_, e) => (
            <Space orientation="vertical" size={0}>
              <span>{e.transport ? `${label(TRANSPORT_LABELS, e.transport.mode)} ${e.transport.number}${e.transport.seat ? ` · ${t('exposure.seatOf', { seat: e.transport.seat })}` : ''}` : e.place?.name ?? ''}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.address}
              </Typography.Text>
            </Space>
          ),
        },
        { title: t('exposure.time'), width: 260, render: (_, e) => `${formatTime(e.from)} ~ ${formatTime(e.to)}` },
        {
          title: t('exposure.contacts'),
          width: 150,
          render: (_, e) => <span data-testid="exposure-contacts">{t('exposure.contactCounts', { close: e.contacts.close, secondary: e.contacts.secondary })}</span>,
        },
        ...(mayWork
          ? [
            {
              title: t('exposure.actions'),
              width: 230,
              render: (_: unknown, e: ExposureView) => (
                <Space size={4}>
                  <Button size="small" icon={<UserAddOutlined />} onClick={() => onDialog({ kind: 'contact', exposure: e })}>
                    {t('exposure.addContact')}
                  </Button>
                  <Button size="small" icon={<FileExcelOutlined />} onClick={() => onDialog({ kind: 'manifest', exposure: e })} data-testid="manifest-open">
                    {t('exposure.import')}
                  </Button>
                </Space>
              ),
            },
          ]
          : []),
      ]}
    />
  );
}

export function CaseDetailPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const { t } = useI18n();
  const navigate = useNavigate();
  const mayWork = can(user.role, 'cases:work');
  // Bumped after every change made on the page: the case, its exposures, contacts and chain load again.
  const [rev, setRev] = useState(0);
  const contactPaging = usePaging(CONTACT_PAGE);
  const [contactQ, setContactQ] = useState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const changed = useCallback(() => setRev((r) => r + 1), []);
  useEffect(() => {
    contactPaging.toFirstPage();
    setContactQ('');
    setDialog(null);
  }, [id]);

  const detail = useApiData((signal) => api.get<CaseDetail>(`/cases/${encodeURIComponent(id)}`, {}, { signal }), [id, rev]);
  const exposures = useApiData((signal) => api.get<ExposureView[]>(`/cases/${encodeURIComponent(id)}/exposures`, {}, { signal }), [id, rev]);
  const contacts = useApiData(
    (signal) => api.get<Page<ContactView>>('/contacts', { caseId: id, q: contactQ, ...contactPaging.query }, { signal }),
    [id, rev, contactPaging.query, contactQ],
  );
  const chain = useApiData((signal) => api.get<ChainView>(`/cases/${encodeURIComponent(id)}/chain`, {}, { signal }), [id, rev]);
  // A name to suggest for the cluster: its earliest place.
  const suggestion = useMemo(() => {
    const places = (chain.data?.nodes ?? []).filter((n) => n.kind === 'place').sort((a, b) => ((a.from ?? '') < (b.from ?? '') ? -1 : 1));
    return places[0]?.label ? t('cluster.suggestion', { place: places[0].label }) : '';
  }, [chain.data, t]);

  const c = detail.data?.id === id ? detail.data : undefined;
  if (detail.failure && !c) {
    const e = detail.failure;
    const status = e instanceof ApiError && e.status === 404 ? '404' : e instanceof ApiError && e.status === 403 ? '403' : 'error';
    return <Result status={status} title={detail.error} extra={<Button onClick={() => navigate('/cases')}>{t('common.back')}</Button>} />;
  }
  if (!c) return <Spin size="large" style={{ display: 'block', marginTop: 80 }} />;

  const contactData = contacts.data ?? { total: 0, items: [] };
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/cases')}>
          {t('common.back')}
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="case-title">
          {t('caseDetail.title', { name: c.person.name })}
        </Typography.Title>
        <ClassificationTag classification={c.classification} clinicalType={c.clinicalType} />
        <CaseStatusTag status={c.status} />
        <OriginTag origin={c.origin} place={c.originPlace} />
        {c.waitingMinutes !== null && (
          <Tag color="red" data-testid="case-waiting">
            {t('caseDetail.waiting')} <Duration minutes={c.waitingMinutes} />
          </Tag>
        )}
        {mayWork && <CaseActions c={c} onChanged={changed} />}
      </Space>

      <Row gutter={[12, 12]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <IdentityCard
              person={c.person}
              readPermission="cases:read"
              reveal={async () => {
                const r = await api.get<CaseDetail>(`/cases/${encodeURIComponent(c.id)}`, { reveal: true });
                return { documentNumber: r.person.documentNumber, phone: r.person.phone };
              }}
            />
            <FactsCard c={c} mayWork={mayWork} onRename={() => setDialog({ kind: 'rename' })} />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <EventsCard c={c} />
        </Col>
      </Row>

      <Card
        size="small"
        title={t('exposure.title', { n: exposures.data?.length ?? c.counts.exposures })}
        extra={
          mayWork && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'exposure' })} data-testid="exposure-add">
              {t('exposure.add')}
            </Button>
          )
        }
      >
        {exposures.error && <Alert type="error" showIcon title={exposures.error} style={{ marginBottom: 8 }} />}
        <ExposuresTable items={exposures.data ?? []} loading={exposures.loading && !exposures.data} mayWork={mayWork} onDialog={setDialog} />
      </Card>

      <Card
        size="small"
        title={t('caseDetail.contacts', { close: c.counts.closeContacts, secondary: c.counts.secondaryContacts })}
        data-testid="case-contacts"
        extra={
          <Input.Search
            id="case-contacts-q"
            allowClear
            placeholder={t('case.searchName')}
            style={{ width: 200 }}
            onSearch={(q) => {
              setContactQ(q.trim());
              contactPaging.toFirstPage();
            }}
          />
        }
      >
        {contacts.error && <Alert type="error" showIcon title={contacts.error} style={{ marginBottom: 8 }} />}
        <ContactsTable
          testId="case-contacts-table"
          items={contactData.items}
          loading={contacts.loading && !contacts.data}
          empty={t('contact.emptyOfCase')}
          pagination={contactPaging.pagination(contactData.total)}
          actions={
            mayWork
              ? (ct) =>
                ct.status === 'positive' ? (
                  ct.positiveCaseId && <Link to={`/cases/${ct.positiveCaseId}`}>{t('contact.openPositive')}</Link>
                ) : (
                  <Space size={4}>
                    <Button size="small" danger onClick={() => setDialog({ kind: 'positive', contact: ct })} data-testid="mark-positive">
                      {t('contact.markPositive')}
                    </Button>
                    {ct.degree === 'close' && (
                      <Button size="small" onClick={() => setDialog({ kind: 'secondary', contact: ct })}>
                        {t('contact.addSecondary')}
                      </Button>
                    )}
                  </Space>
                )
              : undefined
          }
        />
      </Card>

      <Card
        size="small"
        title={t('chain.title', { name: chain.data?.cluster.name ?? c.cluster.name ?? t('cluster.unnamed') })}
        data-testid="chain-card"
        extra={
          <Button size="small" icon={<ReloadOutlined />} onClick={() => void chain.reload()}>
            {t('common.refresh')}
          </Button>
        }
      >
        {chain.error && <Alert type="error" showIcon title={chain.error} style={{ marginBottom: 8 }} />}
        {chain.data ? <ChainGraph chain={chain.data} caseId={c.id} onOpenCase={(caseId) => navigate(`/cases/${caseId}`)} /> : <Spin />}
      </Card>

      {dialog?.kind === 'exposure' && (
        <ExposureDialog
          c={c}
          onClose={() => setDialog(null)}
          onAdded={() => {
            setDialog(null);
            changed();
          }}
        />
      )}
      {dialog?.kind === 'contact' && (
        <ContactDialog
          title={t('contact.addTitle', { place: dialog.exposure.place?.name ?? dialog.exposure.transport?.number ?? dialog.exposure.address })}
          path={`/exposures/${encodeURIComponent(dialog.exposure.id)}/contacts`}
          onClose={() => setDialog(null)}
          onAdded={() => {
            setDialog(null);
            changed();
          }}
        />
      )}
      {dialog?.kind === 'secondary' && (
        <ContactDialog
          title={t('contact.secondaryTitle', { name: dialog.contact.person.name })}
          path={`/contacts/${encodeURIComponent(dialog.contact.id)}/contacts`}
          onClose={() => setDialog(null)}
          onAdded={() => {
            setDialog(null);
            changed();
          }}
        />
      )}
      {dialog?.kind === 'manifest' && (
        <ManifestDialog
          exposure={dialog.exposure}
          title={t('manifest.title', { place: dialog.exposure.place?.name ?? dialog.exposure.transport?.number ?? dialog.exposure.address })}
          onClose={() => setDialog(null)}
          onImported={changed}
        />
      )}
      {dialog?.kind === 'positive' && (
        <PositiveDialog
          contact={dialog.contact}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            changed();
          }}
        />
      )}
      {dialog?.kind === 'rename' && (
        <RenameCluster
          c={c}
          suggestion={suggestion}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            changed();
          }}
        />
      )}
    </Space>
  );
}

// Contacts as a table: degree, the person (masked), where they live, where and until when they are
// under control, and their standing. Used on a case (its contacts) and on the contacts page.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Empty, Space, Table, Typography, type TablePaginationConfig } from 'antd';
import type { ContactView } from '../../api/caseTypes';
import { useI18n } from '../../i18n/I18nProvider';
import { OBSERVATION_KIND_LABELS } from '../../i18n/labels';
import { ContactStatusTag, DegreeTag } from './CaseTags';

interface Props {
  items: ContactView[];
  loading: boolean;
  pagination: TablePaginationConfig | false;
  empty: string;
  /** Link each contact to their case (the contacts page); the caller decides which cases it may open. */
  caseLink?: (c: ContactView) => boolean;
  actions?: (c: ContactView) => ReactNode;
  testId?: string;
}

export function ContactsTable({ items, loading, pagination, empty, caseLink, actions, testId }: Props) {
  const { t, label } = useI18n();
  return (
    <Table<ContactView>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      data-testid={testId}
      scroll={{ x: 1300 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      pagination={pagination}
      rowClassName={(c) => `contact-row contact-${c.status}`}
      columns={[
        { title: t('contact.degree'), width: 120, render: (_, c) => <DegreeTag degree={c.degree} /> },
        { title: t('case.name'), width: 100, render: (_, c) => <span data-testid="contact-name">{c.person.name}</span> },
        { title: t('contact.status'), width: 120, render: (_, c) => <ContactStatusTag status={c.status} /> },
        { title: t('arrivals.document'), width: 180, render: (_, c) => <span style={{ fontFamily: 'monospace' }}>{c.person.documentNumber}</span> },
        { title: t('arrivals.phone'), width: 120, render: (_, c) => <span style={{ fontFamily: 'monospace' }}>{c.person.phone ?? ''}</span> },
        { title: t('case.community'), width: 150, render: (_, c) => c.community?.name ?? '—' },
        {
          title: t('contact.control'),
          width: 230,
          render: (_, c) =>
            c.observation ? (
              <Space orientation="vertical" size={0}>
                <span>
                  {c.observation.unit.name} · {label(OBSERVATION_KIND_LABELS, c.observation.kind)}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('contact.until', { day: c.observation.endDay })}
                </Typography.Text>
              </Space>
            ) : (
              '—'
            ),
        },
        { title: t('contact.seat'), width: 70, render: (_, c) => c.seat ?? '' },
        ...(caseLink
          ? [
            {
              title: t('contact.case'),
              width: 130,
              render: (_: unknown, c: ContactView) =>
                caseLink(c) ? <Link to={`/cases/${c.caseId}`}>{t('contact.openCase', { place: c.caseJurisdiction.name })}</Link> : c.caseJurisdiction.name,
            },
          ]
          : []),
        ...(actions ? [{ title: t('common.actions'), width: 200, fixed: 'right' as const, render: (_: unknown, c: ContactView) => actions(c) }] : []),
      ]}
    />
  );
}

// 密接管理: close and secondary contacts of the cases in the caller's jurisdiction, and those living or
// held in it (a community sees its own), filtered by degree, standing and name, paginated.
import { Alert, Card, Form, Input, Select, Space } from 'antd';
import { CONTACT_DEGREES, CONTACT_STATUSES } from '../../../../src/domain/enums';
import { api } from '../../api/client';
import type { ContactView } from '../../api/caseTypes';
import type { Page } from '../../api/types';
import { useUser } from '../../auth/AuthProvider';
import { useApiData } from '../../components/useApiData';
import { useI18n } from '../../i18n/I18nProvider';
import { CONTACT_DEGREE_LABELS, CONTACT_STATUS_LABELS } from '../../i18n/labels';
import { ContactsTable } from './ContactsTable';
import { FilterButtons } from '../../components/FilterButtons';
import { stringFilters, useUrlList } from '../../components/useUrlList';
import { isWithin } from '../../../../src/domain/division-code';

const KEYS = ['degree', 'status', 'q'] as const;
type Filters = Partial<Record<(typeof KEYS)[number], string>>;
const contactFilters = stringFilters(KEYS);

export function ContactsPage() {
  const user = useUser();
  const { t, label } = useI18n();
  const { filters, page, pageSize, setQuery, pagination } = useUrlList(contactFilters);
  const list = useApiData((signal) => api.get<Page<ContactView>>('/contacts', { ...filters, page, pageSize }, { signal }), [filters, page, pageSize]);
  const data = list.data ?? { total: 0, items: [] };
  const [form] = Form.useForm<Filters>();

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Form<Filters> key={JSON.stringify(filters)} form={form} layout="inline" initialValues={filters} onFinish={(v) => setQuery({ ...v, q: v.q?.trim() || undefined })} style={{ rowGap: 12 }}>
          <Form.Item name="degree" label={t('contact.degree')}>
            <Select id="contact-filter-degree" allowClear placeholder={t('common.all')} style={{ width: 150 }} options={CONTACT_DEGREES.map((d) => ({ value: d, label: label(CONTACT_DEGREE_LABELS, d) }))} />
          </Form.Item>
          <Form.Item name="status" label={t('contact.status')}>
            <Select id="contact-filter-status" allowClear placeholder={t('common.all')} style={{ width: 150 }} options={CONTACT_STATUSES.map((s) => ({ value: s, label: label(CONTACT_STATUS_LABELS, s) }))} />
          </Form.Item>
          <Form.Item name="q">
            <Input.Search id="contact-filter-q" placeholder={t('case.searchName')} allowClear style={{ width: 200 }} onSearch={() => form.submit()} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              form.setFieldsValue({ degree: undefined, status: undefined, q: undefined });
              setQuery({});
            }}
          />
        </Form>
      </Card>
      <Card size="small" title={t('contacts.title')} data-testid="contacts-card">
        {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
        <ContactsTable
          testId="contacts-table"
          items={data.items}
          loading={list.loading}
          empty={Object.keys(filters).length ? t('cases.emptyFiltered') : t('contacts.empty')}
          caseLink={(c) => isWithin(c.caseJurisdiction.code, user.jurisdictionCode)}
          pagination={pagination(data.total)}
        />
      </Card>
    </Space>
  );
}

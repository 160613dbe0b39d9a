// The filter bar of the arrival list; its values live in the URL so Back returns to the same list.
import { Checkbox, DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { DISPOSITIONS, STAGES } from '../../../src/domain/enums';
import type { EntryPoint } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { DISPOSITION_LABELS, STAGE_SHORT_LABELS } from '../i18n/labels';
import { EntryPointSelect } from './EntryPointSelect';
import { PlaceSearchSelect } from './PlaceSearchSelect';
import { FilterButtons } from './FilterButtons';

export interface ArrivalFilterValues {
  from?: string;
  to?: string;
  entryPointId?: string;
  originCode?: string;
  destCode?: string;
  stage?: string;
  disposition?: string;
  abnormal?: boolean;
  overdue?: boolean;
  q?: string;
}

export const FILTER_KEYS = ['from', 'to', 'entryPointId', 'originCode', 'destCode', 'stage', 'disposition', 'abnormal', 'overdue', 'q'] as const;

interface Props {
  value: ArrivalFilterValues;
  onChange(next: ArrivalFilterValues): void;
  entryPoints: EntryPoint[];
  within: string;
}

interface FormValues extends Omit<ArrivalFilterValues, 'from' | 'to'> {
  range?: [dayjs.Dayjs, dayjs.Dayjs] | null;
}

export function ArrivalFilters({ value, onChange, entryPoints, within }: Props) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const initial: FormValues = {
    ...value,
    range: value.from && value.to ? [dayjs(value.from), dayjs(value.to)] : null,
  };
  const apply = (v: FormValues) => {
    const { range, ...rest } = v;
    onChange({
      ...rest,
      q: rest.q?.trim() || undefined,
      abnormal: rest.abnormal || undefined,
      overdue: rest.overdue || undefined,
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
    });
  };
  return (
    <Form<FormValues> form={form} layout="inline" initialValues={initial} onFinish={apply} style={{ rowGap: 12 }}>
      <Form.Item name="range" label={t('arrivals.dateRange')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 250 }} />
      </Form.Item>
      <Form.Item name="entryPointId" label={t('arrivals.entryPoint')}>
        <EntryPointSelect entryPoints={entryPoints} allowClear style={{ width: 220 }} placeholder={t('common.all')} />
      </Form.Item>
      <Form.Item name="originCode" label={t('arrivals.origin')}>
        <PlaceSearchSelect levels={['province', 'city']} allowClear style={{ width: 180 }} initialLabel={value.originCode} />
      </Form.Item>
      <Form.Item name="destCode" label={t('arrivals.destination')}>
        <PlaceSearchSelect levels={['district', 'town', 'community', 'unit']} within={within} allowClear style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="stage" label={t('arrivals.stage')}>
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 170 }}
          options={STAGES.map((s) => ({ value: s, label: label(STAGE_SHORT_LABELS, s) }))}
        />
      </Form.Item>
      <Form.Item name="disposition" label={t('arrivals.disposition')}>
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 170 }}
          options={DISPOSITIONS.map((d) => ({ value: d, label: label(DISPOSITION_LABELS, d) }))}
        />
      </Form.Item>
      <Form.Item name="abnormal" valuePropName="checked">
        <Checkbox>{t('arrivals.abnormal')}</Checkbox>
      </Form.Item>
      <Form.Item name="overdue" valuePropName="checked">
        <Checkbox>{t('arrivals.overdueOnly')}</Checkbox>
      </Form.Item>
      <Form.Item name="q">
        <Input.Search placeholder={t('arrivals.q')} allowClear style={{ width: 240 }} onSearch={() => form.submit()} />
      </Form.Item>
      <FilterButtons
        onReset={() => {
          form.setFieldsValue({ range: null, entryPointId: undefined, originCode: undefined, destCode: undefined, stage: undefined, disposition: undefined, abnormal: false, overdue: false, q: undefined });
          onChange({});
        }}
      />
    </Form>
  );
}

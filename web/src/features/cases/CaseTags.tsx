// Coloured tags for what officials scan the case and contact tables for: classification, status, origin, degree.
import { Tag } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import {
  CASE_ORIGIN_LABELS,
  CASE_STATUS_LABELS,
  CLASSIFICATION_LABELS,
  CLINICAL_TYPE_LABELS,
  CONTACT_DEGREE_LABELS,
  CONTACT_STATUS_LABELS,
} from '../../i18n/labels';

/** Confirmed red, asymptomatic orange: the colours of the graph too. */
export const CLASSIFICATION_COLORS: Record<string, string> = { confirmed: '#cf1322', asymptomatic: '#d46b08' };

const STATUS_COLORS: Record<string, string> = {
  reported: 'red',
  isolated: 'orange',
  admitted: 'blue',
  cured_discharged: 'green',
  released: 'green',
  died: 'default',
};

const CONTACT_STATUS_COLORS: Record<string, string> = { under_control: 'orange', released: 'green', ended: 'default', positive: 'red' };

export function ClassificationTag({ classification, clinicalType }: { classification: string; clinicalType?: string | null }) {
  const { label } = useI18n();
  return (
    <Tag color={CLASSIFICATION_COLORS[classification]} data-testid="classification-tag">
      {label(CLASSIFICATION_LABELS, classification)}
      {clinicalType ? `（${label(CLINICAL_TYPE_LABELS, clinicalType)}）` : ''}
    </Tag>
  );
}

export function CaseStatusTag({ status }: { status: string }) {
  const { label } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid="case-status-tag">
      {label(CASE_STATUS_LABELS, status)}
    </Tag>
  );
}

export function OriginTag({ origin, place }: { origin: string; place?: { name: string } | null }) {
  const { label } = useI18n();
  return (
    <Tag color={origin === 'imported' ? 'purple' : 'cyan'}>
      {label(CASE_ORIGIN_LABELS, origin)}
      {place ? ` · ${place.name}` : ''}
    </Tag>
  );
}

export function DegreeTag({ degree }: { degree: string }) {
  const { label } = useI18n();
  return <Tag color={degree === 'close' ? 'volcano' : 'gold'}>{label(CONTACT_DEGREE_LABELS, degree)}</Tag>;
}

export function ContactStatusTag({ status }: { status: string }) {
  const { label } = useI18n();
  return (
    <Tag color={CONTACT_STATUS_COLORS[status] ?? 'default'} data-testid="contact-status">
      {label(CONTACT_STATUS_LABELS, status)}
    </Tag>
  );
}

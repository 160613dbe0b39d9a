// Coloured tags for the values officials scan a table for: code colour, disposition, stage, temperature.
import { Tag, Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { COLOR_LABELS, DISPOSITION_LABELS, STAGE_SHORT_LABELS } from '../i18n/labels';

const CODE_COLORS: Record<string, string> = { green: 'green', yellow: 'gold', red: 'red' };

/** Red for fever clinic and isolation, orange for centralised observation, green for home. */
export const DISPOSITION_COLORS: Record<string, string> = {
  fever_clinic: '#cf1322',
  centralised_isolation: '#cf1322',
  centralised_observation: '#d46b08',
  employer_hotel: '#d46b08',
  home_observation: '#389e0d',
};

export function HealthCodeTag({ color }: { color: string }) {
  const { label } = useI18n();
  return <Tag color={CODE_COLORS[color] ?? 'default'}>{label(COLOR_LABELS, color)}</Tag>;
}

export function DispositionTag({ disposition }: { disposition: string }) {
  const { label } = useI18n();
  return <Tag color={DISPOSITION_COLORS[disposition] ?? 'default'}>{label(DISPOSITION_LABELS, disposition)}</Tag>;
}

export function StageTag({ stage }: { stage: string }) {
  const { label } = useI18n();
  const color = stage === 'observation_started' ? 'green' : stage === 'unit_received' ? 'blue' : 'default';
  return <Tag color={color}>{label(STAGE_SHORT_LABELS, stage)}</Tag>;
}

export function TemperatureText({ value, abnormal }: { value: number; abnormal: boolean }) {
  return (
    <Typography.Text type={abnormal ? 'danger' : undefined} strong={abnormal}>
      {value.toFixed(1)}℃
    </Typography.Text>
  );
}

export function OverdueTag() {
  const { t } = useI18n();
  return <Tag color="red">{t('inbox.overdue')}</Tag>;
}

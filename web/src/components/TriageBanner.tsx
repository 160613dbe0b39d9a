// The big coloured result the desk shows after a registration, readable from the queue.
import { Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import type { ArrivalView } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { DISPOSITION_LABELS, REASON_TEXTS } from '../i18n/labels';
import type { Translate } from '../i18n/texts';
import { settings } from '../settings';
import type { TriageReason } from '../../../src/domain/triage';
import { DISPOSITION_COLORS } from './StatusTags';

/** Why triage decided so, in words; the fever reason names the deployment's threshold. */
export function reasonsText(reasons: readonly string[], t: Translate): string {
  return reasons.map((r) => (r in REASON_TEXTS ? t(REASON_TEXTS[r as TriageReason], { threshold: settings().feverCelsius }) : r)).join('；');
}

export function TriageBanner({ arrival }: { arrival: ArrivalView }) {
  const { t, label } = useI18n();
  const color = DISPOSITION_COLORS[arrival.disposition] ?? '#595959';
  const route = [arrival.route.first, arrival.route.second].filter((x): x is { code: string; name: string } => !!x);
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="triage-banner"
      style={{ background: color, color: '#fff', borderRadius: 8, padding: '18px 28px', marginBottom: 16 }}
    >
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 24, flexWrap: 'wrap' }}>
        <span style={{ fontSize: 20, opacity: 0.9 }}>{t('desk.result')}</span>
        <span style={{ fontSize: 44, fontWeight: 700, lineHeight: 1.2 }} data-testid="banner-disposition">
          {label(DISPOSITION_LABELS, arrival.disposition)}
        </span>
        <span style={{ fontSize: 22 }}>
          {arrival.person.name}　{arrival.temperature.toFixed(1)}℃
        </span>
      </div>
      <div style={{ fontSize: 28, fontWeight: 600, marginTop: 8 }} data-testid="banner-route">
        {t('desk.sendTo')}
        {route.map((r) => (
          <span key={r.code}>
            {' '}
            <ArrowRightOutlined /> {r.name}
          </span>
        ))}
      </div>
      <Typography.Text style={{ color: '#fff', opacity: 0.9, fontSize: 16 }}>
        {reasonsText(arrival.reasons, t)}
        {'　'}
        {t('desk.nextPerson')}
      </Typography.Text>
    </div>
  );
}

// How long something has waited, as officials read it: "25 分钟", "3 小时 5 分钟".
import { minutesSince } from '../format';
import { useI18n } from '../i18n/I18nProvider';

export function Duration({ minutes }: { minutes: number }) {
  const { t } = useI18n();
  const m = Math.max(0, Math.floor(minutes));
  return <span>{m < 60 ? t('common.minutes', { n: m }) : t('common.hoursMinutes', { h: Math.floor(m / 60), m: m % 60 })}</span>;
}

/** The time waited since an instant. */
export function WaitingTime({ since }: { since: string }) {
  return <Duration minutes={minutesSince(since)} />;
}

import { Segmented } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { LANGUAGES, type Lang } from '../i18n/languages';

const OPTIONS = Object.entries(LANGUAGES).map(([value, l]) => ({ label: l.name, value: value as Lang }));

/** 中文 / English, remembered in the browser. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return <Segmented<Lang> aria-label={t('lang.switch')} size="small" value={lang} onChange={setLang} options={OPTIONS} />;
}

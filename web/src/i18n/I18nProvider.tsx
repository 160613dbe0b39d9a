// The chosen UI language (Chinese first), its texts, Ant Design's locale and dayjs's.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider, App as AntApp } from 'antd';
import dayjs from 'dayjs';
import { setClientLanguage } from '../api/client';
import type { Label } from '../../../src/domain/labels';
import { LANGUAGES, type Lang } from './languages';
import { format, type Translate } from './texts';

const STORAGE_KEY = 'fk.lang';

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** A UI text with {placeholders} filled in. */
  t: Translate;
  /** The name of an enum value in the current language. */
  label(labels: Readonly<Record<string, Label>>, value: string | null | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved && saved in LANGUAGES ? (saved as Lang) : 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const language = LANGUAGES[lang];
  const texts = language.texts;

  // Set before children render so their first requests already speak the right language.
  setClientLanguage(language.tag, texts['common.networkError']);
  dayjs.locale(language.dayjs);

  useEffect(() => {
    document.documentElement.lang = language.tag;
    document.title = texts['app.title'];
  }, [language, texts]);

  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => format(texts[key] ?? key, params),
      label: (labels, v) => (v ? labels[v]?.[lang] ?? v : ''),
    }),
    [lang, setLang, texts],
  );

  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={language.antd} theme={{ token: { colorPrimary: '#1d5fbf', borderRadius: 4 } }}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

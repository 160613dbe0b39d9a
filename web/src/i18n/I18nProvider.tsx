// The chosen UI language (Chinese first), its texts, Ant Design's locale and dayjs's.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider, App as AntApp } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { setClientLanguage } from '../api/client';
import { en, zh, type MessageKey } from './messages';
import type { Label } from './labels';

export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'fk.lang';

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** A UI text with {placeholders} filled in. */
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** The name of an enum value in the current language. */
  label(labels: Record<string, Label>, value: string | null | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const messages = lang === 'en' ? en : zh;

  // Set before children render so their first requests already speak the right language.
  setClientLanguage(lang, messages['common.networkError']);
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');

  useEffect(() => {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    document.title = messages['app.title'];
  }, [lang, messages]);

  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => {
        const text = messages[key] ?? key;
        return params ? text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? '')) : text;
      },
      label: (labels, v) => (v ? labels[v]?.[lang] ?? v : ''),
    }),
    [lang, setLang, messages],
  );

  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1d5fbf', borderRadius: 4 } }}>
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

// The UI languages, Chinese first. Another language (Tibetan, bo) is added by a folder of texts like
// ./en, typed against ./zh, and one entry here, with its Ant Design and dayjs locales.
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import zh from './zh';
import en from './en';
import { flatten } from './texts';

export const LANGUAGES = {
  zh: { name: '中文', texts: flatten(zh), antd: zhCN, dayjs: 'zh-cn', tag: 'zh-CN' },
  en: { name: 'English', texts: flatten(en), antd: enUS, dayjs: 'en', tag: 'en' },
};

export type Lang = keyof typeof LANGUAGES;

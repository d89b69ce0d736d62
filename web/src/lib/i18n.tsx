import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from 'antd/es/locale';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { hasDictionary, makeEnumLabel, makeTranslate, registerDictionary, type EnumLabel, type Lang, type Translate } from './translate.js';

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** The label of an enum value: `te('ProblemStatus', 'OPEN')`. */
  te: EnumLabel;
  /** antd's own texts (pickers, pagination, empty states) in the same language. */
  antdLocale: Locale;
}

const I18nContext = createContext<I18n | null>(null);
const STORAGE_KEY = 'hub.lang';
let enLocale: Locale | null = null;

async function loadEnglish(): Promise<void> {
  if (hasDictionary('en') && enLocale) return;
  const m = await import('./lang-en.js');
  registerDictionary('en', m.en, m.enEnumLabels);
  enLocale = m.enUS;
}

/** Chinese by default; English one click away (loaded then), remembered on this machine. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh'));
  const [ready, setReady] = useState(lang === 'zh');
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    if (next === 'zh') return setLangState('zh');
    void loadEnglish().then(() => setLangState('en'));
  }, []);
  useEffect(() => {
    if (lang === 'en' && !ready) void loadEnglish().then(() => setReady(true));
  }, [lang, ready]);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const effective: Lang = lang === 'en' && hasDictionary('en') ? 'en' : 'zh';
    // Before the children render, so that date pickers and formats follow at once.
    dayjs.locale(effective === 'zh' ? 'zh-cn' : 'en');
    const t = makeTranslate(effective);
    return {
      lang: effective,
      setLang,
      t,
      te: makeEnumLabel(effective),
      antdLocale: effective === 'en' && enLocale ? enLocale : zhCN,
    };
  }, [lang, setLang, ready]);
  if (!ready) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

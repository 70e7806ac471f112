import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  I18nContext,
  dictionaries,
  readStoredLang,
  storeLang,
  type I18n,
  type Lang,
} from './context.ts';
import { dayjsLocales } from './antdLocale.ts';

const initialLang = readStoredLang();
dayjs.locale(dayjsLocales[initialLang]);

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  const setLang = useCallback((next: Lang) => {
    storeLang(next);
    dayjs.locale(dayjsLocales[next]);
    setLangState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = dictionaries[lang].app.name;
  }, [lang]);

  const value = useMemo<I18n>(() => ({ lang, t: dictionaries[lang], setLang }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

import { createContext, useContext } from 'react';
import { en } from './en.ts';
import { zh, type Messages } from './zh.ts';

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];
export const dictionaries: Record<Lang, Messages> = { zh, en };

/** localStorage key that keeps the user's language choice. */
export const LANG_STORAGE_KEY = 'jinfu.lang';

export function readStoredLang(): Lang {
  try {
    const v = window.localStorage.getItem(LANG_STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function storeLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

export interface I18n {
  lang: Lang;
  t: Messages;
  setLang: (lang: Lang) => void;
}

export const I18nContext = createContext<I18n>({ lang: 'zh', t: zh, setLang: () => undefined });

export function useI18n(): I18n {
  return useContext(I18nContext);
}

export type { Messages };

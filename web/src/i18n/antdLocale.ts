import type { Locale } from 'antd/es/locale/index.js';
import * as enUSModule from 'antd/es/locale/en_US.js';
import * as zhCNModule from 'antd/es/locale/zh_CN.js';
import type { Lang } from './context.ts';

// antd ships its locales without package "exports", so TypeScript (NodeNext) types them as
// CommonJS while the bundler loads the ES build: the locale object sits one or two `default`
// levels down depending on who looks. Walk down until the object that has `locale`.
function unwrapLocale(mod: unknown): Locale {
  let cur: unknown = mod;
  for (let i = 0; i < 3; i += 1) {
    if (
      cur &&
      typeof cur === 'object' &&
      typeof (cur as { locale?: unknown }).locale === 'string'
    ) {
      return cur as Locale;
    }
    cur = cur && typeof cur === 'object' ? (cur as { default?: unknown }).default : undefined;
  }
  throw new Error('antd locale module has no locale object');
}

export const antdLocales: Record<Lang, Locale> = {
  zh: unwrapLocale(zhCNModule),
  en: unwrapLocale(enUSModule),
};

/** dayjs locale names matching each UI language. */
export const dayjsLocales: Record<Lang, string> = { zh: 'zh-cn', en: 'en' };

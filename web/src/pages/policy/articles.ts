import type { ParameterArticle } from '../../api/types.ts';
import type { Messages } from '../../i18n/context.ts';

/** Choices of the article filter, in the document's order. */
export const ARTICLES: readonly ParameterArticle[] = [
  'general',
  ...Array.from({ length: 36 }, (_, i) => i + 1),
  'conventions',
];

/** The document's order: 总体目标 first, then articles 1–36, conventions last. */
export function articleOrder(a: ParameterArticle): number {
  if (a === 'general') return 0;
  if (a === 'conventions') return 100;
  return a;
}

export function articleLabel(a: ParameterArticle, t: Messages): string {
  if (a === 'general') return t.policy.general;
  if (a === 'conventions') return t.policy.conventions;
  return t.policy.article(a);
}

/** A filter value as the article it names; undefined for anything else. */
export function parseArticleFilter(v: string | undefined): ParameterArticle | undefined {
  if (v === 'general' || v === 'conventions') return v;
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 36 ? n : undefined;
}

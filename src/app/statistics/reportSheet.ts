import { CATEGORY_NAMES, STATISTICS_CATEGORIES } from './categories.ts';

/**
 * The layout of the statistics Excel template (issue 7 §3, decision 0020), shared by the
 * download and the upload so they cannot drift apart: row 1 holds the period and the
 * bank's code, row 2 the headers, then one row per category in STATISTICS_CATEGORIES
 * order. The upload finds a category by the Chinese name in column A, not by position.
 */

export const SHEET_NAME = '统计报表';
export const HEADER_ROW = 2;
export const FIRST_LINE_ROW = 3;

/** Row 1: A1 label, B1 the period; C1 label, D1 the bank's institution code. */
export const PERIOD_CELL = { row: 1, col: 2, zh: '统计期', en: 'period' } as const;
export const BANK_CELL = { row: 1, col: 4, zh: '机构代码', en: 'institution code' } as const;

/** The line fields by column, with the header the template writes. */
export const LINE_COLUMNS = [
  { key: 'balance', col: 2, zh: '期末余额（元）', en: 'balance (yuan)' },
  { key: 'newLending', col: 3, zh: '本期新增贷款（元）', en: 'new lending (yuan)' },
  { key: 'repaid', col: 4, zh: '本期收回（元）', en: 'repaid (yuan)' },
  { key: 'borrowers', col: 5, zh: '贷款户数', en: 'borrowers' },
  { key: 'npl', col: 6, zh: '不良贷款余额（元）', en: 'non-performing (yuan)' },
] as const;
export type LineColumn = (typeof LINE_COLUMNS)[number]['key'];

export const CATEGORY_HEADER = { col: 1, zh: '贷款类别', en: 'category' } as const;

/** The template's rows: the category names in column A, in order. */
export const TEMPLATE_ROWS = STATISTICS_CATEGORIES.map((c, i) => ({
  category: c,
  row: FIRST_LINE_ROW + i,
  name: CATEGORY_NAMES[c].zh,
}));

import { fenToYuanString, type Fen } from '../../core/money.ts';
import { invalid, type AppError } from '../errors.ts';
import {
  CATEGORY_NAMES,
  PART_OF,
  STATISTICS_CATEGORIES,
  type StatisticsCategory,
} from './categories.ts';
import type { StatisticsLineInput } from './statisticsFields.ts';

/**
 * A statistics report's internal consistency (issue 7 §3): every category once; the
 * non-performing part within the balance; each part within its whole (balance, new
 * lending, borrowers); and, when the bank's report of the period before is on record,
 * balances that reconcile with the flows: previous balance + new lending − repaid.
 * The first problem found, as a field-named error; null when the report holds together.
 */
export function consistencyProblem(
  lines: readonly StatisticsLineInput[],
  previousBalance: ReadonlyMap<string, Fen> | null,
): AppError | null {
  const index = new Map<StatisticsCategory, number>();
  for (const [i, l] of lines.entries()) {
    if (index.has(l.category)) {
      return invalid(
        `lines.${String(i)}.category`,
        `类别“${CATEGORY_NAMES[l.category].zh}”重复填报`,
        `category "${l.category}" is reported twice`,
      );
    }
    index.set(l.category, i);
  }
  const missing = STATISTICS_CATEGORIES.filter((c) => !index.has(c));
  if (missing.length > 0) {
    return invalid(
      'lines',
      `缺少类别：${missing.map((c) => CATEGORY_NAMES[c].zh).join('、')}`,
      `categories missing: ${missing.join(', ')}`,
    );
  }
  const line = (c: StatisticsCategory) => lines[index.get(c)!]!;
  const y = (f: number) => fenToYuanString(f as Fen);
  for (const [i, l] of lines.entries()) {
    if (l.npl > l.balance) {
      return invalid(
        `lines.${String(i)}.npl`,
        `不良贷款 ${y(l.npl)} 元超过余额 ${y(l.balance)} 元`,
        `non-performing loans ${y(l.npl)} exceed the balance ${y(l.balance)}`,
      );
    }
  }
  const FIELDS = [
    ['balance', '余额', 'balance'],
    ['newLending', '新增贷款', 'new lending'],
    ['borrowers', '户数', 'borrowers'],
  ] as const;
  for (const { parts, whole } of PART_OF) {
    for (const [field, zh, en] of FIELDS) {
      const sum = parts.reduce((s, c) => s + line(c)[field], 0);
      const total = line(whole)[field];
      if (sum > total) {
        const shown = (v: number) => (field === 'borrowers' ? String(v) : `${y(v)}`);
        const names = parts.map((c) => CATEGORY_NAMES[c]);
        return invalid(
          `lines.${String(index.get(parts[0]!)!)}.${field}`,
          `${names.map((n) => n.zh).join('＋')}的${zh} ${shown(sum)} 超过${CATEGORY_NAMES[whole].zh}的${zh} ${shown(total)}`,
          `the ${en} of ${names.map((n) => n.en).join(' + ')} (${shown(sum)}) exceeds that of ${CATEGORY_NAMES[whole].en} (${shown(total)})`,
        );
      }
    }
  }
  if (previousBalance !== null) {
    for (const [i, l] of lines.entries()) {
      const before = previousBalance.get(l.category) ?? 0;
      const expected = before + l.newLending - l.repaid;
      if (expected !== l.balance) {
        return invalid(
          `lines.${String(i)}.balance`,
          `${CATEGORY_NAMES[l.category].zh}余额与发生额不符：上期余额 ${y(before)} ＋ 新增 ${y(l.newLending)} － 收回 ${y(l.repaid)} ＝ ${y(expected)}，填报为 ${y(l.balance)}`,
          `${CATEGORY_NAMES[l.category].en}: the balance does not reconcile with the flows: previous ${y(before)} + new ${y(l.newLending)} − repaid ${y(l.repaid)} = ${y(expected)}, reported ${y(l.balance)}`,
        );
      }
    }
  }
  return null;
}

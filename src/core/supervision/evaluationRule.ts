import { DomainError } from '../errors.ts';
import { formatPoints as pts, type Centipoints } from './evaluationPoints.ts';

/**
 * How a computed item of an art. 35 scheme turns its indicator's value into points
 * (decision 0018). The rule is scheme data, so each year's scheme says how it scores:
 *
 * - `linear` (ratios): 0 points at or below `floor`, the full weight at or above
 *   `target`, in proportion between; floor and target are percentages kept in
 *   hundredths of a percent ('12.5' % → 1250).
 * - `per-unit` (counts, e.g. precision-check findings): `points` per unit, up to the
 *   item's weight or cap.
 *
 * Points are rounded half up to hundredths. A value the data cannot give (no approved
 * report, nothing to divide by) scores 0 and says so.
 */

/** Hundredths of a percent. */
export type Basis = number & { readonly __brand: 'Basis' };

export type ScoringRule =
  | { readonly kind: 'linear'; readonly floor: Basis; readonly target: Basis }
  | { readonly kind: 'per-unit'; readonly points: Centipoints };

/** An indicator's value: a ratio numerator / denominator, or a count (no denominator). */
export interface Reading {
  readonly numerator: bigint;
  readonly denominator: bigint | null;
}

const PERCENT = /^(-?)(\d{1,5})(?:\.(\d{1,2}))?$/;

/** '12.5' (percent) → 1250; a number with at most two decimals, possibly negative. */
export function parsePercent(text: string, field: string): Basis {
  const m = PERCENT.exec(text.trim());
  if (!m) {
    throw new DomainError({
      code: 'PERCENT_FORMAT',
      message_zh: `百分比应为数字，最多两位小数，实际为“${text.slice(0, 20)}”`,
      message_en: `A percentage is a number with at most 2 decimals, got "${text.slice(0, 20)}"`,
      field,
    });
  }
  const v = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return (m[1] === '-' ? -v : v) as Basis;
}

export function formatPercent(b: number): string {
  const a = Math.abs(b);
  const sign = b < 0 ? '-' : '';
  return `${sign}${String(Math.trunc(a / 100))}.${String(a % 100).padStart(2, '0')}%`;
}

/** The problems of a rule (field = where the rule sits); [] when it is valid. */
export function ruleProblems(rule: ScoringRule, field: string): DomainError[] {
  if (rule.kind === 'linear' && !(rule.target > rule.floor)) {
    return [
      new DomainError({
        code: 'SCHEME_RULE',
        message_zh: '线性计分的目标值须高于起点值',
        message_en: 'A linear rule’s target must be above its floor',
        field: `${field}.target`,
      }),
    ];
  }
  if (rule.kind === 'per-unit' && !(rule.points > 0)) {
    return [
      new DomainError({
        code: 'SCHEME_RULE',
        message_zh: '每单位分值必须大于0',
        message_en: 'Points per unit must be more than 0',
        field: `${field}.points`,
      }),
    ];
  }
  return [];
}

/** Which readings a rule scores: a ratio for `linear`, a count for `per-unit`. */
export const ruleReads = (rule: ScoringRule): 'ratio' | 'count' =>
  rule.kind === 'linear' ? 'ratio' : 'count';

/** a / b rounded half up, for a ≥ 0 and b > 0. */
const roundedDiv = (a: bigint, b: bigint): bigint => (2n * a + b) / (2n * b);

/**
 * The reading as the rule reads it: a ratio in hundredths of a percent (rounded half up),
 * a count as is; null when there is no value (no data, or nothing to divide by).
 */
export function readingValue(reading: Reading | null): number | null {
  if (reading === null) return null;
  if (reading.denominator === null) return Number(reading.numerator);
  if (reading.denominator <= 0n) return null;
  const n = reading.numerator * 10000n;
  const v = n < 0n ? -roundedDiv(-n, reading.denominator) : roundedDiv(n, reading.denominator);
  return Number(v);
}

/** The points a reading earns under the rule, out of `of`. */
export function scoreReading(
  rule: ScoringRule,
  reading: Reading | null,
  of: Centipoints,
): Centipoints {
  if (reading === null) return 0 as Centipoints;
  const cap = BigInt(of);
  if (rule.kind === 'per-unit') {
    if (reading.denominator !== null) return 0 as Centipoints;
    const p = reading.numerator * BigInt(rule.points);
    return Number(p < 0n ? 0n : p > cap ? cap : p) as Centipoints;
  }
  const den = reading.denominator;
  if (den === null || den <= 0n) return 0 as Centipoints;
  // of × (value − floor) / (target − floor), the value being numerator × 10000 / den
  const over = reading.numerator * 10000n - BigInt(rule.floor) * den;
  if (over <= 0n) return 0 as Centipoints;
  const span = BigInt(rule.target - rule.floor) * den;
  if (over >= span) return of;
  return Number(roundedDiv(cap * over, span)) as Centipoints;
}

/** The rule in words, both languages. */
export function describeRule(rule: ScoringRule, of: Centipoints): { zh: string; en: string } {
  if (rule.kind === 'per-unit') {
    return {
      zh: `每项 ${pts(rule.points)} 分，最多 ${pts(of)} 分`,
      en: `${pts(rule.points)} points each, at most ${pts(of)}`,
    };
  }
  const [f, t] = [formatPercent(rule.floor), formatPercent(rule.target)];
  return {
    zh: `不高于 ${f} 得 0 分，达到 ${t} 得 ${pts(of)} 分，其间按比例`,
    en: `0 points at or below ${f}, ${pts(of)} at ${t} or above, in proportion between`,
  };
}

import { accrueInterestExact, type ExactFen } from '../../accrual.ts';
import { addDays, daysBetween, type IsoDate } from '../../calendarDate.ts';
import type { DayCountConvention } from '../../dayCount.ts';
import type { Fen } from '../../money.ts';
import { minRate, type Rate } from '../../rate.ts';
import type { BenchmarkBasis, ReferenceRateKind } from '../../rateTable.ts';
import { pct, referenceAt, yuan, type Reads, type ReferenceQuery } from './context.ts';

/**
 * Interest at min(contract rate, same-term reference) over [start, end), exactly (no
 * rounding), for the subsidies that "按不高于同期基准利率" recompute a loan's interest
 * (arts. 11, 14, 17). On the contract-date basis the reference is one rate. On the
 * accrual-date basis the period is cut wherever a rate table row takes effect inside
 * it, each piece at the reference in force on its first day; the pieces are added
 * before any rounding, so the cut never changes the total by a fen.
 */
export interface SubsidisedInterest extends ExactFen {
  /** The subsidy rate when it is one rate over the whole range. */
  readonly singleRate: Rate | undefined;
}

/** Dates in (start, end) where the reference may change. */
function rateBoundaries(
  reads: Reads,
  start: IsoDate,
  end: IsoDate,
  kind: ReferenceRateKind,
  on: IsoDate,
): IsoDate[] {
  const dates = new Set<IsoDate>();
  for (const row of reads.rates.benchmark.rows) {
    if (row.effective > start && row.effective < end) dates.add(row.effective);
  }
  if (kind === 'lpr') {
    for (const row of reads.rates.lpr.rows) {
      if (row.effective > start && row.effective < end) dates.add(row.effective);
    }
    const sw = reads.date('conventions.lpr-switch-date', on);
    if (sw > start && sw < end) dates.add(sw);
  }
  return [...dates].sort();
}

export function subsidisedInterestExact(
  reads: Reads,
  query: ReferenceQuery,
  basis: BenchmarkBasis,
  kind: ReferenceRateKind,
  loan: {
    readonly principal: Fen;
    readonly contractRate: Rate;
    readonly dayCount: DayCountConvention;
  },
  start: IsoDate,
  end: IsoDate,
): SubsidisedInterest {
  if (end <= start) return { numerator: 0n, denominator: 1n, singleRate: undefined };
  const cuts = basis === 'accrual-date' ? rateBoundaries(reads, start, end, kind, query.on) : [];
  let numerator = 0n;
  let denominator = 1n;
  let singleRate: Rate | undefined;
  let segStart = start;
  for (let i = 0; i <= cuts.length; i++) {
    const segEnd = cuts[i] ?? end;
    const ref = referenceAt(reads, query, basis, kind, segStart).rate;
    const r = minRate(loan.contractRate, ref);
    if (cuts.length === 0) singleRate = r;
    const part = accrueInterestExact({
      principal: loan.principal,
      annualRate: r,
      start: segStart,
      end: segEnd,
      dayCount: loan.dayCount,
    });
    // One day count for every piece, so every denominator is the same.
    numerator += part.numerator;
    denominator = part.denominator;
    const from = segStart;
    if (reads.steps !== undefined)
      reads.steps.push({
        zh: `${from} 至 ${addDays(segEnd, -1)}（${String(daysBetween(from, segEnd))} 天）：min(合同 ${pct(loan.contractRate)}, 同期基准 ${pct(ref)}) = ${pct(r)}；${yuan(loan.principal)} × ${pct(r)} × 天数 ÷ 基数（${loan.dayCount}）`,
        en: `${from} to ${addDays(segEnd, -1)} (${String(daysBetween(from, segEnd))} days): min(contract ${pct(loan.contractRate)}, reference ${pct(ref)}) = ${pct(r)}; ${yuan(loan.principal)} × ${pct(r)} × days / basis (${loan.dayCount})`,
        value: exactYuan(part),
      });
    segStart = segEnd;
  }
  return { numerator, denominator, singleRate };
}

/** An exact fen fraction as yuan with 4 decimals, for traces only. */
export function exactYuan(x: ExactFen): string {
  // Scale to 1e-4 yuan = 1e-2 fen, truncated: traces show the unrounded figure.
  const scaled = (x.numerator * 100n) / x.denominator;
  const neg = scaled < 0n;
  const abs = neg ? -scaled : scaled;
  const whole = abs / 10000n;
  const frac = (abs % 10000n).toString().padStart(4, '0');
  return `${neg ? '-' : ''}${whole.toString()}.${frac}`;
}

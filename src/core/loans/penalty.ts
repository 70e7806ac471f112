import { accrueInterestExact, type ExactFen } from '../accrual.ts';
import type { IsoDate } from '../calendarDate.ts';
import type { DayCountConvention } from '../dayCount.ts';
import type { Fen } from '../money.ts';
import { mulRate, type Rate } from '../rate.ts';
import { roundFen, type RoundingMode } from '../rounding.ts';
import type { DueRow } from './servicing.ts';

/**
 * Penalty interest (罚息) on overdue principal: each instalment's principal not repaid by
 * its due date bears the penalty rate from the due date until it is repaid. Pure;
 * amounts in integer fen. Overdue interest bears no compound interest (复利) here.
 */

export interface PenaltyTerms {
  /** The annual penalty rate: the contract rate × the product's penalty factor. */
  readonly rate: Rate;
  readonly dayCount: DayCountConvention;
  readonly rounding: RoundingMode;
}

/** A payment's principal part, on its date: what reduces the overdue principal. */
export interface PrincipalPaid {
  readonly paidOn: IsoDate;
  readonly principal: Fen;
}

/**
 * The penalty rate: the contract rate × `factor` ('1.5' = 加收50%, the PBOC rule for
 * overdue loans is 30–50 % above the contract rate).
 */
export function penaltyRate(contractRate: Rate, factor: string): Rate {
  return mulRate(contractRate, factor);
}

const addExact = (a: ExactFen, b: ExactFen): ExactFen =>
  a.denominator === b.denominator
    ? { numerator: a.numerator + b.numerator, denominator: a.denominator }
    : {
        numerator: a.numerator * b.denominator + b.numerator * a.denominator,
        denominator: a.denominator * b.denominator,
      };

/**
 * Penalty interest accrued on [due date, asOf) for every instalment, rounded once.
 * Principal payments fill the instalments in due-date order (as `allocatePayment` does),
 * so instalment n's overdue principal falls on the days payments reach it. A payment on
 * the due date itself leaves nothing overdue (the same day count as `daysPastDue`: 0 on
 * the due date, 1 the day after); payments after `asOf` do not count.
 *
 *   Σₙ Σ segments  overdue principal × days × rate / basis,   rounded once.
 */
export function accruedPenalty(
  rows: readonly DueRow[],
  payments: readonly PrincipalPaid[],
  asOf: IsoDate,
  terms: PenaltyTerms,
): Fen {
  const paid = payments
    .filter((p) => p.paidOn <= asOf && p.principal > 0)
    .sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : 0))
    .map((p) => ({ paidOn: p.paidOn, left: p.principal as number }));
  let total: ExactFen = { numerator: 0n, denominator: 1n };
  const accrue = (principal: number, start: IsoDate, end: IsoDate): void => {
    if (principal <= 0 || end <= start) return;
    total = addExact(
      total,
      accrueInterestExact({
        principal: principal as Fen,
        annualRate: terms.rate,
        start,
        end,
        dayCount: terms.dayCount,
      }),
    );
  };
  let next = 0;
  for (const row of [...rows].sort((a, b) => a.n - b.n)) {
    let owed = row.principal as number;
    let from = row.dueDate;
    while (owed > 0 && next < paid.length) {
      const p = paid[next]!;
      const x = Math.min(owed, p.left);
      if (p.paidOn > from) {
        accrue(owed, from, p.paidOn);
        from = p.paidOn;
      }
      owed -= x;
      p.left -= x;
      if (p.left === 0) next++;
    }
    if (row.dueDate < asOf) accrue(owed, from, asOf);
  }
  return roundFen(total.numerator, total.denominator, terms.rounding);
}

/** A schedule version with the penalty terms of its rate, in force from `effectiveOn`. */
export interface PenaltyVersion {
  readonly effectiveOn: IsoDate;
  readonly rows: readonly DueRow[];
  readonly terms: PenaltyTerms;
}

/**
 * Penalty accrued by `asOf` over a loan's schedule versions (in version order): each
 * version counts only what accrues while it is in force, from its date to the next
 * version's. The instalments a new version keeps are the old one's up to its date, so
 * nothing is counted twice; arrears a new version re-schedules stop accruing at its date.
 */
export function penaltyAcrossVersions(
  versions: readonly PenaltyVersion[],
  payments: readonly PrincipalPaid[],
  asOf: IsoDate,
): Fen {
  let total = 0;
  versions.forEach((v, i) => {
    if (v.effectiveOn > asOf) return;
    const next = versions[i + 1];
    const end = next !== undefined && next.effectiveOn <= asOf ? next.effectiveOn : asOf;
    total +=
      accruedPenalty(v.rows, payments, end, v.terms) -
      accruedPenalty(v.rows, payments, v.effectiveOn, v.terms);
  });
  return total as Fen;
}

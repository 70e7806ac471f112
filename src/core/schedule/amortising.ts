import { accrueInterest, type ExactFen } from '../accrual.ts';
import { DomainError } from '../errors.ts';
import { fen, subFen, type Fen } from '../money.ts';
import type { Rate } from '../rate.ts';
import { DEFAULT_ROUNDING, roundFen, type RoundingMode } from '../rounding.ts';
import type { SchedulePeriod } from './dueDates.ts';
import { REPAYMENT_METHOD_NAMES_ZH, type ResolvedTerms } from './terms.ts';
import type { ScheduleRow } from './types.ts';

// A Rate of r units is r / 1e10 per year, so the monthly rate annual/12 is exactly
// r / MONTHLY_DENOMINATOR: a rational with integer parts, never a float.
const MONTHLY_DENOMINATOR = 12n * 10_000_000_000n;

/**
 * The equal instalment (等额本息) before rounding, as an exact fraction of fen:
 *
 *   A = P · i · (1 + i)^n / ((1 + i)^n − 1),  i = annual / 12
 *
 * With i = r / d (r the rate in units, d = MONTHLY_DENOMINATOR) this is
 *
 *   A = P · r · (d + r)^n / (d · ((d + r)^n − d^n))
 *
 * computed in BigInt: exact for every term up to 600 months (the powers have a few
 * thousand digits, which BigInt handles in well under a millisecond), so the only
 * rounding is the one named rule applied to A itself.
 */
export function equalInstalmentExact(principal: Fen, annualRate: Rate, months: number): ExactFen {
  const r = BigInt(annualRate);
  const d = MONTHLY_DENOMINATOR;
  const n = BigInt(months);
  const growth = (d + r) ** n;
  return {
    numerator: BigInt(principal) * r * growth,
    denominator: d * (growth - d ** n),
  };
}

/** The regular equal instalment rounded to the fen: 1,000,000 / 360 / 4.9 % → 5,307.27. */
export function equalInstalment(
  principal: Fen,
  annualRate: Rate,
  months: number,
  rounding: RoundingMode = DEFAULT_ROUNDING,
): Fen {
  const { numerator, denominator } = equalInstalmentExact(principal, annualRate, months);
  return roundFen(numerator, denominator, rounding);
}

/** balance × annual / 12, rounded: one regular month's interest on an amortising loan. */
export function monthlyInterest(
  balance: Fen,
  annualRate: Rate,
  rounding: RoundingMode = DEFAULT_ROUNDING,
): Fen {
  return roundFen(BigInt(balance) * BigInt(annualRate), MONTHLY_DENOMINATOR, rounding);
}

function tooSmall(terms: ResolvedTerms, n: number): DomainError {
  return new DomainError({
    code: 'SCHEDULE_PRINCIPAL_TOO_SMALL',
    message_zh: `本金相对期数和利率过小：按${REPAYMENT_METHOD_NAMES_ZH[terms.method]}逐期舍入到分后，第 ${String(n)} 期的本金或剩余本金将为负数；请减少期数或增加本金`,
    message_en: `The principal is too small for this term and rate: with every amount rounded to the fen, instalment ${String(n)} would have a negative principal or balance; use fewer months or a larger principal`,
    field: 'principal',
  });
}

/**
 * Rows of a monthly amortising schedule. A regular month's interest is balance ×
 * annual/12 whatever the day count (the bank formula); only a broken first period
 * (a first due date other than start + 1 month) is charged by days under the day
 * count, as POLICY.md's conventions prescribe for broken periods. `principalOf` gives
 * the principal part of a row before the last from the month's REGULAR interest
 * (balance × annual/12), so a broken first period changes that row's interest but
 * not the amortisation: the principal column is the same as without it. The last
 * row repays the whole remaining balance, so the principal parts add up to the loan
 * exactly and the last row absorbs every rounding difference. Rows are numbered from
 * `firstN` (after any grace-period rows).
 *
 * Rounding can, in extreme terms (a few hundred yuan over decades, or a high rate
 * over a long term), push a row's principal part or the balance below zero. Such a
 * schedule cannot be honoured as quoted, so it is refused rather than patched.
 */
function amortise(
  terms: ResolvedTerms,
  periods: readonly SchedulePeriod[],
  firstN: number,
  principalOf: (regularInterest: Fen) => Fen,
): ScheduleRow[] {
  const rows: ScheduleRow[] = [];
  let balance = terms.principal;
  periods.forEach((period, index) => {
    const n = firstN + index;
    const brokenFirst = index === 0 && terms.firstDueDate !== undefined;
    const regularInterest = monthlyInterest(balance, terms.annualRate, terms.rounding);
    const interest = brokenFirst
      ? accrueInterest({
          principal: balance,
          annualRate: terms.annualRate,
          start: period.periodStart,
          end: period.dueDate,
          dayCount: terms.dayCount,
          rounding: terms.rounding,
        })
      : regularInterest;
    const principal = index === periods.length - 1 ? balance : principalOf(regularInterest);
    if (principal < 0 || principal > balance) throw tooSmall(terms, n);
    balance = subFen(balance, principal);
    rows.push({
      n,
      periodStart: period.periodStart,
      dueDate: period.dueDate,
      principal,
      interest,
      total: fen(principal + interest),
      balanceAfter: balance,
    });
  });
  return rows;
}

/**
 * 等额本息: every row pays the instalment A (rounded by the named rule), of which the
 * month's interest (rounded) comes first and the rest repays principal. A broken
 * first period repays the regular principal part (A − balance × annual/12) plus its
 * interest by days, so its total differs from A (more for a long first period, less
 * for a short one) instead of eating into, or overpaying, the principal. `periods` are
 * the repayment months (after any grace period), so A amortises over them alone.
 */
export function equalInstalmentRows(
  terms: ResolvedTerms,
  periods: readonly SchedulePeriod[],
  firstN: number,
): { rows: ScheduleRow[]; instalment: Fen } {
  const instalment = equalInstalment(
    terms.principal,
    terms.annualRate,
    periods.length,
    terms.rounding,
  );
  const rows = amortise(terms, periods, firstN, (interest) => subFen(instalment, interest));
  return { rows, instalment };
}

/**
 * 等额本金: every row but the last repays principal / repayment months rounded by the
 * named rule (120,000 over 12 → 10,000.00); the last repays what is left.
 */
export function equalPrincipalRows(
  terms: ResolvedTerms,
  periods: readonly SchedulePeriod[],
  firstN: number,
): ScheduleRow[] {
  const part = roundFen(BigInt(terms.principal), BigInt(periods.length), terms.rounding);
  return amortise(terms, periods, firstN, () => part);
}

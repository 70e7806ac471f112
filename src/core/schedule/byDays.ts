import { accrueInterest } from '../accrual.ts';
import { fen, ZERO_FEN } from '../money.ts';
import type { SchedulePeriod } from './dueDates.ts';
import type { ResolvedTerms } from './terms.ts';
import type { ScheduleRow } from './types.ts';

/**
 * 按期付息到期还本 and 到期一次还本付息: the whole principal is outstanding until
 * maturity, so each period's interest is principal × days × rate / basis under the
 * day count (accrueInterest, [periodStart, dueDate)), rounded once per period by the
 * named rule; the last row also repays the principal. A bullet loan is the one-period
 * case. A grace period (宽限期) is the same rows without the repayment
 * (`repaysPrincipal: false`): the amortising rows that follow repay it.
 */
export function interestByDaysRows(
  terms: ResolvedTerms,
  periods: readonly SchedulePeriod[],
  { repaysPrincipal }: { repaysPrincipal: boolean },
): ScheduleRow[] {
  return periods.map((period, index) => {
    const last = repaysPrincipal && index === periods.length - 1;
    const interest = accrueInterest({
      principal: terms.principal,
      annualRate: terms.annualRate,
      start: period.periodStart,
      end: period.dueDate,
      dayCount: terms.dayCount,
      rounding: terms.rounding,
    });
    const principal = last ? terms.principal : ZERO_FEN;
    return {
      n: index + 1,
      periodStart: period.periodStart,
      dueDate: period.dueDate,
      principal,
      interest,
      total: fen(principal + interest),
      balanceAfter: last ? ZERO_FEN : terms.principal,
    };
  });
}

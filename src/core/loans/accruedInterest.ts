import { accrueInterest } from '../accrual.ts';
import type { IsoDate } from '../calendarDate.ts';
import type { DayCountConvention } from '../dayCount.ts';
import type { Fen } from '../money.ts';
import type { Rate } from '../rate.ts';
import type { RoundingMode } from '../rounding.ts';
import type { ScheduleRow } from '../schedule/types.ts';

export interface AccrualTerms {
  /** The annual rate of the schedule in force. */
  readonly rate: Rate;
  readonly dayCount: DayCountConvention;
  readonly rounding: RoundingMode;
}

/**
 * Interest a schedule has earned by `asOf` (计提): every instalment due on or before
 * `asOf` in full, plus, for the period running on `asOf`, its balance × days × rate /
 * basis over [periodStart, asOf), never more than that instalment's interest (an
 * amortising month is charged at annual/12 whatever its length, so by days could
 * otherwise exceed it in a 31-day month).
 */
export function accruedInterestTo(
  rows: readonly ScheduleRow[],
  asOf: IsoDate,
  terms: AccrualTerms,
): Fen {
  let total = 0;
  for (const row of rows) {
    if (row.dueDate <= asOf) total += row.interest;
    else if (row.periodStart < asOf) {
      const byDays = accrueInterest({
        principal: (row.balanceAfter + row.principal) as Fen,
        annualRate: terms.rate,
        start: row.periodStart,
        end: asOf,
        dayCount: terms.dayCount,
        rounding: terms.rounding,
      });
      total += Math.min(byDays, row.interest);
    }
  }
  return total as Fen;
}

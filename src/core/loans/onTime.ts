import type { IsoDate } from '../calendarDate.ts';
import { paidOnTime, workingDayOnOrAfter, type WorkingCalendar } from '../calendar/workingDays.ts';
import type { Fen } from '../money.ts';
import type { DueRow } from './servicing.ts';

/**
 * Whether each instalment (interest period) was paid on time: the art. 11 interest
 * subsidy depends on it. Pure; amounts in integer fen.
 */

export interface PaymentMade {
  readonly paidOn: IsoDate;
  /** What the payment covered of the schedule: its principal + interest (not penalty). */
  readonly principal: Fen;
  readonly interest: Fen;
}

export interface InstalmentCoverage {
  readonly n: number;
  readonly dueDate: IsoDate;
  /** The day the payments first covered this instalment in full; null if not (yet). */
  readonly coveredOn: IsoDate | null;
  /**
   * Covered by the due date, or by the next working day when the due date is not one:
   * true / false; null while it is not covered and that deadline has not passed on asOf.
   */
  readonly onTime: boolean | null;
}

/**
 * Payments fill the instalments in due-date order (the same order `allocatePayment`
 * uses), so instalment n is covered on the day the running total of principal + interest
 * paid first reaches the running total due through instalment n. Only payments made on
 * or before `asOf` count. A payment ahead of schedule covers later instalments early,
 * which is on time.
 */
export function instalmentCoverage(
  rows: readonly DueRow[],
  payments: readonly PaymentMade[],
  asOf: IsoDate,
  calendar?: WorkingCalendar,
): InstalmentCoverage[] {
  const paid = payments
    .filter((p) => p.paidOn <= asOf)
    .sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : 0));
  const out: InstalmentCoverage[] = [];
  let due = 0;
  let covered = 0;
  let next = 0;
  let lastDay: IsoDate | null = null;
  for (const row of [...rows].sort((a, b) => a.n - b.n)) {
    due += row.principal + row.interest;
    while (covered < due && next < paid.length) {
      const p = paid[next++]!;
      covered += p.principal + p.interest;
      lastDay = p.paidOn;
    }
    const coveredOn = covered >= due ? lastDay : null;
    let onTime: boolean | null;
    if (coveredOn !== null) onTime = paidOnTime(row.dueDate, coveredOn, calendar);
    else onTime = asOf > workingDayOnOrAfter(row.dueDate, calendar) ? false : null;
    out.push({ n: row.n, dueDate: row.dueDate, coveredOn, onTime });
  }
  return out;
}

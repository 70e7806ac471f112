import { addDays, isWeekend, type IsoDate } from '../calendarDate.ts';

/**
 * Working days for "paid on time" (POLICY.md, Conventions): Monday to Friday, except
 * the listed holidays; a listed make-up working day (调休, usually a Saturday or
 * Sunday next to a holiday) is a working day. The State Council publishes the list
 * each year; here it is input data, so the rule stays pure.
 */
export interface WorkingCalendar {
  readonly holidays?: ReadonlySet<IsoDate> | undefined;
  readonly workingDays?: ReadonlySet<IsoDate> | undefined;
}

export function isWorkingDay(date: IsoDate, calendar: WorkingCalendar | undefined): boolean {
  if (calendar?.workingDays?.has(date) === true) return true;
  if (calendar?.holidays?.has(date) === true) return false;
  return !isWeekend(date);
}

/** `date` itself when it is a working day, else the next working day. */
export function workingDayOnOrAfter(date: IsoDate, calendar: WorkingCalendar | undefined): IsoDate {
  let d = date;
  // A year's holidays never run for more than a few weeks; the bound only guards
  // against a calendar that (wrongly) lists every day as a holiday.
  for (let i = 0; i < 366 && !isWorkingDay(d, calendar); i++) d = addDays(d, 1);
  return d;
}

/**
 * Paid on time = paid by the due date, or by the next working day when the due date is
 * not one.
 */
export function paidOnTime(
  dueDate: IsoDate,
  paidOn: IsoDate | undefined,
  calendar: WorkingCalendar | undefined,
): boolean {
  // Paid by the due date itself: on time whatever the calendar says.
  if (paidOn !== undefined && paidOn <= dueDate) return true;
  return paidOn !== undefined && paidOn <= workingDayOnOrAfter(dueDate, calendar);
}

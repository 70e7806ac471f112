import type { IsoDate } from '../core/calendarDate.ts';
import { invalid } from './errors.ts';

/** China Standard Time has no daylight saving: UTC+8 all year. */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar day in Wulong at instant `now` (a run at 01:00 Beijing time is that day). */
export function businessDayOf(now: Date): IsoDate {
  return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10) as IsoDate;
}

/**
 * Refuses a date after today (Beijing time): losses, relending, pipeline stages, capital
 * and recognitions are recorded when they have happened, and a figure as of a day must
 * not move afterwards because something was entered ahead of time.
 */
export function notAfterToday(field: string, date: IsoDate, now: Date): void {
  const today = businessDayOf(now);
  if (date > today) {
    throw invalid(
      field,
      `日期 ${date} 晚于今天（${today}），只能登记已发生的事项`,
      `${date} is after today (${today}); record only what has happened`,
    );
  }
}

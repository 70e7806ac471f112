import type { IsoDate } from '../../core/calendarDate.ts';
import { businessDayOf } from '../businessDay.ts';
import { invalid } from '../errors.ts';

/**
 * Refuses a date after today (Beijing time): relending, pipeline stages and capital are
 * recorded when they have happened, and a figure as of a day must not move afterwards
 * because something was entered ahead of time.
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

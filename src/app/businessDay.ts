import type { IsoDate } from '../core/calendarDate.ts';

/** China Standard Time has no daylight saving: UTC+8 all year. */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar day in Wulong at instant `now` (a run at 01:00 Beijing time is that day). */
export function businessDayOf(now: Date): IsoDate {
  return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10) as IsoDate;
}

import { z } from 'zod';
import { DomainError } from './errors.ts';

/**
 * A civil calendar date 'YYYY-MM-DD' (years 0001–9999), with no time and no time
 * zone: a loan granted "on 2017-04-12" is granted on that date everywhere. All
 * arithmetic goes through integer day numbers (days since 1970-01-01 in the
 * proleptic Gregorian calendar, Howard Hinnant's days_from_civil / civil_from_days),
 * never through JS Date, so results cannot depend on the machine's time zone.
 */
export type IsoDate = string & { readonly __brand: 'IsoDate' };

export interface CivilDate {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number; // 1–31
}

const ISO_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function invalidDate(text: string, field: string): DomainError {
  return new DomainError({
    code: 'DATE_INVALID',
    message_zh: `日期无效：“${text}”（应为 YYYY-MM-DD 格式的有效日期）`,
    message_en: `Invalid date "${text}" (expected a valid YYYY-MM-DD date)`,
    field,
  });
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Builds a date from its parts, validating them. */
export function isoDate(year: number, month: number, day: number, field = 'date'): IsoDate {
  const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (
    !Number.isInteger(year) ||
    !Number.isInteger(month) ||
    !Number.isInteger(day) ||
    year < 1 ||
    year > 9999 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month)
  ) {
    throw invalidDate(text, field);
  }
  return text as IsoDate;
}

/** Validates 'YYYY-MM-DD' (exactly that form: no time, no zone, no 2017-4-1). */
export function parseIsoDate(text: string, field = 'date'): IsoDate {
  const m = ISO_TEXT.exec(text);
  if (m === null) throw invalidDate(text, field);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw invalidDate(text, field);
  }
  return text as IsoDate;
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

// The brand guarantees the fixed 'YYYY-MM-DD' layout, so the parts are read straight
// from character codes: this is the hot path of every accrual.
function digit(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}
function yearPart(s: string): number {
  return digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
}
function monthPart(s: string): number {
  return digit(s, 5) * 10 + digit(s, 6);
}
function dayPart(s: string): number {
  return digit(s, 8) * 10 + digit(s, 9);
}

export function toCivil(date: IsoDate): CivilDate {
  return { year: yearPart(date), month: monthPart(date), day: dayPart(date) };
}

/** Days since 1970-01-01 (negative before). days_from_civil. */
export function toDayNumber(date: IsoDate): number {
  const year = yearPart(date);
  const month = monthPart(date);
  const day = dayPart(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of toDayNumber. civil_from_days. */
export function fromDayNumber(dayNumber: number, field = 'date'): IsoDate {
  if (!Number.isSafeInteger(dayNumber)) throw invalidDate(String(dayNumber), field);
  const z0 = dayNumber + 719468;
  const era = Math.floor(z0 / 146097);
  const doe = z0 - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return isoDate(year, month, day, field);
}

/** Exact number of days from `a` to `b` (negative when b is before a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isSafeInteger(days)) {
    throw new DomainError({
      code: 'DAYS_NOT_INTEGER',
      message_zh: '天数必须是整数',
      message_en: 'Days must be an integer',
      field: 'days',
    });
  }
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * `date` plus `months` calendar months, the day clamped to the target month's
 * length: 2017-01-31 + 1 → 2017-02-28, 2016-01-31 + 1 → 2016-02-29. To keep the
 * start's day of month across a schedule, always compute from the start date
 * (addMonthsClamped(start, k)), never by chaining: 2017-01-31 + 2 → 2017-03-31,
 * whereas (2017-01-31 + 1) + 1 → 2017-03-28.
 */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  if (!Number.isSafeInteger(months)) {
    throw new DomainError({
      code: 'MONTHS_NOT_INTEGER',
      message_zh: '月数必须是整数',
      message_en: 'Months must be an integer',
      field: 'months',
    });
  }
  const { year, month, day } = toCivil(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return isoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** `date` plus whole years, 02-29 clamped to 02-28 in common years. */
export function addYearsClamped(date: IsoDate, years: number): IsoDate {
  return addMonthsClamped(date, years * 12);
}

export function compareDate(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  // The fixed-width layout makes string order equal to date order.
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isBefore(a: IsoDate, b: IsoDate): boolean {
  return a < b;
}

export function isAfter(a: IsoDate, b: IsoDate): boolean {
  return a > b;
}

export function minDate(first: IsoDate, ...rest: readonly IsoDate[]): IsoDate {
  let m = first;
  for (const d of rest) if (d < m) m = d;
  return m;
}

export function maxDate(first: IsoDate, ...rest: readonly IsoDate[]): IsoDate {
  let m = first;
  for (const d of rest) if (d > m) m = d;
  return m;
}

/** ISO day of week: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** Saturday or Sunday. Holidays and make-up working days (调休) are calendar data. */
export function isWeekend(date: IsoDate): boolean {
  return dayOfWeek(date) >= 6;
}

export function yearOf(date: IsoDate): number {
  return yearPart(date);
}

export function startOfYear(year: number): IsoDate {
  return isoDate(year, 1, 1, 'year');
}

export function endOfYear(year: number): IsoDate {
  return isoDate(year, 12, 31, 'year');
}

export function startOfMonth(date: IsoDate): IsoDate {
  return `${date.slice(0, 8)}01` as IsoDate;
}

export function endOfMonth(date: IsoDate): IsoDate {
  const { year, month } = toCivil(date);
  return isoDate(year, month, daysInMonth(year, month));
}

export function isEndOfMonth(date: IsoDate): boolean {
  const { year, month, day } = toCivil(date);
  return day === daysInMonth(year, month);
}

/**
 * Zod schema for 'YYYY-MM-DD' strings. Only strings: the `yaml` package's default
 * (YAML 1.2 core) schema reads 2015-01-01 as a string, and a JS Date would bring a
 * time zone back in.
 */
export const isoDateSchema = z.string().transform((value, ctx): IsoDate => {
  try {
    return parseIsoDate(value);
  } catch (e) {
    ctx.addIssue({
      code: 'custom',
      message: e instanceof DomainError ? e.message_en : String(e),
    });
    return z.NEVER;
  }
});

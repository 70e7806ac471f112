import { z } from 'zod';
import { toCivil, toDayNumber, type IsoDate } from './calendarDate.ts';
import { DomainError } from './errors.ts';

/**
 * Day-count conventions for interest by days.
 *  - 'actual/360' (default): actual days / 360, the Chinese bank rule for broken
 *    periods and 按日计息 loans (日利率 = 年利率 / 360).
 *  - 'actual/365': actual days / 365 (fixed 365, also in leap years).
 *  - '30/360': the 30E/360 "Eurobond basis" (ISDA 2006 §4.16(g)): a 31st counts as the
 *    30th, at both ends, and nothing else is adjusted (so 01-31 → 02-28 is 28 days).
 *    Chosen over US 30/360 and 30E/360 ISDA because its adjustment depends only on
 *    the date itself, not on the other end of the period or on a maturity date; that
 *    keeps day counts additive (days(a,c) = days(a,b) + days(b,c)), so splitting an
 *    interest period never changes the interest before rounding, and a product can
 *    state it without further flags. It matches the Chinese "a month counts as 30
 *    days" practice for every period that does not end on the last day of February.
 * Periods are start-inclusive, end-exclusive (interest from `start` up to `end`).
 */
export const DAY_COUNT_CONVENTIONS = ['actual/360', 'actual/365', '30/360'] as const;
export type DayCountConvention = (typeof DAY_COUNT_CONVENTIONS)[number];
export const DEFAULT_DAY_COUNT: DayCountConvention = 'actual/360';
export const dayCountConventionSchema = z.enum(DAY_COUNT_CONVENTIONS);

/** The day-count fraction numerator/denominator (days / basis), both integers. */
export interface DayCountFraction {
  readonly numerator: number;
  readonly denominator: number;
}

function days30E(start: IsoDate, end: IsoDate): number {
  const a = toCivil(start);
  const b = toCivil(end);
  const d1 = a.day === 31 ? 30 : a.day;
  const d2 = b.day === 31 ? 30 : b.day;
  return 360 * (b.year - a.year) + 30 * (b.month - a.month) + (d2 - d1);
}

/** The day count of [start, end) under `convention`, as numerator/denominator. */
export function dayCountFraction(
  convention: DayCountConvention,
  start: IsoDate,
  end: IsoDate,
): DayCountFraction {
  if (end < start) {
    throw new DomainError({
      code: 'PERIOD_REVERSED',
      message_zh: `计息期结束日 ${end} 早于开始日 ${start}`,
      message_en: `The period ends (${end}) before it starts (${start})`,
      field: 'end',
    });
  }
  switch (convention) {
    case 'actual/360':
      return { numerator: toDayNumber(end) - toDayNumber(start), denominator: 360 };
    case 'actual/365':
      return { numerator: toDayNumber(end) - toDayNumber(start), denominator: 365 };
    case '30/360':
      return { numerator: days30E(start, end), denominator: 360 };
    default: {
      const never: never = convention;
      throw new DomainError({
        code: 'DAY_COUNT_UNKNOWN',
        message_zh: `未知的计息天数规则：${String(never)}`,
        message_en: `Unknown day-count convention: ${String(never)}`,
        field: 'dayCount',
      });
    }
  }
}

import type { IsoDate } from './calendarDate.ts';
import { dayCountFraction, DEFAULT_DAY_COUNT, type DayCountConvention } from './dayCount.ts';
import type { Fen } from './money.ts';
import type { Rate } from './rate.ts';
import { DEFAULT_ROUNDING, roundFen, roundFenSafe, type RoundingMode } from './rounding.ts';

export interface AccrualInput {
  readonly principal: Fen;
  /** Annual rate in percent. */
  readonly annualRate: Rate;
  /** First day that bears interest (inclusive). */
  readonly start: IsoDate;
  /**
   * The day interest runs up to, EXCLUSIVE: [start, end). A period that banks quote
   * with both ends included, such as the quarterly 结息 period 2017-06-21 to
   * 2017-09-20 (92 days, EXAMPLES.md 1), is start '2017-06-21', end '2017-09-21'
   * (addDays(lastDay, 1)). Exclusive ends make consecutive periods share their
   * boundary date, so they add up with no day lost or counted twice.
   */
  readonly end: IsoDate;
  /** Default 'actual/360'. */
  readonly dayCount?: DayCountConvention;
  /** Default 'half-up-fen'. */
  readonly rounding?: RoundingMode;
}

/** An exact amount in fen: numerator / denominator. */
export interface ExactFen {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

// Rate units are 1e-8 percent, so a rate of r units is r / 1e10 per year.
const RATE_UNITS_PER_ONE = 10_000_000_000n;
// 1e-2 percent (one basis point) in rate units.
const RATE_UNITS_PER_BASIS_POINT = 1_000_000;

/**
 * principal × days × rate / basis, exactly, before any rounding. Used by
 * accrueInterest and by callers that add several periods before rounding once.
 */
export function accrueInterestExact(input: AccrualInput): ExactFen {
  const { numerator, denominator } = dayCountFraction(
    input.dayCount ?? DEFAULT_DAY_COUNT,
    input.start,
    input.end,
  );
  return {
    numerator: BigInt(input.principal) * BigInt(numerator) * BigInt(input.annualRate),
    denominator: BigInt(denominator) * RATE_UNITS_PER_ONE,
  };
}

/**
 * Interest on `principal` at `annualRate` for [start, end) under the day count,
 * rounded to whole fen by the named rule. E.g. 30,000 × 4.75 % × 92 / 360 =
 * 364.1666… → 36417 fen (half-up). Splitting a period in two and rounding each part
 * differs from the whole by at most 1 fen under every rounding rule (half-up: each
 * rounded part is within ½ fen of its exact value; down: ⌊x⌋ + ⌊z⌋ ≥ ⌊x + z⌋ − 1);
 * before rounding it is exactly equal, because every day count is additive.
 */
export function accrueInterest(input: AccrualInput): Fen {
  const rounding = input.rounding ?? DEFAULT_ROUNDING;
  const rate = input.annualRate;
  // Fast path: published rates have two decimals (a multiple of 1e6 rate units), and
  // then principal × days × rate in 1e-2 % stays a safe integer for any realistic
  // loan, so the exact fraction needs no BigInt. Same result as the BigInt path.
  if (rate % RATE_UNITS_PER_BASIS_POINT === 0) {
    const { numerator, denominator } = dayCountFraction(
      input.dayCount ?? DEFAULT_DAY_COUNT,
      input.start,
      input.end,
    );
    const n = input.principal * numerator * (rate / RATE_UNITS_PER_BASIS_POINT);
    if (Number.isSafeInteger(n)) return roundFenSafe(n, denominator * 10_000, rounding);
  }
  const { numerator, denominator } = accrueInterestExact(input);
  return roundFen(numerator, denominator, rounding);
}

import { z } from 'zod';
import { DomainError } from './errors.ts';

/**
 * An exact rate or share in PERCENT (per year for interest rates): '4.75' is 4.75 %,
 * a 90 % share is '90'.
 *
 * Representation: a safe integer count of 1e-8 percent ("rate units"). An integer
 * number rather than a bigint or a decimal.js object because it is exact, compares
 * with `<`/`===`, survives JSON, and costs nothing to pass around; 8 decimals of a
 * percent cover every rate the policy and the PBOC/LPR tables use (2 decimals) and
 * any product of such a rate with a share of up to 6 decimals (e.g. 0.9 × 4.90 =
 * 4.41, 0.85 × 4.35 = 3.6975). Operations that would need more precision throw
 * instead of rounding silently.
 */
export type Rate = number & { readonly __brand: 'Rate' };

/** Rate units per percent (1 unit = 1e-8 %). */
export const RATE_UNITS_PER_PERCENT = 100_000_000;
const RATE_DECIMALS = 8;
const UNITS_BIG = 100_000_000n;

const RATE_TEXT = /^([+-])?(\d+)(?:\.(\d{1,8}))?$/;
const RATIO_TEXT = /^(\d+)(?:\.(\d{1,16}))?$/;

function invalidRate(text: string, field: string): DomainError {
  return new DomainError({
    code: 'RATE_INVALID',
    message_zh: `利率或比例格式无效：“${text}”（应为百分数的十进制字符串，最多8位小数，如“4.75”）`,
    message_en: `Invalid rate or share "${text}" (expected a decimal string in percent with at most 8 decimals, e.g. "4.75")`,
    field,
  });
}

function checkUnits(units: number | bigint, field: string): Rate {
  const n = typeof units === 'bigint' ? Number(units) : units;
  if (!Number.isSafeInteger(n) || (typeof units === 'bigint' && BigInt(n) !== units)) {
    throw new DomainError({
      code: 'RATE_OUT_OF_RANGE',
      message_zh: '利率超出可精确表示的范围',
      message_en: 'Rate is outside the exactly representable range',
      field,
    });
  }
  return n as Rate;
}

/** Parses a percent string such as '4.75', '-1', '0.5'. No exponents, no '%' sign. */
export function parseRate(text: string, field = 'rate'): Rate {
  const m = RATE_TEXT.exec(text);
  if (m === null) throw invalidRate(text, field);
  const sign = m[1] === '-' ? -1n : 1n;
  const whole = BigInt(m[2] ?? '0');
  const frac = BigInt((m[3] ?? '').padEnd(RATE_DECIMALS, '0'));
  return checkUnits(sign * (whole * UNITS_BIG + frac), field);
}

/** Builds a rate from its integer unit count (1 unit = 1e-8 %). */
export function rateFromUnits(units: number, field = 'rate'): Rate {
  return checkUnits(units, field);
}

export const ZERO_RATE = 0 as Rate;

/**
 * Canonical text: at least two decimals (the way rates are published: '5.00',
 * '4.75'), further decimals only when non-zero ('3.915', '3.6975').
 */
export function rateToString(rate: Rate): string {
  const neg = rate < 0;
  const abs = BigInt(Math.abs(rate));
  const whole = abs / UNITS_BIG;
  let frac = (abs % UNITS_BIG).toString().padStart(RATE_DECIMALS, '0').replace(/0+$/, '');
  if (frac.length < 2) frac = frac.padEnd(2, '0');
  return `${neg ? '-' : ''}${whole.toString()}.${frac}`;
}

export function compareRate(a: Rate, b: Rate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minRate(first: Rate, ...rest: readonly Rate[]): Rate {
  let m = first;
  for (const r of rest) if (r < m) m = r;
  return m;
}

export function maxRate(first: Rate, ...rest: readonly Rate[]): Rate {
  let m = first;
  for (const r of rest) if (r > m) m = r;
  return m;
}

/** rate + points, both in percent: benchmark 4.75 + 2 pp = 6.75 (art. 12, 15). */
export function addPercentagePoints(rate: Rate, points: Rate): Rate {
  return checkUnits(rate + points, 'rate');
}

/** rate − points: e.g. relending rate 2.75 − 1 pp = 1.75 (art. 29). */
export function subPercentagePoints(rate: Rate, points: Rate): Rate {
  return checkUnits(rate - points, 'rate');
}

/** Parses a plain (non-percent) decimal ratio such as '0.9' into numerator/denominator. */
function parseRatio(text: string): { num: bigint; den: bigint } {
  const m = RATIO_TEXT.exec(text);
  if (m === null) {
    throw new DomainError({
      code: 'RATIO_INVALID',
      message_zh: `系数格式无效：“${text}”（应为非负十进制小数，如“0.9”）`,
      message_en: `Invalid factor "${text}" (expected a non-negative decimal such as "0.9")`,
      field: 'factor',
    });
  }
  const frac = m[2] ?? '';
  return { num: BigInt((m[1] ?? '0') + frac), den: 10n ** BigInt(frac.length) };
}

/**
 * rate × factor, exactly. `factor` is either a share given as a Rate (percent: 90 %
 * means × 0.9) or a plain decimal ratio string ('0.9'). So 4.90 × 90 % = 4.41 (art.
 * 16). Throws RATE_INEXACT when the product needs more than 8 decimals of a percent,
 * because a silently rounded rate would make subsidies unreproducible.
 */
export function mulRate(rate: Rate, factor: Rate | string): Rate {
  const { num, den } =
    typeof factor === 'string'
      ? parseRatio(factor)
      : { num: BigInt(factor), den: UNITS_BIG * 100n };
  const product = BigInt(rate) * num;
  if (product % den !== 0n) {
    throw new DomainError({
      code: 'RATE_INEXACT',
      message_zh: '利率乘积超出8位小数精度，无法精确表示',
      message_en: 'The rate product needs more than 8 decimals and cannot be represented exactly',
      field: 'factor',
    });
  }
  return checkUnits(product / den, 'rate');
}

/**
 * rate reduced by `percentBelow` percent of itself: "下浮10%" of 4.90 = 4.41. The
 * same as mulRate(rate, 100 − percentBelow).
 */
export function discountRate(rate: Rate, percentBelow: Rate): Rate {
  return mulRate(rate, checkUnits(100 * RATE_UNITS_PER_PERCENT - percentBelow, 'percentBelow'));
}

/** Zod schema: a percent string (or a YAML number, read through its decimal text). */
export const rateSchema = z.union([z.string(), z.number()]).transform((value, ctx): Rate => {
  const text = typeof value === 'number' ? String(value) : value;
  try {
    return parseRate(text);
  } catch (e) {
    ctx.addIssue({
      code: 'custom',
      message: e instanceof DomainError ? e.message_en : String(e),
    });
    return z.NEVER;
  }
});

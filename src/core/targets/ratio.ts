import { DomainError } from '../errors.ts';

/**
 * An exact non-negative-denominator fraction of two integers: an indicator's numerator
 * over its denominator (a count over 1, fen over 1, villages covered over villages).
 * BigInt, because a province's loan balance in fen times a day count passes 2^53.
 */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

export function ratio(num: bigint | number, den: bigint | number = 1n): Ratio {
  const d = BigInt(den);
  if (d <= 0n) {
    throw new DomainError({
      code: 'RATIO_DENOMINATOR',
      message_zh: '指标分母必须大于0',
      message_en: 'an indicator denominator must be more than 0',
    });
  }
  return { num: BigInt(num), den: d };
}

export function compareRatio(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const subRatio = (a: Ratio, b: Ratio): Ratio => ({
  num: a.num * b.den - b.num * a.den,
  den: a.den * b.den,
});

export const scaleRatio = (a: Ratio, by: bigint): Ratio => ({ num: a.num * by, den: a.den });

/** '100' (percent) as 1/1, '80' as 4/5: a decimal percent string, exactly. */
export function percentRatio(text: string): Ratio {
  const m = /^(\d+)(?:\.(\d{1,8}))?$/.exec(text);
  if (!m) {
    throw new DomainError({
      code: 'RATIO_PERCENT',
      message_zh: `百分数格式无效：“${text}”`,
      message_en: `invalid percent "${text}"`,
    });
  }
  const decimals = m[2] ?? '';
  return ratio(BigInt(m[1]! + decimals), 100n * 10n ** BigInt(decimals.length));
}

/** The ratio as a decimal string with `digits` decimals, half away from zero. */
export function ratioToDecimal(r: Ratio, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const neg = r.num < 0n;
  const n = (neg ? -r.num : r.num) * scale;
  const q = (2n * n + r.den) / (2n * r.den);
  const whole = (q / scale).toString();
  const frac = digits === 0 ? '' : `.${(q % scale).toString().padStart(digits, '0')}`;
  return `${neg && q !== 0n ? '-' : ''}${whole}${frac}`;
}

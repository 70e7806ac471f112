import { z } from 'zod';
import { DomainError } from './errors.ts';
import { fen, type Fen } from './money.ts';

/**
 * Named rules for turning an exact fraction of a fen into whole fen. A rule is
 * always named (in parameters, products and traces) so that a computed subsidy can
 * be reproduced and explained.
 *  - 'half-up-fen': 四舍五入 to the fen; halves away from zero (the default, and
 *    what POLICY.md prescribes for subsidies);
 *  - 'half-even-fen': banker's rounding to the fen (halves to the even fen);
 *  - 'down-fen': truncation toward zero (截位), e.g. for amounts that must never be
 *    overstated.
 */
export const ROUNDING_MODES = ['half-up-fen', 'half-even-fen', 'down-fen'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];
export const DEFAULT_ROUNDING: RoundingMode = 'half-up-fen';
export const roundingModeSchema = z.enum(ROUNDING_MODES);

/**
 * Rounds numerator/denominator (a value in fen) to whole fen by `mode`. Exact: the
 * fraction is never converted to a float.
 */
export function roundFen(numerator: bigint, denominator: bigint, mode: RoundingMode): Fen {
  if (denominator === 0n) {
    throw new DomainError({
      code: 'ROUNDING_ZERO_DENOMINATOR',
      message_zh: '舍入的分母不能为零',
      message_en: 'Cannot round a fraction with a zero denominator',
      field: 'denominator',
    });
  }
  let n = numerator;
  let d = denominator;
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d; // truncated toward zero
  const twiceR = (a - q * d) * 2n;
  switch (mode) {
    case 'down-fen':
      break;
    case 'half-up-fen':
      if (twiceR >= d) q += 1n;
      break;
    case 'half-even-fen':
      if (twiceR > d || (twiceR === d && q % 2n === 1n)) q += 1n;
      break;
    default: {
      const never: never = mode;
      throw new DomainError({
        code: 'ROUNDING_UNKNOWN',
        message_zh: `未知的舍入规则：${String(never)}`,
        message_en: `Unknown rounding rule: ${String(never)}`,
        field: 'rounding',
      });
    }
  }
  return fen(Number(neg ? -q : q) + 0);
}

/**
 * The same rounding for a fraction whose numerator and positive denominator are safe
 * integers, in plain number arithmetic (no BigInt allocation): the hot path of
 * accrual. The float quotient is only a first guess; the remainder is then computed
 * exactly and the quotient corrected, so the result equals roundFen's.
 */
export function roundFenSafe(numerator: number, denominator: number, mode: RoundingMode): Fen {
  const neg = numerator < 0;
  const a = neg ? -numerator : numerator;
  let q = Math.floor(a / denominator);
  let r = a - q * denominator;
  if (r < 0) {
    q -= 1;
    r += denominator;
  } else if (r >= denominator) {
    q += 1;
    r -= denominator;
  }
  if (mode === 'half-up-fen') {
    if (2 * r >= denominator) q += 1;
  } else if (mode === 'half-even-fen') {
    if (2 * r > denominator || (2 * r === denominator && q % 2 === 1)) q += 1;
  } else if (mode !== 'down-fen') {
    return roundFen(BigInt(numerator), BigInt(denominator), mode);
  }
  return fen((neg ? -q : q) + 0);
}

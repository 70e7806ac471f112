import type { Fen } from './money.ts';
import type { Rate } from './rate.ts';
import { DEFAULT_ROUNDING, roundFen, type RoundingMode } from './rounding.ts';

const RATE_UNITS_PER_ONE = 10_000_000_000n;

/**
 * `share` percent of `amount`, rounded by the named rule: 1 % of a year-end balance
 * (art. 12, 15), 0.5 % of new guarantees, 5 % of a premium (art. 24). Exact integer
 * arithmetic; only the final result is rounded.
 */
export function percentOf(
  amount: Fen,
  share: Rate,
  rounding: RoundingMode = DEFAULT_ROUNDING,
): Fen {
  return roundFen(BigInt(amount) * BigInt(share), RATE_UNITS_PER_ONE, rounding);
}

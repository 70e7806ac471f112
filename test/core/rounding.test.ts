import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.ts';
import { roundFen, type RoundingMode } from '../../src/core/rounding.ts';

const DECIMAL_MODE: Record<RoundingMode, Decimal.Rounding> = {
  'half-up-fen': Decimal.ROUND_HALF_UP,
  'half-even-fen': Decimal.ROUND_HALF_EVEN,
  'down-fen': Decimal.ROUND_DOWN,
};

describe('roundFen', () => {
  it.each([
    [5n, 2n, 'half-up-fen', 3],
    [5n, 2n, 'half-even-fen', 2],
    [7n, 2n, 'half-even-fen', 4],
    [5n, 2n, 'down-fen', 2],
    [-5n, 2n, 'half-up-fen', -3],
    [-5n, 2n, 'half-even-fen', -2],
    [-5n, 2n, 'down-fen', -2],
    [5n, -2n, 'half-up-fen', -3],
    [2185n, 6n, 'half-up-fen', 364],
    [1n, 3n, 'half-up-fen', 0],
    [2n, 3n, 'half-up-fen', 1],
    [2n, 3n, 'down-fen', 0],
    [0n, 7n, 'half-up-fen', 0],
  ] as const)('%s/%s by %s → %i', (n, den, mode, expected) => {
    expect(roundFen(n, den, mode)).toBe(expected);
  });

  it('never returns -0', () => {
    expect(Object.is(roundFen(-1n, 3n, 'half-up-fen'), 0)).toBe(true);
  });

  it('rejects a zero denominator', () => {
    expect(() => roundFen(1n, 0n, 'half-up-fen')).toThrow(DomainError);
  });

  it('agrees with decimal.js for every mode', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: 100_000n, max: 10n ** 12n }),
        fc.constantFrom<RoundingMode>('half-up-fen', 'half-even-fen', 'down-fen'),
        (n, den, mode) => {
          const D = Decimal.clone({ precision: 60 });
          const expected = new D(n.toString())
            .div(den.toString())
            .toDecimalPlaces(0, DECIMAL_MODE[mode]);
          return new D(roundFen(n, den, mode)).eq(expected);
        },
      ),
    );
  });
});

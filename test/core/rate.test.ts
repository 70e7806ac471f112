import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.ts';
import {
  addPercentagePoints,
  compareRate,
  discountRate,
  maxRate,
  minRate,
  mulRate,
  parseRate,
  rateFromUnits,
  rateSchema,
  rateToString,
  subPercentagePoints,
} from '../../src/core/rate.ts';

describe('parseRate / rateToString', () => {
  it.each([
    ['4.75', '4.75'],
    ['4.9', '4.90'],
    ['5', '5.00'],
    ['0.5', '0.50'],
    ['3.915', '3.915'],
    ['-1', '-1.00'],
    ['0.00000001', '0.00000001'],
    ['100', '100.00'],
  ])('%s → %s', (text, canonical) => {
    expect(rateToString(parseRate(text))).toBe(canonical);
  });

  it.each(['', '4.75%', '1e2', '4.123456789', 'abc', ' 4', '.5', '4.'])('rejects %j', (t) => {
    expect(() => parseRate(t, 'contract_rate')).toThrow(DomainError);
    try {
      parseRate(t, 'contract_rate');
    } catch (e) {
      expect((e as DomainError).field).toBe('contract_rate');
    }
  });

  it('round-trips through text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (units) => {
        const r = rateFromUnits(units);
        return parseRate(rateToString(r)) === r;
      }),
    );
  });

  it('reads YAML numbers through zod', () => {
    expect(rateToString(rateSchema.parse(1.75))).toBe('1.75');
    expect(rateToString(rateSchema.parse('4.35'))).toBe('4.35');
    expect(rateSchema.safeParse('x').success).toBe(false);
  });
});

describe('rate arithmetic', () => {
  const r = parseRate;
  it('multiplies exactly (art. 16: 0.9 × 4.90 = 4.41)', () => {
    expect(rateToString(mulRate(r('4.90'), '0.9'))).toBe('4.41');
    expect(rateToString(mulRate(r('4.90'), r('90')))).toBe('4.41');
    expect(rateToString(mulRate(r('4.35'), '0.85'))).toBe('3.6975');
    expect(rateToString(discountRate(r('4.90'), r('10')))).toBe('4.41');
    expect(rateToString(discountRate(r('4.35'), r('20')))).toBe('3.48');
  });

  it('refuses products that would need rounding', () => {
    expect(() => mulRate(r('4.12345678'), '0.123')).toThrow(DomainError);
    expect(() => mulRate(r('1'), '-1')).toThrow(DomainError);
  });

  it('adds percentage points (art. 12: 4.75 + 2 = 6.75; art. 29: 2.75 − 1 = 1.75)', () => {
    expect(rateToString(addPercentagePoints(r('4.75'), r('2')))).toBe('6.75');
    expect(rateToString(subPercentagePoints(r('2.75'), r('1')))).toBe('1.75');
  });

  it('compares and picks min/max', () => {
    expect(compareRate(r('4.75'), r('5.70'))).toBe(-1);
    expect(compareRate(r('4.750'), r('4.75'))).toBe(0);
    expect(rateToString(minRate(r('5.70'), r('4.75'), r('6')))).toBe('4.75');
    expect(rateToString(maxRate(r('5.70'), r('4.75')))).toBe('5.70');
  });

  it('agrees with decimal.js on products', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (a, b) => {
          const ra = rateFromUnits(a * 1_000_000); // two decimals of a percent
          const rb = rateFromUnits(b * 1_000_000);
          const expected = new Decimal(rateToString(ra)).mul(rateToString(rb)).div(100);
          return new Decimal(rateToString(mulRate(ra, rb))).eq(expected);
        },
      ),
    );
  });
});

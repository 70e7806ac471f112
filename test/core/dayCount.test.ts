import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fromDayNumber,
  parseIsoDate,
  toDayNumber,
  type IsoDate,
} from '../../src/core/calendarDate.ts';
import {
  DAY_COUNT_CONVENTIONS,
  dayCountFraction,
  dayCountConventionSchema,
} from '../../src/core/dayCount.ts';
import { DomainError } from '../../src/core/errors.ts';

const d = (s: string): IsoDate => parseIsoDate(s);
const anyDate = fc
  .integer({ min: toDayNumber(d('1990-01-01')), max: toDayNumber(d('2060-12-31')) })
  .map((n) => fromDayNumber(n));

describe('dayCountFraction', () => {
  it.each([
    ['actual/360', '2017-06-21', '2017-09-21', 92, 360],
    ['actual/365', '2017-06-21', '2017-09-21', 92, 365],
    ['actual/360', '2017-01-01', '2018-01-01', 365, 360],
    ['actual/365', '2016-01-01', '2017-01-01', 366, 365],
    ['30/360', '2017-01-01', '2018-01-01', 360, 360],
    ['30/360', '2017-06-21', '2017-09-21', 90, 360],
    ['30/360', '2017-01-31', '2017-02-28', 28, 360],
    ['30/360', '2017-01-31', '2017-03-31', 60, 360],
    ['30/360', '2017-01-30', '2017-03-31', 60, 360],
    ['30/360', '2017-02-28', '2017-03-31', 32, 360],
    ['30/360', '2017-03-31', '2017-04-30', 30, 360],
    ['30/360', '2017-04-12', '2017-04-12', 0, 360],
  ] as const)('%s %s → %s = %i/%i', (conv, a, b, num, den) => {
    expect(dayCountFraction(conv, d(a), d(b))).toEqual({ numerator: num, denominator: den });
  });

  it('rejects reversed periods naming the end', () => {
    expect(() => dayCountFraction('actual/360', d('2017-02-01'), d('2017-01-01'))).toThrow(
      DomainError,
    );
  });

  it('validates convention names', () => {
    expect(dayCountConventionSchema.safeParse('actual/360').success).toBe(true);
    expect(dayCountConventionSchema.safeParse('act/act').success).toBe(false);
  });

  it('is additive for every convention: days(a,c) = days(a,b) + days(b,c)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DAY_COUNT_CONVENTIONS),
        fc.tuple(anyDate, anyDate, anyDate),
        (conv, dates) => {
          const [a, b, c] = [...dates].sort();
          if (a === undefined || b === undefined || c === undefined) return false;
          const whole = dayCountFraction(conv, a, c).numerator;
          const parts =
            dayCountFraction(conv, a, b).numerator + dayCountFraction(conv, b, c).numerator;
          return whole === parts;
        },
      ),
    );
  });

  it('30/360 counts each whole month as 30 days unless it ends on the last of February', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 120 }), (a, k) => {
        const day = Number(a.slice(8, 10));
        fc.pre(day <= 28);
        const [y, m] = [Number(a.slice(0, 4)), Number(a.slice(5, 7))];
        const idx = y * 12 + m - 1 + k;
        const b = d(
          `${String(Math.floor(idx / 12))}-${String((idx % 12) + 1).padStart(2, '0')}-${a.slice(8, 10)}`,
        );
        return dayCountFraction('30/360', a, b).numerator === 30 * k;
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../src/core/calendarDate.ts';
import type { Fen } from '../../src/core/money.ts';
import {
  ALLOCATION_ORDERS,
  allocatePayment,
  classifyByDaysPastDue,
  delinquencyBucket,
  isClassBounds,
  type DueRow,
} from '../../src/core/loans/servicing.ts';

/**
 * Where a payment's penalty goes under each allocation order; the classification bounds
 * as a product setting; delinquency buckets.
 */

const f = (n: number) => n as Fen;
const ROWS: DueRow[] = [
  { n: 1, dueDate: parseIsoDate('2017-02-15'), principal: f(1000), interest: f(100) },
  { n: 2, dueDate: parseIsoDate('2017-03-15'), principal: f(1000), interest: f(90) },
  { n: 3, dueDate: parseIsoDate('2017-04-15'), principal: f(1000), interest: f(80) },
];

describe('allocation orders', () => {
  it('penalty → principal → interest: principal before interest within an instalment', () => {
    // 20 penalty, then instalment 1's principal 1000, then 30 of its interest
    expect(
      allocatePayment(ROWS, f(0), f(0), f(1050), f(20), { order: 'penalty-principal-interest' }),
    ).toEqual({ penalty: 20, interest: 30, principal: 1000, unallocated: 0 });
  });

  it('penalty last: after the instalments due by the payment date, before later ones', () => {
    // paid 2017-03-01: instalment 1 (due 02-15) takes 100 + 1000, the penalty the last 10
    expect(
      allocatePayment(ROWS, f(0), f(0), f(1110), f(20), {
        order: 'interest-principal-penalty',
        paidOn: parseIsoDate('2017-03-01'),
      }),
    ).toEqual({ penalty: 10, interest: 100, principal: 1000, unallocated: 0 });
    // all due by 2017-05-01: 3270 of instalments, 20 of penalty, 10 left over
    expect(
      allocatePayment(ROWS, f(0), f(0), f(3300), f(20), {
        order: 'principal-interest-penalty',
        paidOn: parseIsoDate('2017-05-01'),
      }),
    ).toEqual({ penalty: 20, interest: 270, principal: 3000, unallocated: 10 });
  });

  it('every order splits the whole amount and never takes more than is owed (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALLOCATION_ORDERS),
        fc.integer({ min: 0, max: 270 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 500 }),
        (order, paidI, paidP, amount, penaltyDue) => {
          const a = allocatePayment(ROWS, f(paidI), f(paidP), f(amount), f(penaltyDue), {
            order,
            paidOn: parseIsoDate('2017-03-20'),
          });
          expect(a.penalty + a.interest + a.principal + a.unallocated).toBe(amount);
          expect(a.penalty).toBeLessThanOrEqual(penaltyDue);
          expect(a.interest).toBeLessThanOrEqual(270 - paidI);
          expect(a.principal).toBeLessThanOrEqual(3000 - paidP);
          if (a.unallocated > 0) {
            expect([a.penalty, a.interest, a.principal]).toEqual([
              penaltyDue,
              270 - paidI,
              3000 - paidP,
            ]);
          }
        },
      ),
    );
  });
});

describe('classification bounds as a setting', () => {
  it('classifies by the given bounds, inclusive', () => {
    const bounds = [0, 30, 60, 90] as const;
    expect(classifyByDaysPastDue(30, bounds)).toBe('special-mention');
    expect(classifyByDaysPastDue(31, bounds)).toBe('substandard');
    expect(classifyByDaysPastDue(90, bounds)).toBe('doubtful');
    expect(classifyByDaysPastDue(91, bounds)).toBe('loss');
  });

  it('accepts four increasing whole numbers of days only', () => {
    expect(isClassBounds([0, 90, 180, 360])).toBe(true);
    expect(isClassBounds([0, 90, 90, 360])).toBe(false);
    expect(isClassBounds([-1, 90, 180, 360])).toBe(false);
    expect(isClassBounds([0, 90, 180])).toBe(false);
    expect(isClassBounds([0, 90.5, 180, 360])).toBe(false);
  });
});

describe('delinquency buckets', () => {
  it.each([
    [0, 'M0'],
    [1, 'M1'],
    [30, 'M1'],
    [31, 'M2'],
    [90, 'M3'],
    [91, 'M4'],
    [180, 'M6'],
    [181, 'M7+'],
    [1000, 'M7+'],
  ])('%i days past due → %s', (days, bucket) => {
    expect(delinquencyBucket(days)).toBe(bucket);
  });
});

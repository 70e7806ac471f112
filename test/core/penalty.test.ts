import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, parseIsoDate, type IsoDate } from '../../src/core/calendarDate.ts';
import type { Fen } from '../../src/core/money.ts';
import { parseRate } from '../../src/core/rate.ts';
import { accruedPenalty, penaltyRate, type PenaltyTerms } from '../../src/core/loans/penalty.ts';
import type { DueRow } from '../../src/core/loans/servicing.ts';

const d = (s: string): IsoDate => parseIsoDate(s);
const f = (n: number) => n as Fen;
const ROWS: DueRow[] = [
  { n: 1, dueDate: d('2017-02-15'), principal: f(100_000), interest: f(500) },
  { n: 2, dueDate: d('2017-03-15'), principal: f(100_000), interest: f(400) },
];
// 4.75 % × 1.5 (加收50%) = 7.125 % a year
const TERMS: PenaltyTerms = {
  rate: penaltyRate(parseRate('4.75'), '1.5'),
  dayCount: 'actual/360',
  rounding: 'half-up-fen',
};

describe('penalty interest on overdue principal (罚息)', () => {
  it('the penalty rate is the contract rate times the factor', () => {
    expect(TERMS.rate).toBe(parseRate('7.125'));
  });

  it('accrues from each due date, and is rounded once over all instalments', () => {
    // asOf 2017-03-17, nothing paid:
    //   instalment 1: 1,000.00 × 30 days (02-15 → 03-17) × 7.125 % / 360 = 5.9375 yuan = 593.75 fen
    //   instalment 2: 1,000.00 ×  2 days (03-15 → 03-17) × 7.125 % / 360 =             39.5833… fen
    //   together 633.33… fen → 633 (rounding each first would give 594 + 40 = 634)
    expect(accruedPenalty(ROWS, [], d('2017-03-17'), TERMS)).toBe(633);
  });

  it('nothing on the due date itself, 1 day the day after', () => {
    expect(accruedPenalty(ROWS, [], d('2017-02-15'), TERMS)).toBe(0);
    // 100,000 × 1 × 0.07125 / 360 = 19.79 fen → 20
    expect(accruedPenalty(ROWS, [], d('2017-02-16'), TERMS)).toBe(20);
  });

  it('a partial principal payment stops the penalty on what it repaid, from its date', () => {
    // 600.00 of principal paid 2017-02-25; asOf 2017-03-17:
    //   instalment 1: 100,000 × 10 days (02-15 → 02-25) × 0.07125 / 360 = 197.9166…
    //                  40,000 × 20 days (02-25 → 03-17) × 0.07125 / 360 = 158.3333…
    //   instalment 2: 100,000 ×  2 days                                   =  39.5833…
    //   395.8333… → 396
    const paid = [{ paidOn: d('2017-02-25'), principal: f(60_000) }];
    expect(accruedPenalty(ROWS, paid, d('2017-03-17'), TERMS)).toBe(396);
    // as of 2017-02-24 the payment has not happened yet:
    // 100,000 × 9 days (02-15 → 02-24) × 0.07125 / 360 = 178.125 → 178
    expect(accruedPenalty(ROWS, paid, d('2017-02-24'), TERMS)).toBe(178);
  });

  it('principal paid by each due date bears no penalty', () => {
    const paid = [
      { paidOn: d('2017-02-15'), principal: f(100_000) },
      { paidOn: d('2017-03-01'), principal: f(100_000) },
    ];
    expect(accruedPenalty(ROWS, paid, d('2018-01-01'), TERMS)).toBe(0);
  });

  it('grows with time and shrinks with payments (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 200 }),
        (offset, more, principal, payDay) => {
          const asOf = addDays(d('2017-02-01'), offset);
          const later = addDays(asOf, more);
          const paid = [{ paidOn: addDays(d('2017-02-01'), payDay), principal: f(principal) }];
          const none = accruedPenalty(ROWS, [], asOf, TERMS);
          expect(accruedPenalty(ROWS, [], later, TERMS)).toBeGreaterThanOrEqual(none);
          expect(accruedPenalty(ROWS, paid, asOf, TERMS)).toBeLessThanOrEqual(none);
        },
      ),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { parseIsoDate, type IsoDate } from '../../src/core/calendarDate.ts';
import type { DayCountConvention } from '../../src/core/dayCount.ts';
import { DomainError } from '../../src/core/errors.ts';
import { fenToYuanString, yuanToFen, type Fen } from '../../src/core/money.ts';
import { parseRate, rateFromUnits } from '../../src/core/rate.ts';
import type { RoundingMode } from '../../src/core/rounding.ts';
import {
  buildSchedule,
  equalInstalment,
  type InterestPeriod,
  type RepaymentMethod,
  type Schedule,
  type ScheduleTerms,
} from '../../src/core/schedule/index.ts';

// Every expected figure below was worked out by hand (working in the comments, with
// a calculator for the long multiplications), never copied from the engine. Amounts
// are in yuan; i = annual rate / 12 is the monthly rate of the amortising methods.

const d = (s: string): IsoDate => parseIsoDate(s);
const y = (s: string): Fen => yuanToFen(s);

interface TermsText {
  principal: string;
  rate: string;
  months: number;
  method: RepaymentMethod;
  start: string;
  interestPeriod?: InterestPeriod;
  dayCount?: DayCountConvention;
  rounding?: RoundingMode;
  firstDueDate?: string;
}

function terms(t: TermsText): ScheduleTerms {
  return {
    principal: y(t.principal),
    annualRate: parseRate(t.rate),
    months: t.months,
    method: t.method,
    start: d(t.start),
    ...(t.interestPeriod === undefined ? {} : { interestPeriod: t.interestPeriod }),
    ...(t.dayCount === undefined ? {} : { dayCount: t.dayCount }),
    ...(t.rounding === undefined ? {} : { rounding: t.rounding }),
    ...(t.firstDueDate === undefined ? {} : { firstDueDate: d(t.firstDueDate) }),
  };
}

const build = (t: TermsText): Schedule => buildSchedule(terms(t));

/** A row as text: 'n | periodStart | dueDate | principal | interest | total | balance'. */
function rowText(s: Schedule, n: number): string {
  const r = s.rows[n - 1]!;
  return [
    r.n,
    r.periodStart,
    r.dueDate,
    fenToYuanString(r.principal),
    fenToYuanString(r.interest),
    fenToYuanString(r.total),
    fenToYuanString(r.balanceAfter),
  ].join(' | ');
}

function totalsText(s: Schedule): string {
  return [s.totals.principal, s.totals.interest, s.totals.total].map(fenToYuanString).join(' | ');
}

function domainError(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('equal instalment (等额本息)', () => {
  it('1,000,000 over 360 months at 4.9 % → 5,307.27 a month (POLICY.md conventions)', () => {
    // i = 0.049 / 12 = 0.00408333…; (1 + i)^360 = 4.3362368864…
    // A = 1,000,000 × 0.00408333… × 4.3362368864 / 3.3362368864 = 5,307.2672… → 5,307.27
    // row 1: 1,000,000 × i = 4,083.3333 → 4,083.33; principal 5,307.27 − 4,083.33 = 1,223.94;
    //        balance 1,000,000 − 1,223.94 = 998,776.06
    // row 2: 998,776.06 × 0.049 = 48,940.02694; / 12 = 4,078.3356 → 4,078.34;
    //        principal 5,307.27 − 4,078.34 = 1,228.93; balance 997,547.13
    // row 360: the balance before it, 5,283.62, comes from 359 more steps of the same
    //        working (an independent Python `decimal` loop, not the engine);
    //        interest 5,283.62 × 0.049 / 12 = 258.89738 / 12 = 21.5748 → 21.57;
    //        principal 5,283.62 (the whole balance); total 5,305.19
    // interest over the loan: 359 × 5,307.27 + 5,305.19 − 1,000,000 = 910,615.12
    const s = build({
      principal: '1000000',
      rate: '4.9',
      months: 360,
      method: 'equal-instalment',
      start: '2017-01-15',
    });
    expect(s.instalment).toBe(y('5307.27'));
    expect(rowText(s, 1)).toBe(
      '1 | 2017-01-15 | 2017-02-15 | 1223.94 | 4083.33 | 5307.27 | 998776.06',
    );
    expect(rowText(s, 2)).toBe(
      '2 | 2017-02-15 | 2017-03-15 | 1228.93 | 4078.34 | 5307.27 | 997547.13',
    );
    expect(rowText(s, 360)).toBe(
      '360 | 2046-12-15 | 2047-01-15 | 5283.62 | 21.57 | 5305.19 | 0.00',
    );
    expect(totalsText(s)).toBe('1000000.00 | 910615.12 | 1910615.12');
    expect(s.maturityDate).toBe('2047-01-15');
  });

  it('EXAMPLES.md 12: 50,000 over 36 months at 4.75 % → 1,492.94, the last row absorbing the rounding', () => {
    // i = 0.0475 / 12 = 0.00395833…; (1 + i)^36 = 1.1528287571
    // A = 50,000 × 0.00395833… × 1.1528287571 / 0.1528287571 = 1,492.9391 → 1,492.94
    // row 1: 50,000 × i = 197.9167 → 197.92; principal 1,295.02; balance 48,704.98
    // row 2: 48,704.98 × i = 192.7905 → 192.79; principal 1,300.15; balance 47,404.83
    // row 35: balance before 2,968.22 (independent loop); 2,968.22 × 0.0475 / 12 =
    //         140.99045 / 12 = 11.7492 → 11.75; principal 1,481.19; balance 1,487.03
    // row 36: 1,487.03 × 0.0475 / 12 = 70.633925 / 12 = 5.8862 → 5.89;
    //         principal 1,487.03; total 1,492.92 (2 fen less than the others)
    // interest: 35 × 1,492.94 + 1,492.92 − 50,000 = 52,252.90 + 1,492.92 − 50,000 = 3,745.82
    const s = build({
      principal: '50000',
      rate: '4.75',
      months: 36,
      method: 'equal-instalment',
      start: '2017-04-12',
    });
    expect(s.instalment).toBe(y('1492.94'));
    expect(rowText(s, 1)).toBe(
      '1 | 2017-04-12 | 2017-05-12 | 1295.02 | 197.92 | 1492.94 | 48704.98',
    );
    expect(rowText(s, 2)).toBe(
      '2 | 2017-05-12 | 2017-06-12 | 1300.15 | 192.79 | 1492.94 | 47404.83',
    );
    expect(rowText(s, 35)).toBe(
      '35 | 2020-02-12 | 2020-03-12 | 1481.19 | 11.75 | 1492.94 | 1487.03',
    );
    expect(rowText(s, 36)).toBe('36 | 2020-03-12 | 2020-04-12 | 1487.03 | 5.89 | 1492.92 | 0.00');
    expect(totalsText(s)).toBe('50000.00 | 3745.82 | 53745.82');
  });

  it('a whole table by hand: 1,000 over 12 months at 4.9 %, from a month end in a leap year', () => {
    // (1 + i)^12 = 1.0501155753; A = 1,000 × 0.00408333 × 1.0501155753 / 0.0501155753
    //   = 85.5617 → 85.56
    //  n | balance × 4.9 %/12       → interest | principal | total | balance after
    //  1 | 1000.00 × … = 4.0833    → 4.08     | 81.48     | 85.56 | 918.52
    //  2 |  918.52 × … = 3.7506    → 3.75     | 81.81     | 85.56 | 836.71
    //  3 |  836.71 × … = 3.4166    → 3.42     | 82.14     | 85.56 | 754.57
    //  4 |  754.57 × … = 3.0812    → 3.08     | 82.48     | 85.56 | 672.09
    //  5 |  672.09 × … = 2.7444    → 2.74     | 82.82     | 85.56 | 589.27
    //  6 |  589.27 × … = 2.4062    → 2.41     | 83.15     | 85.56 | 506.12
    //  7 |  506.12 × … = 2.0667    → 2.07     | 83.49     | 85.56 | 422.63
    //  8 |  422.63 × … = 1.7257    → 1.73     | 83.83     | 85.56 | 338.80
    //  9 |  338.80 × … = 1.3834    → 1.38     | 84.18     | 85.56 | 254.62
    // 10 |  254.62 × … = 1.0397    → 1.04     | 84.52     | 85.56 | 170.10
    // 11 |  170.10 × … = 0.6946    → 0.69     | 84.87     | 85.56 |  85.23
    // 12 |   85.23 × … = 0.3480    → 0.35     | 85.23     | 85.58 |   0.00
    // interest 26.74; due dates keep the 31st, clamped: 02-29 (leap), 03-31, 04-30 …
    const s = build({
      principal: '1000',
      rate: '4.9',
      months: 12,
      method: 'equal-instalment',
      start: '2016-01-31',
    });
    expect(s.rows.map((_, i) => rowText(s, i + 1))).toEqual([
      '1 | 2016-01-31 | 2016-02-29 | 81.48 | 4.08 | 85.56 | 918.52',
      '2 | 2016-02-29 | 2016-03-31 | 81.81 | 3.75 | 85.56 | 836.71',
      '3 | 2016-03-31 | 2016-04-30 | 82.14 | 3.42 | 85.56 | 754.57',
      '4 | 2016-04-30 | 2016-05-31 | 82.48 | 3.08 | 85.56 | 672.09',
      '5 | 2016-05-31 | 2016-06-30 | 82.82 | 2.74 | 85.56 | 589.27',
      '6 | 2016-06-30 | 2016-07-31 | 83.15 | 2.41 | 85.56 | 506.12',
      '7 | 2016-07-31 | 2016-08-31 | 83.49 | 2.07 | 85.56 | 422.63',
      '8 | 2016-08-31 | 2016-09-30 | 83.83 | 1.73 | 85.56 | 338.80',
      '9 | 2016-09-30 | 2016-10-31 | 84.18 | 1.38 | 85.56 | 254.62',
      '10 | 2016-10-31 | 2016-11-30 | 84.52 | 1.04 | 85.56 | 170.10',
      '11 | 2016-11-30 | 2016-12-31 | 84.87 | 0.69 | 85.56 | 85.23',
      '12 | 2016-12-31 | 2017-01-31 | 85.23 | 0.35 | 85.58 | 0.00',
    ]);
    expect(totalsText(s)).toBe('1000.00 | 26.74 | 1026.74');
  });

  it('the day count does not change a regular month (annual / 12 whatever the days)', () => {
    // February 2016 has 29 days, March 31; both months still charge 1,000 × i = 4.08.
    for (const dayCount of ['actual/360', 'actual/365', '30/360'] as const) {
      const s = build({
        principal: '1000',
        rate: '4.9',
        months: 12,
        method: 'equal-instalment',
        start: '2016-01-31',
        dayCount,
      });
      expect(s.rows[0]!.interest).toBe(y('4.08'));
      expect(s.totals.interest).toBe(y('26.74'));
    }
  });

  it('a broken first period: interest by days, the regular principal part', () => {
    // repayment day the 20th: [2017-04-12, 2017-05-20) = 18 + 20 = 38 days (actual/360)
    //   interest 50,000 × 4.75 % × 38 / 360 = 2,375 × 38 / 360 = 250.6944 → 250.69
    //   principal as in a regular first month: 1,492.94 − 197.92 = 1,295.02
    //   total 1,295.02 + 250.69 = 1,545.71
    // from row 2 on, the same amounts as the regular schedule above, due on the 20th:
    //   row 2: 48,704.98 × i = 192.79; row 36 (due 2020-04-20): 1,487.03 + 5.89
    const s = build({
      principal: '50000',
      rate: '4.75',
      months: 36,
      method: 'equal-instalment',
      start: '2017-04-12',
      firstDueDate: '2017-05-20',
    });
    expect(rowText(s, 1)).toBe(
      '1 | 2017-04-12 | 2017-05-20 | 1295.02 | 250.69 | 1545.71 | 48704.98',
    );
    expect(rowText(s, 2)).toBe(
      '2 | 2017-05-20 | 2017-06-20 | 1300.15 | 192.79 | 1492.94 | 47404.83',
    );
    expect(rowText(s, 36)).toBe('36 | 2020-03-20 | 2020-04-20 | 1487.03 | 5.89 | 1492.92 | 0.00');
    // 3,745.82 − 197.92 + 250.69 = 3,798.59
    expect(totalsText(s)).toBe('50000.00 | 3798.59 | 53798.59');
  });

  it('the rounding rule is named and applies to the instalment and every interest', () => {
    // down-fen: A = 5,307.2672 → 5,307.26; row 1 interest 4,083.3333 → 4,083.33,
    // principal 5,307.26 − 4,083.33 = 1,223.93
    const s = build({
      principal: '1000000',
      rate: '4.9',
      months: 360,
      method: 'equal-instalment',
      start: '2017-01-15',
      rounding: 'down-fen',
    });
    expect(s.instalment).toBe(y('5307.26'));
    expect(rowText(s, 1)).toBe(
      '1 | 2017-01-15 | 2017-02-15 | 1223.93 | 4083.33 | 5307.26 | 998776.07',
    );
    expect(s.terms.rounding).toBe('down-fen');
  });

  it('equalInstalment on its own, and a one-month loan', () => {
    // n = 1: A = P × i × (1 + i) / i = P × (1 + i) = 10,000 × 1.005 = 10,050.00 at 6 %
    expect(equalInstalment(y('10000'), parseRate('6'), 1)).toBe(y('10050'));
    const s = build({
      principal: '10000',
      rate: '6',
      months: 1,
      method: 'equal-instalment',
      start: '2017-03-31',
    });
    expect(rowText(s, 1)).toBe('1 | 2017-03-31 | 2017-04-30 | 10000.00 | 50.00 | 10050.00 | 0.00');
  });

  it('the last row can differ from the instalment by more than the number of months', () => {
    // The claim "the last differs by less than n fen" is not a theorem. With the
    // instalment rounded by ε fen, every month over- or underpays ε, and those
    // differences compound at the loan rate: the last row differs by about
    // −ε × ((1 + i)^n − 1) / i, which exceeds n when i·n is large.
    // 510,623.99 over 360 months at 9.86 %: i = 0.0082166…, (1 + i)^360 = 19.02804057
    // A = 510,623.99 × 0.0082166… × 19.02804057 / 18.02804057 = 4,428.3550 → 4,428.35
    //   (ε = −0.50 fen, underpaid every month; ((1+i)^360 − 1)/i = 2,194 months' worth)
    // row 1: 510,623.99 × 0.0986 / 12 = 50,347.52541 / 12 = 4,195.6271 → 4,195.63,
    //        principal 4,428.35 − 4,195.63 = 232.72
    // row 360, from an independent exact loop (Python fractions): total 4,438.47,
    //        i.e. 10.12 yuan = 1,012 fen more than the instalment (> 360)
    const s = build({
      principal: '510623.99',
      rate: '9.86',
      months: 360,
      method: 'equal-instalment',
      start: '2017-01-01',
    });
    expect(s.instalment).toBe(y('4428.35'));
    expect(fenToYuanString(s.rows[0]!.interest)).toBe('4195.63');
    expect(fenToYuanString(s.rows[0]!.principal)).toBe('232.72');
    expect(fenToYuanString(s.rows[359]!.total)).toBe('4438.47');
  });
});

describe('equal principal (等额本金)', () => {
  it('120,000 over 12 months at 6 %: 10,000 a month, interest 600, 550, … 50', () => {
    // principal 120,000 / 12 = 10,000.00; i = 0.5 %
    // interest_k = (120,000 − (k − 1) × 10,000) × 0.5 % = 600, 550, 500, … 50
    // interest total = 50 × (12 + 11 + … + 1) = 50 × 78 = 3,900.00
    const s = build({
      principal: '120000',
      rate: '6',
      months: 12,
      method: 'equal-principal',
      start: '2017-01-15',
    });
    expect(s.rows.map((r) => fenToYuanString(r.principal))).toEqual(Array(12).fill('10000.00'));
    expect(s.rows.map((r) => fenToYuanString(r.interest))).toEqual([
      '600.00',
      '550.00',
      '500.00',
      '450.00',
      '400.00',
      '350.00',
      '300.00',
      '250.00',
      '200.00',
      '150.00',
      '100.00',
      '50.00',
    ]);
    expect(rowText(s, 1)).toBe(
      '1 | 2017-01-15 | 2017-02-15 | 10000.00 | 600.00 | 10600.00 | 110000.00',
    );
    expect(rowText(s, 12)).toBe(
      '12 | 2017-12-15 | 2018-01-15 | 10000.00 | 50.00 | 10050.00 | 0.00',
    );
    expect(totalsText(s)).toBe('120000.00 | 3900.00 | 123900.00');
    expect(s.instalment).toBeUndefined();
  });

  it('100,000 over 36 months at 4.75 %: 2,777.78 a month, the last 2,777.70', () => {
    // 100,000 / 36 = 2,777.7778 → 2,777.78; last = 100,000 − 35 × 2,777.78
    //   = 100,000 − 97,222.30 = 2,777.70
    // row 1: 100,000 × 0.0475 / 12 = 395.8333 → 395.83
    // row 2: 97,222.22 × 0.0475 / 12 = 4,618.05545 / 12 = 384.8380 → 384.84
    // row 36: 2,777.70 × 0.0475 / 12 = 131.94075 / 12 = 10.9951 → 11.00
    const s = build({
      principal: '100000',
      rate: '4.75',
      months: 36,
      method: 'equal-principal',
      start: '2017-04-12',
    });
    expect(rowText(s, 1)).toBe(
      '1 | 2017-04-12 | 2017-05-12 | 2777.78 | 395.83 | 3173.61 | 97222.22',
    );
    expect(rowText(s, 2)).toBe(
      '2 | 2017-05-12 | 2017-06-12 | 2777.78 | 384.84 | 3162.62 | 94444.44',
    );
    expect(rowText(s, 36)).toBe('36 | 2020-03-12 | 2020-04-12 | 2777.70 | 11.00 | 2788.70 | 0.00');
  });

  it('a broken first period is charged by days; later months at annual / 12', () => {
    // repayment day the 20th: [2017-01-15, 2017-02-20) = 36 days (actual/360):
    //   120,000 × 6 % × 36 / 360 = 720.00; then 110,000 × 0.5 % = 550.00 …
    // due dates 2017-02-20, 03-20, … 2018-01-20 (12 instalments from the first due date)
    const s = build({
      principal: '120000',
      rate: '6',
      months: 12,
      method: 'equal-principal',
      start: '2017-01-15',
      firstDueDate: '2017-02-20',
    });
    expect(rowText(s, 1)).toBe(
      '1 | 2017-01-15 | 2017-02-20 | 10000.00 | 720.00 | 10720.00 | 110000.00',
    );
    expect(rowText(s, 2)).toBe(
      '2 | 2017-02-20 | 2017-03-20 | 10000.00 | 550.00 | 10550.00 | 100000.00',
    );
    expect(rowText(s, 12)).toBe(
      '12 | 2017-12-20 | 2018-01-20 | 10000.00 | 50.00 | 10050.00 | 0.00',
    );
    expect(s.terms.firstDueDate).toBe('2017-02-20');
  });
});

describe('interest-only (按期付息到期还本), by days', () => {
  it('30,000 at 4.75 % quarterly from 2016-01-31, actual/360, across a leap February', () => {
    // principal × rate = 30,000 × 4.75 % = 1,425 a year; interest = 1,425 × days / 360
    // [2016-01-31, 2016-04-30): 29 (to 02-29) + 31 + 30 = 90 days → 356.25
    // [2016-04-30, 2016-07-31): 31 + 30 + 31 = 92 days → 364.1667 → 364.17
    // [2016-07-31, 2016-10-31): 31 + 30 + 31 = 92 days → 364.17
    // [2016-10-31, 2017-01-31): 30 + 31 + 31 = 92 days → 364.17, with the 30,000
    // interest 356.25 + 3 × 364.17 = 1,448.76
    const s = build({
      principal: '30000',
      rate: '4.75',
      months: 12,
      method: 'interest-only',
      interestPeriod: 'quarterly',
      start: '2016-01-31',
    });
    expect(s.rows.map((_, i) => rowText(s, i + 1))).toEqual([
      '1 | 2016-01-31 | 2016-04-30 | 0.00 | 356.25 | 356.25 | 30000.00',
      '2 | 2016-04-30 | 2016-07-31 | 0.00 | 364.17 | 364.17 | 30000.00',
      '3 | 2016-07-31 | 2016-10-31 | 0.00 | 364.17 | 364.17 | 30000.00',
      '4 | 2016-10-31 | 2017-01-31 | 30000.00 | 364.17 | 30364.17 | 0.00',
    ]);
    expect(totalsText(s)).toBe('30000.00 | 1448.76 | 31448.76');
  });

  it('the same quarter a year later has 89 days, not 90', () => {
    // [2017-01-31, 2017-04-30): 28 + 31 + 30 = 89 days → 1,425 × 89 / 360 = 352.2917 → 352.29
    const s = build({
      principal: '30000',
      rate: '4.75',
      months: 3,
      method: 'interest-only',
      interestPeriod: 'quarterly',
      start: '2017-01-31',
    });
    expect(rowText(s, 1)).toBe('1 | 2017-01-31 | 2017-04-30 | 30000.00 | 352.29 | 30352.29 | 0.00');
  });

  it('monthly from 2016-01-31: 29, 31 and 30 days', () => {
    // 1,425 × 29 / 360 = 114.7917 → 114.79; × 31 / 360 = 122.7083 → 122.71;
    // × 30 / 360 = 118.75. Together 356.25, as for the whole quarter.
    const s = build({
      principal: '30000',
      rate: '4.75',
      months: 3,
      method: 'interest-only',
      start: '2016-01-31',
    });
    expect(s.rows.map((r) => `${r.dueDate} ${fenToYuanString(r.interest)}`)).toEqual([
      '2016-02-29 114.79',
      '2016-03-31 122.71',
      '2016-04-30 118.75',
    ]);
    expect(s.terms.interestPeriod).toBe('monthly');
  });

  it('a term that is not a whole number of quarters ends with a short period', () => {
    // 7 months from 2017-04-12: 07-12 (30 + 31 + 30 = 91 days → 1,425 × 91 / 360 =
    // 360.2083 → 360.21), 10-12 (31 + 31 + 30 = 92 → 364.17), maturity 11-12 (31 days →
    // 122.7083 → 122.71) with the principal.
    const s = build({
      principal: '30000',
      rate: '4.75',
      months: 7,
      method: 'interest-only',
      interestPeriod: 'quarterly',
      start: '2017-04-12',
    });
    expect(s.rows.map((_, i) => rowText(s, i + 1))).toEqual([
      '1 | 2017-04-12 | 2017-07-12 | 0.00 | 360.21 | 360.21 | 30000.00',
      '2 | 2017-07-12 | 2017-10-12 | 0.00 | 364.17 | 364.17 | 30000.00',
      '3 | 2017-10-12 | 2017-11-12 | 30000.00 | 122.71 | 30122.71 | 0.00',
    ]);
  });

  it('a fixed settlement day (EXAMPLES.md 1): quarterly on the 20th, stub to maturity', () => {
    // contract 2017-04-12, 36 months, first interest date 2017-06-20:
    // [04-12, 06-20): 30 + 31 + 8 = 69 days → 1,425 × 69 / 360 = 273.125 → 273.13 (half up)
    // [06-20, 09-20): 92 days → 364.1667 → 364.17 (the 92-day quarter of EXAMPLES.md 1)
    // … every quarter to 2020-03-20 (12 dates: 2017 ×3, 2018 ×4, 2019 ×4, 2020-03),
    // then maturity 2020-04-12: [03-20, 04-12) = 23 days → 91.0417 → 91.04
    const s = build({
      principal: '30000',
      rate: '4.75',
      months: 36,
      method: 'interest-only',
      interestPeriod: 'quarterly',
      start: '2017-04-12',
      firstDueDate: '2017-06-20',
    });
    expect(s.rows).toHaveLength(13);
    expect(rowText(s, 1)).toBe('1 | 2017-04-12 | 2017-06-20 | 0.00 | 273.13 | 273.13 | 30000.00');
    expect(rowText(s, 2)).toBe('2 | 2017-06-20 | 2017-09-20 | 0.00 | 364.17 | 364.17 | 30000.00');
    expect(rowText(s, 13)).toBe(
      '13 | 2020-03-20 | 2020-04-12 | 30000.00 | 91.04 | 30091.04 | 0.00',
    );
  });
});

describe('bullet (到期一次还本付息)', () => {
  it.each([
    // 2017-04-12 → 2020-04-12 = 365 + 365 + 366 (2020-02-29) = 1,096 days; 50,000 × 4.75 % = 2,375
    ['actual/360', '7230.56'], // 2,375 × 1,096 / 360 = 7,230.5556
    ['actual/365', '7131.51'], // 2,375 × 1,096 / 365 = 7,131.5068
    ['30/360', '7125.00'], //     2,375 × 1,080 / 360 = 7,125.00
  ] as const)('50,000 at 4.75 %% for 36 months, %s → %s', (dayCount, interest) => {
    const s = build({
      principal: '50000',
      rate: '4.75',
      months: 36,
      method: 'bullet',
      start: '2017-04-12',
      dayCount,
    });
    expect(s.rows).toHaveLength(1);
    expect(rowText(s, 1)).toBe(
      `1 | 2017-04-12 | 2020-04-12 | 50000.00 | ${interest} | ${fenToYuanString(
        (y('50000') + y(interest)) as Fen,
      )} | 0.00`,
    );
  });

  it('from a month end into a leap February', () => {
    // 2016-01-31 + 1 month = 2016-02-29 (29 days): 10,000 × 6 % × 29 / 360 = 48.3333 → 48.33
    const s = build({
      principal: '10000',
      rate: '6',
      months: 1,
      method: 'bullet',
      start: '2016-01-31',
    });
    expect(rowText(s, 1)).toBe('1 | 2016-01-31 | 2016-02-29 | 10000.00 | 48.33 | 10048.33 | 0.00');
  });
});

describe('due dates', () => {
  it('keep the start day, clamp to the month end, and never drift', () => {
    const s = build({
      principal: '12000',
      rate: '6',
      months: 13,
      method: 'equal-principal',
      start: '2016-01-31',
    });
    expect(s.rows.map((r) => r.dueDate)).toEqual([
      '2016-02-29',
      '2016-03-31',
      '2016-04-30',
      '2016-05-31',
      '2016-06-30',
      '2016-07-31',
      '2016-08-31',
      '2016-09-30',
      '2016-10-31',
      '2016-11-30',
      '2016-12-31',
      '2017-01-31',
      '2017-02-28',
    ]);
  });

  it('a first due date equal to the regular one is the regular schedule', () => {
    // start 2016-01-31, "first due date" 2016-02-29: the next dates stay on the 31st
    const s = build({
      principal: '12000',
      rate: '6',
      months: 3,
      method: 'equal-instalment',
      start: '2016-01-31',
      firstDueDate: '2016-02-29',
    });
    expect(s.rows.map((r) => r.dueDate)).toEqual(['2016-02-29', '2016-03-31', '2016-04-30']);
    expect(s.terms.firstDueDate).toBeUndefined();
  });
});

describe('refusals name the field, in both languages', () => {
  const base: TermsText = {
    principal: '50000',
    rate: '4.75',
    months: 36,
    method: 'equal-instalment',
    start: '2017-04-12',
  };
  const raw = (patch: Partial<Record<keyof ScheduleTerms, unknown>>): DomainError =>
    domainError(() => buildSchedule({ ...terms(base), ...patch } as ScheduleTerms));

  it.each([
    ['principal', { principal: 0 }],
    ['principal', { principal: -100 }],
    ['principal', { principal: 1.5 }],
    ['annualRate', { annualRate: 0 }],
    ['annualRate', { annualRate: parseRate('100') }],
    ['annualRate', { annualRate: parseRate('-1') }],
    ['months', { months: 0 }],
    ['months', { months: 601 }],
    ['months', { months: 1.5 }],
    ['method', { method: 'balloon' }],
    ['start', { start: '2017-02-30' }],
    ['dayCount', { dayCount: 'actual/actual' }],
    ['rounding', { rounding: 'ceiling' }],
    ['interestPeriod', { interestPeriod: 'quarterly' }],
    ['interestPeriod', { interestPeriod: 'weekly', method: 'interest-only' }],
    ['interestPeriod', { interestPeriod: 'monthly', method: 'bullet' }],
    ['firstDueDate', { firstDueDate: '2017-04-12' }],
    ['firstDueDate', { firstDueDate: '2017-06-12' }],
    ['firstDueDate', { firstDueDate: '2017-05-20', method: 'bullet' }],
    ['months', { start: '9990-01-01', months: 600 }],
  ] as const)('%s: %j', (field, patch) => {
    const e = raw(patch);
    expect(e.field).toBe(field);
    expect(e.message_zh).toMatch(/[\u4e00-\u9fff]/);
    expect(e.message_en).toMatch(/[a-z]/);
  });

  it('a rate just above 0 and just below 100 % is accepted', () => {
    expect(() => buildSchedule({ ...terms(base), annualRate: rateFromUnits(1) })).not.toThrow();
    expect(() =>
      buildSchedule({ ...terms(base), annualRate: parseRate('99.99999999') }),
    ).not.toThrow();
  });

  it('a principal too small for the term is refused, not patched', () => {
    // 1.00 over 360 months at 4.9 %: A = 100 fen × 0.0053073 = 0.53 fen → 1 fen; each
    // month's interest 100 × 0.0040833 = 0.41 → 0, so 1 fen of principal a month pays
    // the loan off after 100 months, and instalment 101 would drive the balance to −1.
    const e = domainError(() => build({ ...base, principal: '1', months: 360, rate: '4.9' }));
    expect(e.code).toBe('SCHEDULE_PRINCIPAL_TOO_SMALL');
    expect(e.field).toBe('principal');
    expect(e.message_en).toContain('instalment 101');
  });

  it('equal principal: 9.00 over 600 months rounds 1.5 fen up to 2 and runs out at 451', () => {
    // 900 / 600 = 1.5 fen → 2 (half up); after 450 months 900 fen are repaid.
    const e = domainError(() =>
      build({ ...base, principal: '9', months: 600, method: 'equal-principal' }),
    );
    expect(e.message_en).toContain('instalment 451');
    // Rounded down instead, 1 fen a month and the last row takes 900 − 599 = 301 fen.
    const s = build({
      ...base,
      principal: '9',
      months: 600,
      method: 'equal-principal',
      rounding: 'down-fen',
    });
    expect(s.rows[0]!.principal).toBe(1);
    expect(s.rows[599]!.principal).toBe(301);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonthsClamped,
  fromDayNumber,
  parseIsoDate,
  toDayNumber,
  type IsoDate,
} from '../../src/core/calendarDate.ts';
import { DomainError } from '../../src/core/errors.ts';
import { fen, fenToYuanString, yuanToFen } from '../../src/core/money.ts';
import { parseRate, rateFromUnits } from '../../src/core/rate.ts';
import {
  buildSchedule,
  INTEREST_PERIODS,
  type Schedule,
  type ScheduleTerms,
} from '../../src/core/schedule/index.ts';

// 宽限期 (grace period): the first N months pay interest only, by days per interest
// period (like 按期付息), then the method amortises the whole principal over the
// remaining months. Every expected figure was worked out by hand (working in the
// comments; a calculator for the powers), never copied from the engine.

const d = (s: string): IsoDate => parseIsoDate(s);

/** 'n | periodStart | dueDate | principal | interest | total | balance'. */
const rows = (s: Schedule): string[] =>
  s.rows.map((r) =>
    [
      r.n,
      r.periodStart,
      r.dueDate,
      fenToYuanString(r.principal),
      fenToYuanString(r.interest),
      fenToYuanString(r.total),
      fenToYuanString(r.balanceAfter),
    ].join(' | '),
  );

describe('grace period (宽限期)', () => {
  it('等额本息 12,000 over 6 months at 6 %, 2 grace months, from 2016-01-31 (leap February)', () => {
    const s = buildSchedule({
      principal: yuanToFen('12000'),
      annualRate: parseRate('6'),
      months: 6,
      method: 'equal-instalment',
      start: d('2016-01-31'),
      graceMonths: 2,
    });
    // Grace, monthly, actual/360 (the default): 12,000 × 6 % = 720 a year.
    //   01-31 → 02-29 (clamped, leap year): 29 days → 720 × 29 / 360 = 58.00
    //   02-29 → 03-31 (from the start, not chained: 31st again): 31 days → 62.00
    // Then 4 repayment months at i = 0.5 %: (1.005)^4 = 1.020150500625,
    //   A = 12,000 × 0.005 × 1.020150500625 / 0.020150500625 = 3,037.5935… → 3,037.59
    //   04-30: interest 12,000.00 × 0.005 = 60.00, principal 2,977.59, balance 9,022.41
    //   05-31: 9,022.41 × 0.005 = 45.11205 → 45.11, principal 2,992.48, balance 6,029.93
    //   06-30: 6,029.93 × 0.005 = 30.14965 → 30.15, principal 3,007.44, balance 3,022.49
    //   07-31: 3,022.49 × 0.005 = 15.11245 → 15.11, the last repays 3,022.49: 3,037.60
    expect(rows(s)).toEqual([
      '1 | 2016-01-31 | 2016-02-29 | 0.00 | 58.00 | 58.00 | 12000.00',
      '2 | 2016-02-29 | 2016-03-31 | 0.00 | 62.00 | 62.00 | 12000.00',
      '3 | 2016-03-31 | 2016-04-30 | 2977.59 | 60.00 | 3037.59 | 9022.41',
      '4 | 2016-04-30 | 2016-05-31 | 2992.48 | 45.11 | 3037.59 | 6029.93',
      '5 | 2016-05-31 | 2016-06-30 | 3007.44 | 30.15 | 3037.59 | 3022.49',
      '6 | 2016-06-30 | 2016-07-31 | 3022.49 | 15.11 | 3037.60 | 0.00',
    ]);
    expect(s.instalment).toBe(yuanToFen('3037.59'));
    // 58 + 62 + 60 + 45.11 + 30.15 + 15.11 = 270.37
    expect(fenToYuanString(s.totals.interest)).toBe('270.37');
    expect(fenToYuanString(s.totals.principal)).toBe('12000.00');
    expect(s.maturityDate).toBe('2016-07-31');
    expect(s.terms.graceMonths).toBe(2);
  });

  it('等额本金 36,000 over 11 months at 4.8 %, 5 grace months quarterly from 2015-11-30', () => {
    const s = buildSchedule({
      principal: yuanToFen('36000'),
      annualRate: parseRate('4.8'),
      months: 11,
      method: 'equal-principal',
      start: d('2015-11-30'),
      graceMonths: 5,
      interestPeriod: 'quarterly',
    });
    // Grace, quarterly, actual/360: 36,000 × 4.8 % = 1,728 a year.
    //   11-30 → 2016-02-29 (start + 3, clamped): 31 + 31 + 29 = 91 days
    //     → 1,728 × 91 / 360 = 436.80
    //   start + 6 = 05-30 is past the grace end (start + 5 = 04-30): a short period
    //   02-29 → 04-30: 31 + 30 = 61 days → 1,728 × 61 / 360 = 292.80
    // Then 6 months of 36,000 / 6 = 6,000.00, interest balance × 0.4 %, due on the 30th
    // (start + 6 … start + 11): 144.00, 120.00, 96.00, 72.00, 48.00, 24.00.
    expect(rows(s)).toEqual([
      '1 | 2015-11-30 | 2016-02-29 | 0.00 | 436.80 | 436.80 | 36000.00',
      '2 | 2016-02-29 | 2016-04-30 | 0.00 | 292.80 | 292.80 | 36000.00',
      '3 | 2016-04-30 | 2016-05-30 | 6000.00 | 144.00 | 6144.00 | 30000.00',
      '4 | 2016-05-30 | 2016-06-30 | 6000.00 | 120.00 | 6120.00 | 24000.00',
      '5 | 2016-06-30 | 2016-07-30 | 6000.00 | 96.00 | 6096.00 | 18000.00',
      '6 | 2016-07-30 | 2016-08-30 | 6000.00 | 72.00 | 6072.00 | 12000.00',
      '7 | 2016-08-30 | 2016-09-30 | 6000.00 | 48.00 | 6048.00 | 6000.00',
      '8 | 2016-09-30 | 2016-10-30 | 6000.00 | 24.00 | 6024.00 | 0.00',
    ]);
    // 436.80 + 292.80 + 144 + 120 + 96 + 72 + 48 + 24 = 1,233.60
    expect(fenToYuanString(s.totals.interest)).toBe('1233.60');
    expect(fenToYuanString(s.totals.total)).toBe('37233.60');
  });

  it('equal principal with rounding: the last repayment month absorbs it', () => {
    const s = buildSchedule({
      principal: yuanToFen('1000'),
      annualRate: parseRate('3.6'),
      months: 4,
      method: 'equal-principal',
      start: d('2017-03-15'),
      graceMonths: 1,
      dayCount: '30/360',
    });
    // Grace 03-15 → 04-15, 30/360: 30 days → 1,000 × 3.6 % × 30 / 360 = 3.00.
    // 1,000 / 3 = 333.333… → 333.33, 333.33, and the last 333.34; interest at 0.3 %:
    //   1,000.00 → 3.00; 666.67 → 2.00001 → 2.00; 333.34 → 1.00002 → 1.00.
    expect(rows(s)).toEqual([
      '1 | 2017-03-15 | 2017-04-15 | 0.00 | 3.00 | 3.00 | 1000.00',
      '2 | 2017-04-15 | 2017-05-15 | 333.33 | 3.00 | 336.33 | 666.67',
      '3 | 2017-05-15 | 2017-06-15 | 333.33 | 2.00 | 335.33 | 333.34',
      '4 | 2017-06-15 | 2017-07-15 | 333.34 | 1.00 | 334.34 | 0.00',
    ]);
  });

  it('0 grace months is the schedule without a grace period', () => {
    const base: ScheduleTerms = {
      principal: yuanToFen('50000'),
      annualRate: parseRate('4.75'),
      months: 36,
      method: 'equal-instalment',
      start: d('2017-04-12'),
    };
    expect(buildSchedule({ ...base, graceMonths: 0 })).toEqual(buildSchedule(base));
  });

  const base: ScheduleTerms = {
    principal: yuanToFen('50000'),
    annualRate: parseRate('4.75'),
    months: 36,
    method: 'equal-instalment',
    start: d('2017-04-12'),
  };
  it.each([
    ['SCHEDULE_GRACE_OUT_OF_RANGE', { graceMonths: 36 }],
    ['SCHEDULE_GRACE_OUT_OF_RANGE', { graceMonths: -1 }],
    ['SCHEDULE_GRACE_OUT_OF_RANGE', { graceMonths: 1.5 }],
    ['SCHEDULE_GRACE_NOT_APPLICABLE', { graceMonths: 3, method: 'interest-only' }],
    ['SCHEDULE_GRACE_NOT_APPLICABLE', { graceMonths: 3, method: 'bullet' }],
    ['SCHEDULE_GRACE_WITH_FIRST_DUE_DATE', { graceMonths: 3, firstDueDate: d('2017-05-20') }],
  ] as const)('refused, naming graceMonths: %s %j', (code, patch) => {
    let error: unknown;
    try {
      buildSchedule({ ...base, ...patch } as ScheduleTerms);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    expect(e.code).toBe(code);
    expect(e.field).toBe('graceMonths');
    expect(e.message_zh).toMatch(/宽限期/);
    expect(e.message_en).toMatch(/grace/);
  });

  it('a principal too small is refused naming the row counted with the grace rows', () => {
    // test/core/schedule.test.ts: 1.00 over 360 months at 4.9 % fails at instalment 101
    // (1 fen of principal a month). After 2 grace months the same 360 repayment months
    // fail at their 101st row, which is row 2 + 101 = 103 of the schedule.
    let error: unknown;
    try {
      buildSchedule({
        ...base,
        principal: yuanToFen('1'),
        annualRate: parseRate('4.9'),
        months: 362,
        graceMonths: 2,
      });
    } catch (e) {
      error = e;
    }
    expect((error as DomainError).code).toBe('SCHEDULE_PRINCIPAL_TOO_SMALL');
    expect((error as DomainError).message_en).toContain('instalment 103');
  });

  it('a quarterly interest period on an amortising loan still needs a grace period', () => {
    expect(() => buildSchedule({ ...base, interestPeriod: 'quarterly' })).toThrow(DomainError);
  });
});

describe('grace period properties', () => {
  const start = fc
    .integer({ min: toDayNumber(d('1990-01-01')), max: toDayNumber(d('2060-12-31')) })
    .map((n) => fromDayNumber(n));
  const terms = fc
    .record({
      principal: fc.integer({ min: 100_000, max: 10_000_000_000 }),
      bp: fc.integer({ min: 1, max: 2400 }),
      months: fc.integer({ min: 2, max: 360 }),
      graceShare: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      method: fc.constantFrom('equal-instalment' as const, 'equal-principal' as const),
      interestPeriod: fc.constantFrom(...INTEREST_PERIODS),
      start,
    })
    .map((t): ScheduleTerms => ({
      principal: fen(t.principal),
      annualRate: rateFromUnits(t.bp * 1_000_000),
      months: t.months,
      method: t.method,
      start: t.start,
      interestPeriod: t.interestPeriod,
      graceMonths: 1 + Math.floor(t.graceShare * (t.months - 1)),
    }));

  it('principal sums to the loan, no balance is negative, nothing is repaid in grace', () => {
    fc.assert(
      fc.property(terms, (t) => {
        let s: Schedule;
        try {
          s = buildSchedule(t);
        } catch (e) {
          // Only the documented refusal of rounding slack outgrowing a tiny loan.
          expect((e as DomainError).code).toBe('SCHEDULE_PRINCIPAL_TOO_SMALL');
          return;
        }
        const grace = t.graceMonths!;
        const graceEnd = addMonthsClamped(t.start, grace);
        expect(s.rows.reduce((a, r) => a + r.principal, 0)).toBe(t.principal);
        // Plain checks per row (an expect per row of 360 rows × 300 runs is slow).
        const bad = s.rows.filter(
          (r, i) =>
            r.n !== i + 1 ||
            r.balanceAfter < 0 ||
            r.principal < 0 ||
            r.total !== r.principal + r.interest ||
            (i > 0 && r.periodStart !== s.rows[i - 1]!.dueDate) ||
            (r.dueDate <= graceEnd && (r.principal !== 0 || r.balanceAfter !== t.principal)),
        );
        expect(bad).toEqual([]);
        // One row per repayment month after the grace end, the last at maturity.
        expect(s.rows.filter((r) => r.dueDate > graceEnd)).toHaveLength(t.months - grace);
        expect(s.rows.at(-1)!.balanceAfter).toBe(0);
        expect(s.maturityDate).toBe(addMonthsClamped(t.start, t.months));
      }),
      { numRuns: 300 },
    );
  });
});

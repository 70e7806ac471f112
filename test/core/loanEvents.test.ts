import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonthsClamped, parseIsoDate, type IsoDate } from '../../src/core/calendarDate.ts';
import { DomainError } from '../../src/core/errors.ts';
import { fen, type Fen } from '../../src/core/money.ts';
import { parseRate, rateFromUnits } from '../../src/core/rate.ts';
import { accruedInterestTo } from '../../src/core/loans/accruedInterest.ts';
import { latestExtendedMaturity, maxExtensionMonths } from '../../src/core/loans/loanEvents.ts';
import { rescheduleFrom } from '../../src/core/loans/reschedule.ts';
import { buildSchedule, REPAYMENT_METHODS } from '../../src/core/schedule/index.ts';

const d = (s: string): IsoDate => parseIsoDate(s);
const f = (n: number) => n as Fen;
const sumOf = (rows: readonly { principal: Fen }[]) => rows.reduce((s, r) => s + r.principal, 0);

// 12,000.00 at 6 %, 等额本金 over 12 months from 2017-01-15: every month repays 1,000.00
// of principal; interest = balance × 0.5 %: 60.00, 55.00, 50.00, 45.00, …
const SIX = parseRate('6');
const LOAN = buildSchedule({
  principal: f(1_200_000),
  annualRate: SIX,
  months: 12,
  method: 'equal-principal',
  start: d('2017-01-15'),
});
const ACCRUAL = { rate: SIX, dayCount: 'actual/360', rounding: 'half-up-fen' } as const;

describe('accrued interest to a date', () => {
  it('whole instalments due by then, and the running period by days', () => {
    // due by 2017-04-25: 6,000 + 5,500 + 5,000; running period 04-15 → 04-25 on
    // 900,000 × 10 days × 6 % / 360 = 1,500
    expect(accruedInterestTo(LOAN.rows, d('2017-04-25'), ACCRUAL)).toBe(18_000);
    expect(accruedInterestTo(LOAN.rows, d('2017-01-15'), ACCRUAL)).toBe(0);
  });
});

describe('rescheduleFrom: a new version from the event date', () => {
  // Instalment 1 paid (1,060.00); of instalment 2, its interest 55.00 and 400.00 of
  // principal. Extended on 2017-04-25 (instalment 3, due 04-15, unpaid) for 12 months.
  const out = rescheduleFrom({
    rows: LOAN.rows,
    paidPrincipal: f(140_000),
    paidInterest: f(11_500),
    effectiveOn: d('2017-04-25'),
    accrual: ACCRUAL,
    terms: { annualRate: SIX, months: 12, method: 'equal-principal' },
  });

  it('keeps the paid instalment, settles the partly paid one on the event date', () => {
    expect(out.rows[0]).toEqual(LOAN.rows[0]);
    expect(out.rows[1]).toEqual({
      n: 2,
      periodStart: '2017-02-15',
      dueDate: '2017-04-25',
      principal: 40_000,
      interest: 5_500,
      total: 45_500,
      balanceAfter: 1_060_000,
    });
  });

  it('schedules the 10,600.00 still owed afresh and carries the interest owed', () => {
    // interest earned to 04-25 (18,000, above) − paid 11,500 = 6,500 carried
    expect(out.carriedInterest).toBe(6_500);
    expect(out.newPrincipal).toBe(1_060_000);
    // 1,060,000 / 12 = 88,333.33 → 88,333 a month; first month 1,060,000 × 0.5 % = 5,300
    // + 6,500 carried = 11,800
    expect(out.rows[2]).toEqual({
      n: 3,
      periodStart: '2017-04-25',
      dueDate: '2017-05-25',
      principal: 88_333,
      interest: 11_800,
      total: 100_133,
      balanceAfter: 1_060_000 - 88_333,
    });
    // the last of 12 repays 1,060,000 − 11 × 88,333 = 88,337, on 2018-04-25
    expect(out.rows).toHaveLength(14);
    expect(out.rows[13]).toMatchObject({ n: 14, dueDate: '2018-04-25', principal: 88_337 });
    expect(out.maturityDate).toBe('2018-04-25');
    expect(sumOf(out.rows)).toBe(1_200_000);
  });

  it('an additional loan adds its principal to what is scheduled', () => {
    const more = rescheduleFrom({
      rows: LOAN.rows,
      paidPrincipal: f(100_000),
      paidInterest: f(6_000),
      effectiveOn: d('2017-02-15'),
      accrual: ACCRUAL,
      additionalPrincipal: f(500_000),
      terms: { annualRate: SIX, months: 10, method: 'equal-principal' },
    });
    // instalment 1 kept; 1,100,000 + 500,000 over 10 months from 02-15; nothing carried
    expect(more.carriedInterest).toBe(0);
    expect(more.newPrincipal).toBe(1_600_000);
    expect(more.rows[1]).toMatchObject({ n: 2, dueDate: '2017-03-15', principal: 160_000 });
    expect(more.rows[1]!.interest).toBe(8_000); // 1,600,000 × 0.5 %
    expect(sumOf(more.rows)).toBe(1_700_000);
  });

  it('refuses an event dated before instalments that payments already cover', () => {
    const err = (() => {
      try {
        rescheduleFrom({
          rows: LOAN.rows,
          paidPrincipal: f(200_000),
          paidInterest: f(11_500),
          effectiveOn: d('2017-03-01'),
          accrual: ACCRUAL,
          terms: { annualRate: SIX, months: 12, method: 'equal-principal' },
        });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).field).toBe('effectiveOn');
  });

  it('refuses a new term of 0 months or a rate of 0 or 100 %', () => {
    const at = (over: object) => () =>
      rescheduleFrom({
        rows: LOAN.rows,
        paidPrincipal: f(0),
        paidInterest: f(0),
        effectiveOn: d('2017-01-20'),
        accrual: ACCRUAL,
        terms: { annualRate: SIX, months: 12, method: 'equal-principal', ...over },
      });
    expect(at({ months: 0 })).toThrow(/1 到 600|from 1 to 600/);
    expect(at({ annualRate: parseRate('0') })).toThrow(DomainError);
    expect(at({ annualRate: parseRate('100') })).toThrow(DomainError);
  });

  it('property: principal rows of a re-scheduled loan sum to the remaining principal', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REPAYMENT_METHODS),
        fc.integer({ min: 100_000, max: 5_000_000 }),
        fc.integer({ min: 1, max: 36 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 36 }),
        fc.integer({ min: 0, max: 500_000 }),
        (method, principal, months, eventMonth, paidShare, newMonths, extra) => {
          const loan = buildSchedule({
            principal: f(principal),
            annualRate: rateFromUnits(475_000_000),
            months,
            method,
            start: d('2017-01-31'),
          });
          const on = addMonthsClamped(d('2017-02-10'), eventMonth);
          const due = loan.rows.filter((r) => r.dueDate <= on);
          // some of what was due by then was paid (no prepayment)
          const paidP = Math.floor((sumOf(due) * paidShare) / 1000);
          const paidI = Math.floor((due.reduce((s, r) => s + r.interest, 0) * paidShare) / 1000);
          // a few fen over many months cannot be rounded into a schedule (ADR 0005)
          if (principal - paidP + extra < 100_000) return;
          const out = rescheduleFrom({
            rows: loan.rows,
            paidPrincipal: f(paidP),
            paidInterest: f(paidI),
            effectiveOn: on,
            accrual: {
              rate: loan.terms.annualRate,
              dayCount: 'actual/360',
              rounding: 'half-up-fen',
            },
            additionalPrincipal: f(extra),
            terms: { annualRate: loan.terms.annualRate, months: newMonths, method },
          });
          const fresh = out.rows.filter((r) => r.periodStart >= on && r.dueDate > on);
          expect(sumOf(fresh)).toBe(principal - paidP + extra);
          expect(sumOf(out.rows)).toBe(principal + extra);
          // history: rows before the new part are exactly what the payments covered
          const history = out.rows.slice(0, out.rows.length - fresh.length);
          expect(sumOf(history)).toBe(paidP);
          expect(history.reduce((s, r) => s + r.interest, 0)).toBe(paidI);
          expect(out.rows.map((r) => r.n)).toEqual(out.rows.map((_, i) => i + 1));
          expect(out.carriedInterest).toBeGreaterThanOrEqual(0);
          expect(fen(out.rows.at(-1)!.balanceAfter)).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('how far extensions may push maturity (《贷款通则》 art. 12)', () => {
  it.each([
    [6, 6],
    [12, 12],
    [13, 6],
    [36, 18],
    [60, 30],
    [61, 36],
    [120, 36],
  ])('%i-month loan → %i months', (term, limit) => {
    expect(maxExtensionMonths(term)).toBe(limit);
  });
  it('counts from the original maturity', () => {
    // 36 months from 2017-01-31 → 2020-01-31; + 18 → 2021-07-31
    expect(latestExtendedMaturity(d('2017-01-31'), 36)).toBe('2021-07-31');
  });
});

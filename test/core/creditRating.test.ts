import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPolicyData } from '../../src/app/policy/loadPolicyData.ts';
import type { IsoDate } from '../../src/core/calendarDate.ts';
import { pointsText, rate } from '../../src/core/credit/rating.ts';
import {
  CREDIT_SECTIONS,
  gradeAtLeast,
  scorecardOn,
  type CreditSection,
} from '../../src/core/credit/scorecard.ts';
import { DomainError } from '../../src/core/errors.ts';
import { overrideParameters } from '../../src/core/policy/parameterSet.ts';

const shipped = loadPolicyData('policy').parameters;
const ON = '2018-03-01' as IsoDate;
const card = scorecardOn(shipped, ON);

/** Every section scored `n`, with overrides. */
const scores = (n: number, over: Partial<Record<CreditSection, number>> = {}) =>
  ({ ...Object.fromEntries(CREDIT_SECTIONS.map((s) => [s, n])), ...over }) as Record<
    CreditSection,
    number
  >;

describe('the shipped scorecard (documented defaults)', () => {
  it('is a 100-point card: 10 + 15 + 20 + 10 + 20 + 15 + 10, AAA 80, AA 70, A 60, valid 1 year', () => {
    expect(card.totalPoints).toBe(100);
    expect(card.weights).toEqual({
      'family-labour': 10,
      'land-assets': 15,
      'income-production': 20,
      debts: 10,
      'repayment-record': 20,
      'village-assessment': 15,
      'officer-assessment': 10,
    });
    expect(card.thresholds).toEqual({ AAA: 80, AA: 70, A: 60 });
    expect(card.validityYears).toBe(1);
    expect(card.householdMinGrade).toBe('A');
  });
});

describe('grades at each threshold', () => {
  // Every section at s scores s points of 100 (weights add to 100): s × 100 hundredths.
  const cases: [number, string][] = [
    [100, 'AAA'],
    [80, 'AAA'],
    [79, 'AA'],
    [70, 'AA'],
    [69, 'A'],
    [60, 'A'],
    [59, 'unrated'],
    [0, 'unrated'],
  ];
  for (const [s, grade] of cases) {
    it(`${String(s)} points is ${grade}`, () => {
      const r = rate(card, scores(s), null);
      expect(r.points).toBe(s * 100);
      expect(r.grade).toBe(grade);
    });
  }

  it('79.99 is not AAA: fractions of a point are kept exactly', () => {
    // all 80 except family labour (weight 10) at 79: 80 − 10 × 1 / 100 = 79.90
    expect(rate(card, scores(80, { 'family-labour': 79 }), null)).toMatchObject({
      points: 7990,
      grade: 'AA',
    });
    // land-assets weight 15 at 99, rest 80... 80 + 15 × 19 / 100 = 82.85
    expect(pointsText(rate(card, scores(80, { 'land-assets': 99 }), null).points)).toBe('82.85');
  });
});

describe('the explanation', () => {
  it('names every indicator with its weight, score and points; they add up to the total', () => {
    const r = rate(
      card,
      {
        'family-labour': 90, // 10 × 0.90 = 9.00
        'land-assets': 60, // 15 × 0.60 = 9.00
        'income-production': 75, // 20 × 0.75 = 15.00
        debts: 50, // 10 × 0.50 = 5.00
        'repayment-record': 100, // from the portfolio below instead
        'village-assessment': 80, // 15 × 0.80 = 12.00
        'officer-assessment': 70, // 10 × 0.70 = 7.00
      },
      // 1 overdue instalment: 100 − 25 = 75 → 20 × 0.75 = 15.00
      { loans: 1, instalmentsDue: 6, overdueInstalments: 1 },
    );
    // 9 + 9 + 15 + 5 + 15 + 12 + 7 = 72.00 → AA
    expect(r.points).toBe(7200);
    expect(r.grade).toBe('AA');
    expect(r.lines.map((l) => [l.section, l.weight, l.score, l.points, l.source])).toEqual([
      ['family-labour', 10, 90, 900, 'collected'],
      ['land-assets', 15, 60, 900, 'collected'],
      ['income-production', 20, 75, 1500, 'collected'],
      ['debts', 10, 50, 500, 'collected'],
      ['repayment-record', 20, 75, 1500, 'loan-portfolio'],
      ['village-assessment', 15, 80, 1200, 'collected'],
      ['officer-assessment', 10, 70, 700, 'collected'],
    ]);
    expect(r.ratedOn).toBe(ON);
    expect(r.validUntil).toBe('2019-03-01');
  });

  it('the repayment record bottoms out at 0 after 4 overdue instalments (4 × 25 = 100)', () => {
    const four = rate(card, scores(100), { loans: 2, instalmentsDue: 9, overdueInstalments: 4 });
    const five = rate(card, scores(100), { loans: 2, instalmentsDue: 9, overdueInstalments: 5 });
    expect(four.lines[4]!.score).toBe(0);
    expect(five.lines[4]!.score).toBe(0);
    expect(five.points).toBe(8000); // 100 − 20
  });

  it('without loans the collected repayment record counts', () => {
    const r = rate(card, scores(100, { 'repayment-record': 40 }), {
      loans: 0,
      instalmentsDue: 0,
      overdueInstalments: 0,
    });
    expect(r.lines[4]).toMatchObject({ score: 40, source: 'collected', points: 800 });
  });

  it('property: the total is the sum of the lines and never exceeds the card', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 7, maxLength: 7 }),
        (list) => {
          const s = Object.fromEntries(CREDIT_SECTIONS.map((k, i) => [k, list[i]!])) as Record<
            CreditSection,
            number
          >;
          const r = rate(card, s, null);
          expect(r.points).toBe(r.lines.reduce((a, l) => a + l.points, 0));
          expect(r.points).toBeLessThanOrEqual(card.totalPoints * 100);
        },
      ),
    );
  });
});

describe('a card that does not fit is refused', () => {
  it('weights that do not add up to the configured total', () => {
    const bad = overrideParameters(shipped, { 'art10.credit-rating.weight.debts': 11 });
    const err = (() => {
      try {
        scorecardOn(bad, ON);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).field).toBe('art10.credit-rating.total-points');
    expect((err as DomainError).message_en).toContain(
      'add up to 101 points, not the configured total of 100',
    );
  });

  it('a total changed with the weights is fine (a 200-point card)', () => {
    const doubled = overrideParameters(shipped, {
      'art10.credit-rating.total-points': 200,
      'art10.credit-rating.weight.repayment-record': 120,
      'art10.credit-rating.grade-aaa-min': 160,
      'art10.credit-rating.grade-aa-min': 140,
      'art10.credit-rating.grade-a-min': 120,
    });
    const c = scorecardOn(doubled, ON);
    // all 100: 200 points → AAA
    expect(rate(c, scores(100), null)).toMatchObject({ points: 20000, grade: 'AAA' });
  });

  it('thresholds out of order', () => {
    const bad = overrideParameters(shipped, { 'art10.credit-rating.grade-aa-min': 85 });
    expect(() => scorecardOn(bad, ON)).toThrow(/AAA > AA > A/);
  });
});

describe('grade order', () => {
  it('AAA ≥ AA ≥ A; unrated never qualifies', () => {
    expect(gradeAtLeast('AAA', 'A')).toBe(true);
    expect(gradeAtLeast('A', 'A')).toBe(true);
    expect(gradeAtLeast('A', 'AA')).toBe(false);
    expect(gradeAtLeast('unrated', 'A')).toBe(false);
  });
});

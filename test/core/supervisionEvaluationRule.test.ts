import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../../src/core/errors.ts';
import {
  describeRule,
  parsePercent,
  readingValue,
  scoreReading,
  type Reading,
  type ScoringRule,
} from '../../src/core/supervision/evaluationRule.ts';
import {
  applyReadings,
  applyScores,
  evaluate,
  formatPoints,
  parsePoints,
  schemeProblems,
  type Evaluation,
  type EvaluationScheme,
} from '../../src/core/supervision/evaluationScheme.ts';

const p = (text: string) => parsePoints(text, 'points');
const pct = (text: string) => parsePercent(text, 'rule');
const linear = (floor: string, target: string): ScoringRule => ({
  kind: 'linear',
  floor: pct(floor),
  target: pct(target),
});
const ratio = (numerator: bigint, denominator: bigint) => ({ numerator, denominator });
const score = (rule: ScoringRule, r: Parameters<typeof scoreReading>[1], of: string) =>
  formatPoints(scoreReading(rule, r, p(of)));

/** 20 (growth, 0 → 20 %) + 10 (coverage, 50 → 100 %) + 70 entered; penalty 0.5 a finding. */
const SCHEME: EvaluationScheme = {
  year: 2017,
  version: 1,
  total: p('100'),
  items: [
    {
      id: 'growth',
      kind: 'quantitative',
      titleZh: '增速',
      titleEn: 'Growth',
      weight: p('20'),
      indicatorId: 'loans.poverty-growth',
      rule: linear('0', '20'),
    },
    {
      id: 'coverage',
      kind: 'quantitative',
      titleZh: '覆盖',
      titleEn: 'Coverage',
      weight: p('10'),
      indicatorId: 'network.coverage',
      rule: linear('50', '100'),
    },
    { id: 'service', kind: 'qualitative', titleZh: '服务', titleEn: 'Service', weight: p('70') },
  ],
  bonuses: [],
  penalties: [
    {
      id: 'findings',
      titleZh: '核查问题',
      titleEn: 'Findings',
      max: p('10'),
      indicatorId: 'loans.precision-findings',
      rule: { kind: 'per-unit', points: p('0.5') },
    },
  ],
  bands: { 优秀: p('90'), 良好: p('75'), 一般: p('60'), 勉励: p('0') },
};
const DRAFT: Evaluation = { status: 'draft', scores: {}, bonuses: {}, penalties: {} };

const refusal = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('scoring rules', () => {
  it('scores a ratio linearly between floor and target (hand-worked)', () => {
    // 1 150 000 − 1 000 000 = 150 000 over 1 000 000 = 15 %; 20 × 15 / 20 = 15.00
    expect(score(linear('0', '20'), ratio(150_000n, 1_000_000n), '20')).toBe('15.00');
    // 7 % between 5 % and 10 %: 15 × (7 − 5) / (10 − 5) = 6.00
    expect(score(linear('5', '10'), ratio(7n, 100n), '15')).toBe('6.00');
    // 1 of 3 villages, 0 → 100 %: 10 / 3 = 3.333… → 3.33; 2 of 3 → 6.666… → 6.67
    expect(score(linear('0', '100'), ratio(1n, 3n), '10')).toBe('3.33');
    expect(score(linear('0', '100'), ratio(2n, 3n), '10')).toBe('6.67');
    // at or above the target: the weight; at or below the floor (a fall): 0
    expect(score(linear('0', '20'), ratio(30n, 100n), '20')).toBe('20.00');
    expect(score(linear('0', '20'), ratio(-5n, 100n), '20')).toBe('0.00');
    expect(score(linear('-10', '10'), ratio(-5n, 100n), '20')).toBe('5.00');
    // no data, nothing to divide by: 0 points
    expect(score(linear('0', '20'), null, '20')).toBe('0.00');
    expect(score(linear('0', '20'), ratio(5n, 0n), '20')).toBe('0.00');
    expect(readingValue(ratio(5n, 0n))).toBeNull();
    expect(readingValue(ratio(1n, 3n))).toBe(3333);
    expect(readingValue(ratio(-1n, 3n))).toBe(-3333);
  });

  it('scores a count per unit, up to the cap', () => {
    const perFinding: ScoringRule = { kind: 'per-unit', points: p('0.5') };
    expect(score(perFinding, { numerator: 3n, denominator: null }, '10')).toBe('1.50');
    // 25 × 0.5 = 12.5, capped at 10
    expect(score(perFinding, { numerator: 25n, denominator: null }, '10')).toBe('10.00');
    expect(readingValue({ numerator: 25n, denominator: null })).toBe(25);
  });

  it('never scores outside 0…weight (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -10_000_000n, max: 10_000_000n }),
        fc.bigInt({ min: 1n, max: 10_000_000n }),
        fc.integer({ min: -5000, max: 5000 }),
        fc.integer({ min: 1, max: 20000 }),
        fc.integer({ min: 1, max: 10000 }),
        (num, den, floor, span, of) => {
          const rule = linear(String(floor / 100), String((floor + span) / 100));
          const s = scoreReading(rule, ratio(num, den), of as never);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(of);
        },
      ),
    );
  });

  it('reads percentages exactly and says the rule in both languages', () => {
    expect([pct('12.5'), pct('-3'), pct('0.01')]).toEqual([1250, -300, 1]);
    for (const bad of ['1.234', 'abc', '', '5%']) {
      expect(refusal(() => parsePercent(bad, 'items.0.rule.floor')).field).toBe(
        'items.0.rule.floor',
      );
    }
    expect(describeRule(linear('0', '20'), p('20'))).toEqual({
      zh: '不高于 0.00% 得 0 分，达到 20.00% 得 20.00 分，其间按比例',
      en: '0 points at or below 0.00%, 20.00 at 20.00% or above, in proportion between',
    });
  });
});

describe('computed evaluations', () => {
  it('computes each computed line from its reading and explains it', () => {
    const entered = applyScores(SCHEME, DRAFT, [{ kind: 'item', id: 'service', points: p('60') }]);
    const readings = new Map<string, Reading>([
      ['loans.poverty-growth', ratio(150_000n, 1_000_000n)],
      ['network.coverage', ratio(3n, 4n)],
      ['loans.precision-findings', { numerator: 3n, denominator: null }],
    ]);
    const e = applyReadings(SCHEME, entered, readings);
    // 15 + 10 × (75 − 50) / 50 = 5 → 15 + 5 + 60 − 1.50 = 78.50 → 良好
    const r = evaluate(SCHEME, e);
    expect([formatPoints(r.total), r.grade]).toEqual(['78.50', '良好']);
    expect(r.lines.find((l) => l.id === 'coverage')?.computed).toEqual({
      indicatorId: 'network.coverage',
      numerator: '3',
      denominator: '4',
      value: 7500,
      points: p('5'),
    });
    expect(r.lines.find((l) => l.id === 'service')?.computed).toBeUndefined();
    // an indicator without data scores 0, and the entered score stays
    const none = evaluate(SCHEME, applyReadings(SCHEME, entered, new Map()));
    expect(none.lines.map((l) => [l.id, formatPoints(l.points)])).toEqual([
      ['growth', '0.00'],
      ['coverage', '0.00'],
      ['service', '60.00'],
      ['findings', '0.00'],
    ]);
  });

  it('refuses entering a computed score, and computing a finished evaluation', () => {
    const typed = refusal(() =>
      applyScores(SCHEME, DRAFT, [{ kind: 'item', id: 'growth', points: p('1') }]),
    );
    expect([typed.code, typed.field]).toEqual(['EVALUATION_COMPUTED_ITEM', 'scores[0].id']);
    const pen = refusal(() =>
      applyScores(SCHEME, DRAFT, [{ kind: 'penalty', id: 'findings', points: p('1') }]),
    );
    expect(pen.code).toBe('EVALUATION_COMPUTED_ITEM');
    const finished: Evaluation = { ...DRAFT, status: 'finished' };
    const e = refusal(() => applyReadings(SCHEME, finished, new Map()));
    expect([e.code, e.field]).toEqual(['EVALUATION_FINISHED', 'status']);
  });

  it('refuses a rule that cannot score, on an item that cannot have one, or missing', () => {
    const codes = (s: EvaluationScheme) => schemeProblems(s).map((e) => [e.code, e.field]);
    expect(codes(SCHEME)).toEqual([]);
    const [growth, coverage, service] = SCHEME.items as [
      (typeof SCHEME.items)[number],
      (typeof SCHEME.items)[number],
      (typeof SCHEME.items)[number],
    ];
    expect(
      codes({ ...SCHEME, items: [{ ...growth, rule: linear('20', '20') }, coverage, service] }),
    ).toEqual([['SCHEME_RULE', 'items[0].rule.target']]);
    expect(
      codes({ ...SCHEME, items: [growth, coverage, { ...service, rule: linear('0', '1') }] }),
    ).toEqual([['SCHEME_RULE', 'items[2].rule']]);
    const { rule: _r, ...noRule } = SCHEME.penalties[0]!;
    expect(codes({ ...SCHEME, penalties: [noRule] })).toEqual([
      ['SCHEME_RULE', 'penalties[0].rule'],
    ]);
    expect(
      codes({
        ...SCHEME,
        penalties: [{ ...SCHEME.penalties[0]!, rule: { kind: 'per-unit', points: p('0') } }],
      }),
    ).toEqual([['SCHEME_RULE', 'penalties[0].rule.points']]);
  });
});

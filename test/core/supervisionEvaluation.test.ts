import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../../src/core/errors.ts';
import {
  applyScores,
  evaluate,
  formatPoints,
  parsePoints,
  schemeProblems,
  type Centipoints,
  type Evaluation,
  type EvaluationScheme,
} from '../../src/core/supervision/evaluationScheme.ts';

const p = (text: string) => parsePoints(text, 'points');

/** A 100-point scheme: 40 + 35 (quantitative) + 25 (qualitative); +5 bonus, −10 penalty. */
const SCHEME: EvaluationScheme = {
  year: 2017,
  version: 1,
  total: p('100'),
  items: [
    {
      id: 'loan-growth',
      kind: 'quantitative',
      titleZh: '扶贫贷款增速',
      titleEn: 'Poverty loan growth',
      weight: p('40'),
      indicatorId: 'loans.poverty-growth',
    },
    {
      id: 'micro-coverage',
      kind: 'quantitative',
      titleZh: '扶贫小额信贷覆盖率',
      titleEn: 'Micro-credit coverage',
      weight: p('35'),
      indicatorId: 'loans.micro-coverage',
    },
    {
      id: 'service',
      kind: 'qualitative',
      titleZh: '服务创新',
      titleEn: 'Innovation',
      weight: p('25'),
    },
  ],
  bonuses: [
    { id: 'demo-village', titleZh: '示范村', titleEn: 'Demonstration village', max: p('5') },
  ],
  penalties: [
    { id: 'precision', titleZh: '精准核查问题', titleEn: 'Precision findings', max: p('10') },
  ],
  bands: { 优秀: p('90'), 良好: p('75'), 一般: p('60'), 勉励: p('0') },
};
const DRAFT: Evaluation = { status: 'draft', scores: {}, bonuses: {}, penalties: {} };

const codes = (s: EvaluationScheme) => schemeProblems(s).map((e) => [e.code, e.field]);
const refusal = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('evaluation schemes', () => {
  it('reads points exactly, in hundredths', () => {
    expect([p('12.5'), p('0.01'), p('100'), p('33.33')]).toEqual([1250, 1, 10000, 3333]);
    for (const bad of ['-1', '1.234', 'abc', '', '1e2']) {
      expect(refusal(() => parsePoints(bad, 'weight')).field).toBe('weight');
    }
    expect(formatPoints(p('7.5'))).toBe('7.50');
  });

  it('accepts a scheme whose weights add up to the configured total', () => {
    expect(schemeProblems(SCHEME)).toEqual([]);
    // 33.33 + 33.33 + 33.34 = 100 exactly in hundredths
    const thirds = {
      ...SCHEME,
      items: [
        { ...SCHEME.items[0]!, weight: p('33.33') },
        { ...SCHEME.items[1]!, weight: p('33.33') },
        { ...SCHEME.items[2]!, weight: p('33.34') },
      ],
    };
    expect(schemeProblems(thirds)).toEqual([]);
  });

  it('refuses weights that do not sum as configured, naming the field and both sums', () => {
    // 40 + 35 + 20 = 95, not 100
    const short = {
      ...SCHEME,
      items: SCHEME.items.map((x) => (x.id === 'service' ? { ...x, weight: p('20') } : x)),
    };
    const [e] = schemeProblems(short);
    expect([e?.code, e?.field]).toEqual(['SCHEME_WEIGHTS_SUM', 'items']);
    expect(e?.message_zh).toBe('各项权重之和为 95.00 分，应为 100.00 分');
    expect(e?.message_en).toContain('95.00');
    // the same items against a total configured at 95 are fine
    expect(
      schemeProblems({ ...short, total: p('95'), bands: { ...SCHEME.bands, 优秀: p('85') } }),
    ).toEqual([]);
  });

  it('refuses bands out of order, a quantitative item without indicator, duplicate ids', () => {
    expect(
      codes({ ...SCHEME, bands: { 优秀: p('90'), 良好: p('90'), 一般: p('60'), 勉励: p('0') } }),
    ).toEqual([['SCHEME_BANDS', 'bands.优秀']]);
    expect(codes({ ...SCHEME, bands: { ...SCHEME.bands, 勉励: p('10') } })).toEqual([
      ['SCHEME_BANDS', 'bands.勉励'],
    ]);
    const { indicatorId: _i, ...noIndicator } = SCHEME.items[0]!;
    expect(codes({ ...SCHEME, items: [noIndicator, ...SCHEME.items.slice(1)] })).toEqual([
      ['SCHEME_INDICATOR', 'items[0].indicatorId'],
    ]);
    expect(codes({ ...SCHEME, bonuses: [{ ...SCHEME.bonuses[0]!, id: 'service' }] })).toEqual([
      ['SCHEME_DUPLICATE_ITEM', 'bonuses[0].id'],
    ]);
  });
});

describe('evaluations', () => {
  it('totals items + bonus − penalty and grades it (hand-worked)', () => {
    const e = applyScores(SCHEME, DRAFT, [
      { kind: 'item', id: 'loan-growth', points: p('36.5') },
      { kind: 'item', id: 'micro-coverage', points: p('30') },
      { kind: 'item', id: 'service', points: p('20') },
      { kind: 'bonus', id: 'demo-village', points: p('3') },
      { kind: 'penalty', id: 'precision', points: p('2.25') },
    ]);
    // 36.50 + 30 + 20 + 3 − 2.25 = 87.25 → 良好 (75 ≤ 87.25 < 90)
    const r = evaluate(SCHEME, e);
    expect(formatPoints(r.total)).toBe('87.25');
    expect(r.grade).toBe('良好');
    expect(r.lines.map((l) => [l.id, formatPoints(l.points), formatPoints(l.of)])).toEqual([
      ['loan-growth', '36.50', '40.00'],
      ['micro-coverage', '30.00', '35.00'],
      ['service', '20.00', '25.00'],
      ['demo-village', '3.00', '5.00'],
      ['precision', '2.25', '10.00'],
    ]);
    // the full bonus (5) and no penalty: 36.50 + 30 + 20 + 5 = 91.50 ≥ 90 → 优秀
    const best = applyScores(SCHEME, e, [
      { kind: 'bonus', id: 'demo-village', points: p('5') },
      { kind: 'penalty', id: 'precision', points: p('0') },
    ]);
    expect([formatPoints(evaluate(SCHEME, best).total), evaluate(SCHEME, best).grade]).toEqual([
      '91.50',
      '优秀',
    ]);
    // 60 exactly is 一般, 59.99 is 勉励
    const at = (total: string) =>
      evaluate(
        SCHEME,
        applyScores(SCHEME, DRAFT, [
          { kind: 'item', id: 'loan-growth', points: p('40') },
          { kind: 'item', id: 'service', points: (p(total) - p('40')) as Centipoints },
        ]),
      ).grade;
    expect(at('60')).toBe('一般');
    expect(at('59.99')).toBe('勉励');
  });

  it('refuses a score outside 0…weight (or cap), naming the entry, and keeps the draft', () => {
    const cases: [string, 'item' | 'bonus' | 'penalty', number, string][] = [
      ['service', 'item', p('25.01'), 'scores[0].points'],
      ['service', 'item', -1, 'scores[0].points'],
      ['service', 'item', 0.5, 'scores[0].points'],
      ['demo-village', 'bonus', p('6'), 'scores[0].points'],
      ['precision', 'penalty', p('10.01'), 'scores[0].points'],
      ['nope', 'item', 0, 'scores[0].id'],
    ];
    for (const [id, kind, points, field] of cases) {
      const e = refusal(() =>
        applyScores(SCHEME, DRAFT, [{ kind, id, points: points as Centipoints }]),
      );
      expect(e.field, `${id} ${String(points)}`).toBe(field);
      expect(e.message_zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(
      refusal(() => applyScores(SCHEME, DRAFT, [{ kind: 'item', id: 'service', points: p('26') }]))
        .message_zh,
    ).toBe('service 的得分应在 0 至 25.00 分之间');
    // all or nothing: a good edit before a bad one is not applied either
    const before = applyScores(SCHEME, DRAFT, [{ kind: 'item', id: 'service', points: p('10') }]);
    refusal(() =>
      applyScores(SCHEME, before, [
        { kind: 'item', id: 'service', points: p('20') },
        { kind: 'item', id: 'loan-growth', points: p('41') },
      ]),
    );
    expect(before.scores).toEqual({ service: p('10') });
  });

  it('refuses any edit of a finished evaluation', () => {
    const finished: Evaluation = { ...DRAFT, status: 'finished', scores: { service: p('20') } };
    const e = refusal(() =>
      applyScores(SCHEME, finished, [{ kind: 'item', id: 'service', points: p('21') }]),
    );
    expect([e.code, e.field]).toEqual(['EVALUATION_FINISHED', 'status']);
    expect(finished.scores).toEqual({ service: p('20') });
  });

  it('never totals below 0 or above full score + bonus caps (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4000 }),
        fc.integer({ min: 0, max: 3500 }),
        fc.integer({ min: 0, max: 2500 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 1000 }),
        (a, b, c, bonus, penalty) => {
          const e = applyScores(SCHEME, DRAFT, [
            { kind: 'item', id: 'loan-growth', points: a as Centipoints },
            { kind: 'item', id: 'micro-coverage', points: b as Centipoints },
            { kind: 'item', id: 'service', points: c as Centipoints },
            { kind: 'bonus', id: 'demo-village', points: bonus as Centipoints },
            { kind: 'penalty', id: 'precision', points: penalty as Centipoints },
          ]);
          const r = evaluate(SCHEME, e);
          expect(r.total).toBe(Math.max(0, a + b + c + bonus - penalty));
          expect(r.total).toBeLessThanOrEqual(10500);
        },
      ),
    );
  });
});

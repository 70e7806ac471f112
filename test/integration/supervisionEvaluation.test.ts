import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import {
  createScheme,
  enterScores,
  finishEvaluation,
  listEvaluations,
} from '../../src/app/supervision/evaluations.ts';
import { execute } from '../../src/app/useCase.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { Clock, dump, expectBilingual, refusal } from './helpers.ts';

/**
 * Art. 35 evaluations (decisions 0017, 0018), on both databases: the demo's illustrative
 * 2017 scheme (20 + 15 + 20 + 10 + 10 + 10 computed + 15 entered = 100 points; bonus up
 * to 5, a computed penalty up to 10; 优秀 ≥ 90, 良好 ≥ 75, 一般 ≥ 60), the scores
 * evaluators enter, the ranking the district sees and the one result a bank sees. The
 * computed items are in supervisionEvaluationCompute.test.ts.
 */
describeEachDialect('evaluation of financial institutions', (dialect) => {
  const clock = new Clock('2018-01-20T02:00:00.000Z');
  let t: TestApp;
  let rh: Actor;
  let admin: Actor;
  let icbc: Actor;
  let abc: Actor;
  let abcId: string;
  let icbcId: string;

  beforeAll(async () => {
    t = await openTestApp(dialect, clock.now);
    await seedSmallDistrict(t.app);
    rh = (await actorFor(t.app, 'rh')).actor;
    admin = (await actorFor(t.app, 'admin')).actor;
    icbc = (await actorFor(t.app, 'icbc')).actor;
    abc = (await actorFor(t.app, 'abc')).actor;
    abcId = abc.institutionId!;
    icbcId = icbc.institutionId!;
  });
  afterAll(() => t.close());

  const BANDS = { excellent: '90', good: '75', average: '60', encouraged: '0' };

  it('totals the entered scores and grade, and ranks them for the district', async () => {
    // ABC: 12.5 + 3 bonus = 15.50 → 勉励 (nothing computed yet)
    const abcResult = await execute(t.app, rh, enterScores, {
      year: 2017,
      institutionId: abcId,
      scores: [
        { kind: 'item', id: 'innovation', points: '12.5' },
        { kind: 'bonus', id: 'demonstration', points: '3' },
      ],
    });
    expect(abcResult).toEqual({ total: '15.50', grade: '勉励' });
    // ICBC: 10, then a later entry replaces it with 14 → 14.00
    await execute(t.app, rh, enterScores, {
      year: 2017,
      institutionId: icbcId,
      scores: [{ kind: 'item', id: 'innovation', points: '10' }],
    });
    expect(
      await execute(t.app, admin, enterScores, {
        year: 2017,
        institutionId: icbcId,
        scores: [{ kind: 'item', id: 'innovation', points: '14' }],
      }),
    ).toEqual({ total: '14.00', grade: '勉励' });

    const district = await execute(t.app, admin, listEvaluations, { year: 2017 });
    expect(district.items.map((i) => [i.rank, i.nameZh, i.total, i.grade])).toEqual([
      [1, '农行武隆支行', '15.50', '勉励'],
      [2, '工行武隆支行', '14.00', '勉励'],
    ]);
    // each score explains itself: what each item scored of what it could
    expect(district.items[0]!.lines.find((l) => l.id === 'innovation')).toEqual({
      id: 'innovation',
      kind: 'item',
      titleZh: '金融产品和服务创新',
      titleEn: 'Product and service innovation',
      points: '12.50',
      of: '15.00',
      computed: null,
    });
  });

  it('shows a bank only its own result, without the ranking', async () => {
    const own = await execute(t.app, icbc, listEvaluations, { year: 2017 });
    expect(own.items.map((i) => [i.rank, i.nameZh, i.total])).toEqual([
      [null, '工行武隆支行', '14.00'],
    ]);
    const abcOwn = await execute(t.app, abc, listEvaluations, { year: 2017 });
    expect(abcOwn.items.map((i) => i.nameZh)).toEqual(['农行武隆支行']);
  });

  it('refuses bad schemes and scores with a field-named error, and changes nothing', async () => {
    const item = (id: string, weight: string) => ({
      id,
      kind: 'qualitative',
      titleZh: id,
      titleEn: id,
      weight,
    });
    const before = await dump(t.app);
    const cases: [Actor, typeof createScheme | typeof enterScores, object, string, string][] = [
      // 60 + 35 = 95, not the configured 100
      [
        rh,
        createScheme,
        { year: 2018, total: '100', items: [item('a', '60'), item('b', '35')], bands: BANDS },
        'scheme_weights_sum',
        'items',
      ],
      [
        rh,
        createScheme,
        {
          year: 2018,
          total: '100',
          items: [item('a', '100')],
          bands: { ...BANDS, good: '95' },
        },
        'scheme_bands',
        'bands.excellent',
      ],
      [
        rh,
        createScheme,
        {
          year: 2018,
          total: '100',
          items: [{ ...item('a', '100'), kind: 'quantitative' }],
          bands: BANDS,
        },
        'scheme_indicator',
        'items.0.indicatorId',
      ],
      [
        rh,
        createScheme,
        { year: 2018, total: '100', items: [item('a', '100.001')], bands: BANDS },
        'invalid_input',
        'items.0.weight',
      ],
      // innovation weighs 15: 15.01 is out of range; so are a negative and a bonus over 5
      [
        rh,
        enterScores,
        {
          year: 2017,
          institutionId: icbcId,
          scores: [{ kind: 'item', id: 'innovation', points: '15.01' }],
        },
        'evaluation_score_range',
        'scores.0.points',
      ],
      [
        rh,
        enterScores,
        {
          year: 2017,
          institutionId: icbcId,
          scores: [{ kind: 'item', id: 'innovation', points: '-1' }],
        },
        'invalid_input',
        'scores.0.points',
      ],
      [
        rh,
        enterScores,
        {
          year: 2017,
          institutionId: icbcId,
          scores: [
            { kind: 'item', id: 'innovation', points: '15' },
            { kind: 'bonus', id: 'demonstration', points: '5.5' },
          ],
        },
        'evaluation_score_range',
        'scores.1.points',
      ],
      [
        rh,
        enterScores,
        { year: 2017, institutionId: icbcId, scores: [{ kind: 'item', id: 'nope', points: '1' }] },
        'evaluation_unknown_item',
        'scores.0.id',
      ],
      // computed items and the computed penalty are not typed in
      [
        rh,
        enterScores,
        {
          year: 2017,
          institutionId: icbcId,
          scores: [{ kind: 'penalty', id: 'precision-findings', points: '1' }],
        },
        'evaluation_computed_item',
        'scores.0.id',
      ],
    ];
    for (const [actor, uc, input, code, field] of cases) {
      const e = await refusal(execute(t.app, actor, uc as typeof enterScores, input));
      expect([e.code, e.field], JSON.stringify(input)).toEqual([code, field]);
      expectBilingual(e.toJSON(), code);
    }
    // a bank does not evaluate, not even itself; no scheme for 2019; no such institution
    expect(
      (
        await refusal(
          execute(t.app, icbc, enterScores, {
            year: 2017,
            institutionId: icbcId,
            scores: [{ kind: 'item', id: 'innovation', points: '15' }],
          }),
        )
      ).kind,
    ).toBe('forbidden');
    for (const input of [
      { year: 2019, institutionId: icbcId },
      { year: 2017, institutionId: 'no-such-institution' },
    ]) {
      const e = await refusal(
        execute(t.app, rh, enterScores, {
          ...input,
          scores: [{ kind: 'item', id: 'innovation', points: '1' }],
        }),
      );
      expect(e.kind).toBe('not_found');
    }
    expect(await dump(t.app)).toEqual(before);
  });

  it('refuses any edit of a finished evaluation, and finishing twice', async () => {
    await execute(t.app, rh, finishEvaluation, { year: 2017, institutionId: abcId });
    const before = await dump(t.app);
    const edit = await refusal(
      execute(t.app, admin, enterScores, {
        year: 2017,
        institutionId: abcId,
        scores: [{ kind: 'item', id: 'innovation', points: '15' }],
      }),
    );
    expect([edit.code, edit.field, edit.status]).toEqual(['evaluation_finished', 'status', 409]);
    expectBilingual(edit.toJSON());
    const again = await refusal(
      execute(t.app, rh, finishEvaluation, { year: 2017, institutionId: abcId }),
    );
    expect(again.code).toBe('evaluation_finished');
    expect(await dump(t.app)).toEqual(before);
    const list = await execute(t.app, admin, listEvaluations, { year: 2017 });
    expect(list.items.find((i) => i.institutionId === abcId)?.status).toBe('finished');
  });

  it('versions a year’s scheme: a new one does not move an evaluation already started', async () => {
    const v = await execute(t.app, rh, createScheme, {
      year: 2017,
      total: '100',
      items: [
        {
          id: 'innovation',
          kind: 'qualitative',
          titleZh: '创新',
          titleEn: 'Innovation',
          weight: '100',
        },
      ],
      bands: BANDS,
    });
    expect(v).toEqual({ year: 2017, version: 2 });
    // ICBC was started under version 1, where innovation weighs 15: 16 is still refused
    const e = await refusal(
      execute(t.app, rh, enterScores, {
        year: 2017,
        institutionId: icbcId,
        scores: [{ kind: 'item', id: 'innovation', points: '16' }],
      }),
    );
    expect([e.code, e.field]).toEqual(['evaluation_score_range', 'scores.0.points']);
  });
});

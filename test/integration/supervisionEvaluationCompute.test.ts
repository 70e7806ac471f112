import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { computeEvaluation } from '../../src/app/supervision/evaluationCompute.ts';
import {
  createScheme,
  enterScores,
  finishEvaluation,
  listEvaluations,
} from '../../src/app/supervision/evaluations.ts';
import { getScheme } from '../../src/app/supervision/evaluationSchemeView.ts';
import { execute } from '../../src/app/useCase.ts';
import type { Database } from '../../src/store/schema.ts';
import { actorFor } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { BAIMA, Clock, dump, expectBilingual, HOUPING, refusal } from './helpers.ts';
import { poorHousehold } from './loanSetup.ts';
import { emptyDistrict } from './settlementSetup.ts';

/**
 * Art. 35's computed items (decision 0018) on both databases, for 2017, computed on
 * 2018-01-20 (so as of 2017-12-31), under the demo's illustrative scheme: growth 0 → 20 %
 * for 20 points, share 0 → 30 % for 15, micro-credit coverage 0 → 100 % for 20, on-time
 * data 0 → 100 % for 10, network coverage 0 → 80 % for 10, credit participation 0 → 50 %
 * for 10, innovation entered (15), a bonus up to 5, 0.5 points a precision finding up to
 * 10. ICBC serves townships 001–006, 12 villages in the small demo layout (2 each).
 *
 * ICBC, worked by hand:
 * - growth: poverty loans 400 000 yuan at 2016-12-31 (approved 2016-Q4), 460 000 at
 *   2017-12-31 (approved 2017-Q4): 60 000 / 400 000 = 15 % → 20 × 15/20 = 15.00
 * - share: 460 000 / 2 500 000 = 18.40 % → 15 × 18.4/30 = 9.20
 * - micro-credit: needs A, B, C of 2017 in 白马镇 (D withdrawn, E in 后坪乡 which ICBC does not
 *   serve, F of 2016 do not count); only A has an ICBC contract (B approved, not
 *   contracted; C lent by ABC): 1/3 → 20 / 3 = 6.67
 * - on-time data: ledgers of Q1, Q3 (uploaded 23:00 Beijing time on the due day) and Q4
 *   within 15 days, Q2 five days late: 3/4 → 7.50
 * - network: villages 003-001 (outlet) and 001-002 (ATM) served on 2017-12-31; the POS
 *   closed 2017-12-01 and the ATM opened 2018 do not count: 2/12 = 16.67 % →
 *   10 × (2/12)/0.8 = 2.0833… → 2.08
 * - credit: 4 households in its townships, 1 collected and submitted by ICBC in 2017
 *   (twice, counted once; a draft, the clerk's and a 2016 collection do not count):
 *   1/4 = 25 % → 10 × 25/50 = 5.00
 * - findings: 2017's open and cleared ones (not the resolved one, not 2016's): 2 × 0.5 = 1.00
 * Entered: innovation 12, bonus 4. Total 15 + 9.20 + 6.67 + 7.50 + 2.08 + 5.00 + 12 + 4
 * − 1.00 = 60.45 → 一般. ABC serves every township (52 villages): needs A, B, C, E, of which
 * it contracted C: 1/4 → 5.00; its one outlet: 1/52 = 1.92 % → 10 × (1/52)/0.8 = 0.24;
 * none of the 5 households of its townships collected by its officers → 0; one finding → 0.50; innovation 15:
 * 15 + 5.00 + 0.24 − 0.50 = 19.74 → 勉励.
 */
describeEachDialect('evaluation computed from the data', (dialect) => {
  const clock = new Clock('2018-01-20T02:00:00.000Z');
  let t: TestApp;
  let admin: Actor;
  let rh: Actor;
  let icbc: Actor;
  let icbcId: string;
  let abcId: string;
  let insurerId: string;

  beforeAll(async () => {
    t = await openTestApp(dialect, clock.now);
    const a = await emptyDistrict(t.app);
    admin = a.admin!;
    icbc = a.icbc!;
    rh = (await actorFor(t.app, 'rh')).actor;
    icbcId = icbc.institutionId!;
    const db = t.app.store.db;
    const inst = await db.selectFrom('institutions').select(['id', 'code', 'kind']).execute();
    abcId = inst.find((i) => i.code === 'ABC-WL')!.id;
    insurerId = inst.find((i) => i.kind === 'insurer')!.id;
    await seedFixture(db, admin.regionCode, [
      await poorHousehold(t.app, admin, 901),
      await poorHousehold(t.app, admin, 902),
      await poorHousehold(t.app, admin, 903),
      await poorHousehold(t.app, admin, 904),
    ]);
    await poorHousehold(t.app, admin, 905, `${HOUPING}001`);
  });
  afterAll(() => t.close());

  async function seedFixture(db: TestApp['app']['store']['db'], region: string, h: string[]) {
    const at = '2017-01-01T00:00:00.000Z';
    const report = (id: string, inst: string, key: string, from: string, to: string) => ({
      region_code: region,
      id,
      institution_id: inst,
      period_key: key,
      period_from: from,
      period_to: to,
      status: 'approved' as const,
      submitted_by: 'icbc',
      submitted_at: at,
      decided_by: 'rh',
      decided_at: at,
      decision_note: null,
      version: 1,
    });
    await db
      .insertInto('statistics_reports')
      .values([
        report('r16', icbcId, '2016-Q4', '2016-10-01', '2016-12-31'),
        report('r17', icbcId, '2017-Q4', '2017-10-01', '2017-12-31'),
        // after the evaluated year: not read
        report('r18', icbcId, '2018-Q1', '2018-01-01', '2018-03-31'),
      ])
      .execute();
    const yuan = (y: number) => y * 100;
    const lines = (reportId: string, all: number, pov: [number, number, number]) =>
      (
        [
          ['all', all],
          ['agricultural', all / 2],
          ['farm_household', all / 4],
          ['poverty_individual', pov[0]],
          ['poverty_industry', pov[1]],
          ['poverty_project', pov[2]],
          ['poor_household', pov[0]],
        ] as const
      ).map(([category, balance]) => ({
        region_code: region,
        report_id: reportId,
        category,
        balance: yuan(balance),
        new_lending: 0,
        repaid: 0,
        borrowers: 1,
        npl_balance: 0,
      }));
    await db
      .insertInto('statistics_lines')
      .values([
        ...lines('r16', 2_000_000, [100_000, 200_000, 100_000]),
        ...lines('r17', 2_500_000, [110_000, 250_000, 100_000]),
        ...lines('r18', 9_000_000, [900_000, 900_000, 900_000]),
      ])
      .execute();

    const village = `${BAIMA}001`;
    const need = (id: string, recordedOn: string, status: string, township = BAIMA) => ({
      region_code: region,
      id,
      household_id: h[0]!,
      township_code: township,
      village_code: township === BAIMA ? village : `${HOUPING}001`,
      amount: 5_000_000,
      purpose: '养殖',
      industry: '畜牧',
      recorded_on: recordedOn,
      recorded_by: 'baima',
      recorded_at: at,
      status: status as Database['financing_needs']['status'],
      responding_institution_id: null,
      response_text: null,
      responded_at: null,
      version: 1,
    });
    await db
      .insertInto('financing_needs')
      .values([
        need('nA', '2017-03-01', 'loaned'),
        need('nB', '2017-04-01', 'responded'),
        need('nC', '2017-05-01', 'loaned'),
        need('nD', '2017-05-02', 'withdrawn'),
        need('nE', '2017-05-03', 'open', HOUPING),
        need('nF', '2016-12-01', 'open'),
      ])
      .execute();
    const loan = (id: string, inst: string, needId: string, contract: string | null) => ({
      region_code: region,
      id,
      contract_no: `EV-${id}`,
      product_id: 'p',
      institution_id: inst,
      household_id: h[0]!,
      township_code: BAIMA,
      village_code: village,
      amount: 5_000_000,
      annual_rate: '4.75',
      term_months: 36,
      method: 'interest_only' as Database['loans']['method'],
      applied_on: '2017-04-01',
      applied_by: 'icbc',
      status: (contract ? 'disbursed' : 'approved') as Database['loans']['status'],
      refusal_json: null,
      approved_by: 'icbc',
      approved_at: at,
      contract_date: contract,
      disbursed_on: contract,
      maturity_date: contract ? '2020-05-01' : null,
      need_id: needId,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    await db
      .insertInto('loans')
      .values([
        loan('lA', icbcId, 'nA', '2017-05-01'),
        loan('lB', icbcId, 'nB', null),
        loan('lC', abcId, 'nC', '2017-05-01'),
      ])
      .execute();

    const ledger = (id: string, asOf: string, uploadedAt: string) => ({
      region_code: region,
      id,
      institution_id: icbcId,
      as_of: asOf,
      file_name: `${id}.csv`,
      sha256: id.padEnd(64, '0'),
      rows: 1,
      matched: 1,
      only_in_ledger: 0,
      only_in_jinfu: 0,
      differing: 0,
      uploaded_by: 'icbc',
      uploaded_at: uploadedAt,
    });
    await db
      .insertInto('exchange_reports')
      .values([
        ledger('x1', '2017-03-31', '2017-04-10T02:00:00.000Z'),
        ledger('x2', '2017-06-30', '2017-07-20T02:00:00.000Z'),
        ledger('x3', '2017-09-30', '2017-10-15T15:00:00.000Z'),
        ledger('x4', '2017-12-31', '2018-01-12T02:00:00.000Z'),
      ])
      .execute();

    const point = (
      id: string,
      kind: string,
      inst: string,
      v: string,
      opened: string,
      closed: string | null = null,
    ) => ({
      region_code: region,
      id,
      kind,
      name: id,
      institution_id: inst,
      township_code: v.slice(0, 9),
      village_code: v,
      group_code: null,
      mutual_aid_tier: null,
      art6_site: null,
      opened_on: opened,
      closed_on: closed,
      created_by: 'admin',
      created_at: at,
      updated_at: at,
      version: 1,
    });
    await db
      .insertInto('service_points')
      .values([
        point('s1', 'bank_outlet', icbcId, '500156003001', '2016-01-01'),
        point('s2', 'atm', icbcId, '500156001002', '2017-06-01'),
        point('s3', 'pos', icbcId, '500156002001', '2017-01-01', '2017-12-01'),
        point('s4', 'atm', icbcId, '500156004001', '2018-01-05'),
        point('s5', 'bank_outlet', abcId, '500156005001', '2016-01-01'),
        point('s6', 'atm', icbcId, `${HOUPING}001`, '2016-01-01'),
      ])
      .execute();

    const collection = (
      id: string,
      subject: string,
      by: string,
      on: string,
      status: 'draft' | 'submitted',
    ) => ({
      region_code: region,
      id,
      subject_kind: 'household' as const,
      subject_id: subject,
      township_code: BAIMA,
      village_code: village,
      status,
      sections_json: '{}',
      collected_on: on,
      collected_by: by,
      collector_role: by === 'icbc' ? 'bank_officer' : 'township_clerk',
      created_at: at,
      updated_at: at,
      submitted_at: status === 'submitted' ? at : null,
      version: 1,
    });
    await db
      .insertInto('credit_collections')
      .values([
        collection('c1', h[0]!, 'icbc', '2017-05-02', 'submitted'),
        collection('c2', h[0]!, 'icbc', '2017-06-01', 'submitted'),
        collection('c3', h[1]!, 'icbc', '2017-06-01', 'draft'),
        collection('c4', h[2]!, 'baima', '2017-06-01', 'submitted'),
        collection('c5', h[3]!, 'icbc', '2016-12-01', 'submitted'),
      ])
      .execute();

    const finding = (id: string, inst: string, foundAt: string, status: string) => ({
      region_code: region,
      id,
      check_code: 'age_out_of_range' as Database['precision_findings']['check_code'],
      subject_id: id,
      household_id: h[0]!,
      loan_id: null,
      township_code: BAIMA,
      institution_id: inst,
      detail_json: '{}',
      status: status as Database['precision_findings']['status'],
      found_at: foundAt,
      last_seen_at: foundAt,
      resolved_by: null,
      resolved_at: null,
      resolution: null,
      version: 1,
    });
    await db
      .insertInto('precision_findings')
      .values([
        finding('f1', icbcId, '2017-03-01T02:00:00.000Z', 'open'),
        finding('f2', icbcId, '2017-06-01T02:00:00.000Z', 'cleared'),
        finding('f3', icbcId, '2017-07-01T02:00:00.000Z', 'resolved'),
        finding('f4', icbcId, '2016-12-01T02:00:00.000Z', 'open'),
        finding('f5', abcId, '2017-04-01T02:00:00.000Z', 'open'),
      ])
      .execute();
  }

  it('computes each bank’s quantitative items from its data (hand-worked)', async () => {
    await execute(t.app, rh, enterScores, {
      year: 2017,
      institutionId: icbcId,
      scores: [
        { kind: 'item', id: 'innovation', points: '12' },
        { kind: 'bonus', id: 'demonstration', points: '4' },
      ],
    });
    await execute(t.app, rh, enterScores, {
      year: 2017,
      institutionId: abcId,
      scores: [{ kind: 'item', id: 'innovation', points: '15' }],
    });
    const out = await execute(t.app, admin, computeEvaluation, { year: 2017 });
    expect(out.asOf).toBe('2017-12-31');
    expect(out.computed.find((c) => c.institutionId === icbcId)).toEqual({
      institutionId: icbcId,
      total: '60.45',
      grade: '一般',
    });
    const list = await execute(t.app, admin, listEvaluations, { year: 2017 });
    const icbcRow = list.items.find((i) => i.institutionId === icbcId)!;
    expect(icbcRow.lines.map((l) => [l.id, l.points, l.of])).toEqual([
      ['loan-growth', '15.00', '20.00'],
      ['loan-share', '9.20', '15.00'],
      ['micro-coverage', '6.67', '20.00'],
      ['subsidy-data', '7.50', '10.00'],
      ['outlets', '2.08', '10.00'],
      ['credit-system', '5.00', '10.00'],
      ['innovation', '12.00', '15.00'],
      ['demonstration', '4.00', '5.00'],
      ['precision-findings', '1.00', '10.00'],
    ]);
    // each computed score explains itself
    expect(icbcRow.lines[0]!.computed).toMatchObject({
      indicatorId: 'loans.poverty-growth',
      numerator: '60000.00',
      denominator: '400000.00',
      value: '15.00%',
      ruleZh: '不高于 0.00% 得 0 分，达到 20.00% 得 20.00 分，其间按比例',
    });
    expect(icbcRow.lines[4]!.computed).toMatchObject({
      numerator: '2',
      denominator: '12',
      value: '16.67%',
    });
    expect(icbcRow.lines[8]!.computed).toMatchObject({
      numerator: '2',
      denominator: null,
      value: '2',
    });
    expect(icbcRow.lines[6]!.computed).toBeNull();
    expect(list.items.slice(0, 2).map((i) => [i.rank, i.nameZh, i.total, i.grade])).toEqual([
      [1, '工行武隆支行', '60.45', '一般'],
      [2, '农行武隆支行', '19.74', '勉励'],
    ]);
    // every other bank was computed too, with no data: 0 points
    expect(list.items.slice(2).every((i) => i.total === '0.00')).toBe(true);
    expect(list.items.length).toBe(out.computed.length);
  });

  it('shows a bank its own computed result only', async () => {
    const own = await execute(t.app, icbc, listEvaluations, { year: 2017 });
    expect(own.items.map((i) => [i.rank, i.nameZh, i.total])).toEqual([
      [null, '工行武隆支行', '60.45'],
    ]);
    const scheme = await execute(t.app, icbc, getScheme, { year: 2017 });
    expect(scheme.items.filter((x) => x.computed).map((x) => x.id)).toEqual([
      'loan-growth',
      'loan-share',
      'micro-coverage',
      'subsidy-data',
      'outlets',
      'credit-system',
      'precision-findings',
    ]);
  });

  it('refuses schemes whose computed items cannot be computed, and changes nothing', async () => {
    const BANDS = { excellent: '90', good: '75', average: '60', encouraged: '0' };
    const item = (over: object) => ({
      id: 'a',
      kind: 'quantitative',
      titleZh: '甲',
      titleEn: 'A',
      weight: '100',
      indicatorId: 'loans.poverty-share',
      rule: { kind: 'linear', floor: '0', target: '30' },
      ...over,
    });
    const before = await dump(t.app);
    const cases: [object, string, string][] = [
      [item({ indicatorId: 'loans.nope' }), 'scheme_indicator', 'items.0.indicatorId'],
      [item({ rule: { kind: 'per-unit', points: '1' } }), 'scheme_rule', 'items.0.rule.kind'],
      [item({ rule: undefined }), 'scheme_rule', 'items.0.rule'],
      [
        item({ rule: { kind: 'linear', floor: '30', target: '30' } }),
        'scheme_rule',
        'items.0.rule.target',
      ],
      [
        item({ rule: { kind: 'linear', floor: 'abc', target: '30' } }),
        'invalid_input',
        'items.0.rule.floor',
      ],
    ];
    for (const [it, code, field] of cases) {
      const e = await refusal(
        execute(t.app, rh, createScheme, { year: 2018, total: '100', items: [it], bands: BANDS }),
      );
      expect([e.code, e.field], JSON.stringify(it)).toEqual([code, field]);
      expectBilingual(e.toJSON(), code);
    }
    // not a bank; no scheme for the year
    for (const input of [
      { year: 2017, institutionId: insurerId },
      { year: 2019, institutionId: icbcId },
    ]) {
      expect((await refusal(execute(t.app, rh, computeEvaluation, input))).kind).toBe('not_found');
    }
    expect(await dump(t.app)).toEqual(before);
  });

  it('refuses computing a finished evaluation; computing every bank leaves it as it is', async () => {
    await execute(t.app, rh, finishEvaluation, { year: 2017, institutionId: icbcId });
    // new data after finishing must not move the finished result
    await t.app.store.db
      .updateTable('precision_findings')
      .set({ status: 'open' })
      .where('id', '=', 'f3')
      .execute();
    const before = await dump(t.app);
    const e = await refusal(
      execute(t.app, admin, computeEvaluation, { year: 2017, institutionId: icbcId }),
    );
    expect([e.code, e.field, e.status]).toEqual(['evaluation_finished', 'status', 409]);
    expectBilingual(e.toJSON());
    expect(await dump(t.app)).toEqual(before);
    const all = await execute(t.app, admin, computeEvaluation, { year: 2017 });
    expect(all.finished).toEqual([icbcId]);
    const list = await execute(t.app, admin, listEvaluations, { year: 2017 });
    expect(list.items.find((i) => i.institutionId === icbcId)?.total).toBe('60.45');
  });
});

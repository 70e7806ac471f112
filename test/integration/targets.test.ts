import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { createServicePoint } from '../../src/app/network/servicePoints.ts';
import { approveReport, submitReport } from '../../src/app/statistics/reports.ts';
import { listTargets, type TargetOut } from '../../src/app/targets/targetList.ts';
import { loadTargets } from '../../src/app/targets/loadTargets.ts';
import { execute } from '../../src/app/useCase.ts';
import { buildServer } from '../../src/http/server.ts';
import { actorFor } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { BAIMA, call, Clock, cookieFor, HOUPING } from './helpers.ts';
import { collectAndRate } from './creditSetup.ts';
import { poorHousehold } from './loanSetup.ts';
import { emptyDistrict } from './settlementSetup.ts';
import { linesOf, Q1_2017, type Figures } from './statisticsSetup.ts';

/**
 * The policy's targets computed from the data (issue 7 §4), on both dialects, as of
 * 2018-03-31 (after the 2017 deadlines) and 2017-06-30 (before them). The district has
 * 26 townships of 2 villages (52 villages).
 *
 * Network: a bank outlet and an ATM in 白马 v1 (2016), village financial service stations
 * in 后坪 v2 (2017-03-01) and 白马 v2 (2017-05-01).
 *   art. 6 bank outlets: 1 of 69 by 2017-12-31 → as of 2018-03-31 missed.
 *     As of 2017-06-30: the line from the baseline (1 on 2017-01-01) to 69 on 2017-12-31
 *     stands at 1 + 68 × 180/364 ≈ 34.6 > 1 → at risk.
 *   art. 6 townships with an outlet: 1 (白马) of 26 → missed.
 *   art. 6 villages with basic services: 白马 v1, 白马 v2, 后坪 v2 = 3 / 52 = 5.77 % → missed.
 *   art. 8 stations: 2 ≥ 2 → met (as of 2017-06-30 as well).
 * Register: registered poor households in 白马 v1 (served) and 后坪 v1 (not served):
 *   general target 3: 1 / 2 = 50.00 % of 100 % by 2017-12-31 → missed.
 * Statistics (ICBC, approved): 2017-Q1 and 2018-Q1.
 *   poverty kinds 100,000 + 150,000 + 200,000 = 450,000 → 120,000 + 180,000 + 240,000 =
 *   540,000: +90,000 / 450,000 = 20.00 %; all loans 1,000,000 → 1,100,000: +10.00 %:
 *   general target 1 (poverty loans grow faster) met.
 *   poor households 120,000 → 126,000: +5.00 %; farm households 400,000 → 440,000:
 *   +10.00 %: general target 2 missed (no deadline: owed every period).
 *   art. 29 balance: 540,000.00 of 6,000,000,000 (no deadline; above the baseline of no
 *   data, i.e. 0) → on track. Cumulative new poverty lending: 2017-Q1 50,000 + 40,000 + 0
 *   = 90,000 plus 2018-Q1 60,000 + 30,000 + 10,000 = 100,000 → 190,000.00 → on track.
 * Credit system (decision 0021), as of 2018-05-02, after 白马's poor household was
 *   collected and rated on 2018-05-01: subjects are the 2 households (registered that
 *   day); collected 1 → 1 / 2 = 50.00 %; rated 1 of the 1 collected = 100.00 % ≥ 90 %
 *   → met; designated 0 of 2 households + 52 villages + 26 townships = 0.00 %; townships
 *   built 0 (白马 collects and rates all its one household, but none of its 2 villages is
 *   a credit village, short of 100 %). Before they registered (2018-03-31): no subjects.
 * Guarantee capital, capital markets, relending and ABC's demonstration villages have
 * nothing recorded in this district: no data, not zero.
 */

const Q1_2018: Figures = {
  all: ['1100000', '400000', '300000', 560, '9000'],
  agricultural: ['700000', '200000', '100000', 420, '8000'],
  farm_household: ['440000', '100000', '60000', 330, '5000'],
  poverty_individual: ['120000', '60000', '40000', 85, '1000'],
  poverty_industry: ['180000', '30000', '0', 6, '0'],
  poverty_project: ['240000', '10000', '0', 3, '0'],
  poor_household: ['126000', '30000', '24000', 92, '1000'],
};

describeEachDialect('policy targets', (dialect) => {
  let t: TestApp;
  let a: Record<string, Actor>;

  beforeAll(async () => {
    t = await openTestApp(dialect, new Clock('2018-05-02T01:00:00.000Z').now);
    a = await emptyDistrict(t.app);
    const rh = (await actorFor(t.app, 'rh')).actor;
    const abc = (
      await t.app.store.db
        .selectFrom('institutions')
        .select('id')
        .where('code', '=', 'ABC-WL')
        .executeTakeFirstOrThrow()
    ).id;
    const point = (input: object) =>
      execute(t.app, a.admin!, createServicePoint, { institutionId: abc, ...input });
    await point({
      kind: 'bank_outlet',
      name: '网点',
      place: `${BAIMA}001`,
      openedOn: '2016-03-01',
    });
    await point({
      kind: 'atm',
      name: 'ATM',
      place: `${BAIMA}001`,
      art6Site: 'township',
      openedOn: '2016-05-01',
    });
    await point({
      kind: 'village_service_station',
      name: '站1',
      place: `${HOUPING}002`,
      openedOn: '2017-03-01',
    });
    await point({
      kind: 'village_service_station',
      name: '站2',
      place: `${BAIMA}002`,
      openedOn: '2017-05-01',
    });
    const baima = await poorHousehold(t.app, a.admin!, 1, `${BAIMA}001`);
    await poorHousehold(t.app, a.admin!, 2, `${HOUPING}001`);
    await collectAndRate(t.app, a.admin!, baima, 85, '2018-05-01');
    for (const [period, f] of [
      ['2017-Q1', Q1_2017],
      ['2018-Q1', Q1_2018],
    ] as const) {
      const r = await execute(t.app, a.icbc!, submitReport, { period, lines: linesOf(f) });
      await execute(t.app, rh, approveReport, { id: r.id, version: 1 });
    }
  });
  afterAll(() => t.close());

  const targets = async (asOf: string) => {
    const { items } = await execute(t.app, a.admin!, listTargets, { asOf });
    return new Map(items.map((i) => [i.id, i]));
  };
  const pick = (x: TargetOut | undefined) => [x?.actual, x?.goal, x?.status];

  it('ships every target of POLICY.md as data, each naming its article and quote', () => {
    const defs = loadTargets();
    expect(defs.map((d) => d.id).sort()).toEqual([
      'art10.credit-designation',
      'art10.credit-info-collection',
      'art10.credit-rating',
      'art10.credit-system-townships',
      'art2.demonstration-villages',
      'art21.guarantee-capital',
      'art23.direct-financing-training',
      'art23.listed-companies',
      'art23.neeq-listing',
      'art23.otc-listings',
      'art29.poverty-credit-cumulative',
      'art29.poverty-loan-balance',
      'art29.relending-cumulative',
      'art29.relending-quota',
      'art6.atm-township-coverage',
      'art6.atms',
      'art6.bank-outlets',
      'art6.pos-terminals',
      'art6.pos-village-coverage',
      'art6.township-outlets',
      'art6.village-basic-services',
      'art8.village-service-stations',
      'general.poor-household-loan-growth',
      'general.poverty-loan-growth',
      'general.rural-finance-system',
    ]);
  });

  it('computes each target from the data after the deadlines, by the hand-worked figures', async () => {
    const m = await targets('2018-03-31');
    expect(pick(m.get('art6.bank-outlets'))).toEqual(['1', '69', 'missed']);
    expect(pick(m.get('art6.township-outlets'))).toEqual(['1', '26', 'missed']);
    expect(pick(m.get('art6.village-basic-services'))).toEqual(['5.77%', '100.00%', 'missed']);
    expect(pick(m.get('art6.atm-township-coverage'))).toEqual(['3.85%', '100.00%', 'missed']);
    expect(pick(m.get('art8.village-service-stations'))).toEqual(['2', '2', 'met']);
    expect(pick(m.get('general.rural-finance-system'))).toEqual(['50.00%', '100.00%', 'missed']);
    expect(pick(m.get('general.poverty-loan-growth'))).toEqual(['20.00%', '10.00%', 'met']);
    expect(pick(m.get('general.poor-household-loan-growth'))).toEqual([
      '5.00%',
      '10.00%',
      'missed',
    ]);
    expect(pick(m.get('art29.poverty-loan-balance'))).toEqual([
      '540000.00',
      '6000000000.00',
      'on-track',
    ]);
    expect(pick(m.get('art29.poverty-credit-cumulative'))).toEqual([
      '190000.00',
      '8000000000.00',
      'on-track',
    ]);
    const bank = m.get('art6.bank-outlets')!;
    expect(bank).toMatchObject({
      article: 'art. 6',
      deadline: '2017-12-31',
      goalParam: { id: 'art6.targets.bank-outlets', version: 1 },
      quote: '全区银行机构网点达到69个',
    });
    expect(m.get('general.rural-finance-system')!.metric).toMatchObject({
      numerator: { id: 'register.poor-households-served', value: '1' },
      denominator: { id: 'register.poor-households', value: '2' },
    });
  });

  it('shows no data for what Jinfu does not hold, never a made-up number', async () => {
    const m = await targets('2018-03-31');
    for (const id of [
      'art2.demonstration-villages',
      'art21.guarantee-capital',
      'art23.listed-companies',
      'art23.neeq-listing',
      'art23.otc-listings',
      'art23.direct-financing-training',
      'art29.relending-quota',
      'art29.relending-cumulative',
    ]) {
      expect([m.get(id)?.status, m.get(id)?.actual], id).toEqual(['no-data', null]);
    }
    // growth needs a report a year earlier: on 2017-12-31 there is none
    const early = await targets('2017-12-31');
    expect(early.get('general.poverty-loan-growth')!.status).toBe('no-data');
  });

  it('counts the credit system as the credit overview does (art. 10)', async () => {
    const m = await targets('2018-05-02');
    const parts = (id: string) => {
      const x = m.get(id)!;
      return [x.metric.numerator.value, x.metric.denominator?.value ?? null, x.actual];
    };
    expect(parts('art10.credit-info-collection')).toEqual(['1', '2', '50.00%']);
    expect(parts('art10.credit-rating')).toEqual(['1', '1', '100.00%']);
    expect(m.get('art10.credit-rating')!.status).toBe('met');
    expect(parts('art10.credit-designation')).toEqual(['0', '80', '0.00%']);
    expect(parts('art10.credit-system-townships')).toEqual(['0', null, '0']);
    // before the households registered there is nobody to collect from
    const before = await targets('2018-03-31');
    expect(before.get('art10.credit-info-collection')!.metric.denominator!.value).toBe('0');
  });

  it('judges progress against the straight line before the deadline', async () => {
    const m = await targets('2017-06-30');
    expect(pick(m.get('art6.bank-outlets'))).toEqual(['1', '69', 'at-risk']);
    expect(pick(m.get('art8.village-service-stations'))).toEqual(['2', '2', 'met']);
    expect(m.get('art6.village-basic-services')!.actual).toBe('5.77%');
  });

  it('serves the targets over HTTP to the district roles only', async () => {
    const server = await buildServer(t.app);
    try {
      const ok = await call(
        server,
        await cookieFor(server, 'fpb'),
        'GET',
        '/api/v1/targets?asOf=2018-03-31',
      );
      expect(ok.status).toBe(200);
      expect((ok.body as { items: unknown[] }).items).toHaveLength(25);
      const clerk = await call(server, await cookieFor(server, 'baima'), 'GET', '/api/v1/targets');
      expect(clerk.status).toBe(403);
    } finally {
      await server.close();
    }
  });
});

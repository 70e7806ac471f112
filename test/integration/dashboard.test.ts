import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { saveCollection } from '../../src/app/credit/collections.ts';
import { addParameterVersion } from '../../src/app/policy/parameterVersions.ts';
import {
  createHousehold,
  recordPovertyStatus,
  updateHousehold,
} from '../../src/app/register/households.ts';
import { FUNDS, payableOf } from '../../src/app/settlement/accounts.ts';
import { prepareRun } from '../../src/app/settlement/prepareRun.ts';
import { approveRun, payRun, reviewRun, submitRun } from '../../src/app/settlement/runLifecycle.ts';
import { getDashboard, type Dashboard } from '../../src/app/targets/dashboard.ts';
import { execute } from '../../src/app/useCase.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { collectAndRate, form } from './creditSetup.ts';
import { BAIMA, Clock, residentId } from './helpers.ts';

/**
 * Every dashboard figure (issue 7 §5) recomputed here with SQL written by hand, on the
 * small demo district (its service network, bank statistics and a credit village in the
 * making come from the demo seed) after a 2017-Q1 settlement run — art. 11 interest
 * subsidies and art. 6 devices — was approved and paid, and every household of 白马镇
 * was collected and rated in March 2019, and found equal to what the dashboard API
 * answers — also right after writes to the register.
 */

const AS_OF = '2019-03-31';
const BASIC = [
  'bank_outlet',
  'atm',
  'pos',
  'self_service_point',
  'assisted_withdrawal_point',
  'mobile_payment_point',
  'village_service_station',
];
const SERVING = sql`opened_on <= ${AS_OF} and (closed_on is null or closed_on > ${AS_OF})`;
/** Art. 10: collection ≥ 80 % of subjects, rating ≥ 90 % of the collected. */
const COLLECTION_MIN = 80n;
const RATING_MIN = 90n;

/** Yuan text of a fen total (an exact integer from the database). */
const yuan = (fen: bigint) => {
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  return `${neg ? '-' : ''}${String(a / 100n)}.${String(a % 100n).padStart(2, '0')}`;
};
/** increase / before as a percentage with 2 decimals, half up. */
const percent = (num: bigint, den: bigint) => {
  const basisPoints = (num * 20000n + den) / (2n * den);
  return `${String(basisPoints / 100n)}.${String(basisPoints % 100n).padStart(2, '0')}%`;
};

describeEachDialect('dashboard figures against hand-written SQL', (dialect) => {
  let t: TestApp;
  let a: Record<string, Actor>;
  let board: Dashboard;
  const clock = new Clock('2017-05-02T01:00:00.000Z');

  beforeAll(async () => {
    t = await openTestApp(dialect, clock.now);
    await seedSmallDistrict(t.app);
    a = {};
    for (const name of ['admin', 'fpb', 'czj', 'jrzx'])
      a[name] = (await actorFor(t.app, name)).actor;
    const run = await execute(t.app, a.admin!, prepareRun, { period: '2017-Q1' });
    await execute(t.app, a.admin!, submitRun, { id: run.id });
    await execute(t.app, a.fpb!, reviewRun, { id: run.id });
    await execute(t.app, a.czj!, approveRun, { id: run.id });
    await execute(t.app, a.czj!, payRun, {
      id: run.id,
      paymentReference: 'DASH-1',
      paidOn: '2017-05-02',
    });
    clock.current = new Date('2019-04-02T01:00:00.000Z');
    // No township has all its villages designated credit villages: with the creation
    // share waived from 2019, 白马镇 (all its households collected and rated) counts as
    // built on collection and rating alone.
    await execute(t.app, a.admin!, addParameterVersion, {
      id: 'art10.credit-designation-coverage',
      effectiveFrom: '2019-01-01',
      value: '0',
      document: '测试：创建面不作要求',
    });
    const baima = await t.app.store.db
      .selectFrom('households')
      .select('id')
      .where('township_code', '=', BAIMA)
      .execute();
    for (const h of baima) await collectAndRate(t.app, a.admin!, h.id, 85, '2019-03-01');
    // …and one household elsewhere collected but not rated, so collected ≠ rated
    const elsewhere = await t.app.store.db
      .selectFrom('households')
      .select('id')
      .where('township_code', '!=', BAIMA)
      .executeTakeFirstOrThrow();
    await execute(t.app, a.admin!, saveCollection, {
      subjectKind: 'household',
      subjectId: elsewhere.id,
      collectedOn: '2019-03-01',
      sections: form(70),
      submit: true,
    });
    board = await execute(t.app, a.jrzx!, getDashboard, { asOf: AS_OF });
  });
  afterAll(() => t.close());

  const q = async <R>(query: ReturnType<typeof sql<R>>) =>
    (await query.execute(t.app.store.db)).rows;

  const indicator = (b: Dashboard, id: string) =>
    b.targets
      .flatMap((x) => [x.metric.numerator, x.metric.denominator])
      .find((part) => part?.id === id)?.value;

  it('has data to compare: a paid run, service points, approved statistics, credit work', () => {
    expect(board.subsidies.length).toBeGreaterThan(1);
    expect(board.coverage.district.points.bank_outlet).toBeGreaterThan(0);
    expect(board.growth.every((g) => g.growth !== null)).toBe(true);
    for (const id of ['credit.entities-rated', 'credit.designated', 'credit.townships-built'])
      expect(Number(indicator(board, id)), id).toBeGreaterThan(0);
  });

  it('coverage by township: points by kind and villages served', async () => {
    const points = await q(sql<{ township_code: string; kind: string; n: number }>`
      select township_code, kind, count(*) as n from service_points
      where township_code is not null and ${SERVING} group by township_code, kind`);
    const villages = await q(sql<{ township_code: string; n: number; basic: number; pos: number }>`
      select v.township_code, count(*) as n,
        sum(case when exists (select 1 from service_points p where p.village_code = v.code
          and p.kind in (${sql.join(BASIC)}) and p.opened_on <= ${AS_OF}
          and (p.closed_on is null or p.closed_on > ${AS_OF})) then 1 else 0 end) as basic,
        sum(case when exists (select 1 from service_points p where p.village_code = v.code
          and p.kind = 'pos' and p.opened_on <= ${AS_OF}
          and (p.closed_on is null or p.closed_on > ${AS_OF})) then 1 else 0 end) as pos
      from regions v where v.level = 'village' group by v.township_code`);
    for (const place of board.coverage.places) {
      for (const [kind, n] of Object.entries(place.points)) {
        const row = points.find((p) => p.township_code === place.code && p.kind === kind);
        expect(n, `${place.code} ${kind}`).toBe(Number(row?.n ?? 0));
      }
      const v = villages.find((r) => r.township_code === place.code)!;
      expect([place.villages, place.villagesWithBasicServices, place.villagesWithPos]).toEqual([
        Number(v.n),
        Number(v.basic),
        Number(v.pos),
      ]);
    }
    const [outlets] = await q(sql<{ n: number }>`
      select count(distinct township_code) as n from service_points
      where kind = 'bank_outlet' and ${SERVING}`);
    expect(board.coverage.townshipsWithOutlet).toBe(Number(outlets!.n));
  });

  it('drill-down to the villages of a township', async () => {
    const down = await execute(t.app, a.jrzx!, getDashboard, { asOf: AS_OF, township: BAIMA });
    const rows = await q(sql<{ village_code: string; n: number }>`
      select village_code, count(*) as n from service_points
      where township_code = ${BAIMA} and village_code is not null and ${SERVING}
      group by village_code`);
    const [{ n: villages }] = (await q(sql<{ n: number }>`
      select count(*) as n from regions where level = 'village' and township_code = ${BAIMA}`)) as [
      { n: number },
    ];
    expect(down.coverage.places).toHaveLength(Number(villages));
    for (const v of down.coverage.places) {
      const total = Object.values(v.points).reduce((s, n) => s + n, 0);
      expect(total, v.code).toBe(Number(rows.find((r) => r.village_code === v.code)?.n ?? 0));
    }
  });

  /** The art. 10 indicators on `on`, each subject counted once per village it was seen in. */
  const creditFigures = async (on: string): Promise<Record<string, string>> => {
    const by = `${on}T24`;
    const valid = sql`rated_on <= ${on} and valid_until > ${on}`;
    const collected = sql`status = 'submitted' and collected_on <= ${on}`;
    const [totals] = await q(sql<Record<string, number>>`
      select (select count(*) from households where created_at < ${by}) as households,
        (select count(*) from operators where created_at < ${by}) as operators,
        (select count(distinct village_code || '|' || subject_id) from credit_collections
          where ${collected}) as collected,
        (select count(distinct village_code || '|' || subject_id) from credit_ratings
          where ${valid}) as rated,
        (select count(*) from regions where level in ('village', 'township')) as places`);
    // The designation in force: the latest by effective day, then by recording time.
    const granted = await q(sql<{ level: string; township_code: string; n: number }>`
      select d.level, d.township_code, count(*) as n from credit_designations d
      where d.effective_on <= ${on} and d.status = 'granted' and not exists (
        select 1 from credit_designations e where e.subject_code = d.subject_code
          and e.effective_on <= ${on} and (e.effective_on > d.effective_on
            or (e.effective_on = d.effective_on and e.recorded_at > d.recorded_at)))
      group by d.level, d.township_code`);
    const townships = await q(sql<{ code: string } & Record<string, number>>`
      select t.code,
        (select count(*) from households h where h.township_code = t.code
          and h.created_at < ${by}) +
        (select count(*) from operators o where o.township_code = t.code
          and o.created_at < ${by}) as subjects,
        (select count(distinct c.village_code || '|' || c.subject_id) from credit_collections c
          where c.township_code = t.code and ${collected}) as collected,
        (select count(distinct r.village_code || '|' || r.subject_id) from credit_ratings r
          where r.township_code = t.code and ${valid}) as rated
      from regions t where t.level = 'township'`);
    const n = (v: unknown) => BigInt(v as number);
    // Creation coverage is waived by the parameter version recorded above.
    const built = townships.filter(
      (t) =>
        n(t.subjects) > 0n &&
        n(t.collected) * 100n >= COLLECTION_MIN * n(t.subjects) &&
        n(t.collected) > 0n &&
        n(t.rated) * 100n >= RATING_MIN * n(t.collected),
    );
    const t = totals!;
    return {
      'credit.entities': String(n(t.households) + n(t.operators)),
      'credit.entities-collected': String(n(t.collected)),
      'credit.entities-rated': String(n(t.rated)),
      'credit.designation-candidates': String(n(t.households) + n(t.places)),
      'credit.designated': String(granted.reduce((sum, g) => sum + n(g.n), 0n)),
      'credit.townships-built': String(built.length),
    };
  };

  it('target indicators: every numerator and denominator', async () => {
    const count = async (where: ReturnType<typeof sql>) =>
      String(
        (
          await q(
            sql<{
              n: number;
            }>`select count(*) as n from service_points where ${where} and ${SERVING}`,
          )
        )[0]!.n,
      );
    const [poor] = await q(sql<{ n: number; served: number }>`
      select count(*) as n, sum(case when exists (select 1 from service_points p
        where p.village_code = h.village_code and p.kind in (${sql.join(BASIC)})
        and p.opened_on <= ${AS_OF} and (p.closed_on is null or p.closed_on > ${AS_OF}))
        then 1 else 0 end) as served
      from households h where h.poverty_status = 'registered_poor'`);
    const regions = async (level: string) =>
      String(
        (await q(sql<{ n: number }>`select count(*) as n from regions where level = ${level}`))[0]!
          .n,
      );
    const villagesWith = async (kinds: string[]) =>
      String(
        (
          await q(sql<{ n: number }>`select count(distinct village_code) as n from service_points
          where kind in (${sql.join(kinds)}) and village_code is not null and ${SERVING}`)
        )[0]!.n,
      );
    const townshipsWith = async (kind: string) =>
      String(
        (
          await q(sql<{ n: number }>`select count(distinct township_code) as n from service_points
          where kind = ${kind} and ${SERVING}`)
        )[0]!.n,
      );
    const credit = await creditFigures(AS_OF);
    const expected: Record<string, string | null> = {
      'network.bank-outlets': await count(sql`kind = 'bank_outlet'`),
      'network.atms': await count(sql`kind = 'atm'`),
      'network.pos-terminals': await count(sql`kind = 'pos'`),
      'network.village-service-stations': await count(sql`kind = 'village_service_station'`),
      'network.townships-with-outlet': await townshipsWith('bank_outlet'),
      'network.townships-with-atm': await townshipsWith('atm'),
      'network.villages-with-basic-services': await villagesWith(BASIC),
      'network.villages-with-pos': await villagesWith(['pos']),
      'region.townships': await regions('township'),
      'region.villages': await regions('village'),
      'register.poor-households': String(poor!.n),
      'register.poor-households-served': String(poor!.served),
      ...credit,
      'credit.demonstration-villages': String(
        (
          await q(sql<{ n: number }>`select count(*) as n from demonstration_villages
          where designated_on <= ${AS_OF}`)
        )[0]!.n,
      ),
    };
    const seen = new Set<string>();
    for (const target of board.targets) {
      for (const part of [target.metric.numerator, target.metric.denominator]) {
        if (part === null || !(part.id in expected)) continue;
        expect(part.value, `${target.id} ${part.id}`).toBe(expected[part.id]);
        seen.add(part.id);
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(expected).sort());
  });

  it('growth comparisons: balances now and a year earlier, each bank’s latest approved report', async () => {
    const balance = async (on: string, categories: string[]) => {
      const [row] = await q(sql<{ total: string | number | null }>`
        select sum(l.balance) as total from statistics_lines l
        join statistics_reports r on r.region_code = l.region_code and r.id = l.report_id
        where r.status = 'approved' and l.category in (${sql.join(categories)})
          and r.period_to = (select max(r2.period_to) from statistics_reports r2
            where r2.institution_id = r.institution_id and r2.status = 'approved'
            and r2.period_to <= ${on})`);
      return BigInt(row!.total ?? 0);
    };
    const series: Record<string, string[]> = {
      'poverty-loans': ['poverty_individual', 'poverty_industry', 'poverty_project'],
      'all-loans': ['all'],
      'poor-household-loans': ['poor_household'],
      'farm-household-loans': ['farm_household'],
    };
    for (const g of board.growth) {
      const now = await balance(AS_OF, series[g.key]!);
      const before = await balance('2018-03-31', series[g.key]!);
      expect([g.balance, g.balanceYearAgo, g.growth], g.key).toEqual([
        yuan(now),
        yuan(before),
        percent(now - before, before),
      ]);
    }
    // the demo's poverty lending grows 25 % a year, all loans 10 %
    expect(board.growth.map((g) => g.growth)).toEqual(['25.00%', '10.00%', '20.00%', '12.00%']);
  });

  it('subsidies paid by quarter and article', async () => {
    const rows = await q(sql<{ quarter: string; article: string; total: string | number }>`
      select substr(e.posted_on, 1, 4) || '-Q' ||
          cast((cast(substr(e.posted_on, 6, 2) as integer) + 2) / 3 as text) as quarter,
        l.article, sum(l.amount) as total
      from settlement_lines l
      join settlement_runs r on r.region_code = l.region_code and r.id = l.run_id
      join ledger_entries e on e.region_code = r.region_code and e.ref_id = r.id
      where r.status = 'paid' and e.kind = 'payment' and e.posted_on <= ${AS_OF}
        and l.excluded_reason is null
      group by 1, l.article order by 1, l.article`);
    expect(board.subsidies).toEqual(
      rows.map((r) => ({ quarter: r.quarter, article: r.article, amount: yuan(BigInt(r.total)) })),
    );
    expect(board.subsidies.map((s) => s.article).sort()).toEqual(['art. 11', 'art. 6']);
  });

  it('fund balances and what they can still commit', async () => {
    for (const f of board.funds) {
      const sum = async (account: string) =>
        BigInt(
          (
            await q(sql<{ total: string | number | null }>`
          select sum(amount) as total from ledger_lines
          where account_code = ${account} and posted_on <= ${AS_OF}`)
          )[0]!.total ?? 0,
        );
      const fund = FUNDS.find((x) => x.code === f.code)!;
      const balance = await sum(fund.code);
      expect([f.balance, f.available], f.code).toEqual([
        yuan(balance),
        yuan(balance + (await sum(payableOf(fund.code).code))),
      ]);
    }
  });

  // Last: it writes to the register, which the figures above were computed before.
  it('figures are exact right after writes to the register', async () => {
    const TODAY = '2019-04-02';
    const admin = a.admin!;
    const added = await execute(t.app, admin, createHousehold, {
      householdNo: 'DASH-0001',
      villageCode: `${BAIMA}001`,
      headName: '看板测试',
      headIdNumber: residentId(901, '19700101'),
      povertyStatus: 'registered_poor',
      statusEffectiveFrom: '2019-04-01',
      statusSource: '建档立卡',
    });
    const poorBefore = await t.app.store.db
      .selectFrom('households')
      .select(['id', 'version'])
      .where('poverty_status', '=', 'registered_poor')
      .where('id', '!=', added.id)
      .orderBy('household_no')
      .limit(2)
      .execute();
    await execute(t.app, admin, recordPovertyStatus, {
      id: poorBefore[0]!.id,
      status: 'lifted',
      effectiveFrom: '2019-04-01',
      source: '脱贫验收',
    });
    await execute(t.app, admin, updateHousehold, {
      id: poorBefore[1]!.id,
      version: poorBefore[1]!.version,
      villageCode: `${BAIMA}002`,
    });
    const after = await execute(t.app, a.jrzx!, getDashboard, { asOf: TODAY });
    const [poor] = await q(sql<{ n: number }>`
      select count(*) as n from households where poverty_status = 'registered_poor'`);
    expect(indicator(after, 'register.poor-households')).toBe(String(poor!.n));
    // one poor household added, one lifted out
    expect(indicator(after, 'register.poor-households')).toBe(
      indicator(board, 'register.poor-households'),
    );
    const credit = await creditFigures(TODAY);
    for (const [id, value] of Object.entries(credit)) expect(indicator(after, id), id).toBe(value);
    expect(Number(credit['credit.entities'])).toBe(Number(indicator(board, 'credit.entities')) + 1);
    // The tallies the dashboard reads equal the register counted afresh.
    const tallies = await q(sql<{ k: string; n: number }>`
      select kind || ' ' || village_code || ' ' || created_on || ' ' || poverty_status as k, n
      from register_tallies where n <> 0 order by 1`);
    const counted = await q(sql<{ k: string; n: number }>`
      select k, count(*) as n from (
        select 'household ' || village_code || ' ' || substr(created_at, 1, 10) || ' ' ||
          poverty_status as k from households
        union all
        select 'operator ' || village_code || ' ' || substr(created_at, 1, 10) || ' ' as k
          from operators) x
      group by k order by 1`);
    expect(tallies.map((r) => [r.k, Number(r.n)])).toEqual(counted.map((r) => [r.k, Number(r.n)]));
  });
});

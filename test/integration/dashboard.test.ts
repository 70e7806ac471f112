import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { FUNDS, payableOf } from '../../src/app/settlement/accounts.ts';
import { prepareRun } from '../../src/app/settlement/prepareRun.ts';
import { approveRun, payRun, reviewRun, submitRun } from '../../src/app/settlement/runLifecycle.ts';
import { getDashboard, type Dashboard } from '../../src/app/targets/dashboard.ts';
import { execute } from '../../src/app/useCase.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { BAIMA, Clock } from './helpers.ts';

/**
 * Every dashboard figure (issue 7 §5) recomputed here with SQL written by hand, on the
 * small demo district (its service network and bank statistics come from the demo seed)
 * after a 2017-Q1 settlement run — art. 11 interest subsidies and art. 6 devices — was
 * approved and paid, and found equal to what the dashboard API answers.
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
    board = await execute(t.app, a.jrzx!, getDashboard, { asOf: AS_OF });
  });
  afterAll(() => t.close());

  const q = async <R>(query: ReturnType<typeof sql<R>>) =>
    (await query.execute(t.app.store.db)).rows;

  it('has data to compare: a paid run, service points and approved statistics', () => {
    expect(board.subsidies.length).toBeGreaterThan(1);
    expect(board.coverage.district.points.bank_outlet).toBeGreaterThan(0);
    expect(board.growth.every((g) => g.growth !== null)).toBe(true);
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
    const expected: Record<string, string> = {
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
});

import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { recordGuarantorCapital } from '../../src/app/guarantees/guarantorCapital.ts';
import { createCompany, recordStage } from '../../src/app/markets/companies.ts';
import { recordTraining } from '../../src/app/markets/trainings.ts';
import { recordRelendingQuota, recordRelendingUse } from '../../src/app/relending/relending.ts';
import { listTargets } from '../../src/app/targets/targetList.ts';
import { execute } from '../../src/app/useCase.ts';
import { actorFor } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { BAIMA, Clock, usccFor } from './helpers.ts';
import { emptyDistrict } from './settlementSetup.ts';

/**
 * The arts. 21, 23 and 29 figures of the dashboard (decision 0020), each recomputed here
 * with hand-written SQL and checked against the figures worked out by hand below.
 *
 * Relending (yuan): quota 60,000,000 on 2017-03-01 and 40,000,000 on 2017-09-01;
 * ICBC draws 50,000,000 on 04-01, ABC 10,000,000 on 06-01, ICBC repays 30,000,000 on
 * 10-01 and draws 55,000,000 on 11-01. By 2017-12-31 the quota is 100,000,000 (art. 29's
 * 1亿 met) and 50 + 10 + 55 = 115,000,000 has been drawn; outstanding 85,000,000 ≤ quota.
 * By 2017-09-30: quota 100,000,000, drawn 60,000,000.
 *
 * Pipeline: 天生药业 cultivating 2016-06-01, tutoring 2017-03-01, NEEQ 2017-11-20;
 * 华银山野菜 tutoring 2017-02-01, OTC 2017-08-01; 乙 OTC 2017-05-01, NEEQ 2017-12-15;
 * 丙 filing 2017-10-01. On 2017-12-31: listed or quoted 天生, 华银, 乙 = 3; ever on the
 * OTC board 华银, 乙 = 2; the named company on the NEEQ = 1. On 2017-09-30: 华银 and 乙
 * on the OTC board = 2, both quoted = 2, named company not yet = 0.
 * Trainings 2016-12-10 and 2017-06-15: one in 2017.
 *
 * Capital: 100,000,000 on 2016-12-31, 150,000,000 on 2017-12-20: 150,000,000 on
 * 2017-12-31, 100,000,000 on 2017-09-30. Before any record (2016-01-01) all are no data.
 */

const TIANSHENG = '重庆天生药业有限公司';

describeEachDialect(
  'dashboard figures of relending, the pipeline and guarantee capital',
  (dialect) => {
    let t: TestApp;
    let a: Record<string, Actor>;

    beforeAll(async () => {
      t = await openTestApp(dialect, new Clock('2018-03-01T01:00:00.000Z').now);
      a = await emptyDistrict(t.app);
      for (const name of ['rh', 'abc', 'xndb']) a[name] = (await actorFor(t.app, name)).actor;
      const run = <I>(who: Actor, uc: Parameters<typeof execute>[2], input: I) =>
        execute(t.app, who, uc, input);
      const quota = (reference: string, grantedOn: string, amount: string) =>
        run(a.rh!, recordRelendingQuota, { reference, grantedOn, amount });
      const use = (bank: Actor, kind: string, reference: string, usedOn: string, amount: string) =>
        run(a.rh!, recordRelendingUse, {
          institutionId: bank.institutionId,
          kind,
          reference,
          usedOn,
          amount,
        });
      await quota('渝银发〔2017〕1号', '2017-03-01', '60000000');
      await quota('渝银发〔2017〕9号', '2017-09-01', '40000000');
      await use(a.icbc!, 'drawdown', 'ZD-001', '2017-04-01', '50000000');
      await use(a.abc!, 'drawdown', 'ZD-002', '2017-06-01', '10000000');
      await use(a.icbc!, 'repayment', 'HK-001', '2017-10-01', '30000000');
      await use(a.icbc!, 'drawdown', 'ZD-003', '2017-11-01', '55000000');

      const company = async (seq: number, name: string, steps: [string, string][]) => {
        const [first, ...rest] = steps;
        let c = await execute(t.app, a.jrzx!, createCompany, {
          name,
          uscc: usccFor(seq),
          township: BAIMA,
          stage: first![0],
          reachedOn: first![1],
        });
        for (const [stage, reachedOn] of rest) {
          c = await execute(t.app, a.jrzx!, recordStage, {
            id: c.id,
            version: c.version,
            stage,
            reachedOn,
          });
        }
      };
      await company(1, TIANSHENG, [
        ['cultivating', '2016-06-01'],
        ['tutoring', '2017-03-01'],
        ['neeq_quoted', '2017-11-20'],
      ]);
      await company(2, '武隆县华银山野菜有限公司', [
        ['tutoring', '2017-02-01'],
        ['regional_quoted', '2017-08-01'],
      ]);
      await company(3, '武隆乙公司', [
        ['regional_quoted', '2017-05-01'],
        ['neeq_quoted', '2017-12-15'],
      ]);
      await company(4, '武隆丙公司', [['filing', '2017-10-01']]);
      for (const heldOn of ['2016-12-10', '2017-06-15']) {
        await execute(t.app, a.rh!, recordTraining, {
          heldOn,
          title: '直接融资知识培训',
          attendees: 40,
        });
      }
      await execute(t.app, a.xndb!, recordGuarantorCapital, {
        asOf: '2016-12-31',
        paidIn: '100000000',
      });
      await execute(t.app, a.xndb!, recordGuarantorCapital, {
        asOf: '2017-12-20',
        paidIn: '150000000',
      });
    });
    afterAll(() => t.close());

    const one = async (query: ReturnType<typeof sql<{ v: string | number | null }>>) => {
      const { rows } = await query.execute(t.app.store.db);
      const v = rows[0]?.v ?? null;
      return v === null ? null : BigInt(v);
    };
    const yuan = (fen: bigint | null) =>
      fen === null ? null : `${String(fen / 100n)}.${String(fen % 100n).padStart(2, '0')}`;
    const count = (n: bigint | null) => (n === null ? null : String(n));

    /** Every figure by SQL, as the dashboard shows it. */
    async function bySql(on: string): Promise<Record<string, string | null>> {
      const latestStage = sql`s.reached_on <= ${on} and s.n = (select max(x.n) from market_stages x
      where x.region_code = s.region_code and x.company_id = s.company_id and x.reached_on <= ${on})`;
      const anyRecord = await one(sql`select (select count(*) from market_stages
      where reached_on <= ${on}) + (select count(*) from market_trainings where held_on <= ${on}) as v`);
      const markets = (n: bigint | null) => (anyRecord === 0n ? null : count(n ?? 0n));
      const quota = await one(
        sql`select sum(amount) as v from relending_quotas where granted_on <= ${on}`,
      );
      const drawn = await one(sql`select sum(amount) as v from relending_uses
      where kind = 'drawdown' and used_on <= ${on}`);
      return {
        'relending.quota': yuan(quota),
        'relending.cumulative': quota === null ? null : yuan(drawn ?? 0n),
        'markets.listed-or-quoted': markets(
          await one(sql`select count(*) as v from market_stages s where ${latestStage}
          and s.stage in ('regional_quoted', 'neeq_quoted', 'listed')`),
        ),
        'markets.otc-quoted': markets(
          await one(sql`select count(distinct company_id) as v from market_stages
          where stage = 'regional_quoted' and reached_on <= ${on}`),
        ),
        'markets.neeq-quoted': markets(
          await one(sql`select count(*) as v from market_stages s
          join market_companies c on c.region_code = s.region_code and c.id = s.company_id
          where ${latestStage} and s.stage in ('neeq_quoted', 'listed') and c.name = ${TIANSHENG}`),
        ),
        'markets.trainings-this-year': markets(
          await one(sql`select count(*) as v from market_trainings
          where held_on >= ${`${on.slice(0, 4)}-01-01`} and held_on <= ${on}`),
        ),
        'guarantee.company-capital': yuan(
          await one(sql`select sum(g.paid_in) as v from guarantor_capital g
          where g.as_of = (select max(h.as_of) from guarantor_capital h
            where h.region_code = g.region_code and h.institution_id = g.institution_id
              and h.as_of <= ${on})`),
        ),
      };
    }

    async function shown(on: string) {
      const { items } = await execute(t.app, a.jrzx!, listTargets, { asOf: on });
      const values: Record<string, string | null> = {};
      for (const target of items)
        values[target.metric.numerator.id] = target.metric.numerator.value;
      const status = Object.fromEntries(items.map((x) => [x.id, x.status]));
      return { values, status };
    }

    const IDS = [
      'relending.quota',
      'relending.cumulative',
      'markets.listed-or-quoted',
      'markets.otc-quoted',
      'markets.neeq-quoted',
      'markets.trainings-this-year',
      'guarantee.company-capital',
    ];
    const pick = (values: Record<string, string | null>) =>
      Object.fromEntries(IDS.map((id) => [id, values[id]]));

    it('shows at the end of 2017 the figures SQL and the hand count find', async () => {
      const { values, status } = await shown('2017-12-31');
      expect(pick(values)).toEqual(await bySql('2017-12-31'));
      expect(pick(values)).toEqual({
        'relending.quota': '100000000.00',
        'relending.cumulative': '115000000.00',
        'markets.listed-or-quoted': '3',
        'markets.otc-quoted': '2',
        'markets.neeq-quoted': '1',
        'markets.trainings-this-year': '1',
        'guarantee.company-capital': '150000000.00',
      });
      // 1亿 quota reached; the named company quoted by its deadline; one training in 2017;
      // 2 of 8 OTC listings on the deadline day is below the line from 0 to 8 (missed only
      // after it).
      expect(status['art29.relending-quota']).toBe('met');
      expect(status['art23.neeq-listing']).toBe('met');
      expect(status['art23.direct-financing-training']).toBe('met');
      expect(status['art23.otc-listings']).toBe('at-risk');
    });

    it('reads each figure as of its day: before the later records, and before any', async () => {
      const sept = await shown('2017-09-30');
      expect(pick(sept.values)).toEqual(await bySql('2017-09-30'));
      expect(pick(sept.values)).toEqual({
        'relending.quota': '100000000.00',
        'relending.cumulative': '60000000.00',
        'markets.listed-or-quoted': '2',
        'markets.otc-quoted': '2',
        'markets.neeq-quoted': '0',
        'markets.trainings-this-year': '1',
        'guarantee.company-capital': '100000000.00',
      });
      const before = await shown('2016-01-01');
      expect(pick(before.values)).toEqual(await bySql('2016-01-01'));
      expect(Object.values(pick(before.values)).every((v) => v === null)).toBe(true);
      expect(before.status['art29.relending-quota']).toBe('no-data');
    });
  },
);

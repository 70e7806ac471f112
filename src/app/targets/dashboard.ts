import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { IsoDate } from '../../core/calendarDate.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { formatValue } from '../../core/targets/evaluate.ts';
import type { Database } from '../../store/schema.ts';
import type { App } from '../app.ts';
import { businessDayOf } from '../businessDay.ts';
import { businessDate } from '../loans/loanFields.ts';
import { coverageOn, type PlaceCoverage } from '../network/coverage.ts';
import { DISTRICT_ROLES } from '../roles.ts';
import { FUNDS } from '../settlement/accounts.ts';
import { accountBalances, availableIn } from '../settlement/ledger.ts';
import { defineUseCase } from '../useCase.ts';
import { indicatorReader, type IndicatorValues } from './indicators.ts';
import { targetsOn, type TargetOut } from './targetList.ts';

/**
 * Every figure of the dashboard (issue 7 §5) as of a day, in one answer: the targets,
 * the growth comparisons of the general targets, subsidies paid by quarter and article,
 * the funds' balances, and coverage by township (or by village of one township, the
 * drill-down). Each figure names the definition it comes from.
 */

export interface GrowthOut {
  key: string;
  zh: string;
  en: string;
  /** Yuan. */
  balance: string | null;
  balanceYearAgo: string | null;
  /** Percent with two decimals, '12.50%'; null without a balance a year earlier. */
  growth: string | null;
  /** The target that compares this series. */
  target: string;
}

export interface Dashboard {
  asOf: string;
  township: string | null;
  targets: TargetOut[];
  growth: GrowthOut[];
  /** Approved-and-paid settlement lines by payment quarter and article, yuan. */
  subsidies: { quarter: string; article: string; amount: string }[];
  funds: { code: string; nameZh: string; nameEn: string; balance: string; available: string }[];
  coverage: {
    district: PlaceCoverage;
    townships: number;
    townshipsWithOutlet: number;
    places: PlaceCoverage[];
  };
}

const SERIES = [
  ['poverty-loans', '扶贫类贷款', 'Poverty-alleviation loans', 'general.poverty-loan-growth'],
  ['all-loans', '各项贷款', 'All loans', 'general.poverty-loan-growth'],
  [
    'poor-household-loans',
    '建档立卡贫困户贷款',
    'Loans to poor households',
    'general.poor-household-loan-growth',
  ],
  [
    'farm-household-loans',
    '农户贷款',
    'Farm-household loans',
    'general.poor-household-loan-growth',
  ],
] as const;

const yuan = (v: bigint | null) => (v === null ? null : formatValue('CNY', { num: v, den: 1n }));

function growthOf(values: IndicatorValues): GrowthOut[] {
  return SERIES.map(([key, zh, en, target]) => {
    const balance = values.get(`statistics.${key}.balance`) ?? null;
    const before = values.get(`statistics.${key}.balance-year-ago`) ?? null;
    const increase = values.get(`statistics.${key}.increase`) ?? null;
    return {
      key,
      zh,
      en,
      balance: yuan(balance),
      balanceYearAgo: yuan(before),
      growth:
        increase === null || before === null || before <= 0n
          ? null
          : formatValue('percent', { num: increase, den: before }),
      target,
    };
  });
}

const quarterOf = (date: string) =>
  `${date.slice(0, 4)}-Q${String(Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1)}`;

type RunTotals = Promise<{ article: string; amount: bigint }[]>;

/**
 * Paid runs never change (their lines are frozen once approved), so their totals by
 * article are kept per run once read: exact, never stale. The cache belongs to the App
 * instance (and goes with it): apps over different databases never share it.
 */
const paidRunTotalsOf = new WeakMap<App, Map<string, RunTotals>>();

async function subsidiesPaid(app: App, db: Kysely<Database>, regionCode: string, asOf: IsoDate) {
  const paidRunTotals = paidRunTotalsOf.get(app) ?? new Map<string, RunTotals>();
  paidRunTotalsOf.set(app, paidRunTotals);
  const runs = await db
    .selectFrom('settlement_runs as r')
    .innerJoin('ledger_entries as e', (j) =>
      j.onRef('e.region_code', '=', 'r.region_code').onRef('e.ref_id', '=', 'r.id'),
    )
    .select(['r.id', 'e.posted_on'])
    .where('r.region_code', '=', regionCode)
    .where('r.status', '=', 'paid')
    .where('e.kind', '=', 'payment')
    .where('e.posted_on', '<=', asOf)
    .execute();
  const totals = await Promise.all(
    runs.map((run) => {
      const key = `${regionCode}|${run.id}`;
      let t = paidRunTotals.get(key);
      if (t === undefined) {
        t = db
          .selectFrom('settlement_lines')
          .select(['article', (eb) => eb.fn.sum<string | number>('amount').as('amount')])
          .where('region_code', '=', regionCode)
          .where('run_id', '=', run.id)
          .where('excluded_reason', 'is', null)
          .groupBy('article')
          .execute()
          .then((rows) => rows.map((r) => ({ article: r.article, amount: BigInt(r.amount) })));
        paidRunTotals.set(key, t);
        t.catch(() => paidRunTotals.delete(key));
      }
      return t.then((rows) => rows.map((r) => ({ ...r, quarter: quarterOf(run.posted_on) })));
    }),
  );
  const sums = new Map<string, bigint>();
  for (const r of totals.flat()) {
    const k = `${r.quarter}|${r.article}`;
    sums.set(k, (sums.get(k) ?? 0n) + r.amount);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, amount]) => {
      const [quarter, article] = k.split('|') as [string, string];
      return { quarter, article, amount: yuan(amount)! };
    });
}

export async function dashboardOn(
  app: App,
  db: Kysely<Database>,
  regionCode: string,
  asOf: IsoDate,
  township?: string,
): Promise<Dashboard> {
  const read = indicatorReader(app, db, regionCode);
  const [coverage, balances, subsidies] = await Promise.all([
    coverageOn(db, regionCode, asOf, township),
    accountBalances(db, regionCode, asOf),
    subsidiesPaid(app, db, regionCode, asOf),
  ]);
  // Drilling down changes the places shown, not the district's indicators.
  const today = await read(asOf, township === undefined ? coverage : undefined);
  const targets = await targetsOn(app, db, regionCode, asOf, read, today);
  const y = (v: number) => fenToYuanString(v as Fen);
  return {
    asOf,
    township: township ?? null,
    targets,
    growth: growthOf(today),
    subsidies,
    funds: FUNDS.map((f) => ({
      code: f.code,
      nameZh: f.zh,
      nameEn: f.en,
      balance: y(balances.get(f.code) ?? 0),
      available: y(availableIn(balances, f.code)),
    })),
    coverage: {
      district: coverage.district,
      townships: coverage.townships,
      townshipsWithOutlet: coverage.townshipsWithOutlet,
      places: coverage.places,
    },
  };
}

export const getDashboard = defineUseCase({
  name: 'dashboard.get',
  roles: DISTRICT_ROLES,
  scope: 'district',
  writes: false,
  input: z
    .object({ asOf: businessDate.optional(), township: z.string().max(32).optional() })
    .strict(),
  async run({ app, db, actor, now }, input): Promise<Dashboard> {
    return dashboardOn(app, db, actor.regionCode, input.asOf ?? businessDayOf(now), input.township);
  },
});

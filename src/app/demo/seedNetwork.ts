import type { Kysely } from 'kysely';
import type { Database, StatisticsLineTable } from '../../store/schema.ts';
import { WULONG } from '../actor.ts';
import { newId } from '../ids.ts';
import { STATISTICS_CATEGORIES, type StatisticsCategory } from '../statistics/categories.ts';

/**
 * Demo service network and statistics (synthetic, issue 7): a bank outlet in the first
 * village of 24 of the 26 townships (2015), an ATM beside 20 of them (mid-2016),
 * assisted-withdrawal points in the second village of every other township and POS
 * terminals in the first village of every third (2017), two village financial service
 * stations and the mutual-aid organisation's district association; and approved
 * year-end statistics of three banks for 2016–2018, in which poverty-alleviation loans
 * grow faster than all loans. A district seeded without households (the tests'
 * hand-worked districts) gets neither.
 */

/** Yuan at 2016-Q4 for the bank of weight 1, and the growth per year in percent. */
const BASE: Record<StatisticsCategory, readonly [bigint, bigint]> = {
  all: [2_000_000_000n, 110n],
  agricultural: [1_200_000_000n, 112n],
  farm_household: [600_000_000n, 112n],
  poverty_individual: [150_000_000n, 125n],
  poverty_industry: [200_000_000n, 125n],
  poverty_project: [250_000_000n, 125n],
  poor_household: [120_000_000n, 120n],
};
const BANKS = [
  ['ABC-WL', 3n],
  ['CQRCB-WL', 2n],
  ['PSBC-WL', 1n],
] as const;
const YEARS = [2016, 2017, 2018] as const;

export async function seedDemoNetwork(
  db: Kysely<Database>,
  now: Date,
  households: number,
): Promise<void> {
  if (households === 0) return;
  const [villages, institutions] = await Promise.all([
    db
      .selectFrom('regions')
      .select(['code', 'township_code'])
      .where('region_code', '=', WULONG)
      .where('level', '=', 'village')
      .orderBy('code')
      .execute(),
    db
      .selectFrom('institutions')
      .select(['id', 'code'])
      .where('region_code', '=', WULONG)
      .execute(),
  ]);
  const bank = new Map(institutions.map((i) => [i.code, i.id]));
  const abc = bank.get('ABC-WL');
  if (abc === undefined || villages.length === 0) return;
  const byTownship = new Map<string, string[]>();
  for (const v of villages) {
    const list = byTownship.get(v.township_code!) ?? [];
    list.push(v.code);
    byTownship.set(v.township_code!, list);
  }
  const at = now.toISOString();
  const points: Database['service_points'][] = [];
  const point = (
    kind: string,
    name: string,
    township: string | null,
    village: string | null,
    openedOn: string,
    extra: Partial<Database['service_points']> = {},
  ) =>
    points.push({
      region_code: WULONG,
      id: newId(now.getTime()),
      kind,
      name,
      institution_id: abc,
      township_code: township,
      village_code: village,
      group_code: null,
      mutual_aid_tier: null,
      art6_site: null,
      opened_on: openedOn,
      closed_on: null,
      created_by: 'demo-seed',
      created_at: at,
      updated_at: at,
      version: 1,
      ...extra,
    });
  [...byTownship.entries()].forEach(([township, list], i) => {
    const [first, second] = list;
    if (first === undefined) return;
    if (i < 24) point('bank_outlet', `农行网点${String(i + 1)}`, township, first, '2015-06-01');
    if (i < 20)
      point('atm', `ATM${String(i + 1)}`, township, first, '2016-06-01', { art6_site: 'township' });
    if (i % 2 === 0 && second !== undefined) {
      point(
        'assisted_withdrawal_point',
        `助农取款点${String(i + 1)}`,
        township,
        second,
        '2017-03-01',
        {
          art6_site: 'poor-village',
        },
      );
    }
    if (i % 3 === 0) point('pos', `POS${String(i + 1)}`, township, first, '2017-05-01');
    if (i < 2 && second !== undefined) {
      point(
        'village_service_station',
        `村级金融服务站${String(i + 1)}`,
        township,
        second,
        '2017-09-01',
        {
          institution_id: null,
        },
      );
    }
  });
  point('mutual_aid_fund', '武隆区互助资金总会', null, null, '2016-01-01', {
    institution_id: null,
    mutual_aid_tier: 'district',
  });
  await db.insertInto('service_points').values(points).execute();

  for (const [code, weight] of BANKS) {
    const institutionId = bank.get(code);
    if (institutionId === undefined) continue;
    for (const [n, year] of YEARS.entries()) {
      const id = newId(now.getTime());
      await db
        .insertInto('statistics_reports')
        .values({
          region_code: WULONG,
          id,
          institution_id: institutionId,
          period_key: `${String(year)}-Q4`,
          period_from: `${String(year)}-10-01`,
          period_to: `${String(year)}-12-31`,
          status: 'approved',
          submitted_by: 'demo-seed',
          submitted_at: at,
          decided_by: 'demo-seed',
          decided_at: at,
          decision_note: null,
          version: 2,
        })
        .execute();
      const lines: StatisticsLineTable[] = STATISTICS_CATEGORIES.map((category) => {
        const [base, growth] = BASE[category];
        const yuan = (base * weight * growth ** BigInt(n)) / 100n ** BigInt(n);
        const balance = Number(yuan * 100n);
        return {
          region_code: WULONG,
          report_id: id,
          category,
          balance,
          new_lending: Number((yuan * 40n) / 100n) * 100,
          repaid: Number((yuan * 30n) / 100n) * 100,
          borrowers: Number(yuan / 50_000n),
          npl_balance: Number(yuan / 100n) * 100,
        };
      });
      await db.insertInto('statistics_lines').values(lines).execute();
    }
  }
}

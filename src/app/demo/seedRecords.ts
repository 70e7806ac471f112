import type { Kysely } from 'kysely';
import { usccCheckChar } from '../../core/identity/uscc.ts';
import type { Database } from '../../store/schema.ts';
import { WULONG } from '../actor.ts';
import { newId } from '../ids.ts';

/**
 * Demo records of arts. 21, 23 and 29 (synthetic, decision 0020), so the dashboard shows
 * those targets computed: relending quota and uses of two banks within the quota, a small
 * listing pipeline with dated stages (the company art. 23 names reaches the NEEQ in
 * November 2017), a training a year, the guarantee company's capital by year end, and
 * the art. 19 pilot: the rural commercial bank and the guarantee company from 2016, and
 * ABC's three demonstration villages (art. 2), the third in 2018.
 * A district seeded without households (the tests' hand-worked districts) gets none.
 */

const yuan = (v: number) => v * 100;
const uscc = (seq: number) => {
  const first17 = `91500156MA${String(seq).padStart(7, '0')}`;
  return first17 + usccCheckChar(first17);
};
const township = (n: number) => `${WULONG}${String(n).padStart(3, '0')}`;

const COMPANIES: [string, number, [string, string][]][] = [
  [
    '重庆天生药业有限公司',
    1,
    [
      ['tutoring', '2016-03-01'],
      ['filing', '2017-04-10'],
      ['neeq_quoted', '2017-11-28'],
    ],
  ],
  [
    '武隆县华银山野菜有限公司',
    4,
    [
      ['cultivating', '2016-05-01'],
      ['regional_quoted', '2017-06-20'],
    ],
  ],
  [
    '武隆喀斯特旅游（集团）有限公司',
    1,
    [
      ['cultivating', '2016-01-01'],
      ['tutoring', '2017-09-01'],
    ],
  ],
  ['武隆仙女山高山蔬菜专业合作社', 9, [['regional_quoted', '2017-10-16']]],
  ['武隆羊角豆干食品有限公司', 12, [['regional_quoted', '2017-12-05']]],
];

export async function seedDemoRecords(
  db: Kysely<Database>,
  now: Date,
  households: number,
): Promise<void> {
  if (households === 0) return;
  const at = now.toISOString();
  const by = { recorded_by: 'demo-seed', recorded_at: at };
  const ids = new Map(
    (
      await db
        .selectFrom('institutions')
        .select(['id', 'code'])
        .where('region_code', '=', WULONG)
        .execute()
    ).map((i) => [i.code, i.id]),
  );
  const [abc, cqrcb, guarantor] = ['ABC-WL', 'CQRCB-WL', 'XN-GUAR'].map((c) => ids.get(c));
  if (abc === undefined || cqrcb === undefined || guarantor === undefined) return;
  const id = () => newId(now.getTime());

  await db
    .insertInto('relending_quotas')
    .values([
      {
        region_code: WULONG,
        id: id(),
        reference: '渝银发〔2017〕36号',
        granted_on: '2017-03-15',
        amount: yuan(80_000_000),
        ...by,
      },
      {
        region_code: WULONG,
        id: id(),
        reference: '渝银发〔2018〕21号',
        granted_on: '2018-03-20',
        amount: yuan(20_000_000),
        ...by,
      },
    ])
    .execute();
  // Outstanding at most 30 + 40 = 70 million in 2017, 40 + 50 = 90 million from 2018-04-20.
  const uses: [string, 'drawdown' | 'repayment', string, number][] = [
    [abc, 'drawdown', '2017-04-10', 30_000_000],
    [cqrcb, 'drawdown', '2017-05-10', 40_000_000],
    [abc, 'repayment', '2018-04-09', 30_000_000],
    [abc, 'drawdown', '2018-04-20', 50_000_000],
  ];
  await db
    .insertInto('relending_uses')
    .values(
      uses.map(([institution_id, kind, used_on, amount], n) => ({
        region_code: WULONG,
        id: id(),
        institution_id,
        kind,
        reference: `ZFDK-${String(n + 1).padStart(3, '0')}`,
        used_on,
        amount: yuan(amount),
        ...by,
      })),
    )
    .execute();

  for (const [n, [name, place, stages]] of COMPANIES.entries()) {
    const companyId = id();
    await db
      .insertInto('market_companies')
      .values({
        region_code: WULONG,
        id: companyId,
        name,
        uscc: uscc(n + 1),
        township_code: township(place),
        created_by: 'demo-seed',
        created_at: at,
        version: stages.length,
      })
      .execute();
    await db
      .insertInto('market_stages')
      .values(
        stages.map(([stage, reached_on], i) => ({
          region_code: WULONG,
          company_id: companyId,
          n: i + 1,
          stage,
          reached_on,
          ...by,
        })),
      )
      .execute();
  }
  await db
    .insertInto('market_trainings')
    .values(
      ['2017-05-18', '2018-06-12'].map((held_on) => ({
        region_code: WULONG,
        id: id(),
        held_on,
        title: '直接融资知识培训',
        attendees: 60,
        ...by,
      })),
    )
    .execute();
  await db
    .insertInto('guarantor_capital')
    .values(
      [
        ['2016-12-31', 100_000_000],
        ['2017-12-31', 150_000_000],
        ['2018-12-31', 200_000_000],
      ].map(([as_of, paidIn]) => ({
        region_code: WULONG,
        institution_id: guarantor,
        as_of: as_of as string,
        paid_in: yuan(paidIn as number),
        ...by,
      })),
    )
    .execute();
  await db
    .insertInto('property_pilots')
    .values(
      [cqrcb, guarantor].map((institution_id) => ({
        region_code: WULONG,
        institution_id,
        from_date: '2016-01-01',
        to_date: null,
        document: '武隆区农村承包土地经营权抵押贷款试点实施方案（演示）',
        ...by,
      })),
    )
    .execute();
  await db
    .insertInto('demonstration_villages')
    .values(
      [
        [4, '2017-06-30'],
        [9, '2017-11-15'],
        [12, '2018-04-20'],
      ].map(([place, on]) => ({
        region_code: WULONG,
        village_code: `${township(place as number)}001`,
        designated_on: on as string,
        document: '农行武隆支行金融扶贫示范村认定（演示）',
        ...by,
      })),
    )
    .execute();
}

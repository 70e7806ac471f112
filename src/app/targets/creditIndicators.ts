import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import { shareAtLeast } from '../../core/credit/designation.ts';
import { paramRate, type ParameterSnapshot } from '../../core/policy/parameterSet.ts';
import type { Database } from '../../store/schema.ts';
import { designatedOn } from '../credit/areaFacts.ts';
import { demonstrationVillagesOn } from '../credit/demonstrationVillages.ts';
import { registeredByVillage } from './registerTallies.ts';

/**
 * The art. 10 indicators as of a day, counted the way the credit overview counts them
 * (decision 0021): subjects are households and new agricultural operators registered by
 * the day; collected, those with a submitted collection form dated by the day; rated,
 * those with a rating valid on the day; all counted per village and summed.
 */

async function distinctSubjectsByVillage(
  db: Kysely<Database>,
  table: 'credit_collections' | 'credit_ratings',
  regionCode: string,
  asOf: IsoDate,
): Promise<Map<string, number>> {
  let q = db
    .selectFrom(table)
    .select(['village_code', (eb) => eb.fn.count<number>('subject_id').distinct().as('n')])
    .where('region_code', '=', regionCode)
    .groupBy('village_code');
  q =
    table === 'credit_collections'
      ? q.where('status', '=', 'submitted').where('collected_on', '<=', asOf)
      : q.where('rated_on', '<=', asOf).where('valid_until', '>', asOf);
  return new Map((await q.execute()).map((r) => [r.village_code, Number(r.n)]));
}

interface Tally {
  subjects: number;
  collected: number;
  rated: number;
  villages: number;
  creditVillages: number;
}

const empty = (): Tally => ({
  subjects: 0,
  collected: 0,
  rated: 0,
  villages: 0,
  creditVillages: 0,
});

export async function creditIndicators(
  db: Kysely<Database>,
  regionCode: string,
  asOf: IsoDate,
  params: ParameterSnapshot,
): Promise<Map<string, bigint | null>> {
  const [regions, registered, collected, rated, designated, demonstration] = await Promise.all([
    db
      .selectFrom('regions')
      .select(['code', 'level', 'township_code'])
      .where('region_code', '=', regionCode)
      .where('level', 'in', ['township', 'village'])
      .execute(),
    registeredByVillage(db, regionCode, asOf),
    distinctSubjectsByVillage(db, 'credit_collections', regionCode, asOf),
    distinctSubjectsByVillage(db, 'credit_ratings', regionCode, asOf),
    designatedOn(db, regionCode, ['household', 'village', 'township'], asOf),
    demonstrationVillagesOn(db, regionCode, asOf),
  ]);
  const subjects = new Map(registered.map((r) => [r.village, r.households + r.operators]));
  const households = registered.reduce((s, r) => s + r.households, 0);
  const byTownship = new Map<string, Tally>();
  const district = empty();
  let townships = 0;
  for (const r of regions) {
    if (r.level === 'township') {
      townships++;
      continue;
    }
    const town = r.township_code ?? '';
    let t = byTownship.get(town);
    if (!t) byTownship.set(town, (t = empty()));
    const add = {
      subjects: subjects.get(r.code) ?? 0,
      collected: collected.get(r.code) ?? 0,
      rated: rated.get(r.code) ?? 0,
      villages: 1,
      creditVillages: designated.has(r.code) ? 1 : 0,
    };
    for (const sum of [t, district])
      for (const k of Object.keys(add) as (keyof Tally)[]) sum[k] += add[k];
  }
  const min = (id: string) => paramRate(params, id, asOf).value;
  const [collectionMin, ratingMin, creationMin] = [
    min('art10.credit-info-collection-rate-min'),
    min('art10.credit-rating-coverage-min'),
    min('art10.credit-designation-coverage'),
  ];
  // A township's credit system is built when it meets all three of art. 10's figures,
  // as the credit overview judges each township row.
  const built = [...byTownship.values()].filter(
    (t) =>
      t.subjects > 0 &&
      shareAtLeast(t.collected, t.subjects, collectionMin) &&
      t.collected > 0 &&
      shareAtLeast(t.rated, t.collected, ratingMin) &&
      t.villages > 0 &&
      shareAtLeast(t.creditVillages, t.villages, creationMin),
  ).length;
  const n = (v: number) => BigInt(v);
  return new Map([
    ['credit.demonstration-villages', demonstration],
    ['credit.townships-built', n(built)],
    ['credit.entities', n(district.subjects)],
    ['credit.entities-collected', n(district.collected)],
    ['credit.entities-rated', n(district.rated)],
    ['credit.designation-candidates', n(households + district.villages + townships)],
    ['credit.designated', n(designated.size)],
  ]);
}

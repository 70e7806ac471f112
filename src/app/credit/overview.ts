import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { IsoDate } from '../../core/calendarDate.ts';
import {
  judgeArea,
  percentText,
  shareAtLeast,
  type AreaVerdict,
} from '../../core/credit/designation.ts';
import { paramRate } from '../../core/policy/parameterSet.ts';
import { rateToString } from '../../core/rate.ts';
import type { Database } from '../../store/schema.ts';
import { canSeeTownship } from '../actor.ts';
import { businessDayOf } from '../businessDay.ts';
import { notFound } from '../errors.ts';
import { businessDate } from '../loans/loanFields.ts';
import { regionCode } from '../register/fields.ts';
import { townshipLimit } from '../scope.ts';
import { defineUseCase } from '../useCase.ts';
import { areaState } from './areaFacts.ts';
import { CREDIT_READERS } from './creditFields.ts';
import { creditParameters } from './scorecardOf.ts';

/**
 * The art. 10 picture as of any day, by township and village: coverage (collection
 * rate, rating rate among the collected, creation coverage) against the article's
 * targets, each area's designation and whether it meets the criteria that day.
 */

export interface Coverage {
  /** Households and new agricultural operators in the register. */
  subjects: number;
  collected: number;
  collectionRate: string;
  collectionMet: boolean;
  /** Collected subjects with a rating valid on the day. */
  rated: number;
  ratingRate: string;
  ratingMet: boolean;
  /** Village: credit households of its households; township: credit villages of its villages. */
  created: number;
  createdOf: number;
  creationRate: string;
  creationMet: boolean;
}

export interface AreaRow {
  code: string;
  nameZh: string;
  nameEn: string;
  townshipCode: string;
  designated: boolean;
  pendingProposalId: string | null;
  verdict: AreaVerdict;
  coverage: Coverage;
}

async function countBy(
  db: Kysely<Database>,
  table: 'credit_collections' | 'credit_ratings',
  region: string,
  asOf: IsoDate,
  townshipCode: string | undefined,
): Promise<Map<string, number>> {
  let q = db
    .selectFrom(table)
    .select(['village_code', (eb) => eb.fn.count<number>('subject_id').distinct().as('n')])
    .where('region_code', '=', region)
    .groupBy('village_code');
  q =
    table === 'credit_collections'
      ? q.where('status', '=', 'submitted').where('collected_on', '<=', asOf)
      : q.where('rated_on', '<=', asOf).where('valid_until', '>', asOf);
  if (townshipCode !== undefined) q = q.where('township_code', '=', townshipCode);
  return new Map((await q.execute()).map((r) => [r.village_code, Number(r.n)]));
}

async function subjectsBy(
  db: Kysely<Database>,
  region: string,
  asOf: IsoDate,
  townshipCode: string | undefined,
) {
  const out = new Map<string, number>();
  for (const table of ['households', 'operators'] as const) {
    let q = db
      .selectFrom(table)
      .select(['village_code', (eb) => eb.fn.countAll<number>().as('n')])
      .where('region_code', '=', region)
      .where('created_at', '<', `${asOf}T24`)
      .groupBy('village_code');
    if (townshipCode !== undefined) q = q.where('township_code', '=', townshipCode);
    for (const r of await q.execute())
      out.set(r.village_code, (out.get(r.village_code) ?? 0) + Number(r.n));
  }
  return out;
}

export const creditOverview = defineUseCase({
  name: 'credit.overview',
  roles: CREDIT_READERS,
  scope: 'township',
  writes: false,
  input: z.object({ asOf: businessDate.optional(), townshipCode: regionCode.optional() }).strict(),
  async run({ app, db, actor, now }, input) {
    const asOf = input.asOf ?? businessDayOf(now);
    const limit = townshipLimit(actor);
    let only = input.townshipCode;
    if (only === undefined && limit !== null && limit.length === 1) only = limit[0];
    if (only !== undefined && !canSeeTownship(actor, only)) throw notFound('township');
    const params = await creditParameters(app, db, actor.regionCode);
    const target = (id: string) => paramRate(params, id, asOf).value;
    const collectionMin = target('art10.credit-info-collection-rate-min');
    const ratingMin = target('art10.credit-rating-coverage-min');
    const creationMin = target('art10.credit-designation-coverage');
    const [state, subjects, collected, rated, names, pending] = await Promise.all([
      areaState(db, actor.regionCode, asOf, only),
      subjectsBy(db, actor.regionCode, asOf, only),
      countBy(db, 'credit_collections', actor.regionCode, asOf, only),
      countBy(db, 'credit_ratings', actor.regionCode, asOf, only),
      db
        .selectFrom('regions')
        .select(['code', 'name_zh', 'name_en', 'level', 'township_code'])
        .where('region_code', '=', actor.regionCode)
        .where('level', 'in', ['township', 'village'])
        .execute(),
      db
        .selectFrom('credit_proposals')
        .select(['subject_code', 'id'])
        .where('region_code', '=', actor.regionCode)
        .where('status', '=', 'proposed')
        .where('level', 'in', ['village', 'township'])
        .execute(),
    ]);
    const pendingOf = new Map(pending.map((p) => [p.subject_code, p.id]));
    const nameOf = new Map(names.map((n) => [n.code, n]));
    const coverage = (s: number, c: number, r: number, created: number, of: number): Coverage => ({
      subjects: s,
      collected: c,
      collectionRate: percentText(c, s),
      collectionMet: s > 0 && shareAtLeast(c, s, collectionMin),
      rated: r,
      ratingRate: percentText(r, c),
      ratingMet: c > 0 && shareAtLeast(r, c, ratingMin),
      created,
      createdOf: of,
      creationRate: percentText(created, of),
      creationMet: of > 0 && shareAtLeast(created, of, creationMin),
    });
    const visible = (town: string) =>
      canSeeTownship(actor, town) && (only === undefined || town === only);
    const row = (
      code: string,
      town: string,
      lvl: 'village' | 'township',
      cov: Coverage,
    ): AreaRow => {
      const facts = (lvl === 'village' ? state.village : state.township).get(code)!;
      return {
        code,
        nameZh: nameOf.get(code)?.name_zh ?? code,
        nameEn: nameOf.get(code)?.name_en ?? code,
        townshipCode: town,
        designated: state.designated.has(code),
        pendingProposalId: pendingOf.get(code) ?? null,
        verdict: judgeArea(params, lvl, facts, asOf),
        coverage: cov,
      };
    };
    const villages: AreaRow[] = [];
    const sums = new Map<string, [number, number, number]>();
    for (const [code, town] of [...state.villages].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!visible(town)) continue;
      const facts = state.village.get(code)!;
      const [s, c, r] = [subjects.get(code) ?? 0, collected.get(code) ?? 0, rated.get(code) ?? 0];
      const t = sums.get(town) ?? [0, 0, 0];
      sums.set(town, [t[0] + s, t[1] + c, t[2] + r]);
      villages.push(row(code, town, 'village', coverage(s, c, r, facts.creditUnits, facts.units)));
    }
    const townships = [...sums.keys()].sort().map((town) => {
      const [s, c, r] = sums.get(town)!;
      const facts = state.township.get(town)!;
      return row(town, town, 'township', coverage(s, c, r, facts.creditUnits, facts.units));
    });
    return {
      asOf,
      targets: {
        collectionRateMin: rateToString(collectionMin),
        ratingRateMin: rateToString(ratingMin),
        creationCoverage: rateToString(creationMin),
      },
      townships,
      villages,
    };
  },
});

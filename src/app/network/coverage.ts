import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { IsoDate } from '../../core/calendarDate.ts';
import type { Database } from '../../store/schema.ts';
import { businessDayOf } from '../businessDay.ts';
import { businessDate } from '../loans/loanFields.ts';
import { DISTRICT_ROLES } from '../roles.ts';
import { defineUseCase } from '../useCase.ts';
import { BASIC_SERVICE_KINDS, SERVICE_POINT_KINDS, type ServicePointKind } from './pointFields.ts';

/**
 * Coverage as of a day (issue 7 §2, art. 6): which townships have a physical bank outlet
 * or an ATM, which villages have basic financial services or a POS terminal, and how many
 * points of each kind serve. A point serves from its opening day until the day before it
 * closes. Counted by the database (one grouped scan of the points serving that day).
 */

export interface PlaceCoverage {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Serving points by kind. */
  points: Record<ServicePointKind, number>;
  /** Villages in the place (1 for a village itself). */
  villages: number;
  villagesWithBasicServices: number;
  villagesWithPos: number;
}

export interface Coverage {
  asOf: string;
  /** The district as a whole. */
  district: PlaceCoverage;
  townships: number;
  townshipsWithOutlet: number;
  townshipsWithAtm: number;
  /** Each township, or each village of `township` when asked for. */
  places: PlaceCoverage[];
  /** Codes of the villages with basic financial services. */
  servedVillages: string[];
}

const zeroPoints = (): Record<ServicePointKind, number> =>
  Object.fromEntries(SERVICE_POINT_KINDS.map((k) => [k, 0])) as Record<ServicePointKind, number>;

export async function coverageOn(
  db: Kysely<Database>,
  regionCode: string,
  asOf: IsoDate,
  township?: string,
  /** Only this institution's points (its art. 35 evaluation). */
  institutionId?: string,
): Promise<Coverage> {
  let points = db
    .selectFrom('service_points')
    .select(['kind', 'township_code', 'village_code'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('region_code', '=', regionCode)
    .where('opened_on', '<=', asOf)
    .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>', asOf)]));
  if (institutionId !== undefined) points = points.where('institution_id', '=', institutionId);
  const [regions, groups] = await Promise.all([
    db
      .selectFrom('regions')
      .select(['code', 'level', 'township_code', 'name_zh', 'name_en'])
      .where('region_code', '=', regionCode)
      .where('level', 'in', ['district', 'township', 'village'])
      .orderBy('code')
      .execute(),
    points.groupBy(['kind', 'township_code', 'village_code']).execute(),
  ]);
  const place = (r: (typeof regions)[number]): PlaceCoverage => ({
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    points: zeroPoints(),
    villages: 0,
    villagesWithBasicServices: 0,
    villagesWithPos: 0,
  });
  const district = place(
    regions.find((r) => r.level === 'district') ?? {
      code: regionCode,
      level: 'district',
      township_code: null,
      name_zh: '',
      name_en: '',
    },
  );
  const townships = new Map<string, PlaceCoverage>();
  const villages = new Map<string, PlaceCoverage & { township: string }>();
  for (const r of regions) {
    if (r.level === 'township') townships.set(r.code, place(r));
    if (r.level === 'village') villages.set(r.code, { ...place(r), township: r.township_code! });
  }
  for (const g of groups) {
    const kind = g.kind as ServicePointKind;
    const n = Number(g.n);
    district.points[kind] += n;
    if (g.township_code !== null) {
      const t = townships.get(g.township_code);
      if (t) t.points[kind] += n;
    }
    if (g.village_code !== null) {
      const v = villages.get(g.village_code);
      if (v) v.points[kind] += n;
    }
  }
  for (const v of villages.values()) {
    v.villages = 1;
    v.villagesWithBasicServices = BASIC_SERVICE_KINDS.some((k) => v.points[k] > 0) ? 1 : 0;
    v.villagesWithPos = v.points.pos > 0 ? 1 : 0;
    for (const up of [townships.get(v.township), district]) {
      if (up === undefined) continue;
      up.villages += 1;
      up.villagesWithBasicServices += v.villagesWithBasicServices;
      up.villagesWithPos += v.villagesWithPos;
    }
  }
  const all = [...townships.values()];
  const strip = ({ township: _t, ...p }: PlaceCoverage & { township: string }) => p;
  return {
    asOf,
    district,
    townships: all.length,
    townshipsWithOutlet: all.filter((t) => t.points.bank_outlet > 0).length,
    townshipsWithAtm: all.filter((t) => t.points.atm > 0).length,
    servedVillages: [...villages.values()]
      .filter((v) => v.villagesWithBasicServices === 1)
      .map((v) => v.code),
    places:
      township === undefined
        ? all
        : [...villages.values()].filter((v) => v.township === township).map(strip),
  };
}

export const networkCoverage = defineUseCase({
  name: 'network.coverage',
  roles: DISTRICT_ROLES,
  scope: 'district',
  writes: false,
  input: z
    .object({ asOf: businessDate.optional(), township: z.string().max(32).optional() })
    .strict(),
  async run({ db, actor, now }, input): Promise<Coverage> {
    return coverageOn(db, actor.regionCode, input.asOf ?? businessDayOf(now), input.township);
  },
});

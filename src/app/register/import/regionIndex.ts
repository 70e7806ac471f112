import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.ts';

/** The district's villages and groups in memory: a few thousand rows checked a million times. */
export interface RegionIndex {
  /** Village code → its township code. */
  villages: Map<string, string>;
  /** Group (社) code → its village code. */
  groups: Map<string, string>;
}

export async function loadRegionIndex(
  db: Kysely<Database>,
  regionCode: string,
): Promise<RegionIndex> {
  const rows = await db
    .selectFrom('regions')
    .select(['code', 'level', 'parent_code', 'township_code'])
    .where('region_code', '=', regionCode)
    .where('level', 'in', ['village', 'group'])
    .execute();
  const villages = new Map<string, string>();
  const groups = new Map<string, string>();
  for (const r of rows) {
    if (r.level === 'village' && r.township_code) villages.set(r.code, r.township_code);
    else if (r.level === 'group' && r.parent_code) groups.set(r.code, r.parent_code);
  }
  return { villages, groups };
}

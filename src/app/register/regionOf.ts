import type { Kysely } from 'kysely';
import type { Database, RegionTable } from '../../store/schema.ts';

export async function regionOf(
  db: Kysely<Database>,
  regionCode: string,
  code: string,
): Promise<RegionTable | undefined> {
  return db
    .selectFrom('regions')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('code', '=', code)
    .executeTakeFirst();
}

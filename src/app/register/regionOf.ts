import type { Kysely } from 'kysely';
import type { Database, RegionTable } from '../../store/schema.ts';
import { canSeeTownship, type Actor } from '../actor.ts';
import { invalid } from '../errors.ts';

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

/**
 * The village a record is placed in. One answer for a missing village and for one in a
 * township outside the actor's scope, so a form field never tells them apart.
 */
export async function villageInScope(
  db: Kysely<Database>,
  actor: Actor,
  code: string,
): Promise<RegionTable & { township_code: string }> {
  const village = await regionOf(db, actor.regionCode, code);
  const township = village?.level === 'village' ? village.township_code : null;
  if (!village || !township || !canSeeTownship(actor, township)) {
    throw invalid(
      'villageCode',
      '行政村代码不存在或不在您的辖区内',
      'no such village code within your area',
      'unknown_village',
    );
  }
  return { ...village, township_code: township };
}

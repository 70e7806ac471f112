import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import type { Database } from '../../store/schema.ts';

/**
 * Register counts by village read from register_tallies, which the database keeps in
 * step with every write of households and operators (migration 0017, decision 0021):
 * a few hundred rows read instead of a million scanned, and never stale.
 */

/** Registered poor households (current register status, whenever registered) by village. */
export async function poorByVillage(
  db: Kysely<Database>,
  regionCode: string,
): Promise<Map<string, bigint>> {
  const rows = await db
    .selectFrom('register_tallies')
    .select(['village_code', (eb) => eb.fn.sum<string | number>('n').as('n')])
    .where('region_code', '=', regionCode)
    .where('kind', '=', 'household')
    .where('poverty_status', '=', 'registered_poor')
    .groupBy('village_code')
    .execute();
  return new Map(rows.map((r) => [r.village_code, BigInt(r.n)]));
}

export interface RegisteredBy {
  village: string;
  township: string;
  households: number;
  operators: number;
}

/** Households and new agricultural operators registered by the end of `asOf`, by village. */
export async function registeredByVillage(
  db: Kysely<Database>,
  regionCode: string,
  asOf: IsoDate,
): Promise<RegisteredBy[]> {
  const rows = await db
    .selectFrom('register_tallies')
    .select([
      'village_code',
      'township_code',
      'kind',
      (eb) => eb.fn.sum<string | number>('n').as('n'),
    ])
    .where('region_code', '=', regionCode)
    .where('created_on', '<=', asOf)
    .groupBy(['village_code', 'township_code', 'kind'])
    .execute();
  const out = new Map<string, RegisteredBy>();
  for (const r of rows) {
    let v = out.get(r.village_code);
    if (!v) {
      v = { village: r.village_code, township: r.township_code, households: 0, operators: 0 };
      out.set(r.village_code, v);
    }
    v[r.kind === 'household' ? 'households' : 'operators'] += Number(r.n);
  }
  return [...out.values()];
}

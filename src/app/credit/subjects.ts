import type { Kysely } from 'kysely';
import type { CreditSubjectKind, Database } from '../../store/schema.ts';
import { canSeeTownship, type Actor } from '../actor.ts';
import { notFound } from '../errors.ts';

/** A household or new agricultural operator whose credit information is collected. */
export interface CreditSubject {
  readonly kind: CreditSubjectKind;
  readonly id: string;
  readonly name: string;
  readonly townshipCode: string;
  readonly villageCode: string;
}

/**
 * The subject if the actor's scope reaches its township (a clerk: their own township; a
 * bank officer: the townships the bank serves); otherwise the same "not found" as a
 * missing one, so no other township's register leaks.
 */
export async function loadSubjectVisible(
  db: Kysely<Database>,
  actor: Actor,
  kind: CreditSubjectKind,
  id: string,
): Promise<CreditSubject> {
  const row =
    kind === 'household'
      ? await db
          .selectFrom('households')
          .select(['id', 'head_name as name', 'township_code', 'village_code'])
          .where('region_code', '=', actor.regionCode)
          .where('id', '=', id)
          .executeTakeFirst()
      : await db
          .selectFrom('operators')
          .select(['id', 'name', 'township_code', 'village_code'])
          .where('region_code', '=', actor.regionCode)
          .where('id', '=', id)
          .executeTakeFirst();
  if (!row || !canSeeTownship(actor, row.township_code)) throw notFound(kind);
  return {
    kind,
    id: row.id,
    name: row.name,
    townshipCode: row.township_code,
    villageCode: row.village_code,
  };
}

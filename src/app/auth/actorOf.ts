import type { Actor } from '../actor.ts';
import type { App } from '../app.ts';
import { DISTRICT_ROLES, type Role } from '../roles.ts';

/** The account columns an actor is built from. */
export interface ActorSource {
  id: string;
  username: string;
  role: Role;
  region_code: string;
  township_code: string | null;
  institution_id: string | null;
  gov_unit_id: string | null;
}

/**
 * An account's reach over the register, the one rule for sessions and the CLI alike:
 * district roles see every township, a clerk their own, a bank officer the townships
 * its institution serves, everyone else none.
 */
export async function actorOf(app: App, user: ActorSource): Promise<Actor> {
  let townships: Actor['townships'] = 'all';
  if (user.role === 'township_clerk') townships = user.township_code ? [user.township_code] : [];
  else if (user.role === 'bank_officer') townships = await servedTownships(app, user);
  else if (!DISTRICT_ROLES.includes(user.role)) townships = [];
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    regionCode: user.region_code,
    townshipCode: user.township_code,
    institutionId: user.institution_id,
    govUnitId: user.gov_unit_id,
    townships,
  };
}

async function servedTownships(app: App, user: ActorSource): Promise<string[]> {
  if (!user.institution_id) return [];
  const inst = await app.store.db
    .selectFrom('institutions')
    .select('served_townships')
    .where('region_code', '=', user.region_code)
    .where('id', '=', user.institution_id)
    .executeTakeFirst();
  return inst ? (JSON.parse(inst.served_townships) as string[]) : [];
}

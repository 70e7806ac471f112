import type { Actor } from '../actor.ts';
import type { App } from '../app.ts';
import { AppError } from '../errors.ts';
import { DISTRICT_ROLES, isRole } from '../roles.ts';

/**
 * The actor a local operator runs a CLI command as (`--as USERNAME`): the account's role
 * and scope, without a session — whoever runs the CLI already holds the database. The
 * scope rules are the ones `authenticate` applies to a session.
 */
export async function actorForUsername(app: App, username: string): Promise<Actor> {
  const db = app.store.db;
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  if (!user || user.disabled !== 0 || !isRole(user.role)) {
    throw new AppError(
      'not_found',
      'unknown_user',
      `用户 ${username} 不存在或已停用`,
      `no active user named ${username}`,
      'as',
    );
  }
  let townships: Actor['townships'] = 'all';
  if (user.role === 'township_clerk') townships = user.township_code ? [user.township_code] : [];
  else if (user.role === 'bank_officer') {
    const inst = user.institution_id
      ? await db
          .selectFrom('institutions')
          .select('served_townships')
          .where('region_code', '=', user.region_code)
          .where('id', '=', user.institution_id)
          .executeTakeFirst()
      : undefined;
    townships = inst ? (JSON.parse(inst.served_townships) as string[]) : [];
  } else if (!DISTRICT_ROLES.includes(user.role)) townships = [];
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

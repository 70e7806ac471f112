import type { Actor } from '../actor.ts';
import type { App } from '../app.ts';
import { AppError } from '../errors.ts';
import { isRole } from '../roles.ts';
import { actorOf } from './actorOf.ts';

/**
 * The actor a local operator runs a CLI command as (`--as USERNAME`): the account's role
 * and scope, without a session — whoever runs the CLI already holds the database. Its
 * scope comes from `actorOf`, as a session's does.
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
  return actorOf(app, { ...user, role: user.role });
}

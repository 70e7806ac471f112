import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import type { App } from '../app.ts';
import { AppError, unauthenticated } from '../errors.ts';
import { newId } from '../ids.ts';
import { isRole } from '../roles.ts';
import { actorOf } from './actorOf.ts';
import { parseInput } from '../validation.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

/** Sessions live 12 hours from login and end after 2 idle hours, whichever is first. */
const SESSION_HOURS = 12;
const IDLE_MS = 2 * 3600_000;
/** Five failures per account, or thirty per address, within 15 minutes lock login out. */
const WINDOW_MS = 15 * 60_000;
const MAX_PER_USER = 5;
const MAX_PER_IP = 30;

const tokenId = (token: string): string => createHash('sha256').update(token).digest('hex');

let dummy: Promise<string> | undefined;
/** The hash of a random password, verified against when the username is unknown. */
const dummyHash = (): Promise<string> => (dummy ??= hashPassword(randomBytes(16).toString('hex')));

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  regionCode: string;
  townshipCode: string | null;
  townshipName: string | null;
  institutionId: string | null;
  institutionName: string | null;
  govUnitId: string | null;
}

const loginInput = z
  .object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) })
  .strict();

const badCredentials = (): AppError =>
  new AppError(
    'unauthenticated',
    'bad_credentials',
    '用户名或密码错误',
    'Wrong username or password',
  );

export async function login(
  app: App,
  raw: unknown,
  client: { ip: string; userAgent: string | null },
): Promise<{ token: string; user: SessionUser; expiresAt: Date }> {
  const { username, password } = parseInput(loginInput, raw);
  const db = app.store.db;
  const now = app.now();
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  const [byUser, byIp] = await Promise.all([
    db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('username', '=', username)
      .where('at', '>', since)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', client.ip)
      .where('at', '>', since)
      .executeTakeFirstOrThrow(),
  ]);
  if (Number(byUser.n) >= MAX_PER_USER || Number(byIp.n) >= MAX_PER_IP) {
    throw new AppError(
      'throttled',
      'login_throttled',
      '登录失败次数过多，请15分钟后再试',
      'Too many failed logins; try again in 15 minutes',
    );
  }
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  // Always pay for one argon2 verification, so an unknown or disabled account answers
  // no faster than a wrong password (no user enumeration by timing).
  const verified = await verifyPassword(user?.password_hash ?? (await dummyHash()), password);
  const ok = user !== undefined && user.disabled === 0 && verified;
  if (!ok || !user) {
    await db
      .insertInto('login_failures')
      .values({ id: newId(now.getTime()), username, ip: client.ip, at: now.toISOString() })
      .execute();
    throw badCredentials();
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await db
    .insertInto('sessions')
    .values({
      id: tokenId(token),
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      last_seen_at: now.toISOString(),
      revoked_at: null,
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 200) ?? null,
    })
    .execute();
  await db.deleteFrom('login_failures').where('username', '=', username).execute();
  return { token, user: await sessionUser(app, user.id), expiresAt };
}

export async function logout(app: App, token: string): Promise<void> {
  await app.store.db
    .updateTable('sessions')
    .set({ revoked_at: app.now().toISOString() })
    .where('id', '=', tokenId(token))
    .where('revoked_at', 'is', null)
    .execute();
}

/** Resolves a session token to its actor, or refuses: expired, idle, revoked, disabled. */
export async function authenticate(app: App, token: string | undefined): Promise<Actor> {
  if (!token || token.length > 100) throw unauthenticated();
  const db = app.store.db;
  const now = app.now();
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id as sid',
      's.expires_at',
      's.last_seen_at',
      's.revoked_at',
      'u.id',
      'u.username',
      'u.role',
      'u.region_code',
      'u.township_code',
      'u.institution_id',
      'u.gov_unit_id',
      'u.disabled',
    ])
    .where('s.id', '=', tokenId(token))
    .executeTakeFirst();
  if (
    !row ||
    row.revoked_at !== null ||
    row.disabled !== 0 ||
    row.expires_at <= now.toISOString() ||
    now.getTime() - Date.parse(row.last_seen_at) > IDLE_MS ||
    !isRole(row.role)
  ) {
    throw unauthenticated();
  }
  // Touch at most once a minute: idle expiry needs no finer grain, and reads stay reads.
  if (now.getTime() - Date.parse(row.last_seen_at) > 60_000) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('id', '=', row.sid)
      .execute();
  }
  return actorOf(app, { ...row, role: row.role });
}

export async function sessionUser(app: App, userId: string): Promise<SessionUser> {
  const db = app.store.db;
  const u = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const [township, institution] = await Promise.all([
    u.township_code
      ? db
          .selectFrom('regions')
          .select('name_zh')
          .where('region_code', '=', u.region_code)
          .where('code', '=', u.township_code)
          .executeTakeFirst()
      : undefined,
    u.institution_id
      ? db
          .selectFrom('institutions')
          .select('name_zh')
          .where('region_code', '=', u.region_code)
          .where('id', '=', u.institution_id)
          .executeTakeFirst()
      : undefined,
  ]);
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    regionCode: u.region_code,
    townshipCode: u.township_code,
    townshipName: township?.name_zh ?? null,
    institutionId: u.institution_id,
    institutionName: institution?.name_zh ?? null,
    govUnitId: u.gov_unit_id,
  };
}

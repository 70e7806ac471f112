import { z } from 'zod';
import type { UserTable } from '../../store/schema.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { ROLES } from '../roles.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual } from '../validation.ts';
import { hashPassword, newPassword } from './passwords.ts';

const ADMINS = ['district_admin'] as const;

const view = (u: UserTable) => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  role: u.role,
  townshipCode: u.township_code,
  institutionId: u.institution_id,
  govUnitId: u.gov_unit_id,
  disabled: u.disabled !== 0,
  isDemo: u.is_demo !== 0,
});

export const userInput = z
  .object({
    username: z
      .string()
      .trim()
      .regex(
        /^[a-z0-9][a-z0-9._-]{2,31}$/,
        bilingual(
          '用户名为3–32位小写字母、数字或._-',
          'username must be 3–32 lowercase letters, digits or ._-',
        ),
      ),
    displayName: z.string().trim().min(1).max(50),
    role: z.enum(ROLES),
    townshipCode: z.string().max(15).optional(),
    institutionCode: z.string().max(32).optional(),
    govUnitCode: z.string().max(32).optional(),
    password: newPassword,
    isDemo: z.boolean().default(false),
  })
  .strict();

export const createUser = defineUseCase({
  name: 'user.create',
  roles: ADMINS,
  scope: 'district',
  writes: true,
  input: userInput,
  async run({ db, actor, now, audit }, input) {
    const exists = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (exists)
      throw conflict('duplicate_username', '用户名已存在', 'username already exists', 'username');
    let townshipCode: string | null = null;
    let institutionId: string | null = null;
    let govUnitId: string | null = null;
    if (input.role === 'township_clerk') {
      const t = input.townshipCode
        ? await db
            .selectFrom('regions')
            .select('code')
            .where('region_code', '=', actor.regionCode)
            .where('code', '=', input.townshipCode)
            .where('level', '=', 'township')
            .executeTakeFirst()
        : undefined;
      if (!t)
        throw invalid(
          'townshipCode',
          '乡镇经办员须指定所属乡镇',
          'a township clerk needs an existing township',
          'scope_required',
        );
      townshipCode = t.code;
    }
    if (['bank_officer', 'insurer', 'guarantor'].includes(input.role)) {
      const i = input.institutionCode
        ? await db
            .selectFrom('institutions')
            .select('id')
            .where('region_code', '=', actor.regionCode)
            .where('code', '=', input.institutionCode)
            .executeTakeFirst()
        : undefined;
      if (!i)
        throw invalid(
          'institutionCode',
          '该角色须指定所属机构',
          'this role needs an existing institution',
          'scope_required',
        );
      institutionId = i.id;
    }
    if (input.role === 'gov_unit') {
      const g = input.govUnitCode
        ? await db
            .selectFrom('gov_units')
            .select('id')
            .where('region_code', '=', actor.regionCode)
            .where('code', '=', input.govUnitCode)
            .executeTakeFirst()
        : undefined;
      if (!g)
        throw invalid(
          'govUnitCode',
          '责任单位用户须指定所属单位',
          'a responsible-unit user needs an existing unit',
          'scope_required',
        );
      govUnitId = g.id;
    }
    const row: UserTable = {
      region_code: actor.regionCode,
      id: newId(now.getTime()),
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      township_code: townshipCode,
      institution_id: institutionId,
      gov_unit_id: govUnitId,
      password_hash: await hashPassword(input.password),
      disabled: 0,
      is_demo: input.isDemo ? 1 : 0,
      created_at: now.toISOString(),
    };
    await db.insertInto('users').values(row).execute();
    const result = view(row);
    await audit({ action: 'user.create', entity: 'user', entityId: row.id, after: result });
    return result;
  },
});

export const resetPassword = defineUseCase({
  name: 'user.reset-password',
  roles: ADMINS,
  scope: 'district',
  writes: true,
  input: z.object({ username: z.string().trim().min(1).max(64), password: newPassword }).strict(),
  async run({ db, actor, now, audit }, input) {
    const u = await db
      .selectFrom('users')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (!u) throw notFound('user');
    await db
      .updateTable('users')
      .set({ password_hash: await hashPassword(input.password) })
      .where('id', '=', u.id)
      .execute();
    // A new password ends every session opened with the old one.
    await db
      .updateTable('sessions')
      .set({ revoked_at: now.toISOString() })
      .where('user_id', '=', u.id)
      .where('revoked_at', 'is', null)
      .execute();
    await audit({ action: 'user.reset-password', entity: 'user', entityId: u.id });
    return view(u);
  },
});

export const listUsers = defineUseCase({
  name: 'user.list',
  roles: [...ADMINS, 'auditor'],
  scope: 'district',
  writes: false,
  input: z.object({}).strict(),
  async run({ db, actor }) {
    const rows = await db
      .selectFrom('users')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .orderBy('username')
      .execute();
    return { items: rows.map(view) };
  },
});

export const listSessions = defineUseCase({
  name: 'session.list',
  roles: [...ADMINS, 'auditor'],
  scope: 'district',
  writes: false,
  input: z.object({ userId: z.string().min(1).max(64) }).strict(),
  async run({ db, actor }, input) {
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', input.userId)
      .executeTakeFirst();
    if (!user) throw notFound('user');
    const rows = await db
      .selectFrom('sessions')
      .select(['id', 'created_at', 'expires_at', 'last_seen_at', 'revoked_at', 'ip', 'user_agent'])
      .where('user_id', '=', user.id)
      .orderBy('created_at', 'desc')
      .limit(50)
      .execute();
    // The session id is a hash of the token, so showing it gives nobody a way in.
    return {
      items: rows.map((s) => ({
        id: s.id,
        createdAt: s.created_at,
        expiresAt: s.expires_at,
        lastSeenAt: s.last_seen_at,
        revokedAt: s.revoked_at,
        ip: s.ip,
        userAgent: s.user_agent,
      })),
    };
  },
});

export const revokeSession = defineUseCase({
  name: 'session.revoke',
  roles: ADMINS,
  scope: 'district',
  writes: true,
  input: z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
  async run({ db, actor, now, audit }, input) {
    const s = await db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.id', 's.user_id', 's.revoked_at'])
      .where('s.id', '=', input.id)
      .where('u.region_code', '=', actor.regionCode)
      .executeTakeFirst();
    if (!s) throw notFound('session');
    await db
      .updateTable('sessions')
      .set({ revoked_at: now.toISOString() })
      .where('id', '=', s.id)
      .execute();
    await audit({
      action: 'session.revoke',
      entity: 'user',
      entityId: s.user_id,
      detail: { session: s.id.slice(0, 12) },
    });
    return { revoked: true };
  },
});

import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/app/demo/seedDemo.ts';
import { buildServer, SESSION_COOKIE } from '../../src/http/server.ts';
import { seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import {
  ALL_TABLES,
  BAIMA,
  Clock,
  auditRows,
  auditSince,
  call,
  cookieFor,
  dump,
  expectBilingual,
  expectFieldError,
  type Answer,
} from './helpers.ts';

/** Logging in and out, throttling, password storage and the audit log's immutability. */
const API = '/api/v1';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describeEachDialect('authentication', (dialect) => {
  const clock = new Clock();
  let t: TestApp;
  let server: FastifyInstance;
  let admin = '';

  beforeAll(async () => {
    t = await openTestApp(dialect, clock.now);
    await seedSmallDistrict(t.app);
    server = await buildServer(t.app);
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  const loginAs = (username: string, password: string, ip: string): Promise<Answer> =>
    call(server, null, 'POST', `${API}/auth/login`, { username, password }, ip);
  const me = (cookie: string | null): Promise<Answer> =>
    call(server, cookie, 'GET', `${API}/auth/me`);

  describe('logging in', () => {
    it('sets an HttpOnly, SameSite=Strict session cookie and keeps only a hash of the token', async () => {
      const res = await server.inject({
        method: 'POST',
        url: `${API}/auth/login`,
        payload: { username: 'fpb', password: DEMO_PASSWORD },
        remoteAddress: '10.0.1.1',
      });
      expect(res.statusCode).toBe(200);
      const header = String(res.headers['set-cookie']);
      expect(header).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
      expect(header).toMatch(/; HttpOnly/);
      expect(header).toMatch(/; SameSite=Strict/);
      expect(header).toMatch(/; Path=\//);
      const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
      // the session lasts 12 hours from login
      expect(new Date(cookie.expires!).getTime()).toBe(clock.current.getTime() + 12 * HOUR);

      const body = res.json<{ user: Record<string, unknown> }>();
      expect(body.user).toMatchObject({ username: 'fpb', role: 'poverty_office' });
      expect(JSON.stringify(body)).not.toMatch(/argon2|password/i);

      const token = cookie.value;
      const rows = await t.app.store.db.selectFrom('sessions').selectAll().execute();
      expect(rows.map((r) => r.id)).toContain(createHash('sha256').update(token).digest('hex'));
      expect(JSON.stringify(rows)).not.toContain(token);

      const who = await me(`${SESSION_COOKIE}=${token}`);
      expect(who.status).toBe(200);
      expect(who.body).toMatchObject({ user: { username: 'fpb' } });
    });

    it('answers a wrong password and an unknown user identically (no user enumeration)', async () => {
      const wrong = await loginAs('czj', 'Wrong-passw0rd', '10.0.2.1');
      const unknown = await loginAs('no-such-user', 'Wrong-passw0rd', '10.0.2.2');
      expect(wrong.status).toBe(401);
      expectBilingual(wrong.body, 'bad_credentials');
      expect(unknown.status).toBe(wrong.status);
      expect(unknown.body).toEqual(wrong.body);
      expect(unknown.headers['set-cookie']).toBeUndefined();
      expect(wrong.headers['set-cookie']).toBeUndefined();
    });

    it('takes as long for an unknown user as for a wrong password (argon2 is paid either way)', async () => {
      const timed = async (username: string, ip: string): Promise<number> => {
        const start = performance.now();
        const res = await loginAs(username, 'Wrong-passw0rd', ip);
        expect(res.status).toBe(401);
        return performance.now() - start;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (const [i, u] of ['jrzx', 'rh', 'picc', 'xndb'].entries()) {
        known.push(await timed(u, `10.0.3.${i}`));
        unknown.push(await timed(`ghost-${i}`, `10.0.4.${i}`));
      }
      // without the dummy verification an unknown user answers ~20–50× faster
      expect(Math.min(...unknown)).toBeGreaterThan(Math.min(...known) * 0.3);
    });

    it('after 5 failures locks the account for 15 minutes, even with the right password; other accounts are not locked', async () => {
      for (let i = 0; i < 5; i++) {
        const res = await loginAs('baima', `Wrong-passw0rd-${i}`, `10.0.5.${i}`);
        expect(res.status, `failure ${i + 1}`).toBe(401);
      }
      const locked = await loginAs('baima', DEMO_PASSWORD, '10.0.5.99');
      expect(locked.status).toBe(429);
      expectBilingual(locked.body, 'login_throttled');
      expect(locked.headers['set-cookie']).toBeUndefined();

      // the lock is per username: another account from the same address logs in
      expect((await loginAs('houping', DEMO_PASSWORD, '10.0.5.4')).status).toBe(200);

      // an unknown username locks the same way, so the lock tells nothing either
      for (let i = 0; i < 5; i++) await loginAs('nobody-here', 'Wrong-passw0rd', '10.0.6.1');
      const ghost = await loginAs('nobody-here', 'Wrong-passw0rd', '10.0.6.2');
      expect(ghost.status).toBe(429);
      expect(ghost.body).toEqual(locked.body);

      clock.advance(14 * MINUTE);
      expect((await loginAs('baima', DEMO_PASSWORD, '10.0.5.99')).status).toBe(429);
      clock.advance(1 * MINUTE + 1000);
      expect((await loginAs('baima', DEMO_PASSWORD, '10.0.5.99')).status).toBe(200);
    });

    it('after 30 failures from one address locks that address, for every account', async () => {
      const ip = '10.0.7.7';
      const names = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8'];
      for (let i = 0; i < 30; i++) {
        const res = await loginAs(`spray-${names[i % names.length]}`, 'Wrong-passw0rd', ip);
        expect(res.status, `failure ${i + 1}`).toBe(401);
      }
      const locked = await loginAs('jrzx', DEMO_PASSWORD, ip);
      expect(locked.status).toBe(429);
      expectBilingual(locked.body, 'login_throttled');
      expect((await loginAs('jrzx', DEMO_PASSWORD, '10.0.7.8')).status).toBe(200);
      clock.advance(15 * MINUTE + 1000);
    });

    it('refuses a malformed login bilingually and records no failure for it', async () => {
      const before = await dump(t.app, ['login_failures', 'sessions']);
      expectFieldError(await loginAs('', DEMO_PASSWORD, '10.0.8.1'), 400, 'username');
      expectFieldError(
        await call(server, null, 'POST', `${API}/auth/login`, { username: 'admin' }),
        400,
        'password',
      );
      const extra = await call(server, null, 'POST', `${API}/auth/login`, {
        username: 'admin',
        password: DEMO_PASSWORD,
        role: 'district_admin',
      });
      expectFieldError(extra, 400, 'role');
      expect(await dump(t.app, ['login_failures', 'sessions'])).toEqual(before);
    });
  });

  describe('sessions', () => {
    it('logging out revokes the session server-side and clears the cookie', async () => {
      const cookie = await cookieFor(server, 'czj', DEMO_PASSWORD, '10.1.0.1');
      expect((await me(cookie)).status).toBe(200);
      const out = await server.inject({
        method: 'POST',
        url: `${API}/auth/logout`,
        headers: { cookie },
      });
      expect(out.statusCode).toBe(204);
      expect(String(out.headers['set-cookie'])).toMatch(
        new RegExp(`^${SESSION_COOKIE}=;.*Expires=Thu, 01 Jan 1970`),
      );
      // replaying the old cookie does not work: the server revoked it
      const replay = await me(cookie);
      expect(replay.status).toBe(401);
      expectBilingual(replay.body, 'unauthenticated');
      expect((await call(server, cookie, 'GET', `${API}/households`)).status).toBe(401);
      const id = createHash('sha256')
        .update(cookie.slice(cookie.indexOf('=') + 1))
        .digest('hex');
      const row = await t.app.store.db
        .selectFrom('sessions')
        .select('revoked_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.revoked_at).toBe(clock.current.toISOString());
    });

    it('ends after 2 idle hours', async () => {
      const cookie = await cookieFor(server, 'rh', DEMO_PASSWORD, '10.1.1.1');
      clock.advance(2 * HOUR - MINUTE);
      expect((await me(cookie)).status).toBe(200);
      clock.advance(2 * HOUR + MINUTE);
      expect((await me(cookie)).status).toBe(401);
    });

    it('ends 12 hours after login even when in use', async () => {
      const cookie = await cookieFor(server, 'yjb', DEMO_PASSWORD, '10.1.2.1');
      for (let h = 0; h < 11; h++) {
        clock.advance(HOUR);
        expect((await me(cookie)).status, `after ${h + 1} h`).toBe(200);
      }
      clock.advance(HOUR);
      expect((await me(cookie)).status).toBe(401);
    });
  });

  describe('passwords', () => {
    // the sessions tests moved the clock past the first admin session's lifetime
    beforeAll(async () => {
      admin = await cookieFor(server, 'admin', DEMO_PASSWORD, '10.0.0.2');
    });
    it('are stored as argon2id hashes, and never reach the audit log or any other table', async () => {
      const password = 'Clerk-Passw0rd-2017';
      const audit = await auditRows(t.app);
      const created = await call(server, admin, 'POST', `${API}/users`, {
        username: 'new-clerk',
        displayName: '新经办员',
        role: 'township_clerk',
        townshipCode: BAIMA,
        password,
      });
      expect(created.status).toBe(201);
      expect(JSON.stringify(created.body)).not.toMatch(/argon2|password|Passw0rd/i);
      const reset = 'Clerk-Reset-2018';
      expect(
        (
          await call(server, admin, 'POST', `${API}/users/reset-password`, {
            username: 'new-clerk',
            password: reset,
          })
        ).status,
      ).toBe(200);
      expect((await loginAs('new-clerk', reset, '10.2.0.1')).status).toBe(200);

      const users = await t.app.store.db
        .selectFrom('users')
        .select(['username', 'password_hash'])
        .execute();
      for (const u of users)
        expect(u.password_hash, u.username).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

      const everything = JSON.stringify(await dump(t.app, ALL_TABLES));
      for (const secret of [password, reset, DEMO_PASSWORD])
        expect(everything).not.toContain(secret);

      const written = await auditSince(t.app, audit);
      expect(written.map((e) => e.action).sort()).toEqual(['user.create', 'user.reset-password']);
      const log = JSON.stringify(await auditRows(t.app));
      expect(log).not.toContain('$argon2');
      expect(log).not.toMatch(/password_hash/);
    });

    it('user.create refuses weak passwords, missing scope and duplicates with bilingual field errors, writing nothing', async () => {
      const base = {
        username: 'another-clerk',
        displayName: '另一经办员',
        role: 'township_clerk',
        townshipCode: BAIMA,
        password: 'Good-Passw0rd-1',
      };
      const cases: [string, Record<string, unknown>, number, string, string][] = [
        ['too short', { password: 'Ab1-short' }, 400, 'password', 'invalid_input'],
        ['no digit', { password: 'NoDigitsHereAtAll' }, 400, 'password', 'invalid_input'],
        ['no letter', { password: '1234567890123' }, 400, 'password', 'invalid_input'],
        [
          'clerk without township',
          { townshipCode: undefined },
          400,
          'townshipCode',
          'scope_required',
        ],
        [
          'clerk of no township',
          { townshipCode: '500156999' },
          400,
          'townshipCode',
          'scope_required',
        ],
        [
          'clerk of a village, not a township',
          { townshipCode: `${BAIMA}001` },
          400,
          'townshipCode',
          'scope_required',
        ],
        [
          'bank officer without institution',
          { role: 'bank_officer', townshipCode: undefined },
          400,
          'institutionCode',
          'scope_required',
        ],
        [
          'responsible-unit user without unit',
          { role: 'gov_unit', townshipCode: undefined },
          400,
          'govUnitCode',
          'scope_required',
        ],
        ['duplicate username', { username: 'baima' }, 409, 'username', 'duplicate_username'],
        ['bad username', { username: 'Bad Name' }, 400, 'username', 'invalid_input'],
        ['unknown role', { role: 'superuser' }, 400, 'role', 'invalid_input'],
      ];
      const before = await dump(t.app, ALL_TABLES);
      for (const [what, change, status, field, code] of cases) {
        const res = await call(server, admin, 'POST', `${API}/users`, { ...base, ...change });
        expect(res.status, what).toBe(status);
        expectBilingual(res.body, code);
        expect((res.body as { field?: string }).field, what).toBe(field);
      }
      expect(await dump(t.app, ALL_TABLES)).toEqual(before);
      // the base form itself is fine
      expect((await call(server, admin, 'POST', `${API}/users`, base)).status).toBe(201);
    });

    it('only an administrator creates users or resets passwords', async () => {
      const clerk = await cookieFor(server, 'houping', DEMO_PASSWORD, '10.2.1.1');
      const before = await dump(t.app, ALL_TABLES);
      for (const [url, payload] of [
        [
          '/users',
          {
            username: 'sneaky',
            displayName: '越权',
            role: 'district_admin',
            password: 'Sneaky-Passw0rd',
          },
        ],
        ['/users/reset-password', { username: 'admin', password: 'Sneaky-Passw0rd' }],
      ] as const) {
        const res = await call(server, clerk, 'POST', `${API}${url}`, payload);
        expect(res.status, url).toBe(403);
        expectBilingual(res.body, 'forbidden');
      }
      expect(await dump(t.app, ALL_TABLES)).toEqual(before);
    });
  });

  describe('the audit log', () => {
    // Row-level triggers do not fire on TRUNCATE (PostgreSQL only; SQLite has none).
    it.runIf(dialect === 'postgres')('refuses TRUNCATE on PostgreSQL', async () => {
      const before = await auditRows(t.app);
      await expect(sql`TRUNCATE audit_log`.execute(t.app.store.db)).rejects.toThrow(/append-only/);
      expect(await auditRows(t.app)).toEqual(before);
    });
    it('is append-only in the database itself: UPDATE and DELETE throw and change nothing', async () => {
      const db = t.app.store.db;
      const before = await auditRows(t.app);
      expect(before.length).toBeGreaterThan(0);
      const target = before[0]!;

      await expect(
        db
          .updateTable('audit_log')
          .set({ action: 'tampered' })
          .where('id', '=', target.id)
          .execute(),
      ).rejects.toThrow(/append-only/);
      await expect(
        db.updateTable('audit_log').set({ actor_username: 'nobody' }).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(
        db.deleteFrom('audit_log').where('id', '=', target.id).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
      await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow(/append-only/);
      // nor inside a transaction that would otherwise commit
      await expect(
        db.transaction().execute(async (trx) => {
          await trx.deleteFrom('audit_log').where('id', '=', target.id).execute();
        }),
      ).rejects.toThrow(/append-only/);

      expect(await auditRows(t.app)).toEqual(before);
      // appending still works
      const audit = await auditRows(t.app);
      expect((await loginAs('fpb', DEMO_PASSWORD, '10.3.0.1')).status).toBe(200);
      await call(server, admin, 'POST', `${API}/users/reset-password`, {
        username: 'fgw',
        password: 'Append-Passw0rd-1',
      });
      expect((await auditSince(t.app, audit)).map((e) => e.action)).toEqual([
        'user.reset-password',
      ]);
    });
  });
});

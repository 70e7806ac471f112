import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/app/demo/seedDemo.ts';
import { ROUTES } from '../../src/http/routes.ts';
import { buildServer } from '../../src/http/server.ts';
import type { HouseholdTable } from '../../src/store/schema.ts';
import { seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import {
  ALL_TABLES,
  BAIMA,
  Clock,
  HOUPING,
  ICBC_SERVED,
  RANDOM_UUID,
  auditRows,
  auditSince,
  call,
  cookieFor,
  dump,
  expectBilingual,
  expectFieldError,
  householdIn,
  householdState,
  residentId,
  usccFor,
  type Answer,
  type Table,
} from './helpers.ts';

/**
 * Attacks on scope through the public HTTP API. Every refusal must look exactly like the
 * answer for a record that does not exist, and must leave the database as it was.
 */
const API = '/api/v1';
const REGISTER_TABLES: readonly Table[] = [
  'households',
  'household_members',
  'poverty_status_history',
  'operators',
  'users',
  'audit_log',
];

type Method = 'GET' | 'POST' | 'PATCH';
interface ListPage {
  items: { id: string; townshipCode: string }[];
  total: number;
}

const tokenOf = (cookie: string): string => cookie.slice(cookie.indexOf('=') + 1);
const sessionIdOf = (cookie: string): string =>
  createHash('sha256').update(tokenOf(cookie)).digest('hex');

describeEachDialect('scope attacks over HTTP', (dialect) => {
  const clock = new Clock();
  let t: TestApp;
  let server: FastifyInstance;
  const cookie: Record<string, string> = {};
  let mine: HouseholdTable; // in 白马镇, the baima clerk's township (served by ICBC)
  let theirs: HouseholdTable; // in 后坪乡, the houping clerk's township (not served by ICBC)

  beforeAll(async () => {
    t = await openTestApp(dialect, clock.now);
    await seedSmallDistrict(t.app);
    server = await buildServer(t.app);
    for (const u of ['admin', 'baima', 'houping', 'icbc', 'abc']) {
      cookie[u] = await cookieFor(server, u);
    }
    mine = await householdIn(t.app, BAIMA);
    theirs = await householdIn(t.app, HOUPING);
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  const as = (who: string, method: Method, url: string, payload?: unknown): Promise<Answer> =>
    call(server, cookie[who]!, method, `${API}${url}`, payload);

  const versionOf = async (id: string): Promise<number> =>
    (await householdState(t.app, id)).household!.version;

  /** Runs `attack` and proves it changed no row of the register, no account, no audit entry. */
  async function changesNothing<T>(
    attack: () => Promise<T>,
    tables: readonly Table[] = REGISTER_TABLES,
  ): Promise<T> {
    const before = await dump(t.app, tables);
    const result = await attack();
    expect(await dump(t.app, tables)).toEqual(before);
    return result;
  }

  /**
   * The request aimed at `theirs` (outside the caller's scope) and the same request aimed
   * at a record that does not exist: same status, same body, and nothing changed.
   */
  async function refusedLikeMissing(
    who: string,
    method: Method,
    url: (id: string) => string,
    payload?: unknown,
  ): Promise<void> {
    await changesNothing(async () => {
      const foreign = await as(who, method, url(theirs.id), payload);
      const missing = await as(who, method, url(RANDOM_UUID), payload);
      expect(foreign.status, JSON.stringify(foreign.body)).toBe(404);
      expectBilingual(foreign.body, 'not_found');
      expect(missing.status).toBe(foreign.status);
      expect(missing.body).toEqual(foreign.body);
    });
  }

  const validHousehold = (villageCode: string, seq: number) => ({
    householdNo: `T${seq}`.padEnd(8, '0'),
    villageCode,
    headName: '测试户主',
    headIdNumber: residentId(seq),
    phone: '13800138000',
    povertyStatus: 'registered_poor',
    statusEffectiveFrom: '2017-03-01',
    statusSource: '动态调整',
  });

  describe('a township clerk', () => {
    it("reads its own household, but another township's answers exactly like a missing one", async () => {
      const own = await as('baima', 'GET', `/households/${mine.id}`);
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ id: mine.id, townshipCode: BAIMA });
      // the record is fine: its own clerk reads it
      expect((await as('houping', 'GET', `/households/${theirs.id}`)).status).toBe(200);

      await refusedLikeMissing('baima', 'GET', (id) => `/households/${id}`);
      await refusedLikeMissing('baima', 'GET', (id) => `/households/${id}/history`);
      await refusedLikeMissing(
        'baima',
        'GET',
        (id) => `/households/${id}/poverty-status-on?date=2017-01-01`,
      );
    });

    it("cannot edit another township's household", async () => {
      const edit = { version: theirs.version, headName: '篡改者', phone: '13900000000' };
      await refusedLikeMissing('baima', 'PATCH', (id) => `/households/${id}`, edit);
      // the same edit on its own household goes through (the refusal is about scope)
      const own = await as('baima', 'PATCH', `/households/${mine.id}`, {
        ...edit,
        version: await versionOf(mine.id),
      });
      expect(own.status).toBe(200);
    });

    it("cannot record another township household's poverty status", async () => {
      const change = { status: 'registered_poor', effectiveFrom: '2017-05-01', source: '动态调整' };
      await refusedLikeMissing('baima', 'POST', (id) => `/households/${id}/poverty-status`, change);
      expect(
        (await as('houping', 'POST', `/households/${theirs.id}/poverty-status`, change)).status,
      ).toBe(201);
      theirs = (await householdState(t.app, theirs.id)).household!;
    });

    it("listing with another township's filters returns nothing of that township", async () => {
      const own = await as('baima', 'GET', '/households?pageSize=200');
      expect(own.status).toBe(200);
      const page = own.body as ListPage;
      expect(page.total).toBe(20);
      expect(new Set(page.items.map((i) => i.townshipCode))).toEqual(new Set([BAIMA]));

      for (const query of [
        `township=${HOUPING}`,
        `village=${theirs.village_code}`,
        `township=${HOUPING}&village=${theirs.village_code}`,
        `status=${theirs.poverty_status}&township=${HOUPING}`,
      ]) {
        const res = await as('baima', 'GET', `/households?${query}`);
        expect(res.status, query).toBe(200);
        expect(res.body, query).toMatchObject({ total: 0, items: [] });
      }
      // searching by another township's household number, full ID or name finds nothing there
      for (const q of [theirs.household_no, theirs.head_id_number, theirs.head_name]) {
        const res = await as('baima', 'GET', `/households?pageSize=200&q=${encodeURIComponent(q)}`);
        expect(res.status).toBe(200);
        const items = (res.body as ListPage).items;
        expect(items.filter((i) => i.townshipCode !== BAIMA)).toEqual([]);
        expect(items.map((i) => i.id)).not.toContain(theirs.id);
      }
      // the filters themselves work: the owner finds the record with them
      const found = await as('houping', 'GET', `/households?q=${theirs.household_no}`);
      expect((found.body as ListPage).items.map((i) => i.id)).toEqual([theirs.id]);
      const filtered = await as('houping', 'GET', `/households?township=${HOUPING}`);
      expect((filtered.body as ListPage).total).toBe(20);
    });

    it("cannot see another township's operators, by list or by id", async () => {
      const op = await t.app.store.db
        .selectFrom('operators')
        .selectAll()
        .where('township_code', '!=', BAIMA)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const listed = await as('baima', 'GET', `/operators?township=${op.township_code}`);
      expect(listed.body).toMatchObject({ total: 0, items: [] });
      const all = await as('baima', 'GET', '/operators?pageSize=200');
      expect((all.body as ListPage).items.every((i) => i.townshipCode === BAIMA)).toBe(true);
      expect((await as('admin', 'GET', `/operators/${op.id}`)).status).toBe(200);
      await changesNothing(async () => {
        const foreign = await as('baima', 'GET', `/operators/${op.id}`);
        const missing = await as('baima', 'GET', `/operators/${RANDOM_UUID}`);
        expect(foreign.status).toBe(404);
        expectBilingual(foreign.body, 'not_found');
        expect(missing).toEqual(foreign);
      });
    });

    it('cannot move its own household into another township: the answer is that for a village that does not exist', async () => {
      const version = await versionOf(mine.id);
      const url = `/households/${mine.id}`;
      const attack = await changesNothing(() =>
        as('baima', 'PATCH', url, { version, villageCode: theirs.village_code }),
      );
      const missing = await changesNothing(() =>
        as('baima', 'PATCH', url, { version, villageCode: '500156999001' }),
      );
      expectFieldError(attack, 400, 'villageCode', 'unknown_village');
      expect(missing.status).toBe(attack.status);
      expect(missing.body).toEqual(attack.body);

      // a move inside its own township is allowed
      const sibling = mine.village_code === `${BAIMA}001` ? `${BAIMA}002` : `${BAIMA}001`;
      const moved = await as('baima', 'PATCH', url, { version, villageCode: sibling });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({
        villageCode: sibling,
        townshipCode: BAIMA,
        version: version + 1,
      });
      // and a district administrator may move it across townships
      const admin = await as('admin', 'PATCH', url, {
        version: version + 1,
        villageCode: theirs.village_code,
      });
      expect(admin.status).toBe(200);
      expect(admin.body).toMatchObject({ townshipCode: HOUPING });
      // after which the clerk of 白马镇 no longer sees it
      expect((await as('baima', 'GET', url)).status).toBe(404);
      const back = await as('admin', 'PATCH', url, {
        version: version + 2,
        villageCode: mine.village_code,
      });
      expect(back.status).toBe(200);
    });

    it("cannot register a household or an operator in another township's village", async () => {
      const inTheirs = await changesNothing(() =>
        as('baima', 'POST', '/households', validHousehold(theirs.village_code, 901)),
      );
      const nowhere = await changesNothing(() =>
        as('baima', 'POST', '/households', validHousehold('500156999001', 901)),
      );
      expectFieldError(inTheirs, 400, 'villageCode', 'unknown_village');
      expect(nowhere).toEqual(inTheirs);

      const operator = (villageCode: string) => ({
        kind: 'cooperative',
        name: '测试种养合作社',
        uscc: usccFor(901),
        villageCode,
        workforce: 12,
        poorWorkforce: 4,
      });
      const opTheirs = await changesNothing(() =>
        as('baima', 'POST', '/operators', operator(theirs.village_code)),
      );
      const opNowhere = await changesNothing(() =>
        as('baima', 'POST', '/operators', operator('500156999001')),
      );
      expectFieldError(opTheirs, 400, 'villageCode', 'unknown_village');
      expect(opNowhere).toEqual(opTheirs);

      // the same forms in its own village are accepted
      const ownVillage = `${BAIMA}001`;
      expect(
        (await as('baima', 'POST', '/households', validHousehold(ownVillage, 901))).status,
      ).toBe(201);
      expect((await as('baima', 'POST', '/operators', operator(ownVillage))).status).toBe(201);
    });

    it('cannot smuggle another id through the query string or the body: the path wins', async () => {
      const read = await as('baima', 'GET', `/households/${mine.id}?id=${theirs.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: mine.id });

      const before = await householdState(t.app, theirs.id);
      const edited = await as('baima', 'PATCH', `/households/${mine.id}`, {
        id: theirs.id,
        version: await versionOf(mine.id),
        address: '白马镇测试地址1号',
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ id: mine.id, address: '白马镇测试地址1号' });
      expect(await householdState(t.app, theirs.id)).toEqual(before);
    });
  });

  describe('a bank officer (ICBC serves townships 0–5 only)', () => {
    it('reads a household where its bank lends; one elsewhere answers exactly like a missing one', async () => {
      expect((await as('icbc', 'GET', `/households/${mine.id}`)).status).toBe(200);
      await refusedLikeMissing('icbc', 'GET', (id) => `/households/${id}`);
      await refusedLikeMissing('icbc', 'GET', (id) => `/households/${id}/history`);
      await refusedLikeMissing(
        'icbc',
        'GET',
        (id) => `/households/${id}/poverty-status-on?date=2017-01-01`,
      );
      // ABC serves every township: the limit is the bank's, not the role's
      expect((await as('abc', 'GET', `/households/${theirs.id}`)).status).toBe(200);
    });

    it('lists only the townships its bank serves', async () => {
      const res = await as('icbc', 'GET', '/households?pageSize=200');
      const page = res.body as ListPage;
      const served = await t.app.store.db
        .selectFrom('households')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('township_code', 'in', ICBC_SERVED)
        .executeTakeFirstOrThrow();
      expect(page.total).toBe(Number(served.n));
      expect(page.total).toBeGreaterThanOrEqual(6 * 20);
      expect(new Set(page.items.map((i) => i.townshipCode))).toEqual(new Set(ICBC_SERVED));
      expect((await as('icbc', 'GET', `/households?township=${HOUPING}`)).body).toMatchObject({
        total: 0,
        items: [],
      });
      expect(
        ((await as('abc', 'GET', `/households?township=${HOUPING}`)).body as ListPage).total,
      ).toBe(20);
    });

    it("cannot read another institution's officers, sessions or the audit log, nor end their sessions", async () => {
      const abc = await t.app.store.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'abc')
        .executeTakeFirstOrThrow();
      await changesNothing(async () => {
        const users = await as('icbc', 'GET', '/users');
        expect(users.status).toBe(403);
        expectBilingual(users.body, 'forbidden');

        const real = await as('icbc', 'GET', `/users/${abc.id}/sessions`);
        const fake = await as('icbc', 'GET', `/users/${RANDOM_UUID}/sessions`);
        expect(real.status).toBe(403);
        expectBilingual(real.body, 'forbidden');
        expect(fake).toEqual(real);

        const audit = await as('icbc', 'GET', '/audit');
        expect(audit.status).toBe(403);
        expectBilingual(audit.body, 'forbidden');

        const revoke = await as('icbc', 'POST', `/sessions/${sessionIdOf(cookie.abc!)}/revoke`);
        expect(revoke.status).toBe(403);
        expectBilingual(revoke.body, 'forbidden');
      }, [...REGISTER_TABLES, 'sessions']);
      expect((await call(server, cookie.abc!, 'GET', `${API}/regions?level=district`)).status).toBe(
        200,
      );
    });

    it('sees the institution register, which is public by design, and nothing beyond it', async () => {
      const abcInst = await t.app.store.db
        .selectFrom('institutions')
        .select('id')
        .where('code', '=', 'ABC-WL')
        .executeTakeFirstOrThrow();
      const res = await as('icbc', 'GET', `/institutions/${abcInst.id}`);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body as object).sort()).toEqual(
        ['code', 'id', 'kind', 'nameEn', 'nameZh', 'servedTownships'].sort(),
      );
    });

    it('cannot write the register, not even where its bank lends', async () => {
      await changesNothing(async () => {
        for (const [method, url, payload] of [
          [
            'PATCH',
            `/households/${mine.id}`,
            { version: await versionOf(mine.id), headName: '改' },
          ],
          [
            'POST',
            `/households/${mine.id}/poverty-status`,
            { status: 'lifted', effectiveFrom: '2017-05-01', source: '银行' },
          ],
          ['POST', '/households', validHousehold(`${BAIMA}001`, 902)],
        ] as const) {
          const res = await as('icbc', method, url, payload);
          expect(res.status, url).toBe(403);
          expectBilingual(res.body, 'forbidden');
        }
      });
    });
  });

  describe('without a valid session', () => {
    it('every route in ROUTES answers 401 with a bilingual body, and changes nothing', async () => {
      const db = t.app.store.db;
      const op = await db.selectFrom('operators').select('id').executeTakeFirstOrThrow();
      const inst = await db.selectFrom('institutions').select('id').executeTakeFirstOrThrow();
      const admin = await db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'admin')
        .executeTakeFirstOrThrow();
      // real ids, so a route that forgot to authenticate would find something
      const urlOf = (url: string): string =>
        API +
        url
          .replace(':userId', admin.id)
          .replace(
            ':id',
            url.startsWith('/operators')
              ? op.id
              : url.startsWith('/institutions')
                ? inst.id
                : url.startsWith('/sessions')
                  ? sessionIdOf(cookie.admin!)
                  : mine.id,
          );
      const adminToken = tokenOf(cookie.admin!);
      const tampered = adminToken.slice(0, -1) + (adminToken.endsWith('A') ? 'B' : 'A');
      const badCookies = [
        null,
        'jinfu_session=',
        'jinfu_session=garbage',
        `jinfu_session=${'A'.repeat(5000)}`,
        `jinfu_session=${tampered}`,
        `other_cookie=${adminToken}`,
      ];
      const targets: [Method, string][] = [
        ...ROUTES.map((r): [Method, string] => [r.method, urlOf(r.url)]),
        ['GET', `${API}/auth/me`],
      ];
      expect(targets.length).toBeGreaterThanOrEqual(21);
      const before = await dump(t.app, ALL_TABLES);
      for (const [method, url] of targets) {
        for (const c of badCookies) {
          const res = await call(server, c, method, url, method === 'GET' ? undefined : {});
          expect(res.status, `${method} ${url} with ${c?.slice(0, 30)}`).toBe(401);
          expectBilingual(res.body, 'unauthenticated');
        }
      }
      expect(await dump(t.app, ALL_TABLES)).toEqual(before);
    });
    it('so does every other route the server answers under /api/v1, except logging in and out', async () => {
      await server.ready();
      const PUBLIC = new Set([
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/logout',
        'GET /api/v1/health',
      ]);
      const routes = registeredRoutes(server.printRoutes({ commonPrefix: false })).filter(
        ([method, url]) =>
          url.startsWith(`${API}/`) && method !== 'HEAD' && !PUBLIC.has(`${method} ${url}`),
      );
      // the walk sees at least every route in ROUTES
      for (const r of ROUTES) expect(routes).toContainEqual([r.method, `${API}${r.url}`]);
      const before = await dump(t.app, ALL_TABLES);
      for (const [method, url] of routes) {
        const res = await call(
          server,
          null,
          method as Method,
          url.replace(/:\w+/g, mine.id),
          method === 'GET' ? undefined : {},
        );
        expect(res.status, `${method} ${url}`).toBe(401);
        expectBilingual(res.body, 'unauthenticated');
      }
      expect(await dump(t.app, ALL_TABLES)).toEqual(before);
    });
  });

  describe('sessions', () => {
    it("a session an administrator revokes stops working at once; the user's other session does not", async () => {
      const a = await cookieFor(server, 'houping', DEMO_PASSWORD, '10.1.0.1');
      const b = await cookieFor(server, 'houping', DEMO_PASSWORD, '10.1.0.2');
      expect((await call(server, a, 'GET', `${API}/auth/me`)).status).toBe(200);

      const users = await as('admin', 'GET', '/users');
      const houping = (users.body as { items: { id: string; username: string }[] }).items.find(
        (u) => u.username === 'houping',
      )!;
      const listed = await as('admin', 'GET', `/users/${houping.id}/sessions`);
      expect(listed.status).toBe(200);
      const ids = (listed.body as { items: { id: string }[] }).items.map((s) => s.id);
      expect(ids).toContain(sessionIdOf(a));
      // the list shows hashes, never a token that would open the session
      expect(JSON.stringify(listed.body)).not.toContain(tokenOf(a));

      const auditBefore = await auditRows(t.app);
      const revoked = await as('admin', 'POST', `/sessions/${sessionIdOf(a)}/revoke`);
      expect(revoked.status).toBe(200);
      expect(revoked.body).toEqual({ revoked: true });

      const anonymous = await call(server, null, 'GET', `${API}/households/${theirs.id}`);
      for (const url of ['/auth/me', `/households/${theirs.id}`, '/households']) {
        const res = await call(server, a, 'GET', `${API}${url}`);
        expect(res.status, url).toBe(401);
        expectBilingual(res.body, 'unauthenticated');
      }
      // the revoked cookie is treated like no cookie at all
      expect(await call(server, a, 'GET', `${API}/households/${theirs.id}`)).toMatchObject({
        status: anonymous.status,
        body: anonymous.body,
      });
      expect((await call(server, b, 'GET', `${API}/auth/me`)).status).toBe(200);

      const written = await auditSince(t.app, auditBefore);
      expect(written).toHaveLength(1);
      expect(written[0]).toMatchObject({
        action: 'session.revoke',
        actor_username: 'admin',
        entity: 'user',
        entity_id: houping.id,
      });
    });

    it('revoking a forged or malformed session id changes nothing', async () => {
      await changesNothing(async () => {
        const forged = await as('admin', 'POST', `/sessions/${'ab'.repeat(32)}/revoke`);
        expect(forged.status).toBe(404);
        expectBilingual(forged.body, 'not_found');
        const malformed = await as(
          'admin',
          'POST',
          `/sessions/${encodeURIComponent("' OR 1=1 --")}/revoke`,
        );
        expectFieldError(malformed, 400, 'id', 'invalid_input');
      }, [...REGISTER_TABLES, 'sessions']);
    });

    it('a password reset ends every session opened with the old password', async () => {
      const newPassword = 'Reset-Passw0rd-2017';
      const old = await cookieFor(server, 'yjb', DEMO_PASSWORD, '10.2.0.1');
      expect((await call(server, old, 'GET', `${API}/auth/me`)).status).toBe(200);

      const auditBefore = await auditRows(t.app);
      const reset = await as('admin', 'POST', '/users/reset-password', {
        username: 'yjb',
        password: newPassword,
      });
      expect(reset.status).toBe(200);

      const me = await call(server, old, 'GET', `${API}/auth/me`);
      expect(me.status).toBe(401);
      expectBilingual(me.body, 'unauthenticated');
      expect((await call(server, old, 'GET', `${API}/households`)).status).toBe(401);

      const withOld = await call(
        server,
        null,
        'POST',
        `${API}/auth/login`,
        {
          username: 'yjb',
          password: DEMO_PASSWORD,
        },
        '10.2.0.2',
      );
      expect(withOld.status).toBe(401);
      expectBilingual(withOld.body, 'bad_credentials');
      const fresh = await cookieFor(server, 'yjb', newPassword, '10.2.0.3');
      expect((await call(server, fresh, 'GET', `${API}/auth/me`)).status).toBe(200);

      const written = await auditSince(t.app, auditBefore);
      expect(written.map((e) => e.action)).toEqual(['user.reset-password']);
      expect(JSON.stringify(written)).not.toContain(newPassword);
    });
  });

  describe('forged ids', () => {
    const FORGED: [string, string][] = [
      ['a random UUID', '0190f3a2-0000-7000-8000-000000000000'],
      ['a malformed id', 'not-a-household-id'],
      ['an SQL-injection-looking id', "1' OR '1'='1"],
      ['a stacked SQL statement', "x'; DROP TABLE households; --"],
      ['a LIKE wildcard', '%'],
      ['a Chinese id', '农户一号'],
    ];
    const WITH_ID: [Method, (id: string) => string, unknown][] = [
      ['GET', (id) => `/households/${id}`, undefined],
      ['GET', (id) => `/households/${id}/history`, undefined],
      ['GET', (id) => `/households/${id}/poverty-status-on?date=2017-01-01`, undefined],
      ['PATCH', (id) => `/households/${id}`, { version: 1, headName: '伪造' }],
      [
        'POST',
        (id) => `/households/${id}/poverty-status`,
        { status: 'lifted', effectiveFrom: '2017-05-01', source: '伪造' },
      ],
      ['GET', (id) => `/operators/${id}`, undefined],
      ['GET', (id) => `/institutions/${id}`, undefined],
    ];

    it.each(FORGED)(
      '%s finds nothing, answers like any missing record, and changes nothing',
      async (_, id) => {
        await changesNothing(async () => {
          for (const who of ['admin', 'baima']) {
            for (const [method, url, payload] of WITH_ID) {
              const res = await as(who, method, url(encodeURIComponent(id)), payload);
              const missing = await as(who, method, url(RANDOM_UUID), payload);
              expect(res.status, `${who} ${method} ${url(id)}`).toBe(404);
              expectBilingual(res.body, 'not_found');
              expect(res.body).toEqual(missing.body);
            }
          }
        });
      },
    );

    it('a NUL byte in an id or a search is refused as invalid input on both databases', async () => {
      await changesNothing(async () => {
        for (const [method, url, payload] of WITH_ID) {
          const res = await as('admin', method, url('a%00b'), payload);
          expectFieldError(res, 400, 'id', 'invalid_input');
        }
        expectFieldError(await as('admin', 'GET', '/households?q=%E7%8E%8B%00'), 400, 'q');
        expectFieldError(
          await call(server, null, 'POST', `${API}/auth/login`, {
            username: 'admin\u0000',
            password: DEMO_PASSWORD,
          }),
          400,
          'username',
        );
      }, ALL_TABLES);
    });

    it('a 10 KB id is refused before any lookup, bilingually, without echoing the URL', async () => {
      const huge = 'x'.repeat(10 * 1024);
      await changesNothing(async () => {
        for (const c of [cookie.admin!, null]) {
          for (const [method, url, payload] of WITH_ID) {
            const res = await call(server, c, method, `${API}${url(huge)}`, payload);
            expect(res.status, url('…')).toBe(414);
            expectBilingual(res.body, 'too_long');
            expect(JSON.stringify(res.body)).not.toContain('xxxxxxxx');
          }
        }
      }, ALL_TABLES);
    });

    it('a broken percent-encoding is refused bilingually', async () => {
      await changesNothing(async () => {
        const res = await as('admin', 'GET', '/households/%E0%A4%A');
        expect(res.status).toBe(400);
        expectBilingual(res.body, 'bad_request');
      });
    });
  });
});

/** [method, full path] of every route in fastify's printRoutes({ commonPrefix: false }) tree. */
function registeredRoutes(tree: string): [string, string][] {
  const out: [string, string][] = [];
  const path: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([^)]+)\))?$/.exec(line);
    if (!m) continue;
    path.length = m[1]!.length / 4;
    path.push(m[2]!);
    for (const method of m[3]?.split(', ') ?? []) out.push([method, path.join('')]);
  }
  return out;
}

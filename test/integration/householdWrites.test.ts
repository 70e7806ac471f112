import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PII_READERS, REGISTER_READERS, type Role } from '../../src/app/roles.ts';
import { residentIdCheckChar } from '../../src/core/identity/residentId.ts';
import { buildServer } from '../../src/http/server.ts';
import { seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import {
  BAIMA,
  Clock,
  MASKED_ID,
  MASKED_PHONE,
  auditRows,
  auditSince,
  call,
  cookieFor,
  dump,
  expectBilingual,
  expectFieldError,
  householdIn,
  residentId,
  usccFor,
  type Answer,
  type Table,
} from './helpers.ts';

/**
 * Registering and editing households over HTTP: validation of resident IDs and the rest
 * of the form, optimistic locking, the change history, and who sees full identifiers.
 */
const API = '/api/v1';
const WRITE_TABLES: readonly Table[] = [
  'households',
  'household_members',
  'poverty_status_history',
  'operators',
  'audit_log',
];

/** The demo account of each role that reads the register. */
const READER: Partial<Record<Role, string>> = {
  district_admin: 'admin',
  financial_office: 'jrzx',
  poverty_office: 'fpb',
  finance_bureau: 'czj',
  pboc: 'rh',
  regulator: 'yjb',
  township_clerk: 'baima',
  bank_officer: 'icbc',
  auditor: 'audit',
};

interface Detail {
  id: string;
  headIdNumber: string;
  phone: string | null;
  subsidyAccount: string | null;
  members: { idNumber: string; relation: string; birthDate: string }[];
  povertyStatus: string;
  version: number;
  townshipCode: string;
}

const FULL_ID = /\d{17}[\dX]/;
const FULL_PHONE = /(?<!\d)1\d{10}(?!\d)/;

/**
 * The response as text for a scan for identifiers, without record ids: a random UUID
 * segment can hold eleven digits in a row and look like a phone number.
 */
const scannable = (body: unknown): string =>
  JSON.stringify(body, (key, value: unknown) =>
    key === 'id' || key.endsWith('Id') ? undefined : value,
  );

describeEachDialect('household writes', (dialect) => {
  const clock = new Clock();
  let t: TestApp;
  let server: FastifyInstance;
  const cookie: Record<string, string> = {};
  let seq = 100;

  beforeAll(async () => {
    t = await openTestApp(dialect, clock.now);
    await seedSmallDistrict(t.app);
    server = await buildServer(t.app);
    for (const u of [...Object.values(READER), 'picc']) cookie[u] = await cookieFor(server, u);
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  const as = (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    call(server, cookie[who]!, method, `${API}${url}`, payload);

  /** A valid registration form with fresh resident IDs and household number. */
  const form = (extra: Record<string, unknown> = {}) => {
    seq += 2;
    return {
      householdNo: `HW-${seq}`,
      villageCode: `${BAIMA}001`,
      headName: '王测试',
      headIdNumber: residentId(seq, '19750315'),
      phone: '13912345678',
      address: '白马镇测试村1社',
      members: [{ name: '李测试', idNumber: residentId(seq + 1, '19780620'), relation: '配偶' }],
      povertyStatus: 'registered_poor',
      statusEffectiveFrom: '2017-03-01',
      statusSource: '动态调整新识别',
      ...extra,
    };
  };

  /** Asserts the refused request wrote nothing at all. */
  async function refused(payload: unknown, who = 'baima'): Promise<Answer> {
    const before = await dump(t.app, WRITE_TABLES);
    const res = await as(who, 'POST', '/households', payload);
    expect(await dump(t.app, WRITE_TABLES)).toEqual(before);
    return res;
  }

  describe('registering a household', () => {
    it('stores the household, its members and its first status, audited with masked identifiers', async () => {
      const f = form();
      const audit = await auditRows(t.app);
      const res = await as('baima', 'POST', '/households', f);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const d = res.body as Detail;
      expect(d).toMatchObject({
        townshipCode: BAIMA,
        headIdNumber: f.headIdNumber,
        povertyStatus: 'registered_poor',
        version: 1,
      });
      expect(d.members.map((m) => [m.relation, m.birthDate]).sort()).toEqual([
        ['户主', '1975-03-15'],
        ['配偶', '1978-06-20'],
      ]);
      const db = t.app.store.db;
      const row = await db
        .selectFrom('households')
        .selectAll()
        .where('id', '=', d.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ member_count: 2, head_id_number: f.headIdNumber, version: 1 });
      const written = await auditSince(t.app, audit);
      expect(written.map((e) => e.action)).toEqual(['household.create']);
      expect(written[0]!.entity_id).toBe(d.id);
      expect(written[0]!.after_json).not.toMatch(FULL_ID);
      expect(written[0]!.after_json).not.toContain(f.phone);
    });

    it('normalises a lower-case x check character and surrounding spaces', async () => {
      let n = 0;
      let id = '';
      // find a sequence whose check character is X
      while (!id.endsWith('X')) id = residentId(600 + ++n, '19800101');
      const res = await as(
        'baima',
        'POST',
        '/households',
        form({ headIdNumber: ` ${id.toLowerCase()} ` }),
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect((res.body as Detail).headIdNumber).toBe(id);
    });

    type Form = ReturnType<typeof form>;
    /** The same 17 digits with a different, wrong check character. */
    const wrongCheck = (id: string): string => id.slice(0, 17) + (id.at(-1) === '1' ? '2' : '1');
    const feb30 = '50015619900230123';
    const bad: [string, (f: Form) => Record<string, unknown>, number, string, string, RegExp?][] = [
      [
        'a wrong check digit',
        (f) => ({ headIdNumber: wrongCheck(f.headIdNumber) }),
        400,
        'headIdNumber',
        'invalid_input',
        /校验位/,
      ],
      // a correct check character, so only the date is wrong
      [
        'an impossible birth date (30 February)',
        () => ({ headIdNumber: feb30 + residentIdCheckChar(feb30) }),
        400,
        'headIdNumber',
        'invalid_input',
        /出生日期/,
      ],
      [
        'Excel scientific notation',
        () => ({ headIdNumber: '5.00156E+17' }),
        400,
        'headIdNumber',
        'invalid_input',
        /科学计数法/,
      ],
      [
        '17 digits',
        (f) => ({ headIdNumber: f.headIdNumber.slice(0, 17) }),
        400,
        'headIdNumber',
        'invalid_input',
        /18位/,
      ],
      [
        'a member with a wrong check digit',
        (f) => ({ members: [{ ...f.members[0]!, idNumber: wrongCheck(f.members[0]!.idNumber) }] }),
        400,
        'members.0.idNumber',
        'invalid_input',
        /校验位/,
      ],
      [
        'the same ID twice in one household',
        (f) => ({ members: [{ name: '重复', idNumber: f.headIdNumber, relation: '子女' }] }),
        400,
        'members',
        'duplicate_id',
      ],
      [
        'an unknown village',
        () => ({ villageCode: '500156003999' }),
        400,
        'villageCode',
        'unknown_village',
      ],
      [
        'a township code instead of a village',
        () => ({ villageCode: BAIMA }),
        400,
        'villageCode',
        'unknown_village',
      ],
      [
        'a malformed village code',
        () => ({ villageCode: 'abc' }),
        400,
        'villageCode',
        'invalid_input',
      ],
      ['a malformed phone', () => ({ phone: '12345' }), 400, 'phone', 'invalid_input'],
      [
        'a date that does not exist',
        () => ({ statusEffectiveFrom: '2017-02-30' }),
        400,
        'statusEffectiveFrom',
        'invalid_input',
      ],
      [
        'an unknown poverty status',
        () => ({ povertyStatus: 'rich' }),
        400,
        'povertyStatus',
        'invalid_input',
      ],
      ['no status source', () => ({ statusSource: '' }), 400, 'statusSource', 'invalid_input'],
      ['an empty head name', () => ({ headName: '  ' }), 400, 'headName', 'invalid_input'],
      ['a bad household number', () => ({ householdNo: 'x' }), 400, 'householdNo', 'invalid_input'],
      [
        'a member count of its own (negative)',
        () => ({ memberCount: -1 }),
        400,
        'memberCount',
        'invalid_input',
      ],
      [
        '31 members',
        () => ({
          members: Array.from({ length: 31 }, (_, i) => ({
            name: `成员${i}`,
            idNumber: residentId(700 + i, '20000101'),
            relation: '子女',
          })),
        }),
        400,
        'members',
        'invalid_input',
      ],
    ];
    it.each(bad)(
      'refuses %s bilingually, naming the field, and writes nothing',
      async (_, change, status, field, code, message) => {
        const f = form();
        const res = await refused({ ...f, ...change(f) });
        expectFieldError(res, status, field, code);
        const body = res.body as { message_zh: string; message_en: string };
        // schema messages also spell the field out; hand-written ones carry it in `field`
        if (code === 'invalid_input') {
          expect(body.message_zh).toContain(field);
          expect(body.message_en).toContain(field);
        }
        if (message) expect(body.message_zh).toMatch(message);
      },
    );

    it('refuses a resident ID already registered, naming the field that holds it', async () => {
      const db = t.app.store.db;
      const seeded = await householdIn(t.app, '500156010');
      const member = await db
        .selectFrom('household_members')
        .select('id_number')
        .where('relation', '!=', '户主')
        .orderBy('id_number')
        .executeTakeFirstOrThrow();

      const asHead = await refused(form({ headIdNumber: seeded.head_id_number }));
      expectFieldError(asHead, 409, 'headIdNumber', 'duplicate_id');
      const f = form();
      const asMember = await refused({
        ...f,
        members: [f.members[0], { name: '重复成员', idNumber: member.id_number, relation: '子女' }],
      });
      expectFieldError(asMember, 409, 'members.1.idNumber', 'duplicate_id');
      // a clerk learns that the ID is taken, never where: no household id or township leaks
      expect(JSON.stringify(asHead.body)).not.toContain(seeded.id);
      expect(JSON.stringify(asHead.body)).not.toContain(seeded.township_code);

      const dupNo = await refused(form({ householdNo: seeded.household_no }));
      expectFieldError(dupNo, 409, 'householdNo', 'duplicate_household_no');
    });

    it('refuses negative and non-integer counts on an operator, writing nothing', async () => {
      const operator = (extra: Record<string, unknown>) => ({
        kind: 'cooperative',
        name: '白马测试合作社',
        uscc: usccFor(77),
        villageCode: `${BAIMA}001`,
        workforce: 10,
        poorWorkforce: 3,
        ...extra,
      });
      for (const [change, field] of [
        [{ workforce: -1 }, 'workforce'],
        [{ poorWorkforce: -3 }, 'poorWorkforce'],
        [{ workforce: 2.5 }, 'workforce'],
        [{ workforce: 'ten' }, 'workforce'],
        [{ poorWorkforce: 11 }, 'poorWorkforce'],
        [{ uscc: usccFor(77).slice(0, 17) + '0' }, 'uscc'],
      ] as const) {
        const before = await dump(t.app, WRITE_TABLES);
        const res = await as('baima', 'POST', '/operators', operator(change));
        expect(await dump(t.app, WRITE_TABLES)).toEqual(before);
        expectFieldError(res, 400, field, 'invalid_input');
      }
      expect((await as('baima', 'POST', '/operators', operator({}))).status).toBe(201);
    });
  });

  describe('editing a household', () => {
    it('refuses a stale version with 409, changing nothing', async () => {
      const created = (await as('baima', 'POST', '/households', form())).body as Detail;
      const url = `/households/${created.id}`;
      const first = await as('baima', 'PATCH', url, { version: 1, phone: '13700001111' });
      expect(first.status).toBe(200);
      expect((first.body as Detail).version).toBe(2);

      const before = await dump(t.app, WRITE_TABLES);
      const stale = await as('fpb', 'PATCH', url, { version: 1, phone: '13700002222' });
      expectFieldError(stale, 409, 'version', 'stale_version');
      const ahead = await as('fpb', 'PATCH', url, { version: 5, phone: '13700002222' });
      expectFieldError(ahead, 409, 'version', 'stale_version');
      expect(await dump(t.app, WRITE_TABLES)).toEqual(before);

      const missing = await as('baima', 'PATCH', url, { phone: '13700002222' });
      expectFieldError(missing, 400, 'version', 'invalid_input');
    });

    it('lets exactly one of two simultaneous edits of the same version through', async () => {
      const created = (await as('baima', 'POST', '/households', form())).body as Detail;
      const url = `/households/${created.id}`;
      const audit = await auditRows(t.app);
      const results = await Promise.all([
        as('baima', 'PATCH', url, { version: 1, address: '甲' }),
        as('fpb', 'PATCH', url, { version: 1, address: '乙' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const row = await t.app.store.db
        .selectFrom('households')
        .select(['version', 'address'])
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      expect(row.version).toBe(2);
      const winner = results.find((r) => r.status === 200)!.body as { address: string };
      expect(row.address).toBe(winner.address);
      expect((await auditSince(t.app, audit)).map((e) => e.action)).toEqual(['household.update']);
    });

    it('keeps a history with before and after, identifiers masked', async () => {
      const f = form({ phone: '13911112222' });
      const created = (await as('baima', 'POST', '/households', f)).body as Detail;
      const url = `/households/${created.id}`;
      clock.advance(1000);
      await as('baima', 'PATCH', url, { version: 1, phone: '13933334444', address: '新地址' });
      clock.advance(1000);
      await as('baima', 'POST', `${url}/poverty-status`, {
        status: 'lifted',
        effectiveFrom: '2017-12-31',
        source: '年度脱贫验收',
      });
      clock.advance(1000);
      await as('baima', 'GET', url); // a PII view: audited, but not a change

      for (const who of ['baima', 'rh', 'audit']) {
        const res = await as(who, 'GET', `${url}/history`);
        expect(res.status).toBe(200);
        const items = (res.body as { items: { action: string; before: unknown; after: unknown }[] })
          .items;
        expect(items.map((i) => i.action)).toEqual([
          'household.poverty-status',
          'household.update',
          'household.create',
        ]);
        const update = items[1]! as {
          before: Record<string, unknown>;
          after: Record<string, unknown>;
        };
        expect(update.before).toMatchObject({
          phone: '139****2222',
          address: '白马镇测试村1社',
          version: 1,
        });
        expect(update.after).toMatchObject({ phone: '139****4444', address: '新地址', version: 2 });
        expect(update.before.head_id_number).toMatch(MASKED_ID);
        expect(update.after.head_id_number).toBe(update.before.head_id_number);
        expect(items[0]).toMatchObject({
          before: { poverty_status: 'registered_poor' },
          after: { poverty_status: 'lifted' },
        });
        const text = scannable(res.body);
        expect(text).not.toMatch(FULL_ID);
        expect(text).not.toMatch(FULL_PHONE);
      }
    });
  });

  describe('personal identifiers', () => {
    it('every list masks resident IDs and phone numbers, for every role', async () => {
      for (const role of REGISTER_READERS) {
        const who = READER[role]!;
        const res = await as(who, 'GET', '/households?pageSize=50');
        expect(res.status, who).toBe(200);
        const items = (res.body as { items: Detail[] }).items;
        expect(items.length, who).toBeGreaterThan(0);
        for (const h of items) {
          expect(h.headIdNumber, who).toMatch(MASKED_ID);
          expect(h.phone, who).toMatch(MASKED_PHONE);
        }
        expect(scannable(res.body)).not.toMatch(FULL_ID);
        expect(scannable(res.body)).not.toMatch(FULL_PHONE);
      }
    });

    it('a search by full resident ID still answers with the ID masked', async () => {
      const h = await householdIn(t.app, BAIMA);
      const res = await as('baima', 'GET', `/households?q=${h.head_id_number}`);
      const items = (res.body as { items: Detail[] }).items;
      expect(items.map((i) => i.id)).toEqual([h.id]);
      expect(items[0]!.headIdNumber).toBe(
        `${h.head_id_number.slice(0, 6)}********${h.head_id_number.slice(-4)}`,
      );
    });

    it('the detail shows full identifiers to PII readers, audited; masked ones to the others, unaudited', async () => {
      const h = await householdIn(t.app, BAIMA);
      const members = await t.app.store.db
        .selectFrom('household_members')
        .select('id_number')
        .where('household_id', '=', h.id)
        .execute();
      expect(members.length).toBeGreaterThan(0);
      const fullIds = members.map((m) => m.id_number).sort();

      for (const role of REGISTER_READERS) {
        const who = READER[role]!;
        const audit = await auditRows(t.app);
        const res = await as(who, 'GET', `/households/${h.id}`);
        expect(res.status, who).toBe(200);
        const d = res.body as Detail;
        const written = await auditSince(t.app, audit);
        if (PII_READERS.includes(role)) {
          expect(d.headIdNumber, who).toBe(h.head_id_number);
          expect(d.phone, who).toBe(h.phone);
          expect(d.subsidyAccount, who).toBe(h.subsidy_account);
          expect(d.members.map((m) => m.idNumber).sort(), who).toEqual(fullIds);
          expect(
            written.map((e) => [e.action, e.actor_username, e.entity_id]),
            who,
          ).toEqual([['household.view-pii', who, h.id]]);
        } else {
          expect(d.headIdNumber, who).toMatch(MASKED_ID);
          expect(d.phone, who).toMatch(MASKED_PHONE);
          expect(d.subsidyAccount, who).toMatch(/^\*+\d{4}$/);
          for (const m of d.members) expect(m.idNumber, who).toMatch(MASKED_ID);
          expect(scannable(d)).not.toMatch(FULL_ID);
          expect(scannable(d)).not.toMatch(FULL_PHONE);
          expect(written, who).toEqual([]);
        }
      }
      expect(PII_READERS).not.toContain('pboc');
      expect(PII_READERS).not.toContain('auditor');
    });

    it('only roles that may see resident IDs can search by one', async () => {
      const h = await householdIn(t.app, BAIMA);
      const search = async (who: string) =>
        ((await as(who, 'GET', `/households?q=${h.head_id_number}`)).body as { total: number })
          .total;
      expect(await search('fpb')).toBe(1);
      expect(await search('rh')).toBe(0);
      expect(await search('audit')).toBe(0);
    });

    it('roles outside the register readers cannot open it at all', async () => {
      const h = await householdIn(t.app, BAIMA);
      const res = await as('picc', 'GET', `/households/${h.id}`);
      expect(res.status).toBe(403);
      expectBilingual(res.body, 'forbidden');
    });
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { networkCoverage } from '../../src/app/network/coverage.ts';
import {
  closeServicePoint,
  createServicePoint,
  listServicePoints,
} from '../../src/app/network/servicePoints.ts';
import { execute } from '../../src/app/useCase.ts';
import { buildServer } from '../../src/http/server.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import {
  BAIMA,
  call,
  Clock,
  cookieFor,
  dump,
  expectFieldError,
  HOUPING,
  refusal,
} from './helpers.ts';
import { emptyDistrict } from './settlementSetup.ts';

/**
 * The service-network register and its coverage (issue 7 §1–2, art. 6) on both dialects.
 * The demo district has 26 townships of two villages each (52 villages): 白马镇 has
 * villages …003001 and …003002, 后坪乡 …023001 and …023002. The points below:
 *
 *   1 bank outlet          白马 v1   2016-03-01 –
 *   2 ATM (township)       白马 v1   2016-05-01 –
 *   3 POS                  后坪 v1   2017-01-10 – closed 2017-06-30
 *   4 assisted withdrawal  白马 v2   2017-02-01 –
 *   5 village station      后坪 v2   2017-03-01 –
 *   6 mutual-aid branch    后坪 (township tier) 2016-01-01 –
 *
 * As of 2016-12-31: outlets in 1 of 26 townships (白马), ATMs in 1; villages with basic
 * services: 白马 v1 only (outlet, ATM) → 1 of 52; with POS: 0.
 * As of 2017-03-15: basic services in 白马 v1, 白马 v2 (assisted withdrawal), 后坪 v1 (POS),
 * 后坪 v2 (station) → 4 of 52; with POS: 1 (后坪 v1).
 * As of 2017-06-30: the POS closed that day (closed_on is the first day it no longer
 * serves), so 后坪 v1 drops out → 3 of 52, POS 0. The mutual-aid branch gives no
 * village basic services (decision 0015).
 */

const V = (township: string, n: number) => `${township}00${String(n)}`;

describeEachDialect('service network register and coverage', (dialect) => {
  let t: TestApp;
  let a: Record<string, Actor>;
  let server: FastifyInstance;
  let icbcId: string;
  let abcId: string;
  let piccId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await openTestApp(dialect, new Clock('2017-07-01T01:00:00.000Z').now);
    a = await emptyDistrict(t.app);
    server = await buildServer(t.app);
    const inst = await t.app.store.db.selectFrom('institutions').select(['id', 'code']).execute();
    const byCode = new Map(inst.map((i) => [i.code, i.id]));
    icbcId = byCode.get('ICBC-WL')!;
    abcId = byCode.get('ABC-WL')!;
    piccId = byCode.get('PICC-WL')!;
    const add = async (key: string, input: object) => {
      ids[key] = (await execute(t.app, a.admin!, createServicePoint, input)).id;
    };
    await add('outlet', {
      kind: 'bank_outlet',
      name: '农行白马分理处',
      institutionId: abcId,
      place: V(BAIMA, 1),
      openedOn: '2016-03-01',
    });
    await add('atm', {
      kind: 'atm',
      name: '白马场镇ATM',
      institutionId: abcId,
      place: V(BAIMA, 1),
      art6Site: 'township',
      openedOn: '2016-05-01',
    });
    await add('pos', {
      kind: 'pos',
      name: '后坪超市POS',
      institutionId: abcId,
      place: V(HOUPING, 1),
      openedOn: '2017-01-10',
    });
    await add('assisted', {
      kind: 'assisted_withdrawal_point',
      name: '白马二村助农取款点',
      institutionId: abcId,
      place: V(BAIMA, 2),
      art6Site: 'poor-village',
      openedOn: '2017-02-01',
    });
    await add('station', {
      kind: 'village_service_station',
      name: '后坪二村金融服务站',
      place: V(HOUPING, 2),
      openedOn: '2017-03-01',
    });
    await add('mutual', {
      kind: 'mutual_aid_fund',
      name: '后坪乡互助资金分会',
      place: HOUPING,
      mutualAidTier: 'township',
      openedOn: '2016-01-01',
    });
    await execute(t.app, a.admin!, closeServicePoint, {
      id: ids.pos!,
      version: 1,
      closedOn: '2017-06-30',
    });
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  const coverage = (asOf: string, township?: string) =>
    execute(t.app, a.admin!, networkCoverage, { asOf, ...(township ? { township } : {}) });

  it('counts townships and villages covered as of each day, by the hand-worked figures', async () => {
    const end2016 = await coverage('2016-12-31');
    expect([end2016.townships, end2016.townshipsWithOutlet, end2016.townshipsWithAtm]).toEqual([
      26, 1, 1,
    ]);
    expect(end2016.district.villages).toBe(52);
    expect(end2016.district.villagesWithBasicServices).toBe(1);
    expect(end2016.district.villagesWithPos).toBe(0);

    const march = await coverage('2017-03-15');
    expect(march.district.villagesWithBasicServices).toBe(4);
    expect(march.district.villagesWithPos).toBe(1);
    expect(march.district.points).toMatchObject({
      bank_outlet: 1,
      atm: 1,
      pos: 1,
      assisted_withdrawal_point: 1,
      village_service_station: 1,
      mutual_aid_fund: 1,
    });
    const houping = march.places.find((p) => p.code === HOUPING)!;
    expect([houping.villages, houping.villagesWithBasicServices, houping.points.pos]).toEqual([
      2, 2, 1,
    ]);

    const june = await coverage('2017-06-30');
    expect(june.district.villagesWithBasicServices).toBe(3);
    expect(june.district.villagesWithPos).toBe(0);
    expect(june.district.points.pos).toBe(0);
  });

  it('drills down from a township to its villages', async () => {
    const baima = await coverage('2017-03-15', BAIMA);
    expect(baima.places.map((p) => [p.code, p.points.bank_outlet, p.points.atm])).toEqual([
      [V(BAIMA, 1), 1, 1],
      [V(BAIMA, 2), 0, 0],
    ]);
    expect(baima.places.map((p) => p.villagesWithBasicServices)).toEqual([1, 1]);
  });

  it('lets a bank record only its own points, and lists each role its own', async () => {
    const mine = await execute(t.app, a.icbc!, createServicePoint, {
      kind: 'pos',
      name: '白马农家乐POS',
      place: V(BAIMA, 2),
      openedOn: '2017-04-01',
    });
    expect(mine.institutionId).toBe(icbcId);
    const before = await dump(t.app);
    const e = await refusal(
      execute(t.app, a.icbc!, createServicePoint, {
        kind: 'pos',
        name: '冒名POS',
        institutionId: abcId,
        place: V(BAIMA, 2),
        openedOn: '2017-04-01',
      }),
    );
    expect(e.field).toBe('institutionId');
    const closeTheirs = await refusal(
      execute(t.app, a.icbc!, closeServicePoint, {
        id: ids.outlet!,
        version: 1,
        closedOn: '2017-05-01',
      }),
    );
    expect(closeTheirs.kind).toBe('not_found');
    expect(await dump(t.app)).toEqual(before);

    const icbcList = await execute(t.app, a.icbc!, listServicePoints, {});
    expect(icbcList.items.map((p) => p.id)).toEqual([mine.id]);
    const clerk = await execute(t.app, a.baima!, listServicePoints, {});
    expect(clerk.items.every((p) => p.township === BAIMA)).toBe(true);
    expect(clerk.total).toBe(4); // outlet, ATM, assisted withdrawal, ICBC's POS
    const serving = await execute(t.app, a.admin!, listServicePoints, { asOf: '2017-06-30' });
    expect(serving.items.map((p) => p.id)).not.toContain(ids.pos);
  });

  it('refuses bad points with a field-named bilingual error and changes nothing', async () => {
    const good = {
      kind: 'atm',
      name: 'ATM',
      institutionId: abcId,
      place: V(BAIMA, 1),
      art6Site: 'township',
      openedOn: '2017-01-01',
    };
    const cases: [object, string][] = [
      [{ ...good, closedOn: '2016-12-31' }, 'closedOn'],
      [{ ...good, closedOn: '2017-01-01' }, 'closedOn'],
      [{ ...good, art6Site: undefined }, 'art6Site'],
      [{ ...good, kind: 'pos' }, 'art6Site'],
      [{ ...good, place: BAIMA }, 'place'],
      [{ ...good, place: '500156999001' }, 'place'],
      [{ ...good, institutionId: undefined }, 'institutionId'],
      [{ ...good, institutionId: piccId }, 'institutionId'],
      [{ ...good, institutionId: 'no-such-bank' }, 'institutionId'],
      [{ ...good, openedOn: '2017-02-30' }, 'openedOn'],
      [{ ...good, name: '' }, 'name'],
      [{ ...good, kind: 'teller' }, 'kind'],
      [{ ...good, mutualAidTier: 'village' }, 'mutualAidTier'],
      [
        {
          kind: 'mutual_aid_fund',
          name: '互助',
          place: V(BAIMA, 1),
          mutualAidTier: 'township',
          openedOn: '2017-01-01',
        },
        'place',
      ],
      [
        { kind: 'mutual_aid_fund', name: '互助', place: BAIMA, openedOn: '2017-01-01' },
        'mutualAidTier',
      ],
    ];
    const before = await dump(t.app);
    for (const [input, field] of cases) {
      const e = await refusal(execute(t.app, a.admin!, createServicePoint, input));
      expect([e.field, e.kind], JSON.stringify(input)).toEqual([field, 'invalid']);
      expect(e.message_zh).toMatch(/[\u4e00-\u9fff]/);
    }
    const again = await refusal(
      execute(t.app, a.admin!, closeServicePoint, {
        id: ids.pos!,
        version: 2,
        closedOn: '2017-07-01',
      }),
    );
    expect([again.code, again.field]).toEqual(['already_closed', 'closedOn']);
    const stale = await refusal(
      execute(t.app, a.admin!, closeServicePoint, {
        id: ids.atm!,
        version: 7,
        closedOn: '2017-07-01',
      }),
    );
    expect(stale.code).toBe('stale_version');
    const early = await refusal(
      execute(t.app, a.admin!, closeServicePoint, {
        id: ids.atm!,
        version: 1,
        closedOn: '2016-05-01',
      }),
    );
    expect(early.field).toBe('closedOn');
    expect(await dump(t.app)).toEqual(before);
  });

  it('serves the register and the coverage over HTTP', async () => {
    const cookie = await cookieFor(server, 'jrzx');
    const created = await call(server, cookie, 'POST', '/api/v1/network/points', {
      kind: 'self_service_point',
      name: '后坪一村自助服务点',
      institutionId: abcId,
      place: V(HOUPING, 1),
      art6Site: 'poor-village',
      openedOn: '2017-05-20',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const cov = await call(server, cookie, 'GET', '/api/v1/network/coverage?asOf=2017-06-30');
    expect(cov.status).toBe(200);
    // 3 villages as of 2017-06-30 (above) + 后坪 v1 again, by its self-service point.
    expect(
      (cov.body as { district: { villagesWithBasicServices: number } }).district,
    ).toMatchObject({ villagesWithBasicServices: 4 });
    const bad = await call(server, cookie, 'POST', '/api/v1/network/points', {
      kind: 'atm',
      name: 'x',
      institutionId: abcId,
      place: V(HOUPING, 1),
      openedOn: '2017-05-20',
    });
    expectFieldError(bad, 400, 'art6Site');
  });
});

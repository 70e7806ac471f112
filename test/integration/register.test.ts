import { afterAll, beforeAll, expect, it } from 'vitest';
import { execute } from '../../src/app/useCase.ts';
import {
  getHousehold,
  listHouseholds,
  povertyStatusOn,
  recordPovertyStatus,
} from '../../src/app/register/households.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';

describeEachDialect('register', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(dialect);
    await seedSmallDistrict(t.app);
  });
  afterAll(() => t.close());

  it('a township clerk lists only their own township', async () => {
    const { actor } = await actorFor(t.app, 'baima');
    const page = await execute(t.app, actor, listHouseholds, { pageSize: 200 });
    expect(page.total).toBe(20); // 520 households over 52 villages = 10 each; 白马镇 has 2 villages
    expect(new Set(page.items.map((h) => h.townshipName))).toEqual(new Set(['白马镇']));
    expect(page.items[0]!.headIdNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
  });

  it('answers "was this household registered poor on date D?" from its history', async () => {
    const { actor } = await actorFor(t.app, 'fpb');
    const [h] = (await execute(t.app, actor, listHouseholds, { status: 'not_poor', pageSize: 1 }))
      .items;
    await execute(t.app, actor, recordPovertyStatus, {
      id: h!.id,
      status: 'registered_poor',
      effectiveFrom: '2016-03-01',
      source: '动态调整',
    });
    await execute(t.app, actor, recordPovertyStatus, {
      id: h!.id,
      status: 'lifted',
      effectiveFrom: '2018-12-31',
      source: '脱贫验收',
    });
    const on = (date: string) => execute(t.app, actor, povertyStatusOn, { id: h!.id, date });
    expect((await on('2016-02-29')).status).toBe('not_poor');
    expect((await on('2016-03-01')).registeredPoor).toBe(true);
    expect((await on('2018-12-30')).registeredPoor).toBe(true);
    expect((await on('2018-12-31')).status).toBe('lifted');
    const detail = await execute(t.app, actor, getHousehold, { id: h!.id });
    expect(detail.povertyStatus).toBe('lifted');
    expect(detail.povertyHistory.map((p) => p.status)).toEqual([
      'not_poor',
      'registered_poor',
      'lifted',
    ]);
  });
});

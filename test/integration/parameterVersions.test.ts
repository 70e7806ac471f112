import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IsoDate } from '../../src/core/calendarDate.ts';
import { paramFen } from '../../src/core/policy/parameterSet.ts';
import { fenToYuanString } from '../../src/core/money.ts';
import { AppError } from '../../src/app/errors.ts';
import {
  addParameterVersion,
  listParameters,
  loadParameterSnapshot,
  syncShippedParameters,
} from '../../src/app/policy/parameterVersions.ts';
import { execute } from '../../src/app/useCase.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';

const CAP = 'art11.micro-credit.max-amount';

describeEachDialect('policy parameter versions', (dialect) => {
  let t: TestApp;
  let clock = new Date('2020-01-01T00:00:00Z');
  beforeAll(async () => {
    t = await openTestApp(dialect, () => clock);
    await seedSmallDistrict(t.app);
  });
  afterAll(() => t.close());

  it('seeds the shipped versions once: a second sync inserts nothing', async () => {
    expect(await syncShippedParameters(t.app)).toBe(0);
    const snap = await loadParameterSnapshot(t.app, '500156');
    // art. 11: "5万元额度"
    expect(fenToYuanString(paramFen(snap, CAP, '2017-06-01' as IsoDate).value)).toBe('50000.00');
  });

  it('adds a version with its effective date and document; old versions stay; past snapshots reproduce', async () => {
    const { actor } = await actorFor(t.app, 'czj');
    const before = clock;
    clock = new Date('2020-06-01T08:00:00Z');
    const added = await execute(t.app, actor, addParameterVersion, {
      id: CAP,
      effectiveFrom: '2020-07-01',
      value: '80000',
      document: '区政府常务会议纪要〔2020〕12号（演示）',
    });
    expect(added).toMatchObject({ id: CAP, from: '2020-07-01', value: '80000.00' });
    expect(added.version).toBeGreaterThan(1);

    const now = await loadParameterSnapshot(t.app, '500156');
    expect(fenToYuanString(paramFen(now, CAP, '2020-06-30' as IsoDate).value)).toBe('50000.00');
    expect(fenToYuanString(paramFen(now, CAP, '2020-07-01' as IsoDate).value)).toBe('80000.00');
    // As recorded before the change, the same date still reads 50,000.
    const then = await loadParameterSnapshot(t.app, '500156', before);
    expect(fenToYuanString(paramFen(then, CAP, '2020-07-01' as IsoDate).value)).toBe('50000.00');

    const list = await execute(t.app, actor, listParameters, { at: '2020-07-01', article: 11 });
    const cap = list.items.find((p) => p.id === CAP)!;
    expect(cap.current).toMatchObject({ value: '80000.00', version: added.version });
    expect(cap.versions.map((v) => v.value)).toEqual(['50000.00', '80000.00']);

    const audit = await t.app.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'policy.parameter.add-version')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_username).toBe('czj');
  });

  it('refuses a bad value, an unknown parameter and a role that may not edit policy; nothing changes', async () => {
    const count = async () =>
      Number(
        (
          await t.app.store.db
            .selectFrom('parameter_versions')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n = await count();
    const { actor } = await actorFor(t.app, 'czj');
    await expect(
      execute(t.app, actor, addParameterVersion, {
        id: CAP,
        effectiveFrom: '2021-01-01',
        value: '-5',
        document: 'x',
      }),
    ).rejects.toMatchObject({ field: 'value' });
    await expect(
      execute(t.app, actor, addParameterVersion, {
        id: CAP,
        effectiveFrom: '2021-02-30',
        value: '1',
        document: 'x',
      }),
    ).rejects.toMatchObject({ field: 'effectiveFrom' });
    await expect(
      execute(t.app, actor, addParameterVersion, {
        id: 'art99.nothing',
        effectiveFrom: '2021-01-01',
        value: '1',
        document: 'x',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const clerk = (await actorFor(t.app, 'baima')).actor;
    await expect(
      execute(t.app, clerk, addParameterVersion, {
        id: CAP,
        effectiveFrom: '2021-01-01',
        value: '1',
        document: 'x',
      }),
    ).rejects.toBeInstanceOf(AppError);
    expect(await count()).toBe(n);
  });
});

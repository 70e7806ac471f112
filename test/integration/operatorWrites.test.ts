import { afterAll, beforeAll, expect, it } from 'vitest';
import { execute } from '../../src/app/useCase.ts';
import { listOperators, updateOperator } from '../../src/app/register/operators.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';

const BAIMA = '500156003';

describeEachDialect('operator edits', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(dialect);
    await seedSmallDistrict(t.app);
  });
  afterAll(() => t.close());

  const row = (id: string) =>
    t.app.store.db
      .selectFrom('operators')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const firstIn = async (username: string, township?: string) => {
    const { actor } = await actorFor(t.app, username);
    const page = await execute(t.app, actor, listOperators, township ? { township } : {});
    return page.items[0]!;
  };

  it('edits headcounts and village, bumps the version and audits before/after', async () => {
    const { actor } = await actorFor(t.app, 'baima');
    const op = await firstIn('baima');
    const updated = await execute(t.app, actor, updateOperator, {
      id: op.id,
      version: op.version,
      workforce: 40,
      poorWorkforce: 8,
      villageCode: `${BAIMA}002`,
    });
    expect(updated).toMatchObject({
      workforce: 40,
      poorWorkforce: 8,
      villageCode: `${BAIMA}002`,
      version: op.version + 1,
    });
    expect(updated.uscc).toBe(op.uscc);
    const audit = await t.app.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'operator.update')
      .where('entity_id', '=', op.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.before_json!)).toMatchObject({ workforce: op.workforce });
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ workforce: 40, poor_workforce: 8 });
  });

  it('refuses a stale version, more poor workers than workers, an out-of-area village and a new USCC; nothing changes', async () => {
    const { actor } = await actorFor(t.app, 'baima');
    const op = await firstIn('baima');
    const before = await row(op.id);
    await expect(
      execute(t.app, actor, updateOperator, {
        id: op.id,
        version: op.version - 1 || 99,
        name: 'x',
      }),
    ).rejects.toMatchObject({ code: 'stale_version', field: 'version' });
    await expect(
      execute(t.app, actor, updateOperator, {
        id: op.id,
        version: op.version,
        poorWorkforce: op.workforce + 1,
      }),
    ).rejects.toMatchObject({ field: 'poorWorkforce' });
    await expect(
      execute(t.app, actor, updateOperator, {
        id: op.id,
        version: op.version,
        villageCode: '500156023001',
      }),
    ).rejects.toMatchObject({ code: 'unknown_village', field: 'villageCode' });
    await expect(
      execute(t.app, actor, updateOperator, {
        id: op.id,
        version: op.version,
        uscc: '91500156MA00000000',
      }),
    ).rejects.toMatchObject({ kind: 'invalid', field: 'uscc' });
    await expect(
      execute(t.app, actor, updateOperator, { id: op.id, version: op.version, workforce: -1 }),
    ).rejects.toMatchObject({ field: 'workforce' });
    expect(await row(op.id)).toEqual(before);
  });

  it("answers another township's operator exactly like a missing one", async () => {
    const { actor } = await actorFor(t.app, 'baima');
    const other = await firstIn('admin', '500156023');
    const before = await row(other.id);
    const attempt = execute(t.app, actor, updateOperator, {
      id: other.id,
      version: other.version,
      name: 'x',
    });
    const missing = execute(t.app, actor, updateOperator, {
      id: '01a00000-0000-7000-8000-000000000000',
      version: 1,
      name: 'x',
    });
    const [a, m] = await Promise.allSettled([attempt, missing]);
    expect(a.status).toBe('rejected');
    expect(m.status).toBe('rejected');
    expect((a as PromiseRejectedResult).reason.toJSON()).toEqual(
      (m as PromiseRejectedResult).reason.toJSON(),
    );
    expect(await row(other.id)).toEqual(before);
  });
});

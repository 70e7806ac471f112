import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import {
  addDemonstrationVillage,
  listDemonstrationVillages,
} from '../../src/app/credit/demonstrationVillages.ts';
import { listTargets } from '../../src/app/targets/targetList.ts';
import { execute, type UseCase } from '../../src/app/useCase.ts';
import { actorFor } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { BAIMA, Clock, dump, HOUPING, refusal } from './helpers.ts';
import { emptyDistrict } from './settlementSetup.ts';

/**
 * Art. 2's demonstration villages (decision 0025): 农行…要打造3个以上金融扶贫示范村. The
 * PBOC sub-branch records 白马 001 (2017-06-30) and 后坪 002 (2017-11-15), then 白马 002
 * (2018-04-20): as of 2017-12-31 the target shows 2 of at least 3, as of 2018-04-30 it is
 * met with 3; before anything is recorded it shows no data, never zero.
 */

describeEachDialect('art. 2 demonstration villages', (dialect) => {
  let t: TestApp;
  let a: Record<string, Actor>;
  const as = <I, O>(who: string, uc: UseCase<I, O>, input: unknown): Promise<O> =>
    execute(t.app, a[who]!, uc, input);
  const target = async (asOf: string) =>
    (await as('admin', listTargets, { asOf })).items.find(
      (i) => i.id === 'art2.demonstration-villages',
    )!;

  beforeAll(async () => {
    t = await openTestApp(dialect, new Clock('2018-05-02T01:00:00.000Z').now);
    a = await emptyDistrict(t.app);
    a.rh = (await actorFor(t.app, 'rh')).actor;
  });
  afterAll(() => t.close());

  it('shows no data while nothing is recorded', async () => {
    expect((await target('2018-04-30')).actual).toBeNull();
  });

  it('counts the villages recognised by the day; three meet the target', async () => {
    const add = (villageCode: string, designatedOn: string) =>
      as('rh', addDemonstrationVillage, { villageCode, designatedOn, document: '认定文件' });
    await add(`${BAIMA}001`, '2017-06-30');
    await add(`${HOUPING}002`, '2017-11-15');
    await add(`${BAIMA}002`, '2018-04-20');
    const before = await target('2017-12-31');
    expect([before.actual, before.goal]).toEqual(['2', '3']);
    expect(before.status).not.toBe('met');
    const after = await target('2018-04-30');
    expect([after.actual, after.status]).toEqual(['3', 'met']);
    const list = await as('admin', listDemonstrationVillages, {});
    expect(list.items.map((v) => [v.villageCode, v.designatedOn])).toEqual([
      [`${BAIMA}001`, '2017-06-30'],
      [`${HOUPING}002`, '2017-11-15'],
      [`${BAIMA}002`, '2018-04-20'],
    ]);
    expect(list.items[0]!.townshipName).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses bad input, naming the field, and changes nothing', async () => {
    const tries: [string, object, string][] = [
      ['rh', { villageCode: '500156999999', designatedOn: '2017-01-01' }, 'villageCode'],
      ['rh', { villageCode: BAIMA, designatedOn: '2017-01-01' }, 'villageCode'],
      ['rh', { villageCode: `${BAIMA}003`, designatedOn: '2018-05-03' }, 'designatedOn'],
      ['rh', { villageCode: `${BAIMA}003`, designatedOn: '2017-02-30' }, 'designatedOn'],
      ['rh', { villageCode: `${BAIMA}001`, designatedOn: '2017-01-01' }, 'villageCode'],
      ['rh', { villageCode: `${BAIMA}003`, designatedOn: '2017-01-01', document: ' ' }, 'document'],
    ];
    for (const [who, input, field] of tries) {
      const before = await dump(t.app, ['demonstration_villages', 'audit_log']);
      const err = await refusal(
        as(who, addDemonstrationVillage, { document: '认定文件', ...input }),
      );
      expect([err.field, JSON.stringify(input)]).toEqual([field, JSON.stringify(input)]);
      expect(err.message_zh).toMatch(/[\u4e00-\u9fff]/);
      expect(await dump(t.app, ['demonstration_villages', 'audit_log'])).toEqual(before);
    }
    const bank = await refusal(
      as('icbc', addDemonstrationVillage, {
        villageCode: `${BAIMA}003`,
        designatedOn: '2017-01-01',
        document: '认定文件',
      }),
    );
    expect(bank.kind).toBe('forbidden');
  });
});

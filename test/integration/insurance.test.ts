import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { createPolicy, listPolicies, recordClaim } from '../../src/app/insurance/policies.ts';
import { prepareRun } from '../../src/app/settlement/prepareRun.ts';
import { getRun, listRunLines } from '../../src/app/settlement/runQueries.ts';
import { execute, type UseCase } from '../../src/app/useCase.ts';
import { actorFor } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { Clock, dump, refusal } from './helpers.ts';
import { poorHousehold } from './loanSetup.ts';
import { emptyDistrict } from './settlementSetup.ts';

/**
 * Insurance policies (issue 5 §1) and their premium shares in settlement, on both
 * dialects. PICC insures households of 白马镇; premiums paid in 2017-Q2 are settled in
 * that quarter, with the values worked out from the text:
 *
 * Art. 24 (agricultural insurance in the central subsidy scope; a registered poor
 * household gets an extra 5 % of the total premium, never more than its own share):
 *   P24: premium 600.00, subsidies applied 240 + 60 + 60 = 360 → own share 240.00;
 *        5 % × 600.00 = 30.00 ≤ 240.00 → 30.00.
 *   P24c: premium 1,000.00, subsidies applied 990.00 → own share 10.00; 5 % = 50.00 is
 *        capped at 10.00.
 *   P24x: the household was not yet registered poor on the premium date: 0, says why.
 * Art. 26 (income insurance of rice, hogs, vegetables, fishery: city and district pay
 * 70 %, 35 % + 35 % by default):
 *   P26: rice, premium 800.00 → city 280.00, district 280.00.
 *   P26x: a product the article does not name: 0, says why.
 * Not priced: a policy of another scheme, and one whose premium was paid in 2017-Q3.
 * 2017-Q2 owes 30.00 + 10.00 + 560.00 = 600.00.
 */

const TERM = { startDate: '2017-04-01', endDate: '2018-03-31' };

describeEachDialect('insurance policies and their premium shares', (dialect) => {
  const clock = new Clock('2017-09-01T01:00:00.000Z');
  let t: TestApp;
  let a: Record<string, Actor>;
  const p: Record<string, string> = {};

  const as = <I, O>(who: string, uc: UseCase<I, O>, input: unknown): Promise<O> =>
    execute(t.app, a[who]!, uc, input);
  const policy = async (key: string, seq: number, values: object) => {
    p[key] = (
      await as('picc', createPolicy, {
        policyNo: `PICC-${key}`,
        householdNo: `LOAN-${String(seq)}`,
        scheme: 'central-subsidy',
        product: 'hogs',
        centralShare: '0',
        cityShare: '0',
        districtShare: '0',
        premiumDate: '2017-04-10',
        ...TERM,
        ...values,
      })
    ).id;
  };

  beforeAll(async () => {
    t = await openTestApp(dialect, clock.now);
    a = await emptyDistrict(t.app);
    a.picc = (await actorFor(t.app, 'picc')).actor;
    for (const seq of [301, 302, 304, 305, 306, 307]) await poorHousehold(t.app, a.admin!, seq);
    await poorHousehold(t.app, a.admin!, 303, undefined, '2018-01-01');
    await policy('P24', 301, {
      premium: '600',
      centralShare: '240',
      cityShare: '60',
      districtShare: '60',
    });
    await policy('P24c', 302, { premium: '1000', centralShare: '990' });
    await policy('P24x', 303, { premium: '600', centralShare: '240' });
    await policy('P26', 304, { scheme: 'income', product: 'rice', premium: '800' });
    await policy('P26x', 305, { scheme: 'income', product: 'other', premium: '800' });
    await policy('Pother', 306, { scheme: 'other', premium: '500' });
    await policy('Plate', 307, {
      scheme: 'income',
      product: 'rice',
      premiumDate: '2017-07-03',
      premium: '900',
    });
  }, 180_000);
  afterAll(() => t?.close());

  it('prices arts. 24 and 26 premium shares as worked out by hand', async () => {
    const run = await as('jrzx', prepareRun, { period: '2017-Q2' });
    expect(run).toMatchObject({ lineCount: 6, total: '600.00' });
    const lines = (await as('jrzx', listRunLines, { id: run.id, pageSize: 50 })).items;
    const about = (key: string) =>
      lines
        .filter((l) => l.subjectId === p[key])
        .map((l) => [l.article, l.payer, l.payeeKind, l.payeeName, l.amount, l.excludedBy]);
    const picc = '人保财险武隆支公司';
    expect(about('P24')).toEqual([['art. 24', 'district', 'insurer', picc, '30.00', null]]);
    expect(about('P24c')).toEqual([['art. 24', 'district', 'insurer', picc, '10.00', null]]);
    expect(about('P24x')).toEqual([['art. 24', 'district', 'insurer', picc, '0.00', 'system']]);
    expect(lines.find((l) => l.subjectId === p.P24x)!.excludedReason).toContain('建卡贫困户');
    expect(about('P26')).toEqual([
      ['art. 26', 'city', 'insurer', picc, '280.00', null],
      ['art. 26', 'district', 'insurer', picc, '280.00', null],
    ]);
    expect(about('P26x')).toEqual([['art. 26', 'district', 'insurer', picc, '0.00', 'system']]);
    expect(lines.find((l) => l.subjectId === p.P26)!.contractNo).toBe('PICC-P26');
    expect(about('Pother')).toEqual([]);
    expect(about('Plate')).toEqual([]);
    const detail = await as('fpb', getRun, { id: run.id });
    expect(detail.byArticle).toEqual([
      { key: 'art. 24', lines: 2, total: '40.00' },
      { key: 'art. 26', lines: 2, total: '560.00' },
    ]);
  });

  it('records claims and lists the insurer’s policies', async () => {
    const out = await as('picc', recordClaim, {
      id: p.P26,
      occurredOn: '2017-08-15',
      amount: '1200.50',
      note: '水稻受灾减产',
    });
    expect(out).toMatchObject({
      premium: '800.00',
      householdShare: '800.00',
      claims: [{ occurredOn: '2017-08-15', amount: '1200.50', note: '水稻受灾减产' }],
    });
    const listed = await as('picc', listPolicies, {});
    expect(listed.total).toBe(7);
    // the list carries each policy's claims
    expect(listed.items.find((x) => x.id === p.P26)!.claims).toMatchObject([
      { occurredOn: '2017-08-15', amount: '1200.50' },
    ]);
    expect(listed.items.filter((x) => x.claims.length > 0)).toHaveLength(1);
    expect((await as('fpb', listPolicies, {})).total).toBe(7);
    expect(await refusal(as('icbc', listPolicies, {}))).toMatchObject({ status: 403 });
  });

  it('refuses bad policy and claim input with a field error, and changes nothing', async () => {
    const before = await dump(t.app);
    const good = {
      policyNo: 'PICC-NEW',
      householdNo: 'LOAN-301',
      scheme: 'income',
      product: 'rice',
      premium: '100',
      centralShare: '0',
      cityShare: '0',
      districtShare: '0',
      premiumDate: '2017-05-01',
      ...TERM,
    };
    const cases: [object, number, string][] = [
      [{ premium: '-100' }, 400, 'premium'],
      [{ premium: '0' }, 400, 'premium'],
      [{ cityShare: '-1' }, 400, 'cityShare'],
      [{ centralShare: '12.345' }, 400, 'centralShare'],
      [{ centralShare: '60', cityShare: '30', districtShare: '10.01' }, 400, 'districtShare'],
      [{ endDate: '2017-03-31' }, 400, 'endDate'],
      [{ premiumDate: '2017-09-02' }, 400, 'premiumDate'],
      [{ householdNo: 'NO-SUCH' }, 400, 'householdNo'],
      [{ scheme: 'life' }, 400, 'scheme'],
      [{ policyNo: 'PICC-P24' }, 409, 'policyNo'],
    ];
    for (const [change, status, field] of cases) {
      const r = await refusal(as('picc', createPolicy, { ...good, ...change }));
      expect(r, JSON.stringify(change)).toMatchObject({ status, field });
    }
    const claims: [object, number, string][] = [
      [{ occurredOn: '2017-03-31' }, 400, 'occurredOn'],
      [{ occurredOn: '2017-09-02' }, 400, 'occurredOn'],
      [{ amount: '-5' }, 400, 'amount'],
      [{ id: 'no-such-policy' }, 404, undefined as unknown as string],
    ];
    for (const [change, status, field] of claims) {
      const r = await refusal(
        as('picc', recordClaim, { id: p.P24, occurredOn: '2017-05-01', amount: '5', ...change }),
      );
      expect(r, JSON.stringify(change)).toMatchObject({ status, field });
    }
    expect(await dump(t.app)).toEqual(before);
  });
});

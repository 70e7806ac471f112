import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { createServicePoint } from '../../src/app/network/servicePoints.ts';
import { topUpFund } from '../../src/app/settlement/funds.ts';
import { prepareRun } from '../../src/app/settlement/prepareRun.ts';
import { approveRun, reviewRun, submitRun } from '../../src/app/settlement/runLifecycle.ts';
import { listRunLines } from '../../src/app/settlement/runQueries.ts';
import { execute } from '../../src/app/useCase.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { BAIMA, Clock, dump, HOUPING, refusal } from './helpers.ts';
import { emptyDistrict } from './settlementSetup.ts';

/**
 * Art. 6 one-off device subsidies as settlement lines (issue 7 §1), on both dialects.
 * 按ATM（CRS）机每台10000元、农村便民金融自助服务点每个10000元、银行卡助农取款服务点和手机支付服务点
 * 每个400元 … 区财政给予相关金融机构一次性定额补助, for devices 在乡镇和具备条件的贫困村.
 *
 * Devices (ABC unless said), and what 2017-Q1 (2017-01-01..2017-03-31) owes:
 *   a ATM, township,             opened 2017-01-15           10,000.00
 *   b self-service, poor village, opened 2017-02-10           10,000.00
 *   c assisted withdrawal, poor village, opened 2017-03-31       400.00 (last day counts)
 *   d ICBC assisted withdrawal, poor village, 2017-01-05         400.00 (to ICBC)
 *   e mobile payment, elsewhere ('other'), 2017-02-01             0 (location)
 *   f mobile payment, poor village, 2017-03-01, closed 03-20      0 (not operating)
 *   g ATM, township, opened 2016-12-31: 2016-Q4, not here
 *   h ATM, township, opened 2017-04-01: 2017-Q2, not here
 *   i POS, 2017-02-01: art. 6 names no amount for POS, no line
 * Q1 total = 10,000 + 10,000 + 400 + 400 = 20,800.00 over 6 lines (2 at 0, excluded).
 * ABC is owed 20,400.00, ICBC 400.00. Q2 owes h only: 10,000.00.
 * A run over the whole of 2017 carries Q1's devices again; once Q1 is approved, their
 * claims refuse to approve them a second time.
 */

describeEachDialect('art. 6 device subsidies in settlement', (dialect) => {
  let t: TestApp;
  let a: Record<string, Actor>;
  const ids: Record<string, string> = {};
  let abc: string;
  let icbc: string;

  beforeAll(async () => {
    t = await openTestApp(dialect, new Clock('2017-07-03T01:00:00.000Z').now);
    a = await emptyDistrict(t.app);
    const inst = await t.app.store.db.selectFrom('institutions').select(['id', 'code']).execute();
    abc = inst.find((i) => i.code === 'ABC-WL')!.id;
    icbc = inst.find((i) => i.code === 'ICBC-WL')!.id;
    const v1 = `${BAIMA}001`;
    const v2 = `${HOUPING}002`;
    const add = async (key: string, who: Actor, input: Record<string, unknown>) => {
      ids[key] = (
        await execute(t.app, who, createServicePoint, { name: `设备${key}`, place: v1, ...input })
      ).id;
    };
    const admin = a.admin!;
    await add('a', admin, {
      kind: 'atm',
      institutionId: abc,
      art6Site: 'township',
      openedOn: '2017-01-15',
    });
    await add('b', admin, {
      kind: 'self_service_point',
      institutionId: abc,
      art6Site: 'poor-village',
      place: v2,
      openedOn: '2017-02-10',
    });
    await add('c', admin, {
      kind: 'assisted_withdrawal_point',
      institutionId: abc,
      art6Site: 'poor-village',
      place: v2,
      openedOn: '2017-03-31',
    });
    await add('d', a.icbc!, {
      kind: 'assisted_withdrawal_point',
      art6Site: 'poor-village',
      openedOn: '2017-01-05',
    });
    await add('e', admin, {
      kind: 'mobile_payment_point',
      institutionId: abc,
      art6Site: 'other',
      openedOn: '2017-02-01',
    });
    await add('f', admin, {
      kind: 'mobile_payment_point',
      institutionId: abc,
      art6Site: 'poor-village',
      openedOn: '2017-03-01',
      closedOn: '2017-03-20',
    });
    await add('g', admin, {
      kind: 'atm',
      institutionId: abc,
      art6Site: 'township',
      openedOn: '2016-12-31',
    });
    await add('h', admin, {
      kind: 'atm',
      institutionId: abc,
      art6Site: 'township',
      openedOn: '2017-04-01',
    });
    await add('i', admin, { kind: 'pos', institutionId: abc, openedOn: '2017-02-01' });
    await execute(t.app, a.czj!, topUpFund, {
      fund: 'fund.district-subsidy',
      source: 'source.district-budget',
      amount: '100000',
      postedOn: '2017-01-03',
      memo: '2017年设备补助预算',
    });
  });
  afterAll(() => t.close());

  const lines = async (runId: string) =>
    (await execute(t.app, a.admin!, listRunLines, { id: runId, pageSize: 200 })).items;

  const approve = async (runId: string) => {
    await execute(t.app, a.admin!, submitRun, { id: runId });
    await execute(t.app, a.fpb!, reviewRun, { id: runId });
    return execute(t.app, a.czj!, approveRun, { id: runId });
  };

  it('turns the devices installed in a period into art. 6 lines, worked by hand', async () => {
    const run = await execute(t.app, a.admin!, prepareRun, { period: '2017-Q1' });
    expect(run.total).toBe('20800.00');
    const got = await lines(run.id);
    const bySubject = new Map(got.map((l) => [l.subjectId, l]));
    expect(got).toHaveLength(6);
    expect(got.every((l) => l.article === 'art. 6' && l.payer === 'district')).toBe(true);
    expect(['a', 'b', 'c', 'd', 'e', 'f'].map((k) => [k, bySubject.get(ids[k]!)?.amount])).toEqual([
      ['a', '10000.00'],
      ['b', '10000.00'],
      ['c', '400.00'],
      ['d', '400.00'],
      ['e', '0.00'],
      ['f', '0.00'],
    ]);
    expect(bySubject.get(ids.d!)).toMatchObject({ payeeKind: 'bank', payeeId: icbc });
    expect(bySubject.get(ids.a!)).toMatchObject({ payeeId: abc, township: BAIMA });
    expect(bySubject.get(ids.e!)!.excludedReason).toMatch(/乡镇|township/);
    expect(bySubject.get(ids.f!)!.excludedReason).toContain('2017-03-20');
    const paid = got.filter((l) => l.excludedReason === null);
    expect(paid.filter((l) => l.payeeId === abc).reduce((s, l) => s + Number(l.amount), 0)).toBe(
      20400,
    );
  });

  it('pays each device once: a later run over the same days cannot be approved again', async () => {
    const q1 = await execute(t.app, a.admin!, prepareRun, { period: '2017-Q1' });
    await approve(q1.id);
    const claims = await t.app.store.db
      .selectFrom('settlement_claims')
      .select(['line_key', 'amount'])
      .where('run_id', '=', q1.id)
      .execute();
    // a, b, c, d: the four included lines; e and f (0, excluded) are never claimed.
    expect(claims.map((c) => Number(c.amount)).sort((x, y) => x - y)).toEqual([
      40000, 40000, 1000000, 1000000,
    ]);

    const q2 = await execute(t.app, a.admin!, prepareRun, { period: '2017-Q2' });
    expect(q2.total).toBe('10000.00');
    expect((await lines(q2.id)).map((l) => l.subjectId)).toEqual([ids.h]);

    // The whole year carries a–f and h again (g opened in 2016): 20,800 + 10,000.
    const year = await execute(t.app, a.admin!, prepareRun, { period: '2017' });
    expect(year.total).toBe('30800.00');
    await execute(t.app, a.admin!, submitRun, { id: year.id });
    await execute(t.app, a.fpb!, reviewRun, { id: year.id });
    const before = await dump(t.app);
    const e = await refusal(execute(t.app, a.czj!, approveRun, { id: year.id }));
    expect(e.code).toBe('line_already_claimed');
    expect(await dump(t.app)).toEqual(before);
  });
});

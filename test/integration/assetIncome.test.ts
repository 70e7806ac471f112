import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { applyForLoan, approveLoan, disburseLoan } from '../../src/app/loans/applications.ts';
import {
  recordAssetIncomeDividend,
  recordAssetIncomeStake,
} from '../../src/app/loans/assetIncome.ts';
import { householdAssetIncome, loanAssetIncome } from '../../src/app/loans/assetIncomeLists.ts';
import { recordPovertyStatus } from '../../src/app/register/households.ts';
import { execute, type UseCase } from '../../src/app/useCase.ts';
import { buildServer } from '../../src/http/server.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import {
  ALL_TABLES,
  call,
  Clock,
  cookieFor,
  dump,
  expectBilingual,
  HOUPING,
  refusal,
} from './helpers.ts';
import { INDUSTRY, MICRO_CREDIT, nextContract, poorHousehold, product } from './loanSetup.ts';

/**
 * Art. 13's asset-income pilot (金融资产收益扶贫试点, ADR 0012): poor and lifted households
 * transfer their borrowing entitlement to an enterprise's industry loan as quantified
 * equity and are paid dividends. The transfer uses the household's art. 11 cap (50,000).
 */
describeEachDialect('loans: the art. 13 asset-income pilot', (dialect) => {
  let t: TestApp;
  const a = {} as Record<'admin' | 'fpb' | 'icbc' | 'abc' | 'baima', Actor>;
  let industry: string;
  let microCredit: string;
  let operatorId: string;
  let seq = 820;

  const run = <I, O>(who: Actor, uc: UseCase<I, O>, input: unknown) =>
    execute(t.app, who, uc, input);
  const lent = async (productId: string, householdId: string, amount: string, on: string) => {
    const l = await run(a.icbc, applyForLoan, {
      productId,
      householdId,
      contractNo: nextContract(`AI-${dialect}`),
      amount,
      annualRate: '4.75',
      termMonths: 36,
      appliedOn: on,
    });
    expect(l.status, JSON.stringify(l.refusal)).toBe('applied');
    await run(a.icbc, approveLoan, { id: l.id });
    await run(a.icbc, disburseLoan, { id: l.id, contractDate: on, disbursedOn: on });
    return l.id;
  };
  const stake = (householdId: string, loanId: string, amount: string, equityShare: string) =>
    run(a.fpb, recordAssetIncomeStake, {
      householdId,
      operatorId,
      loanId,
      amount,
      equityShare,
      startDate: '2017-03-10',
    });
  /** Refused with a bilingual error naming `field`; not a row of any table changed. */
  const refused = async (
    p: () => Promise<unknown>,
    field: string | undefined,
    kind = 'invalid',
  ) => {
    const before = await dump(t.app, ALL_TABLES);
    const e = await refusal(p());
    expect(e.kind, e.message_en).toBe(kind);
    expect(e.field, e.message_en).toBe(field);
    expectBilingual(e.toJSON(), e.code);
    expect(await dump(t.app, ALL_TABLES)).toEqual(before);
    return e;
  };

  beforeAll(async () => {
    t = await openTestApp(dialect, new Clock().now);
    await seedSmallDistrict(t.app);
    for (const who of ['admin', 'fpb', 'icbc', 'abc', 'baima'] as const)
      a[who] = (await actorFor(t.app, who)).actor;
    const spec = { institutionId: a.icbc.institutionId };
    industry = (await product(t.app, a.admin, { ...INDUSTRY, ...spec, code: 'IND-AI' })).id;
    microCredit = (await product(t.app, a.admin, { ...MICRO_CREDIT, ...spec, code: 'MC-AI' })).id;
    operatorId = (
      await t.app.store.db.selectFrom('operators').select('id').executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => t.close());

  it('three households × 50,000 in a 150,000 enterprise loan, 8 % a year: 4,000.00 each', async () => {
    const loanId = await lent(
      industry,
      await poorHousehold(t.app, a.admin, ++seq),
      '150000',
      '2017-03-10',
    );
    const [h1, h2, h3] = [
      await poorHousehold(t.app, a.admin, ++seq),
      await poorHousehold(t.app, a.admin, ++seq),
      await poorHousehold(t.app, a.admin, ++seq),
    ];
    // A lifted household (脱贫户) may transfer too.
    await run(a.admin, recordPovertyStatus, {
      id: h3,
      status: 'lifted',
      effectiveFrom: '2016-12-01',
      source: '脱贫验收',
    });
    // 50,000 of 150,000 is one third: 33.3333 % each (the three sum to 99.9999 %).
    const stakes: string[] = [];
    for (const h of [h1, h2, h3]) stakes.push((await stake(h, loanId, '50000', '33.3333')).id);
    // A dividend of 8 % a year on 50,000 = 50,000 × 8 / 100 = 4,000.00 a year; two years.
    for (const [i, id] of stakes.entries()) {
      await run(a.icbc, recordAssetIncomeDividend, {
        id,
        period: '2017',
        amount: '4000',
        paidOn: '2018-01-15',
        paymentRef: `DIV-2017-${String(i)}`,
      });
      await run(a.fpb, recordAssetIncomeDividend, {
        id,
        period: '2018',
        amount: '4000.00',
        paidOn: '2019-01-15',
        paymentRef: `DIV-2018-${String(i)}`,
      });
    }
    const mine = await run(a.baima, householdAssetIncome, { id: h1 });
    expect(mine.stakes).toHaveLength(1);
    expect(mine.stakes[0]).toMatchObject({
      loanId,
      operatorId,
      amount: '50000.00',
      equityShare: '33.3333',
      startDate: '2017-03-10',
      dividendTotal: '8000.00',
    });
    expect(mine.stakes[0]!.dividends.map((d) => [d.period, d.amount, d.paidOn])).toEqual([
      ['2017', '4000.00', '2018-01-15'],
      ['2018', '4000.00', '2019-01-15'],
    ]);
    const behind = await run(a.icbc, loanAssetIncome, { id: loanId });
    expect(behind.stakes.map((s) => s.householdId).sort()).toEqual([h1, h2, h3].sort());
    // Three stakes × 8,000.00 = 24,000.00 paid on the loan's equity over two years.
    const paid = behind.stakes.reduce((s, x) => s + Number(x.dividendTotal), 0);
    expect(paid).toBe(24000);

    // The household already has a stake in this loan: a second is a conflict.
    await refused(() => stake(h1, loanId, '1', '1'), 'householdId', 'conflict');
    // The loan is fully taken by the three entitlements: 150,000 + 0.01 is over it.
    const h4 = await poorHousehold(t.app, a.admin, ++seq);
    await refused(() => stake(h4, loanId, '0.01', '0.0001'), 'amount');
    // The same period twice on a stake.
    await refused(
      () =>
        run(a.fpb, recordAssetIncomeDividend, {
          id: stakes[0],
          period: '2017',
          amount: '1',
          paidOn: '2018-02-01',
          paymentRef: 'DUP',
        }),
      'period',
      'conflict',
    );
    // A dividend paid before the stake started (2017-03-10).
    await refused(
      () =>
        run(a.fpb, recordAssetIncomeDividend, {
          id: stakes[0],
          period: '2016',
          amount: '1',
          paidOn: '2017-03-09',
          paymentRef: 'EARLY',
        }),
      'paidOn',
    );
    // Another bank's officer: the stake is not theirs to see.
    await refused(
      () =>
        run(a.abc, recordAssetIncomeDividend, {
          id: stakes[0],
          period: '2019',
          amount: '1',
          paidOn: '2020-01-15',
          paymentRef: 'ABC',
        }),
      undefined,
      'not_found',
    );
  });

  it('the transfer uses the household art. 11 cap, with its micro-credit and other stakes', async () => {
    const loanId = await lent(
      industry,
      await poorHousehold(t.app, a.admin, ++seq),
      '200000',
      '2017-03-10',
    );
    // Over 50,000 on its own: 50,000.01 > 50,000.
    const fresh = await poorHousehold(t.app, a.admin, ++seq);
    const e = await refused(() => stake(fresh, loanId, '50000.01', '10'), 'amount');
    expect(e.message_en).toContain('art. 11');
    // 20,000 of micro-credit owed on 2017-03-10 leaves 50,000 − 20,000 = 30,000.
    const borrower = await poorHousehold(t.app, a.admin, ++seq);
    await lent(microCredit, borrower, '20000', '2017-02-01');
    await refused(() => stake(borrower, loanId, '30000.01', '10'), 'amount');
    await stake(borrower, loanId, '30000', '10');
    // Now it has used all 50,000: a stake of 0.01 in another loan is over the cap.
    const other = await lent(
      industry,
      await poorHousehold(t.app, a.admin, ++seq),
      '10000',
      '2017-03-10',
    );
    await refused(() => stake(borrower, other, '0.01', '1'), 'amount');
    // A stake uses the cap for later micro-credit too: 30,000 transferred on 2017-03-10
    // leaves 20,000; an application for 20,000.01 on 2017-04-01 is refused by art. 11.
    const holder = await poorHousehold(t.app, a.admin, ++seq);
    await stake(holder, loanId, '30000', '10');
    const apply = (amount: string) =>
      run(a.icbc, applyForLoan, {
        productId: microCredit,
        householdId: holder,
        contractNo: nextContract(`AI-${dialect}`),
        amount,
        annualRate: '4.75',
        termMonths: 36,
        appliedOn: '2017-04-01',
      });
    const over = await apply('20000.01');
    expect(over.status).toBe('refused');
    expect(JSON.stringify(over.refusal)).toContain('art. 11');
    expect((await apply('20000')).status).toBe('applied');
  });

  it('refuses bad input, naming the field in Chinese and English, and changes nothing', async () => {
    const loanId = await lent(
      industry,
      await poorHousehold(t.app, a.admin, ++seq),
      '100000',
      '2017-03-10',
    );
    // Registered poor only from 2018: on 2017-03-10 it was not.
    const later = await poorHousehold(t.app, a.admin, ++seq, undefined, '2018-01-01');
    await refused(() => stake(later, loanId, '1000', '1'), 'householdId');
    // Removed from the register (not_poor) before the date.
    const removed = await poorHousehold(t.app, a.admin, ++seq);
    await run(a.admin, recordPovertyStatus, {
      id: removed,
      status: 'not_poor',
      effectiveFrom: '2017-01-01',
      source: '动态调整',
    });
    await refused(() => stake(removed, loanId, '1000', '1'), 'householdId');

    const h = await poorHousehold(t.app, a.admin, ++seq);
    for (const amount of ['-1', '0', '100.001', 'abc', ''])
      await refused(() => stake(h, loanId, amount, '1'), 'amount');
    for (const share of ['0', '100.0001', '33.33333', '-5', 'x'])
      await refused(() => stake(h, loanId, '1000', share), 'equityShare');
    // A micro-credit loan is not an enterprise's industry loan.
    const micro = await lent(
      microCredit,
      await poorHousehold(t.app, a.admin, ++seq),
      '5000',
      '2017-03-01',
    );
    await refused(() => stake(h, micro, '1000', '1'), 'loanId');
    // Only the poverty office records stakes.
    await refused(
      () =>
        run(a.icbc, recordAssetIncomeStake, {
          householdId: h,
          operatorId,
          loanId,
          amount: '1000',
          equityShare: '1',
          startDate: '2017-03-10',
        }),
      undefined,
      'forbidden',
    );

    // A township clerk sees only its township's households' stakes.
    const away = await poorHousehold(t.app, a.admin, ++seq, `${HOUPING}001`);
    const awayStake = await stake(away, loanId, '1000', '1');
    const home = await stake(h, loanId, '1000', '1');
    const e = await refusal(run(a.baima, householdAssetIncome, { id: away }));
    expect(e.kind).toBe('not_found');
    expectBilingual(e.toJSON(), e.code);
    // The loan is 白马镇's: its clerk sees the loan, but not the 后坪乡 household behind it.
    const seen = await run(a.baima, loanAssetIncome, { id: loanId });
    expect(seen.stakes.map((s) => s.id)).toEqual([home.id]);
    const all = await run(a.fpb, loanAssetIncome, { id: loanId });
    expect(all.stakes.map((s) => s.id).sort()).toEqual([awayStake.id, home.id].sort());
  });

  it('over HTTP: stake, dividend and the household page answer; errors keep the contract', async () => {
    const server: FastifyInstance = await buildServer(t.app);
    try {
      const loanId = await lent(
        industry,
        await poorHousehold(t.app, a.admin, ++seq),
        '60000',
        '2017-03-10',
      );
      const h = await poorHousehold(t.app, a.admin, ++seq);
      const fpb = await cookieFor(server, 'fpb');
      const body = { householdId: h, operatorId, loanId, amount: '20000', equityShare: '33.3333' };
      const made = await call(server, fpb, 'POST', '/api/v1/asset-income/stakes', {
        ...body,
        startDate: '2017-03-10',
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      const id = (made.body as { id: string }).id;
      // 8 % of 20,000 = 1,600.00 for 2017.
      const icbc = await cookieFor(server, 'icbc');
      const paid = await call(server, icbc, 'POST', `/api/v1/asset-income/stakes/${id}/dividends`, {
        period: '2017',
        amount: '1600.00',
        paidOn: '2018-01-15',
        paymentRef: 'HTTP-1',
      });
      expect(paid.status, JSON.stringify(paid.body)).toBe(201);
      const bad = await call(server, fpb, 'POST', `/api/v1/asset-income/stakes/${id}/dividends`, {
        period: '2018',
        amount: '1.234',
        paidOn: '2019-01-15',
        paymentRef: 'HTTP-2',
      });
      expect(bad.status).toBe(400);
      expectBilingual(bad.body, 'invalid_input');
      expect(bad.body.field).toBe('amount');
      const page = await call(server, icbc, 'GET', `/api/v1/households/${h}/asset-income`);
      expect(page.status).toBe(200);
      const stakes = (page.body as { stakes: { dividendTotal: string }[] }).stakes;
      expect(stakes.map((x) => x.dividendTotal)).toEqual(['1600.00']);
    } finally {
      await server.close();
    }
  });
});

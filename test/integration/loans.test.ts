import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { applyForLoan, approveLoan, disburseLoan } from '../../src/app/loans/applications.ts';
import { getLoan, listLoans } from '../../src/app/loans/loanDetail.ts';
import { needBoard } from '../../src/app/loans/needBoard.ts';
import { createNeed, listNeeds, respondToNeed } from '../../src/app/loans/needs.ts';
import { listLoanProducts } from '../../src/app/loans/products.ts';
import { recordRepayment } from '../../src/app/loans/repayments.ts';
import { recordPovertyStatus } from '../../src/app/register/households.ts';
import { execute, type UseCase } from '../../src/app/useCase.ts';
import { buildServer } from '../../src/http/server.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import {
  BAIMA,
  Clock,
  HOUPING,
  call,
  cookieFor,
  RANDOM_UUID,
  dump,
  expectBilingual,
  refusal,
  type Table,
} from './helpers.ts';
import { INDUSTRY, MICRO_CREDIT, nextContract, poorHousehold, product } from './loanSetup.ts';

/**
 * Loans, first increment (issue 4): art. 3 needs and the 应贷未贷 board, application with
 * art. 11 eligibility as of the application date, approval, disbursement with its
 * schedule, repayments, and who may see and do what.
 */
const LOAN_TABLES: readonly Table[] = [
  'loan_products',
  'financing_needs',
  'loans',
  'loan_schedule_rows',
  'repayments',
  'audit_log',
];

describeEachDialect('loans', (dialect) => {
  let t: TestApp;
  const a = {} as Record<
    'admin' | 'fpb' | 'baima' | 'houping' | 'abc' | 'icbc' | 'picc' | 'rh',
    Actor
  >;
  let mc: string;
  let industry: string;
  let seq = 700;

  const run = <I, O>(who: Actor, uc: UseCase<I, O>, input: unknown) =>
    execute(t.app, who, uc, input);
  const household = (village = `${BAIMA}001`, from = '2016-01-01') =>
    poorHousehold(t.app, a.admin, ++seq, village, from);
  const apply = (who: Actor, householdId: string, over: Record<string, unknown> = {}) =>
    run(who, applyForLoan, {
      productId: mc,
      householdId,
      contractNo: nextContract(dialect),
      amount: '50000',
      annualRate: '4.75',
      termMonths: 36,
      appliedOn: '2017-03-15',
      ...over,
    });
  /** A loan applied, approved and disbursed on `on`. */
  const lent = async (
    who: Actor,
    householdId: string,
    amount: string,
    on: string,
    productId = mc,
  ) => {
    const l = await apply(who, householdId, { amount, appliedOn: on, productId });
    expect(l.status, JSON.stringify(l.refusal)).toBe('applied');
    await run(who, approveLoan, { id: l.id });
    return run(who, disburseLoan, { id: l.id, contractDate: on, disbursedOn: on });
  };
  /** Refused, and nothing of the loan tables changed. */
  const refusedCleanly = async (p: () => Promise<unknown>, kind: string, field?: string) => {
    const before = await dump(t.app, LOAN_TABLES);
    const e = await refusal(p());
    expect(e.kind, e.message_en).toBe(kind);
    if (field !== undefined) expect(e.field).toBe(field);
    expectBilingual(e.toJSON(), e.code);
    expect(await dump(t.app, LOAN_TABLES)).toEqual(before);
    return e;
  };

  beforeAll(async () => {
    t = await openTestApp(dialect, new Clock().now);
    await seedSmallDistrict(t.app);
    for (const [k, u] of Object.entries({
      admin: 'admin',
      fpb: 'fpb',
      baima: 'baima',
      houping: 'houping',
      abc: 'abc',
      icbc: 'icbc',
      picc: 'picc',
      rh: 'rh',
    })) {
      a[k as keyof typeof a] = (await actorFor(t.app, u)).actor;
    }
    mc = (await product(t.app, a.admin, MICRO_CREDIT)).id;
    industry = (await product(t.app, a.admin, INDUSTRY)).id;
  });
  afterAll(() => t.close());

  it('need → board → apply → approve → disburse → schedule → repay: the happy path', async () => {
    const h = await household();
    // the demo district has needs of its own: the board is compared with what it was
    const board = (asOf: string) => run(a.fpb, needBoard, { asOf });
    const cellOf = (b: Awaited<ReturnType<typeof board>>) =>
      b.rows.find((r) => r.villageCode === `${BAIMA}001`) ?? { households: 0, amount: '0.00' };
    const [base0228, base0310, base0401] = [
      await board('2017-02-28'),
      await board('2017-03-10'),
      await board('2017-04-01'),
    ];
    const need = await run(a.baima, createNeed, {
      householdId: h,
      amount: '50000',
      purpose: '发展生猪养殖',
      industry: '畜牧业',
      recordedOn: '2017-03-01',
    });
    expect(need).toMatchObject({ status: 'open', amount: '50000.00', townshipCode: BAIMA });

    const on0310 = await board('2017-03-10');
    expect(cellOf(on0310)).toMatchObject({
      households: cellOf(base0310).households + 1,
      amount: (Number(cellOf(base0310).amount) + 50000).toFixed(2),
    });
    expect(on0310.totalHouseholds).toBe(base0310.totalHouseholds + 1);
    const township = (b: typeof on0310) =>
      b.townships.find((x) => x.townshipCode === BAIMA)?.households ?? 0;
    expect(township(on0310)).toBe(township(base0310) + 1);
    // before the need was recorded, it is not on the board
    expect(await board('2017-02-28')).toEqual(base0228);

    const answered = await run(a.abc, respondToNeed, { id: need.id, response: '已受理，安排调查' });
    expect(answered.status).toBe('responded');

    const applied = await apply(a.abc, h, { needId: need.id });
    expect(applied).toMatchObject({ status: 'applied', refusal: null, amount: '50000.00' });
    await run(a.abc, approveLoan, { id: applied.id });
    const disbursed = await run(a.abc, disburseLoan, {
      id: applied.id,
      contractDate: '2017-03-20',
      disbursedOn: '2017-03-20',
    });
    expect(disbursed).toMatchObject({ status: 'disbursed', maturityDate: '2020-03-20' });

    const detail = await run(a.abc, getLoan, { id: applied.id, asOf: '2017-04-01' });
    expect(detail.schedule).toHaveLength(36);
    // 50,000 over 36 months at 4.75 %, equal instalment: 1,492.94 a month (EXAMPLES.md 12);
    // the first month's interest 50,000 × 4.75 % / 12 = 197.92, principal 1,295.02.
    expect(detail.schedule[0]).toEqual({
      n: 1,
      periodStart: '2017-03-20',
      dueDate: '2017-04-20',
      principal: '1295.02',
      interest: '197.92',
      total: '1492.94',
      balanceAfter: '48704.98',
    });
    for (const row of detail.schedule.slice(0, 35)) expect(row.total).toBe('1492.94');
    expect(detail.schedule[35]!.balanceAfter).toBe('0.00');
    expect(detail).toMatchObject({
      outstandingPrincipal: '50000.00',
      daysPastDue: 0,
      classification: 'normal',
    });

    const paid = await run(a.abc, recordRepayment, {
      id: applied.id,
      paidOn: '2017-04-20',
      amount: '1492.94',
      bankTxnId: 'ABC-TXN-0001',
    });
    expect(paid).toMatchObject({ principal: '1295.02', interest: '197.92', penalty: '0.00' });
    const after = await run(a.abc, getLoan, { id: applied.id, asOf: '2017-04-20' });
    expect(after.outstandingPrincipal).toBe('48704.98');
    expect(after.repayments).toHaveLength(1);
    // as of the day before the payment, it still counts as outstanding
    expect(
      (await run(a.abc, getLoan, { id: applied.id, asOf: '2017-04-19' })).outstandingPrincipal,
    ).toBe('50000.00');

    // the need is now loaned and the household has left the board
    const needs = await run(a.baima, listNeeds, { householdId: h });
    expect(needs.items.map((n) => n.status)).toEqual(['loaned']);
    expect(await board('2017-04-01')).toEqual(base0401);

    // a partial payment goes to the next instalment's interest first
    const part = await run(a.abc, recordRepayment, {
      id: applied.id,
      paidOn: '2017-05-20',
      amount: '100',
      bankTxnId: 'ABC-TXN-0002',
    });
    expect(part).toMatchObject({ interest: '100.00', principal: '0.00' });
  });

  it('refuses, with art. 11, a household not registered poor on the application date', async () => {
    const h = await household();
    await run(a.admin, recordPovertyStatus, {
      id: h,
      status: 'lifted',
      effectiveFrom: '2017-01-01',
      source: '年度脱贫验收',
    });
    const refused = await apply(a.abc, h, { appliedOn: '2017-02-01' });
    expect(refused.status).toBe('refused');
    expect(refused.refusal).toEqual([
      expect.objectContaining({ condition: 'registered-poor', article: 'art. 11' }),
    ]);
    expect(refused.refusal![0]!.message_zh).toBeTruthy();
    // stored with its reasons, and shown on the loan
    const stored = await run(a.fpb, getLoan, { id: refused.id, asOf: '2017-02-01' });
    expect(stored.loan.status).toBe('refused');
    expect(stored.loan.refusal?.[0]?.condition).toBe('registered-poor');
    // a refused application cannot be approved
    await refusedCleanly(() => run(a.abc, approveLoan, { id: refused.id }), 'conflict', 'id');
    // the same household was registered poor in 2016: an application dated then passes
    expect((await apply(a.abc, h, { appliedOn: '2016-06-01' })).status).toBe('applied');
    // and a household never on the register is refused too
    const never = await household(`${BAIMA}001`, '2018-01-01');
    expect((await apply(a.abc, never, { appliedOn: '2017-06-01' })).refusal?.[0]?.condition).toBe(
      'registered-poor',
    );
  });

  it('caps micro-credit across all lenders: 30,000 at another bank + 20,000.01 refused, + 20,000 accepted', async () => {
    const h = await household();
    await lent(a.icbc, h, '30000', '2017-01-10');
    const over = await apply(a.abc, h, { amount: '20000.01', appliedOn: '2017-02-01' });
    expect(over.status).toBe('refused');
    expect(over.refusal).toEqual([
      expect.objectContaining({ condition: 'household-cap', article: 'art. 11' }),
    ]);
    const fits = await apply(a.abc, h, { amount: '20000', appliedOn: '2017-02-01' });
    expect(fits).toMatchObject({ status: 'applied', refusal: null });
    // before the other loan was disbursed, 50,000 fits
    expect((await apply(a.abc, h, { appliedOn: '2017-01-09' })).status).toBe('applied');
    // repaid principal no longer counts: 5,000 of the ICBC loan back makes room for 25,000
    const icbcLoan = (await run(a.icbc, listLoans, { householdId: h })).items[0]!;
    await run(a.icbc, recordRepayment, {
      id: icbcLoan.id,
      paidOn: '2017-01-20',
      amount: '5100',
      bankTxnId: `ICBC-CAP-${dialect}`,
    });
    const detail = await run(a.icbc, getLoan, { id: icbcLoan.id, asOf: '2017-01-20' });
    const room = 50000 - Number(detail.outstandingPrincipal);
    expect(
      (await apply(a.abc, h, { amount: room.toFixed(2), appliedOn: '2017-01-21' })).status,
    ).toBe('applied');
    expect(
      (await apply(a.abc, h, { amount: (room + 0.01).toFixed(2), appliedOn: '2017-01-21' })).status,
    ).toBe('refused');
    // a product that is not micro-credit is not capped by art. 11
    expect(
      (await apply(a.abc, h, { productId: industry, amount: '200000', appliedOn: '2017-02-01' }))
        .status,
    ).toBe('applied');
  });

  describe('bad input: a clear error and nothing half-written', () => {
    it('application: rate of 0 or 100 %, term of 0, three decimals, outside the product', async () => {
      const h = await household();
      await refusedCleanly(() => apply(a.abc, h, { annualRate: '0' }), 'invalid', 'annualRate');
      await refusedCleanly(() => apply(a.abc, h, { annualRate: '100' }), 'invalid', 'annualRate');
      await refusedCleanly(() => apply(a.abc, h, { annualRate: '-1' }), 'invalid', 'annualRate');
      await refusedCleanly(() => apply(a.abc, h, { termMonths: 0 }), 'invalid', 'termMonths');
      await refusedCleanly(() => apply(a.abc, h, { amount: '100.001' }), 'invalid', 'amount');
      await refusedCleanly(() => apply(a.abc, h, { amount: '0' }), 'invalid', 'amount');
      await refusedCleanly(() => apply(a.abc, h, { amount: '50000.01' }), 'invalid', 'amount');
      await refusedCleanly(() => apply(a.abc, h, { amount: '999.99' }), 'invalid', 'amount');
      await refusedCleanly(() => apply(a.abc, h, { termMonths: 37 }), 'invalid', 'termMonths');
      await refusedCleanly(
        () => apply(a.abc, h, { appliedOn: '2017-02-30' }),
        'invalid',
        'appliedOn',
      );
      await refusedCleanly(() => apply(a.abc, h, { productId: RANDOM_UUID }), 'not_found');
      const ok = await apply(a.abc, h);
      await refusedCleanly(
        () => apply(a.abc, h, { contractNo: ok.contractNo }),
        'conflict',
        'contractNo',
      );
    });

    it('disbursement: dates out of order, twice, or before approval', async () => {
      const h = await household();
      const l = await apply(a.abc, h);
      await refusedCleanly(
        () =>
          run(a.abc, disburseLoan, {
            id: l.id,
            contractDate: '2017-03-20',
            disbursedOn: '2017-03-20',
          }),
        'conflict',
      );
      await run(a.abc, approveLoan, { id: l.id });
      await refusedCleanly(
        () =>
          run(a.abc, disburseLoan, {
            id: l.id,
            contractDate: '2017-03-14',
            disbursedOn: '2017-03-20',
          }),
        'invalid',
        'contractDate',
      );
      await refusedCleanly(
        () =>
          run(a.abc, disburseLoan, {
            id: l.id,
            contractDate: '2017-03-20',
            disbursedOn: '2017-03-19',
          }),
        'invalid',
        'disbursedOn',
      );
      await run(a.abc, disburseLoan, {
        id: l.id,
        contractDate: '2017-03-15',
        disbursedOn: '2017-03-16',
      });
      await refusedCleanly(
        () =>
          run(a.abc, disburseLoan, {
            id: l.id,
            contractDate: '2017-03-20',
            disbursedOn: '2017-03-20',
          }),
        'conflict',
      );
    });

    it('repayment: before disbursement, unknown loan, three decimals, ≤ 0, duplicate bank txn, too much', async () => {
      const h = await household();
      const pending = await apply(a.abc, h);
      const pay = (id: string, over: Record<string, unknown> = {}) =>
        run(a.abc, recordRepayment, {
          id,
          paidOn: '2017-05-01',
          amount: '100',
          bankTxnId: `T-${dialect}-1`,
          ...over,
        });
      await refusedCleanly(() => pay(pending.id), 'conflict', 'id');
      const missing = await refusedCleanly(() => pay(RANDOM_UUID), 'not_found');
      expect(missing.code).toBe('not_found');
      const l = await lent(a.abc, h, '10000', '2017-04-01', industry);
      await refusedCleanly(() => pay(l.id, { amount: '12.345' }), 'invalid', 'amount');
      await refusedCleanly(() => pay(l.id, { amount: '0' }), 'invalid', 'amount');
      await refusedCleanly(() => pay(l.id, { amount: '-5' }), 'invalid', 'amount');
      await refusedCleanly(() => pay(l.id, { paidOn: '2017-03-31' }), 'invalid', 'paidOn');
      await refusedCleanly(() => pay(l.id, { amount: '20000' }), 'invalid', 'amount');
      await pay(l.id);
      await refusedCleanly(() => pay(l.id), 'conflict', 'bankTxnId');
      // the same transaction id at another bank is another transaction
      const other = await lent(a.icbc, h, '10000', '2017-04-01', industry);
      await run(a.icbc, recordRepayment, {
        id: other.id,
        paidOn: '2017-05-01',
        amount: '100',
        bankTxnId: `T-${dialect}-1`,
      });
    });

    it('a loan repaid in full is closed and takes no more payments', async () => {
      const h = await household();
      const l = await lent(a.abc, h, '1200', '2017-01-01', industry);
      const d = await run(a.abc, getLoan, { id: l.id, asOf: '2017-01-01' });
      const owed = d.schedule.reduce((s, r) => s + Math.round(Number(r.total) * 100), 0);
      await run(a.abc, recordRepayment, {
        id: l.id,
        paidOn: '2017-02-01',
        amount: (owed / 100).toFixed(2),
        bankTxnId: `FULL-${dialect}`,
      });
      const closed = await run(a.abc, getLoan, { id: l.id, asOf: '2017-02-01' });
      expect(closed.loan.status).toBe('closed');
      expect(closed.outstandingPrincipal).toBe('0.00');
      await refusedCleanly(
        () =>
          run(a.abc, recordRepayment, {
            id: l.id,
            paidOn: '2017-03-01',
            amount: '1',
            bankTxnId: `X-${dialect}`,
          }),
        'conflict',
      );
    });

    it('a need: amount in yuan > 0 with ≤ 2 decimals, purpose and a real date', async () => {
      const h = await household();
      const need = (over: Record<string, unknown>) =>
        run(a.baima, createNeed, {
          householdId: h,
          amount: '8000',
          purpose: '种植',
          industry: '种植业',
          recordedOn: '2017-03-01',
          ...over,
        });
      await refusedCleanly(() => need({ amount: '1.001' }), 'invalid', 'amount');
      await refusedCleanly(() => need({ amount: '0' }), 'invalid', 'amount');
      await refusedCleanly(() => need({ purpose: ' ' }), 'invalid', 'purpose');
      await refusedCleanly(() => need({ recordedOn: '2017-13-01' }), 'invalid', 'recordedOn');
      expect((await need({ amount: 8000.5 })).amount).toBe('8000.50');
    });
  });

  describe('scope', () => {
    it("another bank's loan answers exactly like a missing one, for reads and writes", async () => {
      const h = await household();
      const l = await apply(a.abc, h);
      for (const [uc, input] of [
        [getLoan, { asOf: '2017-04-01' }],
        [approveLoan, {}],
        [disburseLoan, { contractDate: '2017-03-20', disbursedOn: '2017-03-20' }],
        [recordRepayment, { paidOn: '2017-04-01', amount: '1', bankTxnId: 'SCOPE-1' }],
      ] as const) {
        const theirs = await refusedCleanly(
          () => run(a.icbc, uc as UseCase<unknown, unknown>, { id: l.id, ...input }),
          'not_found',
        );
        const missing = await refusedCleanly(
          () => run(a.icbc, uc as UseCase<unknown, unknown>, { id: RANDOM_UUID, ...input }),
          'not_found',
        );
        expect(theirs.toJSON()).toEqual(missing.toJSON());
      }
      expect((await run(a.icbc, listLoans, { householdId: h })).total).toBe(0);
      expect((await run(a.abc, listLoans, { householdId: h })).total).toBe(1);
    });

    it("a household outside the bank's served townships cannot be lent to", async () => {
      const far = await household(`${HOUPING}001`);
      const theirs = await refusedCleanly(() => apply(a.icbc, far), 'not_found');
      const missing = await refusedCleanly(() => apply(a.icbc, RANDOM_UUID), 'not_found');
      expect(theirs.toJSON()).toEqual(missing.toJSON());
      // ABC serves every township
      expect((await apply(a.abc, far)).status).toBe('applied');
      // nor can its needs be answered by that bank
      const need = await run(a.houping, createNeed, {
        householdId: far,
        amount: '3000',
        purpose: '种植',
        industry: '种植业',
        recordedOn: '2017-03-01',
      });
      await refusedCleanly(
        () => run(a.icbc, respondToNeed, { id: need.id, response: '可以' }),
        'not_found',
      );
      // and a clerk records needs only in their own township
      await refusedCleanly(
        () =>
          run(a.baima, createNeed, {
            householdId: far,
            amount: '1',
            purpose: 'x',
            industry: 'y',
            recordedOn: '2017-03-01',
          }),
        'not_found',
      );
    });

    it('clerks read their township, cannot write loans; insurers see nothing; district roles read all', async () => {
      const h = await household();
      const far = await household(`${HOUPING}001`);
      const mine = await apply(a.abc, h);
      const theirs = await apply(a.abc, far);
      const baimaLoans = await run(a.baima, listLoans, { pageSize: 200 });
      expect(baimaLoans.items.every((l) => l.townshipCode === BAIMA)).toBe(true);
      expect(baimaLoans.items.map((l) => l.id)).toContain(mine.id);
      expect((await run(a.baima, getLoan, { id: mine.id, asOf: '2017-04-01' })).loan.id).toBe(
        mine.id,
      );
      await refusedCleanly(
        () => run(a.baima, getLoan, { id: theirs.id, asOf: '2017-04-01' }),
        'not_found',
      );
      await refusedCleanly(() => run(a.baima, approveLoan, { id: mine.id }), 'forbidden');
      await refusedCleanly(() => apply(a.baima, h), 'forbidden');
      await refusedCleanly(() => run(a.picc, listLoans, {}), 'forbidden');
      await refusedCleanly(() => run(a.picc, listNeeds, {}), 'forbidden');
      await refusedCleanly(() => run(a.rh, approveLoan, { id: mine.id }), 'forbidden');
      const all = await run(a.rh, listLoans, { pageSize: 200 });
      expect(all.items.map((l) => l.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
      expect(
        (await run(a.baima, listNeeds, { pageSize: 200 })).items.every(
          (n) => n.townshipCode === BAIMA,
        ),
      ).toBe(true);
      expect((await run(a.baima, listLoanProducts, {})).length).toBeGreaterThanOrEqual(2);
    });
  });
  it('over HTTP: the routes are the use cases, errors keep the contract', async () => {
    const server: FastifyInstance = await buildServer(t.app);
    try {
      const h = await household();
      const abc = await cookieFor(server, 'abc');
      const created = await call(server, abc, 'POST', '/api/v1/loans', {
        productId: mc,
        householdId: h,
        contractNo: nextContract(`${dialect}-http`),
        amount: '20000',
        annualRate: '4.75',
        termMonths: 36,
        appliedOn: '2017-03-15',
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = (created.body as { id: string }).id;
      expect((await call(server, abc, 'POST', `/api/v1/loans/${id}/approve`)).status).toBe(200);
      const disbursed = await call(server, abc, 'POST', `/api/v1/loans/${id}/disburse`, {
        contractDate: '2017-03-20',
        disbursedOn: '2017-03-20',
      });
      expect(disbursed.status, JSON.stringify(disbursed.body)).toBe(200);
      const paid = await call(server, abc, 'POST', `/api/v1/loans/${id}/repayments`, {
        paidOn: '2017-04-20',
        amount: '12.345',
        bankTxnId: 'HTTP-1',
      });
      expect(paid.status).toBe(400);
      expect((paid.body as { field: string }).field).toBe('amount');
      const detail = await call(server, abc, 'GET', `/api/v1/loans/${id}?asOf=2017-04-01`);
      expect(detail.status).toBe(200);
      expect((detail.body as { schedule: unknown[] }).schedule).toHaveLength(36);
      const icbc = await cookieFor(server, 'icbc');
      const foreign = await call(server, icbc, 'GET', `/api/v1/loans/${id}?asOf=2017-04-01`);
      const missing = await call(
        server,
        icbc,
        'GET',
        `/api/v1/loans/${RANDOM_UUID}?asOf=2017-04-01`,
      );
      expect(foreign.status).toBe(404);
      expect(foreign.body).toEqual(missing.body);
      const fpb = await cookieFor(server, 'fpb');
      const board = await call(server, fpb, 'GET', '/api/v1/needs/board?asOf=2017-06-01');
      expect(board.status).toBe(200);
      const products = await call(server, abc, 'GET', '/api/v1/loan-products?activeOnly=true');
      expect((products.body as unknown[]).length).toBeGreaterThanOrEqual(2);
    } finally {
      await server.close();
    }
  });
});

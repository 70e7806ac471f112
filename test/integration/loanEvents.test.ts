import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { applyForLoan, approveLoan, disburseLoan } from '../../src/app/loans/applications.ts';
import { getLoan } from '../../src/app/loans/loanDetail.ts';
import {
  approveLoanEvent,
  listLoanEvents,
  rejectLoanEvent,
  requestLoanEvent,
} from '../../src/app/loans/loanEvents.ts';
import { recordRepayment } from '../../src/app/loans/repayments.ts';
import { execute, type UseCase } from '../../src/app/useCase.ts';
import { buildServer } from '../../src/http/server.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { Clock, call, cookieFor, dump, expectBilingual, refusal, type Table } from './helpers.ts';
import { INDUSTRY, poorHousehold, product } from './loanSetup.ts';

/**
 * Servicing and loan events (issue 4 items 5–6, ADR 0008): penalty interest and the
 * product's classification bounds; extension, renewal, write-off and recovery as events
 * requested by one person and decided by another, each changing the schedule from its
 * date forward while older versions stay readable.
 */
const TABLES: readonly Table[] = [
  'loans',
  'loan_schedule_rows',
  'repayments',
  'loan_events',
  'audit_log',
];

describeEachDialect('loan events', (dialect) => {
  let t: TestApp;
  const a = {} as Record<'admin' | 'abc' | 'icbc' | 'jrzx' | 'fpb', Actor>;
  let industry: string;
  let penaltyProduct: string;
  let seq = 900;
  let txn = 0;

  const run = <I, O>(who: Actor, uc: UseCase<I, O>, input: unknown) =>
    execute(t.app, who, uc, input);
  /** Refused with this kind and field, bilingual, and nothing changed. */
  const refused = async (p: () => Promise<unknown>, kind: string, field?: string) => {
    const before = await dump(t.app, TABLES);
    const e = await refusal(p());
    expect(e.kind, e.message_en).toBe(kind);
    if (field !== undefined) expect(e.field, e.message_en).toBe(field);
    expectBilingual(e.toJSON(), e.code);
    expect(await dump(t.app, TABLES)).toEqual(before);
    return e;
  };
  /** 12,000.00 (or `amount`) at 6 % over 12 months, disbursed 2017-01-15 by ABC. */
  const lent = async (productId: string, amount = '12000') => {
    const h = await poorHousehold(t.app, a.admin, ++seq);
    const l = await run(a.abc, applyForLoan, {
      productId,
      householdId: h,
      contractNo: `EVT-${dialect}-${String(seq)}`,
      amount,
      annualRate: '6',
      termMonths: 12,
      appliedOn: '2017-01-10',
    });
    await run(a.abc, approveLoan, { id: l.id });
    await run(a.abc, disburseLoan, {
      id: l.id,
      contractDate: '2017-01-15',
      disbursedOn: '2017-01-15',
    });
    return l.id;
  };
  const pay = (id: string, paidOn: string, amount: string) =>
    run(a.abc, recordRepayment, { id, paidOn, amount, bankTxnId: `EVT-${String(++txn)}` });
  const detail = (id: string, asOf: string, over: object = {}) =>
    run(a.abc, getLoan, { id, asOf, ...over });

  beforeAll(async () => {
    t = await openTestApp(dialect, new Clock().now);
    await seedSmallDistrict(t.app);
    for (const [k, u] of Object.entries({
      admin: 'admin',
      abc: 'abc',
      icbc: 'icbc',
      jrzx: 'jrzx',
      fpb: 'fpb',
    })) {
      a[k as keyof typeof a] = (await actorFor(t.app, u)).actor;
    }
    industry = (await product(t.app, a.admin, { ...INDUSTRY, code: 'EVT-IND' })).id;
    penaltyProduct = (
      await product(t.app, a.admin, {
        ...INDUSTRY,
        code: 'EVT-PENALTY',
        penaltyFactor: '1.5',
        classBounds: [0, 30, 60, 90],
      })
    ).id;
  });
  afterAll(() => t.close());

  describe('servicing settings of the product', () => {
    it('refuses a penalty factor outside 1–2 and bounds that are not increasing', async () => {
      for (const [field, value] of [
        ['penaltyFactor', '3'],
        ['penaltyFactor', '0.5'],
        ['classBounds', [0, 90, 90, 360]],
        ['allocationOrder', 'principal-penalty-interest'],
      ] as const) {
        const e = await refusal(
          product(t.app, a.admin, { ...INDUSTRY, code: `EVT-BAD-${field}`, [field]: value }),
        );
        expect(e.kind).toBe('invalid');
        expect(e.field).toBe(field);
      }
    });

    it('penalty interest accrues on overdue principal at the configured rate from the due date', async () => {
      const id = await lent(penaltyProduct);
      // 等额本金: 1,000.00 principal a month, interest 60.00, 55.00, … due the 15th.
      // Penalty rate 6 % × 1.5 = 9 % a year, actual/360. Paid on 2017-03-17:
      //   instalment 1 (due 02-15): 100,000 fen × 30 days × 9 % / 360 = 750 fen
      //   instalment 2 (due 03-15): 100,000 fen ×  2 days × 9 % / 360 =  50 fen
      // 8.00 of penalty first, then instalment 1's 60.00 interest and 1,000.00 principal.
      const r = await pay(id, '2017-03-17', '1068');
      expect({ penalty: r.penalty, interest: r.interest, principal: r.principal }).toEqual({
        penalty: '8.00',
        interest: '60.00',
        principal: '1000.00',
      });
      // by 2017-03-27: instalment 1's 750 stopped on 03-17; instalment 2: 100,000 × 12
      // days × 9 % / 360 = 300 → 1,050 accrued − 800 paid = 250 fen still owed
      const d = await detail(id, '2017-03-27');
      expect(d.penaltyRate).toBe('9.00');
      expect(d.penaltyOwed).toBe('2.50');
      expect(d.daysPastDue).toBe(12);
      expect(d.classification).toBe('special-mention');
      // the product's bounds 0/30/60/90: 31 days past due is 次级 already (default: 关注)
      const later = await detail(id, '2017-04-15');
      expect(later.daysPastDue).toBe(31);
      expect(later.classification).toBe('substandard');
      expect(later.bucket).toBe('M2'); // 31–60 days
    });

    it('a product without a penalty factor charges none', async () => {
      const id = await lent(industry);
      const r = await pay(id, '2017-03-17', '1060');
      expect(r.penalty).toBe('0.00');
      expect((await detail(id, '2017-03-27')).penaltyOwed).toBe('0.00');
    });
  });

  describe('extension (展期)', () => {
    let id: string;
    beforeAll(async () => {
      id = await lent(industry);
      await pay(id, '2017-02-15', '1060'); // instalment 1: 60.00 + 1,000.00
      await pay(id, '2017-03-15', '455'); // instalment 2: its 55.00 interest + 400.00
    });
    const extension = (over: object = {}) =>
      run(a.abc, requestLoanEvent, {
        id,
        kind: 'extension',
        effectiveOn: '2017-04-25',
        termMonths: 12,
        nonMalicious: true,
        reason: '户主因病住院，暂时无力还款',
        ...over,
      });

    it('bad requests are refused with the field named, and change nothing', async () => {
      await refused(() => extension({ nonMalicious: undefined }), 'invalid', 'nonMalicious');
      await refused(() => extension({ nonMalicious: false }), 'invalid', 'nonMalicious');
      await refused(() => extension({ termMonths: 0 }), 'invalid', 'termMonths');
      await refused(() => extension({ annualRate: '5' }), 'invalid', 'annualRate');
      await refused(() => extension({ effectiveOn: '2017-03-10' }), 'invalid', 'effectiveOn');
      await refused(() => extension({ effectiveOn: '2017-02-30' }), 'invalid', 'effectiveOn');
      // 6 months from 04-25 is 2017-10-25, not after the maturity 2018-01-15
      await refused(() => extension({ termMonths: 6 }), 'invalid', 'termMonths');
      // a 12-month loan may be extended by 12 months in all: maturity by 2019-01-15
      await refused(() => extension({ termMonths: 22 }), 'invalid', 'termMonths');
      const renewal = (annualRate: string) =>
        run(a.abc, requestLoanEvent, {
          id,
          kind: 'renewal',
          effectiveOn: '2017-04-25',
          termMonths: 12,
          annualRate,
          nonMalicious: true,
          reason: '续贷',
        });
      await refused(() => renewal('0'), 'invalid', 'annualRate');
      await refused(() => renewal('100'), 'invalid', 'annualRate');
    });

    it('on a loan outside the actor scope: not found, for requests and reads', async () => {
      const e = await refused(
        () =>
          run(a.icbc, requestLoanEvent, {
            id,
            kind: 'write-off',
            effectiveOn: '2017-04-25',
            reason: '越权',
          }),
        'not_found',
      );
      expect(e.code).toBe('not_found');
      expect((await refusal(run(a.icbc, listLoanEvents, { id }))).kind).toBe('not_found');
    });

    it('a request changes nothing until a different person approves it', async () => {
      const ev = await extension();
      expect(ev).toMatchObject({ status: 'pending', kind: 'extension', kindZh: '展期' });
      expect((await detail(id, '2017-05-01')).loan.maturityDate).toBe('2018-01-15');
      await refused(() => extension(), 'conflict', 'id'); // one pending event at a time
      // the bank officer cannot decide; the approver's role can
      await refused(() => run(a.abc, approveLoanEvent, { id, eventId: ev.id }), 'forbidden');
      const approved = await run(a.fpb, approveLoanEvent, { id, eventId: ev.id });
      expect(approved).toMatchObject({ status: 'approved', decidedBy: 'fpb', scheduleVersion: 2 });
      expect(approved.before).toMatchObject({
        maturityDate: '2018-01-15',
        scheduleVersion: 1,
        outstandingPrincipal: '10600.00',
      });
      expect(approved.after).toMatchObject({
        maturityDate: '2018-04-25',
        scheduleVersion: 2,
        scheduledPrincipal: '10600.00',
        carriedInterest: '65.00',
      });
      await refused(() => run(a.jrzx, approveLoanEvent, { id, eventId: ev.id }), 'conflict');
    });

    it('the schedule changes from the event date; the old version stays readable', async () => {
      const d = await detail(id, '2017-05-01');
      expect(d.loan.maturityDate).toBe('2018-04-25');
      expect(d.scheduleVersion).toBe(2);
      expect(d.scheduleVersions.map((v) => [v.version, v.effectiveOn])).toEqual([
        [1, '2017-01-15'],
        [2, '2017-04-25'],
      ]);
      // Instalment 1 kept; what was paid of instalment 2 settled on the event date.
      // Interest earned by 04-25: 60.00 + 55.00 + 50.00 (instalments 1–3) + 9,000.00 × 10
      // days × 6 % / 360 = 15.00 (04-15 → 04-25) = 180.00; paid 115.00; 65.00 carried.
      // 10,600.00 over 12 months from 04-25: 883.33 a month, the last 10,600.00 − 11 ×
      // 883.33 = 883.37; the first month's interest 10,600.00 × 0.5 % = 53.00 + 65.00.
      expect(d.schedule).toHaveLength(14);
      expect(d.schedule[0]).toMatchObject({ n: 1, dueDate: '2017-02-15', principal: '1000.00' });
      expect(d.schedule[1]).toMatchObject({
        n: 2,
        dueDate: '2017-04-25',
        principal: '400.00',
        interest: '55.00',
      });
      expect(d.schedule[2]).toMatchObject({
        n: 3,
        periodStart: '2017-04-25',
        dueDate: '2017-05-25',
        principal: '883.33',
        interest: '118.00',
      });
      expect(d.schedule[13]).toMatchObject({ n: 14, dueDate: '2018-04-25', principal: '883.37' });
      // nothing is past due under the new version; under the old one (in force on 04-20)
      // instalment 2 was 36 days past due (03-15 → 04-20)
      expect(d.daysPastDue).toBe(0);
      const before = await detail(id, '2017-04-20');
      expect(before.scheduleVersion).toBe(1);
      expect(before.daysPastDue).toBe(36);
      const old = await detail(id, '2017-05-01', { scheduleVersion: 1 });
      expect(old.schedule).toHaveLength(12);
      expect(old.schedule.at(-1)).toMatchObject({ dueDate: '2018-01-15' });
      await refused(() => detail(id, '2017-05-01', { scheduleVersion: 3 }), 'invalid');
    });

    it('payments follow the new version, and none is taken dated before the event', async () => {
      await refused(() => pay(id, '2017-04-20', '100'), 'invalid', 'paidOn');
      const r = await pay(id, '2017-05-25', '1001.33');
      expect({ interest: r.interest, principal: r.principal }).toEqual({
        interest: '118.00',
        principal: '883.33',
      });
      const events = await run(a.abc, listLoanEvents, { id });
      expect(events.map((e) => [e.kind, e.status, e.requestedBy, e.decidedBy])).toEqual([
        ['extension', 'approved', 'abc', 'fpb'],
      ]);
    });
  });

  it('maker–checker: the requester cannot decide; another office rejects', async () => {
    const id = await lent(industry);
    // the poverty office may start an art. 32 extension itself
    const ev = await run(a.fpb, requestLoanEvent, {
      id,
      kind: 'extension',
      effectiveOn: '2017-06-01',
      termMonths: 12,
      nonMalicious: true,
      reason: '扶贫办走访：因灾减产',
    });
    const e = await refused(
      () => run(a.fpb, approveLoanEvent, { id, eventId: ev.id }),
      'forbidden',
      'eventId',
    );
    expect(e.code).toBe('maker_checker');
    await refused(
      () => run(a.fpb, rejectLoanEvent, { id, eventId: ev.id, note: '自审' }),
      'forbidden',
    );
    await refused(() => run(a.jrzx, rejectLoanEvent, { id, eventId: ev.id }), 'invalid', 'note');
    const rejected = await run(a.jrzx, rejectLoanEvent, {
      id,
      eventId: ev.id,
      note: '材料不全',
    });
    expect(rejected).toMatchObject({
      status: 'rejected',
      decidedBy: 'jrzx',
      decisionNote: '材料不全',
    });
    const d = await detail(id, '2017-06-02');
    expect(d.loan.maturityDate).toBe('2018-01-15');
    expect(d.scheduleVersions).toHaveLength(1);
  });

  it('an additional loan (追加贷款) at a new rate re-schedules balance + amount', async () => {
    const id = await lent(industry);
    await pay(id, '2017-02-15', '1060'); // instalment 1 in full
    const ev = await run(a.abc, requestLoanEvent, {
      id,
      kind: 'additional-loan',
      effectiveOn: '2017-02-15',
      amount: '5000',
      termMonths: 10,
      annualRate: '5',
      reason: '扩大养殖规模',
    });
    await run(a.jrzx, approveLoanEvent, { id, eventId: ev.id });
    // 11,000.00 still owed + 5,000.00 = 16,000.00 over 10 months from 02-15 at 5 %:
    // 1,600.00 a month; interest 16,000.00 × 5 % / 12 = 66.666… → 66.67, then
    // 14,400.00 × 5 % / 12 = 60.00; nothing carried (instalment 1 was paid on its day)
    const d = await detail(id, '2017-02-15');
    expect(d.scheduleVersion).toBe(2);
    expect(d.rateInForce).toBe('5.00');
    expect(d.outstandingPrincipal).toBe('16000.00');
    expect(d.schedule).toHaveLength(11);
    expect(d.schedule[1]).toMatchObject({
      n: 2,
      dueDate: '2017-03-15',
      principal: '1600.00',
      interest: '66.67',
    });
    expect(d.schedule[2]).toMatchObject({ principal: '1600.00', interest: '60.00' });
    expect(d.schedule[10]).toMatchObject({ n: 11, dueDate: '2017-12-15' });
    // the day before, version 1 was in force: 12,000.00 lent, nothing repaid yet
    expect((await detail(id, '2017-02-14')).outstandingPrincipal).toBe('12000.00');
  });

  it('write-off (核销), then recovery after write-off (核销后收回)', async () => {
    const id = await lent(industry, '10000');
    const ask = (over: object) =>
      run(a.abc, requestLoanEvent, { id, effectiveOn: '2017-03-15', reason: '核销测试', ...over });
    const wo = await ask({ kind: 'write-off' });
    await run(a.jrzx, approveLoanEvent, { id, eventId: wo.id });
    // Written off on 2017-03-15, nothing paid: principal 10,000.00; interest of
    // instalments 1 and 2 (both due by then): 1,000,000 × 0.5 % = 5,000 and
    // (1,000,000 − 83,333) × 0.5 % = 4,583.335 → 4,583; 95.83 in all
    const d = await detail(id, '2017-04-01');
    expect(d.loan.status).toBe('written_off');
    expect(d.writeOff).toMatchObject({
      on: '2017-03-15',
      principal: '10000.00',
      interest: '95.83',
      penalty: '0.00',
      total: '10095.83',
      recovered: '0.00',
    });
    // no more ordinary payments, and no more reschedules
    await refused(() => pay(id, '2017-04-01', '100'), 'conflict', 'id');
    await refused(
      () =>
        ask({ kind: 'extension', termMonths: 12, nonMalicious: true, effectiveOn: '2017-04-01' }),
      'conflict',
      'id',
    );
    await refused(
      () => ask({ kind: 'recovery', amount: '10095.84', effectiveOn: '2017-06-01' }),
      'invalid',
      'amount',
    );
    const rec = await ask({ kind: 'recovery', amount: '3000', effectiveOn: '2017-06-01' });
    await run(a.fpb, approveLoanEvent, { id, eventId: rec.id });
    expect((await detail(id, '2017-06-01')).writeOff?.recovered).toBe('3000.00');
    // on earlier dates: recovered nothing yet on 05-01; not written off yet on 03-14
    expect((await detail(id, '2017-05-01')).writeOff?.recovered).toBe('0.00');
    expect((await detail(id, '2017-03-14')).writeOff).toBeNull();
    // 10,095.83 − 3,000.00 = 7,095.83 is all that is left to recover
    await refused(
      () => ask({ kind: 'recovery', amount: '7095.84', effectiveOn: '2017-07-01' }),
      'invalid',
      'amount',
    );
    const last = await ask({ kind: 'recovery', amount: '7095.83', effectiveOn: '2017-07-01' });
    const done = await run(a.fpb, approveLoanEvent, { id, eventId: last.id });
    expect(done.after).toMatchObject({ recovered: '10095.83', notRecovered: '0.00' });
    const events = await run(a.jrzx, listLoanEvents, { id });
    expect(events.map((e) => [e.kind, e.status, e.amount])).toEqual([
      ['write-off', 'approved', null],
      ['recovery', 'approved', '3000.00'],
      ['recovery', 'approved', '7095.83'],
    ]);
  });

  it('over HTTP: request, decide and list; errors keep the contract', async () => {
    const server = await buildServer(t.app);
    try {
      const id = await lent(industry);
      const abc = await cookieFor(server, 'abc');
      const fpb = await cookieFor(server, 'fpb');
      const url = `/api/v1/loans/${id}/events`;
      const bad = await call(server, abc, 'POST', url, {
        kind: 'extension',
        effectiveOn: '2017-06-01',
        termMonths: 0,
        nonMalicious: true,
        reason: '期限为零',
      });
      expect(bad.status).toBe(400);
      expectBilingual(bad.body, 'invalid_input');
      expect(bad.body.field).toBe('termMonths');
      const req = await call(server, abc, 'POST', url, {
        kind: 'write-off',
        effectiveOn: '2017-06-01',
        reason: '核销测试',
      });
      expect(req.status, JSON.stringify(req.body)).toBe(201);
      const eventId = (req.body as { id: string }).id;
      expect((await call(server, abc, 'POST', `${url}/${eventId}/approve`, {})).status).toBe(403);
      const ok = await call(server, fpb, 'POST', `${url}/${eventId}/approve`, {});
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      const list = await call(server, abc, 'GET', url);
      expect(list.status).toBe(200);
      expect((list.body as { status: string }[]).map((e) => e.status)).toEqual(['approved']);
    } finally {
      await server.close();
    }
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { applyForLoan, approveLoan, disburseLoan } from '../../src/app/loans/applications.ts';
import { approveLoanEvent, requestLoanEvent } from '../../src/app/loans/loanEvents.ts';
import { listPrecisionFindings, runPrecisionChecks } from '../../src/app/loans/precisionChecks.ts';
import { execute, type UseCase } from '../../src/app/useCase.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { ALL_TABLES, Clock, dump, expectBilingual, refusal } from './helpers.ts';
import { MICRO_CREDIT, nextContract, poorHousehold, product } from './loanSetup.ts';

/**
 * Art. 11: a household's outstanding poverty micro-credit at all lenders stays ≤ 50,000
 * (parameter art11.micro-credit.cap-scope = household-outstanding), additional loans
 * (追加贷款) included — counted once approved, and capped themselves (ADR 0012).
 */
describeEachDialect('loans: the art. 11 cap with additional loans', (dialect) => {
  let t: TestApp;
  const a = {} as Record<'admin' | 'abc' | 'icbc' | 'jrzx' | 'fpb', Actor>;
  let mc: string;
  let seq = 900;

  const run = <I, O>(who: Actor, uc: UseCase<I, O>, input: unknown) =>
    execute(t.app, who, uc, input);
  const apply = (who: Actor, householdId: string, amount: string, on: string) =>
    run(who, applyForLoan, {
      productId: mc,
      householdId,
      contractNo: nextContract(`CAP-${dialect}`),
      amount,
      annualRate: '4.75',
      termMonths: 36,
      appliedOn: on,
    });
  const lent = async (who: Actor, householdId: string, amount: string, on: string) => {
    const l = await apply(who, householdId, amount, on);
    expect(l.status, JSON.stringify(l.refusal)).toBe('applied');
    await run(who, approveLoan, { id: l.id });
    return run(who, disburseLoan, { id: l.id, contractDate: on, disbursedOn: on });
  };
  const additional = (who: Actor, id: string, amount: string, on: string) =>
    run(who, requestLoanEvent, {
      id,
      kind: 'additional-loan',
      effectiveOn: on,
      amount,
      termMonths: 24,
      reason: '扩大养殖规模',
    });
  /** Refused as invalid `amount`, naming art. 11 in both languages; nothing changed. */
  const refusedByArt11 = async (p: () => Promise<unknown>) => {
    const before = await dump(t.app, ALL_TABLES);
    const e = await refusal(p());
    expect(e.kind, e.message_en).toBe('invalid');
    expect(e.field).toBe('amount');
    expectBilingual(e.toJSON(), e.code);
    expect(e.message_zh).toContain('art. 11');
    expect(e.message_en).toContain('art. 11');
    expect(await dump(t.app, ALL_TABLES)).toEqual(before);
  };

  beforeAll(async () => {
    t = await openTestApp(dialect, new Clock().now);
    await seedSmallDistrict(t.app);
    for (const k of ['admin', 'abc', 'icbc', 'jrzx', 'fpb'] as const) {
      a[k] = (await actorFor(t.app, k)).actor;
    }
    mc = (await product(t.app, a.admin, { ...MICRO_CREDIT, code: 'MC-CAP' })).id;
  });
  afterAll(() => t.close());

  it('an approved additional loan counts: ABC 30,000 + 10,000 added, then ICBC 10,000.01 refused, 10,000.00 accepted', async () => {
    const h = await poorHousehold(t.app, a.admin, ++seq);
    const abc = await lent(a.abc, h, '30000', '2017-01-10');
    const ev = await additional(a.abc, abc.id, '10000', '2017-03-01');
    // Pending, it lends nothing yet: 30,000 + 20,000 still fits the day before approval.
    expect((await apply(a.icbc, h, '20000', '2017-03-02')).status).toBe('applied');
    await run(a.jrzx, approveLoanEvent, { id: abc.id, eventId: ev.id });
    // 30,000 + 10,000 (approved, effective 03-01) + 10,000.01 = 50,000.01 > 50,000
    const over = await apply(a.icbc, h, '10000.01', '2017-03-02');
    expect(over.status).toBe('refused');
    expect(over.refusal).toEqual([
      expect.objectContaining({ condition: 'household-cap', article: 'art. 11' }),
    ]);
    // 30,000 + 10,000 + 10,000.00 = 50,000.00 exactly: accepted
    expect(await apply(a.icbc, h, '10000', '2017-03-02')).toMatchObject({
      status: 'applied',
      refusal: null,
    });
    // As of the day before the additional loan took effect, it did not count yet.
    expect((await apply(a.icbc, h, '20000', '2017-02-28')).status).toBe('applied');
  });

  it('an additional loan is capped across banks: ABC 30,000, ICBC 10,000; + 10,000.01 refused, + 10,000.00 accepted', async () => {
    const h = await poorHousehold(t.app, a.admin, ++seq);
    const abc = await lent(a.abc, h, '30000', '2017-01-10');
    await lent(a.icbc, h, '10000', '2017-02-01');
    // 30,000 + 10,000 + 10,000.01 = 50,000.01: refused at the request, nothing written
    await refusedByArt11(() => additional(a.abc, abc.id, '10000.01', '2017-03-01'));
    const ev = await additional(a.abc, abc.id, '10000', '2017-03-01');
    const approved = await run(a.jrzx, approveLoanEvent, { id: abc.id, eventId: ev.id });
    expect(approved.status).toBe('approved');
    // the household now owes exactly 50,000.00: not one more yuan anywhere
    expect((await apply(a.icbc, h, '1000', '2017-03-02')).status).toBe('refused');
  });

  it('approval checks the cap again: a loan elsewhere meanwhile makes the additional loan too much', async () => {
    const h = await poorHousehold(t.app, a.admin, ++seq);
    const abc = await lent(a.abc, h, '30000', '2017-01-10');
    await lent(a.icbc, h, '9000', '2017-02-01');
    // 30,000 + 9,000 + 11,000 = 50,000: accepted when requested
    const ev = await additional(a.abc, abc.id, '11000', '2017-03-01');
    // ICBC lends 1,000 more before the decision (the pending event lends nothing yet)
    await lent(a.icbc, h, '1000', '2017-02-20');
    // 30,000 + 9,000 + 1,000 + 11,000 = 51,000 on 03-01: the approval is refused
    await refusedByArt11(() => run(a.jrzx, approveLoanEvent, { id: abc.id, eventId: ev.id }));
  });

  it('the precision check counts additional loans: each bank checked on its own date, together over the cap', async () => {
    const h = await poorHousehold(t.app, a.admin, ++seq);
    const abc = await lent(a.abc, h, '30000', '2017-01-10');
    // ICBC applies on 01-15 for 20,000: 30,000 + 20,000 = 50,000 fits then
    const icbc = await apply(a.icbc, h, '20000', '2017-01-15');
    expect(icbc.status).toBe('applied');
    await run(a.icbc, approveLoan, { id: icbc.id });
    // ABC adds 10,000 from 02-01: 30,000 + 10,000 = 40,000 fits (ICBC has not lent yet)
    const ev = await additional(a.abc, abc.id, '10000', '2017-02-01');
    await run(a.jrzx, approveLoanEvent, { id: abc.id, eventId: ev.id });
    // ICBC disburses on 02-10: 30,000 + 10,000 + 20,000 = 60,000 > 50,000 from that day.
    // The loans' amounts add up to exactly 50,000: only the additional loan shows it.
    await run(a.icbc, disburseLoan, {
      id: icbc.id,
      contractDate: '2017-02-10',
      disbursedOn: '2017-02-10',
    });
    await run(a.fpb, runPrecisionChecks, {});
    const found = (
      await run(a.fpb, listPrecisionFindings, { check: 'over_cap', pageSize: 200 })
    ).items.filter((f) => f.householdId === h);
    expect(found).toHaveLength(1);
    expect(found[0]!.detail).toMatchObject({
      on: '2017-02-10',
      outstanding: '60000.00',
      cap: '50000.00',
      additionalLoans: [
        { contractNo: abc.contractNo, amount: '10000.00', effectiveOn: '2017-02-01' },
      ],
    });
  });

  it('a written-off loan still counts what it owed (账销案存)', async () => {
    const h = await poorHousehold(t.app, a.admin, ++seq);
    const abc = await lent(a.abc, h, '30000', '2017-01-10');
    const wo = await run(a.abc, requestLoanEvent, {
      id: abc.id,
      kind: 'write-off',
      effectiveOn: '2017-06-01',
      reason: '核销测试',
    });
    await run(a.jrzx, approveLoanEvent, { id: abc.id, eventId: wo.id });
    // 30,000 owed (nothing repaid) + 20,000.01 > 50,000, before and after the write-off
    for (const on of ['2017-05-31', '2017-07-01']) {
      expect((await apply(a.icbc, h, '20000.01', on)).status).toBe('refused');
      expect((await apply(a.icbc, h, '20000', on)).status).toBe('applied');
    }
  });
});

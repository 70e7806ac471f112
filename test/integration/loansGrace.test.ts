import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { applyForLoan, approveLoan, disburseLoan } from '../../src/app/loans/applications.ts';
import { getLoan } from '../../src/app/loans/loanDetail.ts';
import { approveLoanEvent, requestLoanEvent } from '../../src/app/loans/loanEvents.ts';
import {
  createLoanProduct,
  updateLoanProduct,
  type LoanProduct,
} from '../../src/app/loans/products.ts';
import { execute, type UseCase } from '../../src/app/useCase.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { ALL_TABLES, Clock, dump, expectBilingual, refusal } from './helpers.ts';
import { INDUSTRY, nextContract, poorHousehold } from './loanSetup.ts';

/**
 * Grace periods (宽限期) as a product setting, applied to the schedule built at
 * disbursement; editing a product (loan-product.update). ADR 0012.
 */
describeEachDialect('loans: grace periods and product edits', (dialect) => {
  let t: TestApp;
  const a = {} as Record<'admin' | 'abc' | 'jrzx' | 'fpb' | 'baima', Actor>;
  let seq = 950;
  let codeSeq = 0;

  const run = <I, O>(who: Actor, uc: UseCase<I, O>, input: unknown) =>
    execute(t.app, who, uc, input);
  const GRACE = {
    ...INDUSTRY,
    method: 'equal-instalment',
    minTermMonths: 3,
    graceMonths: 2,
  };
  const create = (spec: Record<string, unknown>) =>
    run(a.admin, createLoanProduct, { ...spec, code: `GRACE-${String(++codeSeq)}` });
  /** Refused with `kind` naming `field` (none for a role), bilingual; nothing changed. */
  const refusedCleanly = async (p: () => Promise<unknown>, kind: string, field?: string) => {
    const before = await dump(t.app, ALL_TABLES);
    const e = await refusal(p());
    expect(e.kind, e.message_en).toBe(kind);
    expect(e.field).toBe(field);
    expectBilingual(e.toJSON(), e.code);
    expect(await dump(t.app, ALL_TABLES)).toEqual(before);
    return e;
  };
  const lend = async (productId: string, on: string) => {
    const h = await poorHousehold(t.app, a.admin, ++seq);
    const l = await run(a.abc, applyForLoan, {
      productId,
      householdId: h,
      contractNo: nextContract(`GR-${dialect}`),
      amount: '12000',
      annualRate: '6',
      termMonths: 6,
      appliedOn: on,
    });
    await run(a.abc, approveLoan, { id: l.id });
    return run(a.abc, disburseLoan, { id: l.id, contractDate: on, disbursedOn: on });
  };

  beforeAll(async () => {
    t = await openTestApp(dialect, new Clock().now);
    await seedSmallDistrict(t.app);
    for (const k of ['admin', 'abc', 'jrzx', 'fpb', 'baima'] as const) {
      a[k] = (await actorFor(t.app, k)).actor;
    }
  });
  afterAll(() => t.close());

  it('a loan of a product with 2 grace months is disbursed with the hand-worked grace schedule', async () => {
    const p = await create(GRACE);
    expect(p.graceMonths).toBe(2);
    const loan = await lend(p.id, '2016-01-31');
    const d = await run(a.abc, getLoan, { id: loan.id, asOf: '2016-02-01' });
    // test/core/scheduleGrace.test.ts works this table by hand: 12,000 at 6 %, 6 months
    // from 2016-01-31, 2 months interest only (58.00, 62.00), then 3,037.59 a month.
    expect(d.schedule.map((r) => [r.dueDate, r.principal, r.interest, r.balanceAfter])).toEqual([
      ['2016-02-29', '0.00', '58.00', '12000.00'],
      ['2016-03-31', '0.00', '62.00', '12000.00'],
      ['2016-04-30', '2977.59', '60.00', '9022.41'],
      ['2016-05-31', '2992.48', '45.11', '6029.93'],
      ['2016-06-30', '3007.44', '30.15', '3022.49'],
      ['2016-07-31', '3022.49', '15.11', '0.00'],
    ]);
    expect(d.loan.maturityDate).toBe('2016-07-31');
  });

  it('a quarterly grace period; an extension reschedules without grace', async () => {
    const p = await create({
      ...GRACE,
      method: 'equal-principal',
      interestPeriod: 'quarterly',
      graceMonths: 4,
      minTermMonths: 6,
    });
    const loan = await lend(p.id, '2017-01-15');
    const d = await run(a.abc, getLoan, { id: loan.id, asOf: '2017-01-15' });
    // 12,000 × 6 % = 720 a year, actual/360: 01-15 → 04-15 is 90 days → 180.00;
    // 04-15 → 05-15 (grace end, short period) 30 days → 60.00; then 12,000 / 2 = 6,000
    // a month: 06-15 interest 12,000 × 0.5 % = 60.00, 07-15 6,000 × 0.5 % = 30.00.
    expect(d.schedule.map((r) => [r.dueDate, r.principal, r.interest])).toEqual([
      ['2017-04-15', '0.00', '180.00'],
      ['2017-05-15', '0.00', '60.00'],
      ['2017-06-15', '6000.00', '60.00'],
      ['2017-07-15', '6000.00', '30.00'],
    ]);
    // The product's quarterly period belongs to the grace months: a later reschedule is
    // monthly equal principal from the event date, with no grace again.
    const ev = await run(a.abc, requestLoanEvent, {
      id: loan.id,
      kind: 'renewal',
      effectiveOn: '2017-01-15',
      termMonths: 12,
      nonMalicious: true,
      reason: '续贷测试',
    });
    await run(a.jrzx, approveLoanEvent, { id: loan.id, eventId: ev.id });
    const after = await run(a.abc, getLoan, { id: loan.id, asOf: '2017-01-15' });
    expect(after.scheduleVersion).toBe(2);
    expect(after.schedule).toHaveLength(12);
    // 12,000 / 12 = 1,000.00 from the first month: no grace row
    expect(after.schedule[0]).toMatchObject({ dueDate: '2017-02-15', principal: '1000.00' });
  });

  it('bad grace settings are refused, naming the field, and nothing is written', async () => {
    await refusedCleanly(
      () => create({ ...GRACE, method: 'interest-only', interestPeriod: 'quarterly' }),
      'invalid',
      'graceMonths',
    );
    await refusedCleanly(() => create({ ...GRACE, method: 'bullet' }), 'invalid', 'graceMonths');
    // at least one repayment month after the grace for the shortest loan
    await refusedCleanly(() => create({ ...GRACE, graceMonths: 3 }), 'invalid', 'graceMonths');
    await refusedCleanly(() => create({ ...GRACE, graceMonths: -1 }), 'invalid', 'graceMonths');
    await refusedCleanly(() => create({ ...GRACE, graceMonths: 1.5 }), 'invalid', 'graceMonths');
    await refusedCleanly(() => create({ ...GRACE, graceMonths: 'x' }), 'invalid', 'graceMonths');
    // art. 11 prices micro-credit instalments on a schedule without grace (ADR 0012)
    await refusedCleanly(
      () => create({ ...GRACE, category: 'poverty_micro_credit' }),
      'invalid',
      'graceMonths',
    );
    // an interest period on an amortising product needs a grace period to apply to
    await refusedCleanly(
      () => create({ ...GRACE, graceMonths: 0, interestPeriod: 'quarterly' }),
      'invalid',
      'interestPeriod',
    );
  });

  it('loan-product.update edits a product; settings loans live by are fixed once used', async () => {
    const p = await create({ ...GRACE, graceMonths: 0 });
    const edit = (product: LoanProduct, patch: Record<string, unknown>, who = a.jrzx) =>
      run(who, updateLoanProduct, { ...product, ...patch });
    // unused: anything but the code may change
    const v2 = await edit(p, { method: 'equal-principal', graceMonths: 1, nameZh: '改名' });
    expect(v2).toMatchObject({ method: 'equal-principal', graceMonths: 1, nameZh: '改名' });
    expect(v2.version).toBe(p.version + 1);
    // the version read is stale now
    await refusedCleanly(() => edit(p, { nameZh: '再改' }), 'conflict', 'version');
    await refusedCleanly(() => edit(v2, { code: 'OTHER' }), 'invalid', 'code');
    await refusedCleanly(() => edit(v2, { graceMonths: 5 }), 'invalid', 'graceMonths');
    // every setting must be sent: none silently reset to its default
    const { dayCount: _omitted, ...partial } = v2;
    await refusedCleanly(() => run(a.jrzx, updateLoanProduct, partial), 'invalid', 'dayCount');
    // not a role that manages products
    await refusedCleanly(() => edit(v2, { nameZh: '越权' }, a.abc), 'forbidden');

    await lend(p.id, '2017-01-15');
    for (const [field, value] of [
      ['method', 'equal-instalment'],
      ['dayCount', 'actual/365'],
      ['category', 'relocation'],
      ['penaltyFactor', '1.5'],
      ['classBounds', [0, 30, 90, 180]],
    ] as const) {
      const e = await refusedCleanly(() => edit(v2, { [field]: value }), 'conflict', field);
      expect(e.code).toBe('product_in_use');
    }
    // limits, names, grace months and `active` apply from now on: still editable
    const v3 = await edit(v2, { maxAmount: '2000000', graceMonths: 2, active: false });
    expect(v3).toMatchObject({ maxAmount: '2000000.00', graceMonths: 2, active: false });
  });
});

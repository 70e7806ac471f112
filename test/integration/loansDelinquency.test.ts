import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { applyForLoan, approveLoan, disburseLoan } from '../../src/app/loans/applications.ts';
import { getLoan } from '../../src/app/loans/loanDetail.ts';
import { recordRepayment } from '../../src/app/loans/repayments.ts';
import { execute } from '../../src/app/useCase.ts';
import { addDays, parseIsoDate } from '../../src/core/calendarDate.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { Clock } from './helpers.ts';
import { MICRO_CREDIT, poorHousehold, product } from './loanSetup.ts';

/**
 * Days past due and the five-tier classification (正常/关注/次级/可疑/损失) at every
 * boundary, counted from the oldest instalment not covered by the payments made by then.
 */
describeEachDialect('loan delinquency', (dialect) => {
  let t: TestApp;
  let abc: Actor;
  let loanId: string;

  beforeAll(async () => {
    t = await openTestApp(dialect, new Clock().now);
    await seedSmallDistrict(t.app);
    const admin = (await actorFor(t.app, 'admin')).actor;
    abc = (await actorFor(t.app, 'abc')).actor;
    const p = await product(t.app, admin, MICRO_CREDIT);
    const h = await poorHousehold(t.app, admin, 800);
    const l = await execute(t.app, abc, applyForLoan, {
      productId: p.id,
      householdId: h,
      contractNo: `DPD-${dialect}`,
      amount: '36000',
      annualRate: '4.75',
      termMonths: 36,
      appliedOn: '2017-01-10',
    });
    await execute(t.app, abc, approveLoan, { id: l.id });
    await execute(t.app, abc, disburseLoan, {
      id: l.id,
      contractDate: '2017-01-15',
      disbursedOn: '2017-01-15',
    });
    loanId = l.id;
  });
  afterAll(() => t.close());

  const FIRST_DUE = parseIsoDate('2017-02-15');
  const CASES: [number, string, string][] = [
    [0, 'normal', '正常'],
    [1, 'special-mention', '关注'],
    [90, 'special-mention', '关注'],
    [91, 'substandard', '次级'],
    [180, 'substandard', '次级'],
    [181, 'doubtful', '可疑'],
    [360, 'doubtful', '可疑'],
    [361, 'loss', '损失'],
  ];

  it('counts days from the first unpaid due date, and classifies at each boundary', async () => {
    for (const [days, cls, zh] of CASES) {
      const asOf = addDays(FIRST_DUE, days);
      const d = await execute(t.app, abc, getLoan, { id: loanId, asOf });
      expect({ days: d.daysPastDue, cls: d.classification, zh: d.classificationZh }, asOf).toEqual({
        days,
        cls,
        zh,
      });
    }
    // before the first due date nothing is past due
    expect(
      (await execute(t.app, abc, getLoan, { id: loanId, asOf: '2017-01-20' })).daysPastDue,
    ).toBe(0);
  });

  it('a paid instalment moves the count to the next one; a partial payment does not', async () => {
    const first = (await execute(t.app, abc, getLoan, { id: loanId, asOf: '2017-02-15' }))
      .schedule[0]!;
    await execute(t.app, abc, recordRepayment, {
      id: loanId,
      paidOn: '2017-02-20',
      amount: first.total,
      bankTxnId: `DPD-1-${dialect}`,
    });
    // between the due date and the payment, the first instalment was past due
    expect(
      (await execute(t.app, abc, getLoan, { id: loanId, asOf: '2017-02-19' })).daysPastDue,
    ).toBe(4);
    // after it, nothing is until the second due date (2017-03-15)
    expect(
      (await execute(t.app, abc, getLoan, { id: loanId, asOf: '2017-03-15' })).daysPastDue,
    ).toBe(0);
    expect(
      (await execute(t.app, abc, getLoan, { id: loanId, asOf: '2017-03-16' })).daysPastDue,
    ).toBe(1);
    await execute(t.app, abc, recordRepayment, {
      id: loanId,
      paidOn: '2017-03-15',
      amount: '500',
      bankTxnId: `DPD-2-${dialect}`,
    });
    const d = await execute(t.app, abc, getLoan, { id: loanId, asOf: '2017-06-14' });
    expect(d.daysPastDue).toBe(91);
    expect(d.classification).toBe('substandard');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { listDefaulter } from '../../src/app/credit/defaulters.ts';
import { decideDesignations, proposeDesignation } from '../../src/app/credit/designations.ts';
import { applyForLoan, approveLoan } from '../../src/app/loans/applications.ts';
import { getLoan } from '../../src/app/loans/loanDetail.ts';
import { execute } from '../../src/app/useCase.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { collectAndRate } from './creditSetup.ts';
import { BAIMA, Clock, dump, expectBilingual, refusal } from './helpers.ts';
import { INDUSTRY, MICRO_CREDIT, nextContract, poorHousehold, product } from './loanSetup.ts';

/**
 * A credit household's better terms applied to its applications (art. 10, 33; ADR 0022),
 * with the shipped parameters: limit +20 %, rate −10 %, decision within 3 days.
 *  - micro-credit product of 30,000: 30,000 × 120 % = 36,000, under the art. 11 cap of
 *    50,000 → limit 36,000;
 *  - micro-credit product of 50,000: 60,000, held to the cap → 50,000;
 *  - industry product of 3,000,000 (art. 11 does not check it): 3,600,000;
 *  - offered 4.75 % less 10 % of it: 4.75 × 0.9 = 4.275 %;
 *  - applied 2017-05-01 → decide by 2017-05-04; applied 2017-05-30 → by 2017-06-02.
 * The household is designated as of 2017-03-01; the clock reads 2017-06-01.
 */
describeEachDialect('credit household loan terms', (dialect) => {
  const clock = new Clock('2017-06-01T01:00:00.000Z');
  let t: TestApp;
  let admin: Actor;
  let officer: Actor;
  let clerk: Actor;
  let pboc: Actor;
  let micro30: string;
  let micro50: string;
  let industry: string;
  let creditHousehold: string;
  let plainHousehold: string;

  const designate = async (householdId: string) => {
    await collectAndRate(t.app, clerk, householdId, 80, '2017-03-01');
    const p = await execute(t.app, clerk, proposeDesignation, {
      level: 'household',
      code: householdId,
      asOf: '2017-03-01',
    });
    await execute(t.app, pboc, decideDesignations, { ids: [p.id], decision: 'approve' });
  };
  const apply = (productId: string, householdId: string, amount: string, appliedOn: string) =>
    execute(t.app, officer, applyForLoan, {
      productId,
      householdId,
      contractNo: nextContract('CT'),
      amount,
      annualRate: '4.75',
      termMonths: 12,
      appliedOn,
    });

  beforeAll(async () => {
    t = await openTestApp(dialect, clock.now);
    await seedSmallDistrict(t.app);
    admin = (await actorFor(t.app, 'admin')).actor;
    officer = (await actorFor(t.app, 'icbc')).actor;
    clerk = (await actorFor(t.app, 'baima')).actor;
    pboc = (await actorFor(t.app, 'rh')).actor;
    micro30 = (await product(t.app, admin, { ...MICRO_CREDIT, code: 'MC-30K', maxAmount: '30000' }))
      .id;
    micro50 = (await product(t.app, admin, { ...MICRO_CREDIT, code: 'MC-50K' })).id;
    industry = (await product(t.app, admin, { ...INDUSTRY, code: 'IND-CT' })).id;
    creditHousehold = await poorHousehold(t.app, admin, 601, `${BAIMA}001`);
    plainHousehold = await poorHousehold(t.app, admin, 602, `${BAIMA}001`);
    await designate(creditHousehold);
  }, 240_000);
  afterAll(() => t.close());

  it('micro-credit of 30,000: the credit household may borrow 36,000 at 4.275 %, decided by the 4th', async () => {
    const loan = await apply(micro30, creditHousehold, '36000', '2017-05-01');
    expect(loan).toMatchObject({ status: 'applied', amount: '36000.00', annualRate: '4.275' });
    expect(loan.creditTerms).toMatchObject({
      limitUpliftPercent: '20.00',
      rateDiscountPercent: '10.00',
      approvalDays: 3,
      productMaxAmount: '30000.00',
      upliftedAmount: '36000.00',
      policyCap: '50000.00',
      maxAmount: '36000.00',
      offeredRate: '4.75',
      contractRate: '4.275',
      decideBy: '2017-05-04',
    });
    expect(loan.creditTerms!.explanation_en).toBe(
      'Credit household terms (art. 10): amount limit 30000.00 × (100% + 20.00%) = 36000.00; rate 4.75% less 10.00% = 4.275%; decided within 3 days, by 2017-05-04',
    );
    expect(loan.creditTerms!.explanation_zh).toContain('利率 4.75% 下浮 10.00% = 4.275%');
    // the loan's detail shows the same terms; approving on 2017-06-01 misses the 4th
    const detail = await execute(t.app, officer, getLoan, { id: loan.id, asOf: '2017-06-01' });
    expect(detail.creditTerms).toEqual(loan.creditTerms);
    await execute(t.app, officer, approveLoan, { id: loan.id });
    const late = await t.app.store.db
      .selectFrom('audit_log')
      .select('detail_json')
      .where('action', '=', 'loan.approve')
      .where('entity_id', '=', loan.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(late.detail_json!)).toEqual({
      decideBy: '2017-05-04',
      decidedOn: '2017-06-01',
      inTime: false,
    });
    const recent = await apply(micro30, creditHousehold, '1000', '2017-05-30');
    expect(recent.creditTerms!.decideBy).toBe('2017-06-02');
    await execute(t.app, officer, approveLoan, { id: recent.id });
    const inTime = await t.app.store.db
      .selectFrom('audit_log')
      .select('detail_json')
      .where('action', '=', 'loan.approve')
      .where('entity_id', '=', recent.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(inTime.detail_json!).inTime).toBe(true);
  });

  it('one fen over the raised limit, or the day before the designation, is refused; nothing changed', async () => {
    const before = await dump(t.app);
    const over = await refusal(apply(micro30, creditHousehold, '36000.01', '2017-05-01'));
    expect(over.field).toBe('amount');
    expectBilingual(over.toJSON(), 'invalid_input');
    expect(over.message_en).toContain('36000.00');
    // 2017-02-28: not yet a credit household → the product's own 30,000
    const early = await refusal(apply(micro30, creditHousehold, '30000.01', '2017-02-28'));
    expect(early.message_en).toContain('30000.00');
    const plain = await refusal(apply(micro30, plainHousehold, '30000.01', '2017-05-01'));
    expect(plain.field).toBe('amount');
    expect(await dump(t.app)).toEqual(before);
    const ordinary = await apply(micro30, plainHousehold, '30000', '2017-05-01');
    expect(ordinary).toMatchObject({ status: 'applied', annualRate: '4.75', creditTerms: null });
  });

  it('the art. 11 cap of 50,000 stays hard; a product art. 11 does not check is raised in full', async () => {
    const over = await refusal(apply(micro50, creditHousehold, '50000.01', '2017-05-02'));
    expect(over.field).toBe('amount');
    expect(over.message_en).toContain('50000.00');
    const capped = await apply(micro50, creditHousehold, '50000', '2017-05-02');
    expect(capped.status).toBe('applied');
    expect(capped.creditTerms).toMatchObject({
      upliftedAmount: '60000.00',
      policyCap: '50000.00',
      maxAmount: '50000.00',
    });
    expect(capped.creditTerms!.explanation_en).toContain(
      'held to the art. 11 household cap of 50000.00: 50000.00',
    );
    const big = await apply(industry, creditHousehold, '3600000', '2017-05-02');
    expect(big).toMatchObject({ status: 'applied', annualRate: '4.275' });
    expect(big.creditTerms).toMatchObject({ policyCap: null, maxAmount: '3600000.00' });
  });

  describe('defaulters list', () => {
    it('a credit household on the list gets no better terms and is refused subsidised loans', async () => {
      const listed = await poorHousehold(t.app, admin, 603, `${BAIMA}001`);
      await designate(listed);
      await execute(t.app, clerk, listDefaulter, {
        householdId: listed,
        reason: '恶意拖欠贷款',
        listedOn: '2017-04-01',
      });
      const refused = await apply(micro30, listed, '30000', '2017-04-05');
      expect(refused).toMatchObject({ status: 'refused', annualRate: '4.75', creditTerms: null });
      expect(refused.refusal).toEqual([
        expect.objectContaining({ condition: 'not-on-defaulters-list', article: 'art. 10' }),
      ]);
      const over = await refusal(apply(micro30, listed, '30000.01', '2017-04-05'));
      expect(over.field).toBe('amount');
      // before the listing it had the terms
      const earlier = await apply(micro30, listed, '36000', '2017-03-20');
      expect(earlier).toMatchObject({ status: 'applied', annualRate: '4.275' });
    });
  });
});

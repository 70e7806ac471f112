import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import {
  appealDefaulter,
  clearDefaulter,
  decideAppeal,
  listDefaulter,
  listDefaulters,
} from '../../src/app/credit/defaulters.ts';
import { decideDesignations, proposeDesignation } from '../../src/app/credit/designations.ts';
import { creditOverview } from '../../src/app/credit/overview.ts';
import { applyForLoan } from '../../src/app/loans/applications.ts';
import { execute } from '../../src/app/useCase.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { borrowers, collectAndRate, creditTestProduct } from './creditSetup.ts';
import { BAIMA, Clock, dump, expectBilingual, refusal } from './helpers.ts';
import { MICRO_CREDIT, nextContract, poorHousehold, product } from './loanSetup.ts';

/**
 * The loan-quality thresholds of a credit village (≥ 85 % of borrowers without arrears,
 * NPL stock < 5 %, new NPL < 1 %) and a credit township (≥ 90 %, < 5 %, < 1 %), each
 * exactly at its limit and one household or one fen away, as of 2016-03-10, over
 * unpaid industry loans (24 monthly instalments from the month after disbursement):
 *  - disbursed 2014-06-02: unpaid since 2014-07-02, > 360 days → 损失, non-performing,
 *    and already non-performing on 2015-03-10 (251 days) → not new;
 *  - disbursed 2015-10-01: unpaid since 2015-11-01, 30 + 31 + 31 + 29 + 9 = 130 days →
 *    次级, non-performing, not yet lent a year before → new;
 *  - disbursed 2016-01-04: unpaid since 2016-02-04, 29 + 6 = 35 days → 关注: in arrears,
 *    performing;
 *  - disbursed 2016-03-01: first due 2016-04-01 → nothing past due.
 * Balances are the amounts (nothing repaid).
 */
const ON = '2016-03-10';
const OLD_NPL = { yuan: '4000', disbursedOn: '2014-06-02' };
const NEW_NPL = { yuan: '1000', disbursedOn: '2015-10-01' };
const ARREARS = { yuan: '1000', disbursedOn: '2016-01-04' };
const clean = (n: number, yuan: string) =>
  Array.from({ length: n }, () => ({ yuan, disbursedOn: '2016-03-01' }));
const T4 = '500156004';
const T5 = '500156005';
const T6 = '500156006';

describeEachDialect('credit designation thresholds', (dialect) => {
  const clock = new Clock('2017-06-01T01:00:00.000Z');
  let t: TestApp;
  let admin: Actor;
  let officer: Actor;
  let clerk: Actor;
  let pboc: Actor;

  beforeAll(async () => {
    t = await openTestApp(dialect, clock.now);
    await seedSmallDistrict(t.app);
    admin = (await actorFor(t.app, 'admin')).actor;
    officer = (await actorFor(t.app, 'icbc')).actor;
    clerk = (await actorFor(t.app, 'baima')).actor;
    pboc = (await actorFor(t.app, 'rh')).actor;
    const productId = await creditTestProduct(t.app, admin);
    const actors = { admin, officer };
    // Village X: 4,000 + 1,000 + 1,000 + 16 × 5,000 + 14,000 = 100,000.00 yuan, 20 borrowers,
    // 3 in arrears (old NPL, new NPL, 35 days) → 17 clean.
    await borrowers(t.app, actors, productId, `${T4}001`, 100, [
      OLD_NPL,
      NEW_NPL,
      ARREARS,
      ...clean(16, '5000'),
      ...clean(1, '14000'),
    ]);
    // Village Y: 4,000 + 1,000 + 2 × 1,000 + 15 × 5,000 + 18,000.01 = 100,000.01, 4 in arrears → 16 clean.
    await borrowers(t.app, actors, productId, `${T4}002`, 200, [
      OLD_NPL,
      NEW_NPL,
      ARREARS,
      ARREARS,
      ...clean(15, '5000'),
      ...clean(1, '18000.01'),
    ]);
    // Township T5: 4,000 + 1,000 + 17 × 5,000 + 10,000 = 100,000.00, 2 in arrears → 18 clean.
    await borrowers(t.app, actors, productId, `${T5}001`, 300, [
      OLD_NPL,
      NEW_NPL,
      ...clean(17, '5000'),
      ...clean(1, '10000'),
    ]);
    // Township T6: 4,000 + 1,000 + 1,000 + 16 × 5,000 + 14,000.01 = 100,000.01, 3 in arrears → 17 clean.
    await borrowers(t.app, actors, productId, `${T6}001`, 400, [
      OLD_NPL,
      NEW_NPL,
      ARREARS,
      ...clean(16, '5000'),
      ...clean(1, '14000.01'),
    ]);
  }, 240_000);
  afterAll(() => t.close());

  const checks = async (level: 'villages' | 'townships', code: string) => {
    const o = await execute(t.app, pboc, creditOverview, { asOf: ON });
    const row = o[level].find((r) => r.code === code)!;
    return Object.fromEntries(
      row.verdict.checks.map((c) => [c.criterion, [c.numerator, c.denominator, c.met]]),
    );
  };

  it('village X: exactly 85 % without arrears meets; NPL exactly 5 % and new NPL exactly 1 % miss', async () => {
    expect(await checks('villages', `${T4}001`)).toMatchObject({
      'no-arrears-share': [17, 20, true],
      'npl-stock': [500_000, 10_000_000, false],
      'npl-new': [100_000, 10_000_000, false],
    });
  });

  it('village Y: one more household in arrears (80 %) misses; one fen more lent puts NPL under 5 % and 1 %', async () => {
    expect(await checks('villages', `${T4}002`)).toMatchObject({
      'no-arrears-share': [16, 20, false],
      'npl-stock': [500_000, 10_000_001, true],
      'npl-new': [100_000, 10_000_001, true],
    });
  });

  it('township T5: exactly 90 % without arrears meets; NPL exactly 5 % and new exactly 1 % miss', async () => {
    expect(await checks('townships', T5)).toMatchObject({
      'credit-share': [0, 2, false],
      'no-arrears-share': [18, 20, true],
      'npl-stock': [500_000, 10_000_000, false],
      'npl-new': [100_000, 10_000_000, false],
    });
  });

  it('township T6: 85 % misses 90 %; one fen more lent puts NPL under both limits', async () => {
    expect(await checks('townships', T6)).toMatchObject({
      'no-arrears-share': [17, 20, false],
      'npl-stock': [500_000, 10_000_001, true],
      'npl-new': [100_000, 10_000_001, true],
    });
  });

  it('the same township as of a year earlier: none of these loans was lent yet but the oldest', async () => {
    const o = await execute(t.app, pboc, creditOverview, { asOf: '2015-03-10' });
    const row = o.townships.find((r) => r.code === T5)!;
    // only the 2014-06-02 loan: 1 borrower in arrears, 4,000 of 4,000 non-performing (251
    // days), and new: a year before that day (2014-03-10) it was not lent yet
    expect(row.verdict.checks.map((c) => [c.criterion, c.numerator, c.denominator, c.met])).toEqual(
      [
        ['credit-share', 0, 2, false],
        ['no-arrears-share', 0, 1, false],
        ['npl-stock', 400_000, 400_000, false],
        ['npl-new', 400_000, 400_000, false],
      ],
    );
  });

  describe('defaulters list and loan eligibility', () => {
    it('a listed household is refused subsidised loans until cleared; the trail is kept', async () => {
      const micro = await product(t.app, admin, { ...MICRO_CREDIT, code: 'MC-CREDIT' });
      const h = await poorHousehold(t.app, admin, 500, `${BAIMA}001`);
      const listing = await execute(t.app, clerk, listDefaulter, {
        householdId: h,
        reason: '恶意拖欠贷款',
        listedOn: '2017-03-01',
      });
      const apply = (on: string) =>
        execute(t.app, officer, applyForLoan, {
          productId: micro.id,
          householdId: h,
          contractNo: nextContract('DF'),
          amount: '10000',
          annualRate: '4.75',
          termMonths: 12,
          appliedOn: on,
        });
      // before the listing: eligible
      expect((await apply('2017-02-28')).refusal).toBeNull();
      const refused = await apply('2017-03-10');
      expect(refused.status).toBe('refused');
      expect(refused.refusal).toEqual([
        expect.objectContaining({ condition: 'not-on-defaulters-list', article: 'art. 10' }),
      ]);

      // another township's clerk cannot touch the listing; a second listing is refused
      const houping = (await actorFor(t.app, 'houping')).actor;
      const untouched = await dump(t.app);
      const foreign = await refusal(
        execute(t.app, houping, appealDefaulter, {
          id: listing.id,
          note: '申诉',
          onDate: '2017-03-12',
        }),
      );
      expect(foreign.kind).toBe('not_found');
      const twice = await refusal(
        execute(t.app, clerk, listDefaulter, {
          householdId: h,
          reason: '重复',
          listedOn: '2017-03-02',
        }),
      );
      expect(twice).toMatchObject({ code: 'already_listed', field: 'householdId' });
      expect(await dump(t.app)).toEqual(untouched);
      await execute(t.app, clerk, appealDefaulter, {
        id: listing.id,
        note: '已与银行达成还款协议',
        onDate: '2017-03-12',
      });
      // a decision dated before the listing is refused, nothing changes
      const before = await dump(t.app);
      const early = await refusal(
        execute(t.app, pboc, decideAppeal, {
          id: listing.id,
          upheld: false,
          note: '驳回',
          onDate: '2017-02-01',
        }),
      );
      expect(early.field).toBe('onDate');
      expectBilingual(early.toJSON(), 'invalid_input');
      expect(await dump(t.app)).toEqual(before);
      await execute(t.app, pboc, decideAppeal, {
        id: listing.id,
        upheld: false,
        note: '未还款，驳回',
        onDate: '2017-03-15',
      });
      expect((await apply('2017-03-20')).status).toBe('refused');
      const cleared = await execute(t.app, officer, clearDefaulter, {
        id: listing.id,
        note: '欠款已结清',
        onDate: '2017-04-01',
      });
      expect(cleared.trail.map((e) => [e.kind, e.onDate, e.by])).toEqual([
        ['listed', '2017-03-01', 'baima'],
        ['appealed', '2017-03-12', 'baima'],
        ['appeal-rejected', '2017-03-15', 'rh'],
        ['cleared', '2017-04-01', 'icbc'],
      ]);
      expect((await apply('2017-04-02')).refusal).toBeNull();
      // a day in the listed period still reads as listed
      const list = await execute(t.app, pboc, listDefaulters, { asOf: '2017-03-20' });
      expect(list.activeOnDay).toBe(1);
      const again = await refusal(
        execute(t.app, officer, clearDefaulter, {
          id: listing.id,
          note: '再次解除',
          onDate: '2017-04-03',
        }),
      );
      expect(again.code).toBe('defaulter_status');
    });

    it("a credit household's application carries its better terms (parameters: 20 %, 10 %, 3 days)", async () => {
      const micro = await product(t.app, admin, { ...MICRO_CREDIT, code: 'MC-CREDIT-2' });
      const h = await poorHousehold(t.app, admin, 501, `${BAIMA}001`);
      await collectAndRate(t.app, clerk, h, 80, '2017-03-01');
      const p = await execute(t.app, clerk, proposeDesignation, {
        level: 'household',
        code: h,
        asOf: '2017-03-01',
      });
      await execute(t.app, pboc, decideDesignations, { ids: [p.id], decision: 'approve' });
      const loan = await execute(t.app, officer, applyForLoan, {
        productId: micro.id,
        householdId: h,
        contractNo: nextContract('CH'),
        amount: '10000',
        annualRate: '4.75',
        termMonths: 12,
        appliedOn: '2017-03-05',
      });
      const audit = await t.app.store.db
        .selectFrom('audit_log')
        .select('detail_json')
        .where('action', '=', 'loan.apply')
        .where('entity_id', '=', loan.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.detail_json!).eligibility.credit).toEqual({
        creditHousehold: true,
        onDefaultersList: false,
        terms: { limitUpliftPercent: '20.00', rateDiscountPercent: '10.00', approvalDays: 3 },
      });
    });
  });
});

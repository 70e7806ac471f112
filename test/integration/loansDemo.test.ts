import { afterAll, beforeAll, expect, it } from 'vitest';
import { LOAN_CATEGORIES } from '../../src/app/loans/loanFields.ts';
import { getLoan } from '../../src/app/loans/loanDetail.ts';
import { needBoard } from '../../src/app/loans/needBoard.ts';
import { statusOn } from '../../src/app/register/households.ts';
import { execute } from '../../src/app/useCase.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { Clock } from './helpers.ts';

/** The demo loan portfolio is consistent with the register and the policy. */
describeEachDialect('demo loans', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(dialect, new Clock().now);
    await seedSmallDistrict(t.app);
  });
  afterAll(() => t.close());

  it('a product per category; ~20 % of poor households with one micro-credit loan, poor when lent', async () => {
    const db = t.app.store.db;
    const products = await db.selectFrom('loan_products').select('category').execute();
    expect(new Set(products.map((p) => p.category))).toEqual(new Set(LOAN_CATEGORIES));
    const loans = await db.selectFrom('loans').selectAll().execute();
    const poor = await db
      .selectFrom('poverty_status_history')
      .select('household_id')
      .distinct()
      .where('status', '=', 'registered_poor')
      .execute();
    expect(loans.length).toBeGreaterThan(poor.length * 0.08);
    expect(loans.length).toBeLessThan(poor.length * 0.3);
    expect(new Set(loans.map((l) => l.household_id)).size).toBe(loans.length);
    const banks = await db.selectFrom('institutions').select(['id', 'code']).execute();
    const codeOf = new Map(banks.map((b) => [b.id, b.code]));
    for (const l of loans) {
      expect(['ABC-WL', 'PSBC-WL', 'CQRCB-WL']).toContain(codeOf.get(l.institution_id));
      expect(l.disbursed_on! >= '2015-09-01' && l.disbursed_on! <= '2019-12-31').toBe(true);
      expect(await statusOn(db, l.region_code, l.household_id, l.disbursed_on!)).toBe(
        'registered_poor',
      );
      expect(Number(l.amount)).toBeLessThanOrEqual(5_000_000);
      const rows = await db
        .selectFrom('loan_schedule_rows')
        .select(['principal'])
        .where('loan_id', '=', l.id)
        .execute();
      expect(rows.reduce((s, r) => s + Number(r.principal), 0)).toBe(Number(l.amount));
    }
    const repayments = await db.selectFrom('repayments').select('id').execute();
    expect(repayments.length).toBeGreaterThan(0);
    // the loans read back through the use case, and the board answers
    const admin = (await actorFor(t.app, 'admin')).actor;
    const one = loans.find((l) => l.status === 'disbursed') ?? loans[0]!;
    const detail = await execute(t.app, admin, getLoan, { id: one.id, asOf: '2020-06-30' });
    expect(detail.schedule.length).toBe(12);
    const board = await execute(t.app, admin, needBoard, { asOf: '2019-12-31' });
    expect(board.totalHouseholds).toBeGreaterThanOrEqual(0);
  });
});

import type { Actor } from '../../src/app/actor.ts';
import type { App } from '../../src/app/app.ts';
import { applyForLoan, approveLoan, disburseLoan } from '../../src/app/loans/applications.ts';
import { createNeed } from '../../src/app/loans/needs.ts';
import { createLoanProduct, type LoanProduct } from '../../src/app/loans/products.ts';
import { createHousehold } from '../../src/app/register/households.ts';
import { execute } from '../../src/app/useCase.ts';
import { BAIMA, residentId } from './helpers.ts';

/** Households, products and loans for the loan suites and the registry walk. */

export async function poorHousehold(
  app: App,
  admin: Actor,
  seq: number,
  village = `${BAIMA}001`,
  poorFrom = '2016-01-01',
): Promise<string> {
  const h = await execute(app, admin, createHousehold, {
    householdNo: `LOAN-${String(seq)}`,
    villageCode: village,
    headName: `贷款测试${String(seq)}`,
    headIdNumber: residentId(seq, '19750505'),
    povertyStatus: 'registered_poor',
    statusEffectiveFrom: poorFrom,
    statusSource: '建档立卡',
  });
  return h.id;
}

export const MICRO_CREDIT = {
  code: 'MC-TEST',
  category: 'poverty_micro_credit',
  nameZh: '扶贫小额信贷（测试）',
  nameEn: 'Poverty micro-credit (test)',
  minAmount: '1000',
  maxAmount: '50000',
  minTermMonths: 1,
  maxTermMonths: 36,
  method: 'equal-instalment',
  collateral: 'none',
  policyRuleIds: ['art11.micro-credit-eligibility'],
};

export const INDUSTRY = {
  code: 'IND-TEST',
  category: 'industry',
  nameZh: '产业贷款（测试）',
  nameEn: 'Industry loan (test)',
  minAmount: '1000',
  maxAmount: '3000000',
  minTermMonths: 1,
  maxTermMonths: 60,
  method: 'equal-principal',
  collateral: 'mortgage',
};

export async function product(app: App, admin: Actor, spec: object): Promise<LoanProduct> {
  return execute(app, admin, createLoanProduct, spec);
}

let contractSeq = 0;
export const nextContract = (prefix = 'C'): string => `${prefix}-${String(++contractSeq)}`;

export interface LoanFixture {
  productId: string;
  /** The product as loan-product.list shows it: also a valid loan-product.update input. */
  product: LoanProduct;
  /** An open need in 白马镇, for need.respond. */
  needId: string;
  /** Loans of the bank officer's institution in each state the next write needs. */
  appliedLoanId: string;
  approvedLoanId: string;
  disbursedLoanId: string;
}

/**
 * Builds, once, the records the registry walk's loan inputs point at: a product, a
 * need, and one loan of the officer's bank in each state (applied, approved, disbursed).
 */
export function lazyLoanFixture(
  app: App,
  admin: Actor,
  clerk: Actor,
  officer: Actor,
  householdId: string,
): () => Promise<LoanFixture> {
  let built: Promise<LoanFixture> | undefined;
  const build = async (): Promise<LoanFixture> => {
    const p = await product(app, admin, { ...INDUSTRY, code: 'IND-REGISTRY' });
    const need = await execute(app, clerk, createNeed, {
      householdId,
      amount: '20000',
      purpose: '养殖',
      industry: '畜牧',
      recordedOn: '2017-03-01',
    });
    const apply = (no: string) =>
      execute(app, officer, applyForLoan, {
        productId: p.id,
        householdId,
        contractNo: no,
        amount: '20000',
        annualRate: '4.75',
        termMonths: 24,
        appliedOn: '2017-03-10',
      });
    const applied = await apply('REG-APPLIED');
    const approved = await apply('REG-APPROVED');
    await execute(app, officer, approveLoan, { id: approved.id });
    const disbursed = await apply('REG-DISBURSED');
    await execute(app, officer, approveLoan, { id: disbursed.id });
    await execute(app, officer, disburseLoan, {
      id: disbursed.id,
      contractDate: '2017-03-12',
      disbursedOn: '2017-03-12',
    });
    return {
      productId: p.id,
      product: p,
      needId: need.id,
      appliedLoanId: applied.id,
      approvedLoanId: approved.id,
      disbursedLoanId: disbursed.id,
    };
  };
  return () => (built ??= build());
}

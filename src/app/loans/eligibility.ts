import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { getRule, evaluateRaw } from '../../core/rules/registry.ts';
import type { FailedCondition } from '../../core/rules/rule.ts';
import type { Database, LoanProductTable, PovertyStatus } from '../../store/schema.ts';
import type { App } from '../app.ts';
import { loadParameterSnapshot, POLICY_ROOT } from '../policy/parameterVersions.ts';
import { policyData } from '../policy/evaluate.ts';
import { statusOn } from '../register/households.ts';
import { MICRO_CREDIT_CATEGORIES } from './loanFields.ts';

/**
 * The household's outstanding poverty micro-credit at ALL lenders on `asOf`: for every
 * micro-credit loan disbursed on or before it, the amount less the principal repaid on
 * or before it (a loan closed later still counts what it owed then).
 */
export async function outstandingMicroCredit(
  db: Kysely<Database>,
  regionCode: string,
  householdId: string,
  asOf: IsoDate,
  excludeLoanId?: string,
): Promise<Fen> {
  let q = db
    .selectFrom('loans as l')
    .innerJoin('loan_products as p', (j) =>
      j.onRef('p.region_code', '=', 'l.region_code').onRef('p.id', '=', 'l.product_id'),
    )
    .select(['l.id', 'l.amount'])
    .where('l.region_code', '=', regionCode)
    .where('l.household_id', '=', householdId)
    .where('l.status', 'in', ['disbursed', 'closed'])
    .where('l.disbursed_on', '<=', asOf)
    .where('p.category', 'in', [...MICRO_CREDIT_CATEGORIES]);
  if (excludeLoanId) q = q.where('l.id', '!=', excludeLoanId);
  const loans = await q.execute();
  if (loans.length === 0) return 0 as Fen;
  const repaid = await db
    .selectFrom('repayments')
    .select(['loan_id', (eb) => eb.fn.sum<number>('principal').as('principal')])
    .where('region_code', '=', regionCode)
    .where(
      'loan_id',
      'in',
      loans.map((l) => l.id),
    )
    .where('paid_on', '<=', asOf)
    .groupBy('loan_id')
    .execute();
  const paid = new Map(repaid.map((r) => [r.loan_id, Number(r.principal)]));
  return loans.reduce((s, l) => s + Number(l.amount) - (paid.get(l.id) ?? 0), 0) as Fen;
}

const RULE_STATUS: Record<PovertyStatus, string> = {
  registered_poor: 'registered-poor',
  lifted: 'lifted',
  not_poor: 'removed',
};

export interface EligibilityOutcome {
  eligible: boolean;
  failed: FailedCondition[];
  /** What the rule was given, for the audit log. */
  facts: { status: string; otherOutstanding: string };
}

/**
 * Art. 11 micro-credit eligibility AS OF the application date: the household's poverty
 * status then, its micro-credit outstanding at every lender then, and the parameter
 * versions in force then (the snapshot read inside the caller's transaction).
 */
export async function microCreditEligibility(
  app: App,
  db: Kysely<Database>,
  regionCode: string,
  product: LoanProductTable,
  loan: { householdId: string; amount: Fen; termMonths: number; appliedOn: IsoDate },
): Promise<EligibilityOutcome> {
  const status = await statusOn(db, regionCode, loan.householdId, loan.appliedOn);
  const other = await outstandingMicroCredit(db, regionCode, loan.householdId, loan.appliedOn);
  // The snapshot is read through the transaction: on SQLite a read on another
  // connection would wait for this very transaction.
  const params = await loadParameterSnapshot({ ...app, store: { ...app.store, db } }, regionCode);
  const data = policyData(POLICY_ROOT);
  const input = {
    asOf: loan.appliedOn,
    register: status === undefined ? [] : [{ status: RULE_STATUS[status], from: loan.appliedOn }],
    otherOutstanding: fenToYuanString(other),
    loan: {
      amount: fenToYuanString(loan.amount),
      purpose: product.category === 'rural_tourism_micro_credit' ? 'rural-tourism' : 'general',
      termMonths: loan.termMonths,
      collateral: product.collateral === 'mortgage' || product.collateral === 'pledge',
      guarantee: product.collateral === 'guarantee' ? 'other' : 'none',
    },
  };
  const result = evaluateRaw(getRule('art11.micro-credit-eligibility'), input, {
    params,
    rates: { benchmark: data.benchmark, lpr: data.lpr },
    trace: false,
  });
  return {
    eligible: result.applies,
    failed: result.failed.map((f) => ({ ...f })),
    facts: { status: status ?? 'none', otherOutstanding: fenToYuanString(other) },
  };
}

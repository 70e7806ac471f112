import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { paramFen, type ParameterSnapshot } from '../../core/policy/parameterSet.ts';
import { getRule, evaluateRaw } from '../../core/rules/registry.ts';
import type { FailedCondition } from '../../core/rules/rule.ts';
import type { Database, LoanProductTable, PovertyStatus } from '../../store/schema.ts';
import type { App } from '../app.ts';
import { AppError } from '../errors.ts';
import { withCreditStanding } from '../credit/creditStanding.ts';
import { loadParameterSnapshot, POLICY_ROOT } from '../policy/parameterVersions.ts';
import { policyData } from '../policy/evaluate.ts';
import { statusOn } from '../register/households.ts';
import { MICRO_CREDIT_CATEGORIES } from './loanFields.ts';

const ELIGIBILITY_RULE = 'art11.micro-credit-eligibility';

/**
 * The household's outstanding poverty micro-credit at ALL lenders on `asOf`: for every
 * micro-credit loan disbursed on or before it, the amount plus any additional loan
 * (追加贷款) approved with an effective date on or before it, less the principal repaid
 * on or before it (a loan closed later still counts what it owed then). A written-off
 * loan keeps counting what it owed: 核销 takes it off the bank's books, not off the
 * household's (ADR 0012).
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
    .where('l.status', 'in', ['disbursed', 'closed', 'written_off'])
    .where('l.disbursed_on', '<=', asOf)
    .where('p.category', 'in', [...MICRO_CREDIT_CATEGORIES]);
  if (excludeLoanId) q = q.where('l.id', '!=', excludeLoanId);
  const loans = await q.execute();
  if (loans.length === 0) return 0 as Fen;
  const ids = loans.map((l) => l.id);
  const [repaid, added] = await Promise.all([
    db
      .selectFrom('repayments')
      .select(['loan_id', (eb) => eb.fn.sum<number>('principal').as('principal')])
      .where('region_code', '=', regionCode)
      .where('loan_id', 'in', ids)
      .where('paid_on', '<=', asOf)
      .groupBy('loan_id')
      .execute(),
    db
      .selectFrom('loan_events')
      .select((eb) => eb.fn.sum<number>('amount').as('amount'))
      .where('region_code', '=', regionCode)
      .where('loan_id', 'in', ids)
      .where('kind', '=', 'additional-loan')
      .where('status', '=', 'approved')
      .where('effective_on', '<=', asOf)
      .executeTakeFirst(),
  ]);
  const lent = loans.reduce((s, l) => s + Number(l.amount), 0) + Number(added?.amount ?? 0);
  return (lent - repaid.reduce((s, r) => s + Number(r.principal), 0)) as Fen;
}

/**
 * The borrowing entitlement the household transferred to enterprises by `asOf` (the
 * art. 13 asset-income pilot): it uses the art. 11 cap like micro-credit owed (ADR 0012).
 */
export async function transferredEntitlement(
  db: Kysely<Database>,
  regionCode: string,
  householdId: string,
  asOf: IsoDate,
): Promise<Fen> {
  const row = await db
    .selectFrom('asset_income_stakes')
    .select((eb) => eb.fn.sum<number>('amount').as('amount'))
    .where('region_code', '=', regionCode)
    .where('household_id', '=', householdId)
    .where('start_date', '<=', asOf)
    .executeTakeFirst();
  return Number(row?.amount ?? 0) as Fen;
}

/** Products whose loans art. 11 checks: both micro-credit categories, or any listing the rule. */
export function checkedByArt11(product: LoanProductTable): boolean {
  return (
    (MICRO_CREDIT_CATEGORIES as readonly string[]).includes(product.category) ||
    (JSON.parse(product.policy_rule_ids) as string[]).includes(ELIGIBILITY_RULE)
  );
}

const isTourism = (product: LoanProductTable): boolean =>
  product.category === 'rural_tourism_micro_credit';

/**
 * The art. 11 household cap a loan of the product counts against on `on` (rural tourism
 * has its own); null for products art. 11 does not check. A credit household's limit
 * uplift never goes above it (decision 0022).
 */
export function art11CapFor(
  params: ParameterSnapshot,
  product: LoanProductTable,
  on: IsoDate,
): Fen | null {
  if (!checkedByArt11(product)) return null;
  const id = isTourism(product)
    ? 'art11.micro-credit.rural-tourism-max-amount'
    : 'art11.micro-credit.max-amount';
  return paramFen(params, id, on).value;
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
 * status then, its micro-credit outstanding at every lender then (with the entitlement
 * it transferred under the art. 13 pilot), and the parameter
 * versions in force then (`params`: the snapshot the caller read inside its transaction).
 */
export async function microCreditEligibility(
  db: Kysely<Database>,
  params: ParameterSnapshot,
  regionCode: string,
  product: LoanProductTable,
  loan: { householdId: string; amount: Fen; termMonths: number; appliedOn: IsoDate },
): Promise<EligibilityOutcome> {
  const status = await statusOn(db, regionCode, loan.householdId, loan.appliedOn);
  const [owed, transferred] = await Promise.all([
    outstandingMicroCredit(db, regionCode, loan.householdId, loan.appliedOn),
    transferredEntitlement(db, regionCode, loan.householdId, loan.appliedOn),
  ]);
  const other = (owed + transferred) as Fen;
  const data = policyData(POLICY_ROOT);
  const input = {
    asOf: loan.appliedOn,
    register: status === undefined ? [] : [{ status: RULE_STATUS[status], from: loan.appliedOn }],
    otherOutstanding: fenToYuanString(other),
    loan: {
      amount: fenToYuanString(loan.amount),
      purpose: isTourism(product) ? 'rural-tourism' : 'general',
      termMonths: loan.termMonths,
      collateral: product.collateral === 'mortgage' || product.collateral === 'pledge',
      guarantee: product.collateral === 'guarantee' ? 'other' : 'none',
    },
  };
  const result = evaluateRaw(getRule(ELIGIBILITY_RULE), input, {
    params,
    rates: { benchmark: data.benchmark, lpr: data.lpr },
    trace: false,
  });
  // The credit system's defaulters list and credit-household terms (art. 10, issue 6).
  return withCreditStanding(db, params, regionCode, loan.householdId, loan.appliedOn, {
    eligible: result.applies,
    failed: result.failed.map((f) => ({ ...f })),
    facts: { status: status ?? 'none', otherOutstanding: fenToYuanString(other) },
  });
}

/**
 * An additional loan (追加贷款) on a loan art. 11 checks is new micro-credit lent on the
 * event date: the household must be eligible then, and the cap counts the additional
 * amount on top of everything it owes at all lenders, this loan's balance included.
 * Refused as invalid `amount`, naming the failed conditions and their articles.
 */
export async function checkAdditionalLoan(
  app: App,
  db: Kysely<Database>,
  regionCode: string,
  product: LoanProductTable,
  loan: { householdId: string; amount: Fen; termMonths: number; on: IsoDate },
): Promise<void> {
  // The snapshot is read through the transaction: on SQLite a read on another
  // connection would wait for this very transaction.
  const params = await loadParameterSnapshot({ ...app, store: { ...app.store, db } }, regionCode);
  const outcome = await microCreditEligibility(db, params, regionCode, product, {
    ...loan,
    appliedOn: loan.on,
  });
  if (outcome.eligible) return;
  throw new AppError(
    'invalid',
    'policy_refused',
    outcome.failed.map((f) => `${f.article}：${f.message_zh}`).join('；'),
    outcome.failed.map((f) => `${f.article}: ${f.message_en}`).join('; '),
    'amount',
  );
}

import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import { applyCreditTerms, type AppliedCreditTerms } from '../../core/credit/terms.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import type { ParameterSnapshot } from '../../core/policy/parameterSet.ts';
import { DomainError } from '../../core/errors.ts';
import { rateToString, type Rate } from '../../core/rate.ts';
import type { Database, LoanCreditTermsTable } from '../../store/schema.ts';
import { invalid } from '../errors.ts';
import { creditStandingOn } from './creditStanding.ts';

/**
 * A credit household's better terms applied to its loan application (art. 10, 33;
 * decision 0022): the amount limit raised (within art. 11's cap for micro-credit), the
 * contract rate lowered, a decision deadline set. Stored with the application and shown
 * in its explanation.
 */

export interface CreditTermsOut {
  limitUpliftPercent: string;
  rateDiscountPercent: string;
  approvalDays: number;
  productMaxAmount: string;
  upliftedAmount: string;
  policyCap: string | null;
  maxAmount: string;
  offeredRate: string;
  contractRate: string;
  decideBy: string;
  explanation_zh: string;
  explanation_en: string;
}

/**
 * The terms a household's application gets on `appliedOn`: null unless it is a credit
 * household then and not on the defaulters list. `policyCap`: the policy cap bounding
 * the product (art. 11's household cap), null when none applies.
 */
export async function creditTermsFor(
  db: Kysely<Database>,
  params: ParameterSnapshot,
  regionCode: string,
  householdId: string,
  application: {
    productMaxAmount: Fen;
    policyCap: Fen | null;
    offeredRate: Rate;
    appliedOn: IsoDate;
  },
): Promise<AppliedCreditTerms | null> {
  const { policy } = await creditStandingOn(
    db,
    params,
    regionCode,
    householdId,
    application.appliedOn,
  );
  if (policy === null) return null;
  try {
    return applyCreditTerms(policy, application);
  } catch (e) {
    // A discounted rate needing more than 8 decimals of a percent: the rate entered.
    if (e instanceof DomainError) throw invalid('annualRate', e.message_zh, e.message_en);
    throw e;
  }
}

export function creditTermsRow(
  regionCode: string,
  loanId: string,
  t: AppliedCreditTerms,
): LoanCreditTermsTable {
  return {
    region_code: regionCode,
    loan_id: loanId,
    limit_uplift: rateToString(t.policy.limitUplift),
    rate_discount: rateToString(t.policy.rateDiscount),
    approval_days: t.policy.approvalDays,
    product_max_amount: t.productMaxAmount,
    uplifted_amount: t.upliftedAmount,
    policy_cap: t.policyCap,
    max_amount: t.maxAmount,
    offered_rate: rateToString(t.offeredRate),
    contract_rate: rateToString(t.contractRate),
    decide_by: t.decideBy,
  };
}

const y = (fen: number): string => fenToYuanString(fen as Fen);

/** A stored row as the API shows it, with its bilingual explanation. */
export function creditTermsOut(r: LoanCreditTermsTable): CreditTermsOut {
  const capped = r.policy_cap !== null && r.max_amount < r.uplifted_amount;
  const limit = `${y(r.product_max_amount)} × (100% + ${r.limit_uplift}%) = ${y(r.uplifted_amount)}`;
  return {
    limitUpliftPercent: r.limit_uplift,
    rateDiscountPercent: r.rate_discount,
    approvalDays: r.approval_days,
    productMaxAmount: y(r.product_max_amount),
    upliftedAmount: y(r.uplifted_amount),
    policyCap: r.policy_cap === null ? null : y(r.policy_cap),
    maxAmount: y(r.max_amount),
    offeredRate: r.offered_rate,
    contractRate: r.contract_rate,
    decideBy: r.decide_by,
    explanation_zh:
      `信用户优惠（第十条）：额度上限 ${limit}` +
      (capped ? `，受第十一条户均上限 ${y(r.policy_cap!)} 约束，为 ${y(r.max_amount)}` : '') +
      `；利率 ${r.offered_rate}% 下浮 ${r.rate_discount}% = ${r.contract_rate}%；` +
      `${String(r.approval_days)} 天内审批，最迟 ${r.decide_by}`,
    explanation_en:
      `Credit household terms (art. 10): amount limit ${limit}` +
      (capped
        ? `, held to the art. 11 household cap of ${y(r.policy_cap!)}: ${y(r.max_amount)}`
        : '') +
      `; rate ${r.offered_rate}% less ${r.rate_discount}% = ${r.contract_rate}%; ` +
      `decided within ${String(r.approval_days)} days, by ${r.decide_by}`,
  };
}

/** The stored terms of a loan's application, if it had any. */
export async function creditTermsOfLoan(
  db: Kysely<Database>,
  regionCode: string,
  loanId: string,
): Promise<LoanCreditTermsTable | undefined> {
  return db
    .selectFrom('loan_credit_terms')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('loan_id', '=', loanId)
    .executeTakeFirst();
}

import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import { creditTermsPolicy, type CreditTermsPolicy } from '../../core/credit/terms.ts';
import type { ParameterSnapshot } from '../../core/policy/parameterSet.ts';
import { rateToString } from '../../core/rate.ts';
import type { FailedCondition } from '../../core/rules/rule.ts';
import type { Database } from '../../store/schema.ts';
import { designatedOn } from './areaFacts.ts';
import { defaulterConditions } from './defaulterList.ts';

/**
 * What the credit system adds to a loan application (art. 10 守信激励、失信惩戒): a
 * household on the defaulters list fails the eligibility of subsidised loans; a credit
 * household not on the list gets better terms (limit uplift, rate discount, faster
 * approval — parameters), which the application applies (creditTerms.ts).
 */
export interface CreditStanding {
  creditHousehold: boolean;
  onDefaultersList: boolean;
  /** The better terms of a credit household not on the defaulters list; null otherwise. */
  terms: { limitUpliftPercent: string; rateDiscountPercent: string; approvalDays: number } | null;
}

/** The household's standing on `on`, the condition it fails if listed, and its terms policy. */
export async function creditStandingOn(
  db: Kysely<Database>,
  params: ParameterSnapshot,
  regionCode: string,
  householdId: string,
  on: IsoDate,
): Promise<{
  standing: CreditStanding;
  failed: FailedCondition[];
  policy: CreditTermsPolicy | null;
}> {
  const [failed, designated] = await Promise.all([
    defaulterConditions(db, regionCode, householdId, on),
    designatedOn(db, regionCode, ['household'], on, { subjectCode: householdId }),
  ]);
  const credit = designated.has(householdId);
  const policy = credit && failed.length === 0 ? creditTermsPolicy(params, on) : null;
  return {
    standing: {
      creditHousehold: credit,
      onDefaultersList: failed.length > 0,
      terms: policy && {
        limitUpliftPercent: rateToString(policy.limitUplift),
        rateDiscountPercent: rateToString(policy.rateDiscount),
        approvalDays: policy.approvalDays,
      },
    },
    failed,
    policy,
  };
}

/** Adds the standing to an art. 11 eligibility outcome: listed households fail it. */
export async function withCreditStanding<
  T extends { eligible: boolean; failed: FailedCondition[]; facts: object },
>(
  db: Kysely<Database>,
  params: ParameterSnapshot,
  regionCode: string,
  householdId: string,
  appliedOn: IsoDate,
  outcome: T,
): Promise<T & { facts: T['facts'] & { credit: CreditStanding } }> {
  const { standing, failed } = await creditStandingOn(
    db,
    params,
    regionCode,
    householdId,
    appliedOn,
  );
  return {
    ...outcome,
    eligible: outcome.eligible && failed.length === 0,
    failed: [...outcome.failed, ...failed],
    facts: { ...outcome.facts, credit: standing },
  };
}

import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import { paramInteger, paramRate, type ParameterSnapshot } from '../../core/policy/parameterSet.ts';
import { rateToString } from '../../core/rate.ts';
import type { FailedCondition } from '../../core/rules/rule.ts';
import type { Database } from '../../store/schema.ts';
import { designatedOn } from './areaFacts.ts';
import { defaulterConditions } from './defaulterList.ts';

/**
 * What the credit system adds to a subsidised loan application (art. 10 守信激励、失信惩戒):
 * a household on the defaulters list fails eligibility; a credit household is offered
 * better terms (limit uplift, rate discount, faster approval — parameters).
 */
export interface CreditStanding {
  creditHousehold: boolean;
  onDefaultersList: boolean;
  /** The better terms a credit household may be offered; null otherwise. */
  terms: { limitUpliftPercent: string; rateDiscountPercent: string; approvalDays: number } | null;
}

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
  const failed = await defaulterConditions(db, regionCode, householdId, appliedOn);
  const credit = (await designatedOn(db, regionCode, ['household'], appliedOn)).has(householdId);
  const p = 'art10.credit-household';
  const standing: CreditStanding = {
    creditHousehold: credit,
    onDefaultersList: failed.length > 0,
    terms: credit
      ? {
          limitUpliftPercent: rateToString(paramRate(params, `${p}.limit-uplift`, appliedOn).value),
          rateDiscountPercent: rateToString(
            paramRate(params, `${p}.rate-discount`, appliedOn).value,
          ),
          approvalDays: paramInteger(params, `${p}.approval-days`, appliedOn).value,
        }
      : null,
  };
  return {
    ...outcome,
    eligible: outcome.eligible && failed.length === 0,
    failed: [...outcome.failed, ...failed],
    facts: { ...outcome.facts, credit: standing },
  };
}

import { addDays, type IsoDate } from '../calendarDate.ts';
import { minFen, type Fen } from '../money.ts';
import { paramInteger, paramRate, type ParameterSnapshot } from '../policy/parameterSet.ts';
import { discountRate, RATE_UNITS_PER_PERCENT, type Rate } from '../rate.ts';
import { roundFen } from '../rounding.ts';

/**
 * A credit household's better loan terms (art. 10 守信激励, art. 33): a higher amount
 * limit, a lower contract rate and a decision deadline, from effective-dated parameters.
 * A policy cap (art. 11's household cap for the micro-credit it checks) stays hard: the
 * uplift raises the product's own maximum, never above the cap. Pure.
 */

export interface CreditTermsPolicy {
  /** Percent the product's maximum amount is raised by. */
  readonly limitUplift: Rate;
  /** Percent the offered rate is lowered by (下浮). */
  readonly rateDiscount: Rate;
  /** Calendar days from the application to the decision. */
  readonly approvalDays: number;
}

const P = 'art10.credit-household';

/** The terms in force on `on`. */
export function creditTermsPolicy(params: ParameterSnapshot, on: IsoDate): CreditTermsPolicy {
  return {
    limitUplift: paramRate(params, `${P}.limit-uplift`, on).value,
    rateDiscount: paramRate(params, `${P}.rate-discount`, on).value,
    approvalDays: paramInteger(params, `${P}.approval-days`, on).value,
  };
}

export interface AppliedCreditTerms {
  readonly policy: CreditTermsPolicy;
  readonly productMaxAmount: Fen;
  /** The product's maximum raised by the uplift, rounded down to the fen. */
  readonly upliftedAmount: Fen;
  /** The policy cap that bounds the uplift (null: none applies to the product). */
  readonly policyCap: Fen | null;
  /** The highest amount the household may apply for: the uplifted maximum, within the cap. */
  readonly maxAmount: Fen;
  readonly offeredRate: Rate;
  /** The offered rate less the discount: the rate the contract carries. */
  readonly contractRate: Rate;
  /** The last day the application is to be decided. */
  readonly decideBy: IsoDate;
}

const WHOLE = BigInt(100 * RATE_UNITS_PER_PERCENT);

export function applyCreditTerms(
  policy: CreditTermsPolicy,
  application: {
    productMaxAmount: Fen;
    policyCap: Fen | null;
    offeredRate: Rate;
    appliedOn: IsoDate;
  },
): AppliedCreditTerms {
  const { productMaxAmount, policyCap } = application;
  const upliftedAmount = roundFen(
    BigInt(productMaxAmount) * (WHOLE + BigInt(policy.limitUplift)),
    WHOLE,
    'down-fen',
  );
  // The cap bounds the uplift only: a product whose own maximum is above the cap keeps it
  // (the art. 11 rule then judges the amount as for anyone).
  const maxAmount =
    policyCap === null
      ? upliftedAmount
      : minFen(upliftedAmount, policyCap > productMaxAmount ? policyCap : productMaxAmount);
  return {
    policy,
    productMaxAmount,
    upliftedAmount,
    policyCap,
    maxAmount,
    offeredRate: application.offeredRate,
    contractRate: discountRate(application.offeredRate, policy.rateDiscount),
    decideBy: addDays(application.appliedOn, policy.approvalDays),
  };
}

import { statusOn } from '../../core/rules/art11.micro-credit-eligibility.ts';
import { art12SelfEmployedMortgageIncentive } from '../../core/rules/art12.self-employed-mortgage-incentive.ts';
import { mortgageIncentiveLines } from './mortgageIncentiveLines.ts';
import { povertyRegisters } from './povertyRegisters.ts';

/**
 * Art. 12 incentives, per mortgage loan to a self-employed poor household (the product
 * category says self-employed). "贫困户" is read on the grant date from the register.
 */
export const art12Lines = mortgageIncentiveLines({
  rule: art12SelfEmployedMortgageIncentive,
  category: 'self_employed_mortgage',
  async borrowers(ctx, loans) {
    const register = await povertyRegisters(
      ctx,
      loans.map((l) => l.household_id),
    );
    return (loan, grantDate) => ({
      registeredPoor:
        statusOn(register.get(loan.household_id) ?? [], grantDate) === 'registered_poor',
      selfEmployed: true,
    });
  },
});

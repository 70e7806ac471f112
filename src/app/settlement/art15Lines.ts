import {
  art15EmployerMortgageIncentive,
  type Art15Input,
} from '../../core/rules/art15.employer-mortgage-incentive.ts';
import type { OperatorKind } from '../../store/schema.ts';
import { mortgageIncentiveLines } from './mortgageIncentiveLines.ts';

/**
 * Art. 15 incentives, per mortgage loan to an agricultural enterprise or cooperative
 * employing poor people (category employer_mortgage). The borrower is the operator the
 * loan's subsidy facts name; its workforce and poor workforce are the register's counts
 * when the run is made (the register keeps current counts; the line's trace records the
 * ones used). Only 龙头企业 and 合作社 are 农业企业、农民合作社: family farms and large
 * growers are neither (decision 0016).
 */

const BORROWER_KIND: Record<OperatorKind, Art15Input['borrower']['kind']> = {
  leading_enterprise: 'agricultural-enterprise',
  cooperative: 'cooperative',
  family_farm: 'other',
  large_grower: 'other',
};

export const art15Lines = mortgageIncentiveLines({
  rule: art15EmployerMortgageIncentive,
  category: 'employer_mortgage',
  async borrowers(ctx, loans) {
    const ids = loans.map((l) => l.id);
    const rows = await ctx.db
      .selectFrom('loan_subsidy_facts as f')
      .innerJoin('operators as o', (j) =>
        j.onRef('o.region_code', '=', 'f.region_code').onRef('o.id', '=', 'f.operator_id'),
      )
      .select(['f.loan_id', 'o.kind', 'o.workforce', 'o.poor_workforce'])
      .where('f.region_code', '=', ctx.regionCode)
      .where('f.loan_id', 'in', ids)
      .execute();
    const operatorOf = new Map(rows.map((r) => [r.loan_id, r]));
    return (loan) => {
      const o = operatorOf.get(loan.id);
      if (o === undefined) return { missing: ['operatorId'] };
      // A register with no workforce figure cannot show the 20 % share either way.
      if (o.workforce === 0) return { missing: ['workforce'] };
      return {
        kind: BORROWER_KIND[o.kind],
        workers: o.workforce,
        registeredPoorWorkers: o.poor_workforce,
      };
    };
  },
});

import { fenToYuanString } from '../../core/money.ts';
import {
  art16RelocationInterestSubsidy,
  type Art16Input,
} from '../../core/rules/art16.relocation-interest-subsidy.ts';
import type { SourceContext } from './lineSource.ts';
import {
  missingFactsLine,
  periodOfRow,
  pushResult,
  type LinePayee,
  type LoanPricer,
} from './loanInterestLines.ts';

/**
 * Art. 16 relocation-loan subsidies: central 90 % of each interest period's interest as
 * the loan's schedule charges it, and the city 10 % more on registered poor households'
 * housing loans (a subsidy fact). Paid to the borrower of record — for relocation loans
 * the district platform company that borrows in bulk (区级承贷主体) — through the lending
 * bank.
 */

const RULE = art16RelocationInterestSubsidy;

export const art16Pricer = (ctx: SourceContext): Promise<LoanPricer> =>
  Promise.resolve({
    categories: ['relocation'],
    byPayment: false,
    price(loan, row, _coveredOn, out) {
      const p = periodOfRow(row);
      const payee: LinePayee = {
        kind: 'platform',
        id: loan.household,
        name: loan.householdName,
      };
      const housing = loan.facts?.registered_poor_housing;
      if (housing == null) {
        out.push(missingFactsLine(RULE, loan, p.key, 'central', payee, ['registeredPoorHousing']));
        return;
      }
      const input: Art16Input = {
        loan: {
          contractDate: loan.contractDate,
          termMonths: loan.termMonths,
          contractRate: loan.rate,
        },
        period: { from: p.from, to: p.to },
        interest: row.interest,
        registeredPoorHousing: housing === 1,
      };
      const result = RULE.evaluate(input, ctx.rules);
      const inputJson = JSON.stringify({
        ...input,
        loan: { ...input.loan, contractRate: loan.rateText },
        interest: fenToYuanString(row.interest),
      });
      pushResult(
        out,
        RULE,
        loan,
        p.key,
        result,
        () => payee,
        { payer: 'central', payee },
        inputJson,
      );
    },
  });

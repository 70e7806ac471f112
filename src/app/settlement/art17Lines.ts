import type { IsoDate } from '../../core/calendarDate.ts';
import { fen, fenToYuanString } from '../../core/money.ts';
import { statusOn } from '../../core/rules/art11.micro-credit-eligibility.ts';
import {
  art17StudentLoanSubsidy,
  type Art17StudentInput,
} from '../../core/rules/art17.student-loan-subsidy.ts';
import {
  art17SupplementaryStudentLoan,
  type Art17SupplementaryInput,
} from '../../core/rules/art17.supplementary-student-loan.ts';
import type { SourceContext } from './lineSource.ts';
import {
  missingFactsLine,
  periodOfRow,
  pushResult,
  type LinePayee,
  type LoanPricer,
} from './loanInterestLines.ts';

/**
 * Art. 17 student loans: the interest of the days the student is in school (the
 * graduation date is a subsidy fact), paid by the district to the lending bank.
 * A supplementary student loan (1,000–8,000 for students from Chongqing whose
 * household is registered poor on the contract date or on 城乡低保) is subsidised the
 * same way once it passes that rule; one that does not gives a line of 0 under the
 * supplementary rule saying why.
 */

const RULE = art17StudentLoanSubsidy;
const SUPPLEMENTARY = art17SupplementaryStudentLoan;

export async function art17Pricer(ctx: SourceContext): Promise<LoanPricer> {
  const { db, regionCode } = ctx;
  // Registered poor on the contract date: only supplementary loans ask, and only those
  // with facts on record get that far, so the facts table leads (it is small; loans
  // have no index by product).
  const history = await db
    .selectFrom('poverty_status_history')
    .select(['household_id', 'status', 'effective_from'])
    .where('region_code', '=', regionCode)
    .where('household_id', 'in', (eb) =>
      eb
        .selectFrom('loan_subsidy_facts as f')
        .innerJoin('loans as l', (j) =>
          j.onRef('l.region_code', '=', 'f.region_code').onRef('l.id', '=', 'f.loan_id'),
        )
        .select('l.household_id')
        .where('f.region_code', '=', regionCode)
        .where('f.from_chongqing', 'is not', null),
    )
    .orderBy('effective_from')
    .execute();
  const registerOf = new Map<string, { status: string; from: IsoDate }[]>();
  for (const h of history) {
    const list = registerOf.get(h.household_id) ?? [];
    list.push({ status: h.status, from: h.effective_from as IsoDate });
    registerOf.set(h.household_id, list);
  }
  return {
    categories: ['student', 'supplementary_student'],
    byPayment: false,
    price(loan, row, _coveredOn, out) {
      const p = periodOfRow(row);
      const bank: LinePayee = { kind: 'bank', id: loan.bank, name: loan.bankName };
      const none = { payer: 'district', payee: bank } as const;
      const facts = loan.facts;
      const supplementary = loan.category === 'supplementary_student';
      const missing = [
        ...(facts?.in_school_until == null ? ['inSchoolUntil'] : []),
        ...(supplementary && facts?.from_chongqing == null ? ['fromChongqing'] : []),
        ...(supplementary && facts?.low_income == null ? ['lowIncome'] : []),
      ];
      if (facts === undefined || missing.length > 0) {
        out.push(missingFactsLine(RULE, loan, p.key, 'district', bank, missing));
        return;
      }
      if (supplementary) {
        const input: Art17SupplementaryInput = {
          date: loan.contractDate,
          amount: loan.amount,
          student: {
            fromChongqing: facts.from_chongqing === 1,
            registeredPoor:
              statusOn(registerOf.get(loan.household) ?? [], loan.contractDate) ===
              'registered_poor',
            lowIncome: facts.low_income === 1,
          },
        };
        const eligibility = SUPPLEMENTARY.evaluate(input, ctx.rules);
        if (!eligibility.applies) {
          const inputJson = JSON.stringify({ ...input, amount: fenToYuanString(loan.amount) });
          pushResult(out, SUPPLEMENTARY, loan, p.key, eligibility, () => bank, none, inputJson);
          return;
        }
      }
      const principal = fen(row.balanceAfter + row.principal);
      const input: Art17StudentInput = {
        loan: {
          principal,
          contractDate: loan.contractDate,
          termMonths: loan.termMonths,
          contractRate: loan.rate,
          dayCount: loan.dayCount,
        },
        inSchoolUntil: facts.in_school_until as IsoDate,
        period: { from: p.from, to: p.to },
      };
      const result = RULE.evaluate(input, ctx.rules);
      const inputJson = JSON.stringify({
        ...input,
        loan: { ...input.loan, principal: fenToYuanString(principal), contractRate: loan.rateText },
      });
      pushResult(out, RULE, loan, p.key, result, () => bank, none, inputJson);
    },
  };
}

import { addDays, type IsoDate } from '../../core/calendarDate.ts';
import { fen, fenToYuanString } from '../../core/money.ts';
import {
  art11InterestSubsidy,
  type Art11InterestSubsidyInput,
} from '../../core/rules/art11.interest-subsidy.ts';
import type { RuleContext } from '../../core/rules/rule.ts';
import type { ScheduleRow } from '../../core/schedule/index.ts';
import { MICRO_CREDIT_CATEGORIES } from '../loans/loanFields.ts';
import type { DraftLine, SourceContext } from './lineSource.ts';
import { pushResult, type LoanPricer, type LoanTerms } from './loanInterestLines.ts';

/**
 * Art. 11 interest-subsidy lines: one per micro-credit loan and interest period whose
 * due date falls in the settlement period, once it is decided whether that period's
 * interest was paid on time (a period whose deadline has not passed and which is not
 * yet paid waits for a later run). A late period yields a line of 0 that says why, so
 * the reviewer sees every loan the period touched.
 */

const RULE = art11InterestSubsidy;

export const art11Pricer = (ctx: SourceContext): Promise<LoanPricer> =>
  Promise.resolve({
    categories: MICRO_CREDIT_CATEGORIES,
    byPayment: true,
    price: (loan, row, coveredOn, out) => linesFor(ctx.rules, loan, row, coveredOn, out),
  });

/**
 * The lines of one interest period, appended to `out`. The rule input is built typed
 * (the loan was validated when it was recorded); beside it the line stores the same
 * input as users write it, so that it re-explains itself through `policy explain`.
 */
function linesFor(
  rules: RuleContext,
  terms: LoanTerms,
  row: ScheduleRow,
  coveredOn: IsoDate | null,
  out: DraftLine[],
): void {
  const principal = terms.byDays ? fen(row.balanceAfter + row.principal) : terms.amount;
  const lastDay = addDays(row.dueDate, -1);
  const loan = {
    principal,
    contractDate: terms.contractDate,
    termMonths: terms.termMonths,
    contractRate: terms.rate,
    dayCount: terms.dayCount,
    repayment: terms.repayment,
  };
  const input: Art11InterestSubsidyInput = terms.byDays
    ? { loan, dueDate: row.dueDate, period: { from: row.periodStart, to: lastDay } }
    : { loan, dueDate: row.dueDate, instalment: row.n };
  if (coveredOn !== null) input.paidOn = coveredOn;
  const result = RULE.evaluate(input, rules);
  const inputJson = JSON.stringify({
    ...input,
    loan: { ...loan, principal: fenToYuanString(principal), contractRate: terms.rateText },
  });
  const household = { kind: 'household', id: terms.household, name: terms.householdName } as const;
  const bank = { kind: 'bank', id: terms.bank, name: terms.bankName } as const;
  pushResult(
    out,
    RULE,
    terms,
    `${row.periodStart}..${lastDay}`,
    result,
    (payee) => (payee === 'bank' ? bank : household),
    { payer: 'district', payee: household },
    inputJson,
  );
}

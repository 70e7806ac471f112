import type { IsoDate } from '../../core/calendarDate.ts';
import { fen, fenToYuanString, type Fen } from '../../core/money.ts';
import { parseRate } from '../../core/rate.ts';
import type { Rule } from '../../core/rules/rule.ts';
import type { MortgageIncentiveCore } from '../../core/rules/support/mortgageIncentive.ts';
import type { CollateralKind, LoanCategory } from '../../store/schema.ts';
import type { DraftLine, LineSource, SourceContext } from './lineSource.ts';
import { draftLine, missingFactsReason, reasonOf, type LineSubject } from './draftLine.ts';
import { institutionNames } from './institutionNames.ts';
import { yearKey, yearsEndingIn } from './yearlyLines.ts';

/**
 * Arts. 12 and 15 pay the same way (core/rules/support/mortgageIncentive.ts): once a
 * year per mortgage loan of their category, the lender 1 % of the balance on 31
 * December — the amount less the principal repaid by then — and a guarantor of the loan
 * charging at most 2 % 0.5 % of that year's new guarantee amount. The lender's line is
 * about the loan, the guarantor's about the guarantee, so each is claimable once. The
 * articles differ only in the borrower, which each one reads in its own way.
 */

export interface MortgageLoan {
  readonly id: string;
  readonly household_id: string;
}

/** The borrower part of a loan's input, or the subsidy facts nobody recorded yet. */
export type BorrowerOf<B> = (loan: MortgageLoan, grantDate: IsoDate) => B | { missing: string[] };

export interface MortgageIncentive<I extends MortgageIncentiveCore & { borrower: unknown }> {
  readonly rule: Rule<I>;
  readonly category: LoanCategory;
  borrowers(ctx: SourceContext, loans: readonly MortgageLoan[]): Promise<BorrowerOf<I['borrower']>>;
}

const SECURITY: Record<CollateralKind, MortgageIncentiveCore['loan']['security']> = {
  mortgage: 'mortgage',
  pledge: 'pledge',
  guarantee: 'guarantee',
  none: 'credit',
};

export function mortgageIncentiveLines<I extends MortgageIncentiveCore & { borrower: unknown }>(
  incentive: MortgageIncentive<I>,
): LineSource {
  const rule = incentive.rule;
  return async function* (ctx: SourceContext): AsyncGenerator<DraftLine[]> {
    const { db, regionCode } = ctx;
    const years = yearsEndingIn(ctx.period);
    if (years.length === 0) return;
    const lastEnd = `${String(years[years.length - 1]!)}-12-31`;
    const loans = await db
      .selectFrom('loans as l')
      .innerJoin('loan_products as p', (j) =>
        j.onRef('p.region_code', '=', 'l.region_code').onRef('p.id', '=', 'l.product_id'),
      )
      .select([
        'l.id',
        'l.institution_id',
        'l.household_id',
        'l.township_code',
        'l.village_code',
        'l.amount',
        'l.annual_rate',
        'l.term_months',
        'l.contract_date',
        'l.disbursed_on',
        'p.collateral',
      ])
      .where('l.region_code', '=', regionCode)
      .where('p.category', '=', incentive.category)
      .where('l.status', 'in', ['disbursed', 'closed'])
      .where('l.disbursed_on', '<=', lastEnd)
      .orderBy('l.id')
      .execute();
    if (loans.length === 0) return;
    const ids = loans.map((l) => l.id);
    const [repaid, guarantees, borrowerOf, nameOf] = await Promise.all([
      db
        .selectFrom('repayments')
        .select(['loan_id', 'paid_on', 'principal'])
        .where('region_code', '=', regionCode)
        .where('loan_id', 'in', ids)
        .where('paid_on', '<=', lastEnd)
        .execute(),
      db
        .selectFrom('guarantees as g')
        .leftJoin('guarantee_years as y', (j) =>
          j
            .onRef('y.region_code', '=', 'g.region_code')
            .onRef('y.guarantee_id', '=', 'g.id')
            .on('y.year', 'in', years),
        )
        .select(['g.id', 'g.loan_id', 'g.guarantor_id', 'g.fee_rate', 'y.year', 'y.new_amount'])
        .where('g.region_code', '=', regionCode)
        .where('g.loan_id', 'in', ids)
        .execute(),
      incentive.borrowers(ctx, loans),
      institutionNames(ctx),
    ]);
    const out: DraftLine[] = [];
    for (const year of years) {
      const end = `${String(year)}-12-31`;
      for (const loan of loans) {
        if (loan.disbursed_on! > end) continue;
        const place = {
          accrualKey: yearKey(year),
          township: loan.township_code,
          village: loan.village_code,
        };
        const onLoan: LineSubject = {
          type: 'loan',
          id: loan.id,
          via: loan.institution_id,
          ...place,
        };
        const bank = {
          kind: 'bank',
          id: loan.institution_id,
          name: nameOf.get(loan.institution_id) ?? '',
        } as const;
        const grantDate = (loan.contract_date ?? loan.disbursed_on) as IsoDate;
        const borrower = borrowerOf(loan, grantDate);
        if (borrower !== null && typeof borrower === 'object' && 'missing' in borrower) {
          const { missing } = borrower;
          const json = JSON.stringify({ loanId: loan.id, missing });
          out.push(draftLine(rule, onLoan, 'district', bank, 0, missingFactsReason(missing), json));
          continue;
        }
        const principalRepaid = repaid
          .filter((r) => r.loan_id === loan.id && r.paid_on <= end)
          .reduce((s, r) => s + Number(r.principal), 0);
        const balance = fen(Math.max(0, Number(loan.amount) - principalRepaid));
        const guarantee = guarantees.find((g) => g.loan_id === loan.id);
        const newInYear =
          guarantee?.year === year ? (Number(guarantee.new_amount) as Fen) : undefined;
        const core: MortgageIncentiveCore = {
          year,
          loan: {
            security: SECURITY[loan.collateral],
            grantDate,
            termMonths: loan.term_months,
            contractRate: parseRate(loan.annual_rate),
            yearEndBalance: balance,
          },
          ...(guarantee !== undefined && newInYear !== undefined
            ? {
                guarantee: {
                  feeRate: parseRate(guarantee.fee_rate),
                  newAmountInYear: newInYear,
                },
              }
            : {}),
        };
        // The rules' own key order (year, borrower, loan, guarantee) keeps traces stable.
        const input = {
          year,
          borrower,
          loan: core.loan,
          ...(core.guarantee === undefined ? {} : { guarantee: core.guarantee }),
        } as I;
        const inputJson = JSON.stringify({
          ...input,
          loan: {
            ...core.loan,
            contractRate: loan.annual_rate,
            yearEndBalance: fenToYuanString(balance),
          },
          ...(core.guarantee === undefined
            ? {}
            : {
                guarantee: {
                  feeRate: guarantee!.fee_rate,
                  newAmountInYear: fenToYuanString(core.guarantee.newAmountInYear),
                },
              }),
        });
        const result = rule.evaluate(input, ctx.rules);
        if (result.amounts.length === 0 && result.failed.length > 0) {
          out.push(
            draftLine(rule, onLoan, 'district', bank, 0, reasonOf(result.failed), inputJson),
          );
        }
        for (const a of result.amounts) {
          if (a.payee === 'guarantor' && guarantee !== undefined) {
            const subject: LineSubject = {
              type: 'guarantee',
              id: guarantee.id,
              via: guarantee.guarantor_id,
              ...place,
            };
            const payee = {
              kind: 'guarantor',
              id: guarantee.guarantor_id,
              name: nameOf.get(guarantee.guarantor_id) ?? '',
            } as const;
            out.push(draftLine(rule, subject, a.payer, payee, a.amount, null, inputJson));
          } else {
            out.push(draftLine(rule, onLoan, a.payer, bank, a.amount, null, inputJson));
          }
        }
      }
    }
    yield out;
  };
}

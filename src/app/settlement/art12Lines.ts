import type { IsoDate } from '../../core/calendarDate.ts';
import { fen, fenToYuanString, type Fen } from '../../core/money.ts';
import { parseRate } from '../../core/rate.ts';
import { statusOn } from '../../core/rules/art11.micro-credit-eligibility.ts';
import {
  art12SelfEmployedMortgageIncentive,
  type Art12Input,
} from '../../core/rules/art12.self-employed-mortgage-incentive.ts';
import type { CollateralKind } from '../../store/schema.ts';
import type { DraftLine, SourceContext } from './lineSource.ts';
import { draftLine, reasonOf, type LineSubject } from './draftLine.ts';
import { institutionNames } from './institutionNames.ts';
import { povertyRegisters } from './povertyRegisters.ts';
import { yearKey, yearsEndingIn } from './yearlyLines.ts';

/**
 * Art. 12 incentives, once a year per mortgage loan to a self-employed poor household
 * (the product category says self-employed): the lender gets 1 % of the loan's balance
 * on 31 December — the amount less the principal repaid by then — and a guarantor of the
 * loan charging at most 2 % gets 0.5 % of that year's new guarantee amount. "贫困户" is
 * read on the grant date from the register. The lender's line is about the loan, the
 * guarantor's about the guarantee, so each is claimable once.
 */

const RULE = art12SelfEmployedMortgageIncentive;

const SECURITY: Record<CollateralKind, Art12Input['loan']['security']> = {
  mortgage: 'mortgage',
  pledge: 'pledge',
  guarantee: 'guarantee',
  none: 'credit',
};

export async function* art12Lines(ctx: SourceContext): AsyncGenerator<DraftLine[]> {
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
    .where('p.category', '=', 'self_employed_mortgage')
    .where('l.status', 'in', ['disbursed', 'closed'])
    .where('l.disbursed_on', '<=', lastEnd)
    .orderBy('l.id')
    .execute();
  if (loans.length === 0) return;
  const ids = loans.map((l) => l.id);
  const households = loans.map((l) => l.household_id);
  const [repaid, guarantees, register, nameOf] = await Promise.all([
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
    povertyRegisters(ctx, households),
    institutionNames(ctx),
  ]);
  const out: DraftLine[] = [];
  for (const year of years) {
    const end = `${String(year)}-12-31`;
    for (const loan of loans) {
      if (loan.disbursed_on! > end) continue;
      const principalRepaid = repaid
        .filter((r) => r.loan_id === loan.id && r.paid_on <= end)
        .reduce((s, r) => s + Number(r.principal), 0);
      const balance = fen(Math.max(0, Number(loan.amount) - principalRepaid));
      const grantDate = (loan.contract_date ?? loan.disbursed_on) as IsoDate;
      const guarantee = guarantees.find((g) => g.loan_id === loan.id);
      const newInYear =
        guarantee?.year === year ? (Number(guarantee.new_amount) as Fen) : undefined;
      const input: Art12Input = {
        year,
        borrower: {
          registeredPoor:
            statusOn(register.get(loan.household_id) ?? [], grantDate) === 'registered_poor',
          selfEmployed: true,
        },
        loan: {
          security: SECURITY[loan.collateral],
          grantDate,
          termMonths: loan.term_months,
          contractRate: parseRate(loan.annual_rate),
          yearEndBalance: balance,
        },
      };
      if (guarantee !== undefined && newInYear !== undefined) {
        input.guarantee = { feeRate: parseRate(guarantee.fee_rate), newAmountInYear: newInYear };
      }
      const inputJson = JSON.stringify({
        ...input,
        loan: {
          ...input.loan,
          contractRate: loan.annual_rate,
          yearEndBalance: fenToYuanString(balance),
        },
        ...(input.guarantee === undefined
          ? {}
          : {
              guarantee: {
                feeRate: guarantee!.fee_rate,
                newAmountInYear: fenToYuanString(input.guarantee.newAmountInYear),
              },
            }),
      });
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
      const result = RULE.evaluate(input, ctx.rules);
      if (result.amounts.length === 0 && result.failed.length > 0) {
        out.push(draftLine(RULE, onLoan, 'district', bank, 0, reasonOf(result.failed), inputJson));
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
          out.push(draftLine(RULE, subject, a.payer, payee, a.amount, null, inputJson));
        } else {
          out.push(draftLine(RULE, onLoan, a.payer, bank, a.amount, null, inputJson));
        }
      }
    }
  }
  yield out;
}

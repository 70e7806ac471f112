import type { IsoDate } from '../../core/calendarDate.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { parseRate } from '../../core/rate.ts';
import {
  art20LandIncomeGuaranteeSubsidy,
  type Art20Input,
} from '../../core/rules/art20.land-income-guarantee-subsidy.ts';
import {
  art22EntrustedLoanSubsidy,
  type Art22Input,
} from '../../core/rules/art22.entrusted-loan-subsidy.ts';
import type { RuleResult } from '../../core/rules/rule.ts';
import type { GuaranteeTable } from '../../store/schema.ts';
import type { DraftLine, SourceContext } from './lineSource.ts';
import { pushLines, type LineRule, type LineSubject } from './draftLine.ts';
import { institutionNames } from './institutionNames.ts';
import { yearKey, yearsEndingIn } from './yearlyLines.ts';

/**
 * Guarantee-fee subsidies paid to guarantors, one line set per guarantee and year:
 * art. 20 (land-income guarantee loans: city 1 % and district 1 % of the year's new
 * guarantee amount when the fee is at most 1 %) and art. 22 (the district's 1 % of the
 * guarantees issued in the year to enterprises and large farmers of poor townships at a
 * fee of at most 1 %; "paid once per loan or guarantee", so each guarantee is priced and
 * rounded on its own). Guarantees are few (a district's guarantor signs hundreds a
 * year), so each source reads its year's in one query.
 */

const ART20 = art20LandIncomeGuaranteeSubsidy;
const ART22 = art22EntrustedLoanSubsidy;

/** A guarantee's lines for a year: all to its guarantor, or one of 0 from the district saying why. */
function pushGuarantee(
  out: DraftLine[],
  rule: LineRule,
  g: GuaranteeTable,
  year: number,
  result: RuleResult,
  names: Map<string, string>,
  inputJson: string,
): void {
  const subject: LineSubject = {
    type: 'guarantee',
    id: g.id,
    accrualKey: yearKey(year),
    via: g.guarantor_id,
    township: g.township_code,
    village: g.village_code,
  };
  const payee = {
    kind: 'guarantor',
    id: g.guarantor_id,
    name: names.get(g.guarantor_id) ?? '',
  } as const;
  pushLines(out, rule, subject, result, () => payee, { payer: 'district', payee }, inputJson);
}

export async function* art20Lines(ctx: SourceContext): AsyncGenerator<DraftLine[]> {
  const years = yearsEndingIn(ctx.period);
  if (years.length === 0) return;
  const rows = await ctx.db
    .selectFrom('guarantees as g')
    .innerJoin('guarantee_years as y', (j) =>
      j.onRef('y.region_code', '=', 'g.region_code').onRef('y.guarantee_id', '=', 'g.id'),
    )
    .innerJoin('loans as l', (j) =>
      j.onRef('l.region_code', '=', 'g.region_code').onRef('l.id', '=', 'g.loan_id'),
    )
    .innerJoin('loan_products as p', (j) =>
      j.onRef('p.region_code', '=', 'l.region_code').onRef('p.id', '=', 'l.product_id'),
    )
    .selectAll('g')
    .select(['y.year', 'y.new_amount'])
    .where('g.region_code', '=', ctx.regionCode)
    .where('p.category', '=', 'land_income_guarantee')
    .where('y.year', 'in', years)
    .orderBy('y.year')
    .orderBy('g.id')
    .execute();
  if (rows.length === 0) return;
  const names = await institutionNames(ctx);
  const out: DraftLine[] = [];
  for (const { year, new_amount, ...g } of rows) {
    const input: Art20Input = {
      year,
      feeRate: parseRate(g.fee_rate),
      newGuaranteeAmount: Number(new_amount) as Fen,
    };
    const result = ART20.evaluate(input, ctx.rules);
    const inputJson = JSON.stringify({
      year,
      feeRate: g.fee_rate,
      newGuaranteeAmount: fenToYuanString(input.newGuaranteeAmount),
    });
    pushGuarantee(out, ART20, g, year, result, names, inputJson);
  }
  yield out;
}

export async function* art22Lines(ctx: SourceContext): AsyncGenerator<DraftLine[]> {
  const years = yearsEndingIn(ctx.period);
  if (years.length === 0) return;
  const first = `${String(years[0]!)}-01-01`;
  const last = `${String(years[years.length - 1]!)}-12-31`;
  // The guarantees put forward under art. 22 (their borrower recorded), issued in a year
  // this run settles.
  const rows = await ctx.db
    .selectFrom('guarantees')
    .selectAll()
    .where('region_code', '=', ctx.regionCode)
    .where('borrower_kind', 'is not', null)
    .where('start_date', '>=', first)
    .where('start_date', '<=', last)
    .orderBy('start_date')
    .orderBy('id')
    .execute();
  if (rows.length === 0) return;
  const names = await institutionNames(ctx);
  const out: DraftLine[] = [];
  for (const g of rows) {
    const year = Number(g.start_date.slice(0, 4));
    const item = {
      amount: Number(g.amount) as Fen,
      feeRate: parseRate(g.fee_rate),
      date: g.start_date as IsoDate,
      borrower: g.borrower_kind!,
      inPoorTownship: g.in_poor_township === 1,
    };
    const input: Art22Input = { year, entrustedLoans: [], guarantees: [item] };
    const result = ART22.evaluate(input, ctx.rules);
    const inputJson = JSON.stringify({
      year,
      entrustedLoans: [],
      guarantees: [{ ...item, amount: fenToYuanString(item.amount), feeRate: g.fee_rate }],
    });
    pushGuarantee(out, ART22, g, year, result, names, inputJson);
  }
  yield out;
}

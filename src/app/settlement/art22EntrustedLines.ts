import type { IsoDate } from '../../core/calendarDate.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { parseRate } from '../../core/rate.ts';
import {
  art22EntrustedLoanSubsidy,
  type Art22Input,
} from '../../core/rules/art22.entrusted-loan-subsidy.ts';
import type { DraftLine, SourceContext } from './lineSource.ts';
import { draftLine, missingFactsReason, pushLines, type LineSubject } from './draftLine.ts';
import { institutionNames } from './institutionNames.ts';
import { yearKey, yearsEndingIn } from './yearlyLines.ts';

/**
 * Art. 22's entrusted-loan half: the district pays the guarantee company 1 % of each
 * entrusted loan (category `entrusted`) it granted in the settlement year at ≤ 7 % to an
 * enterprise or large farmer of a poor township — once per loan, priced and rounded on
 * its own like the guarantee half (guaranteeFeeLines.ts). Which company entrusted the
 * loan and who borrowed are the loan's subsidy facts; a loan without them gets a line of
 * 0 that says so. The grant date is the contract date, else the disbursement.
 */

const RULE = art22EntrustedLoanSubsidy;

export async function* art22EntrustedLines(ctx: SourceContext): AsyncGenerator<DraftLine[]> {
  const years = yearsEndingIn(ctx.period);
  if (years.length === 0) return;
  const first = `${String(years[0]!)}-01-01`;
  const last = `${String(years[years.length - 1]!)}-12-31`;
  const rows = await ctx.db
    .selectFrom('loans as l')
    .innerJoin('loan_products as p', (j) =>
      j.onRef('p.region_code', '=', 'l.region_code').onRef('p.id', '=', 'l.product_id'),
    )
    .leftJoin('loan_subsidy_facts as f', (j) =>
      j.onRef('f.region_code', '=', 'l.region_code').onRef('f.loan_id', '=', 'l.id'),
    )
    .select([
      'l.id',
      'l.institution_id',
      'l.township_code',
      'l.village_code',
      'l.amount',
      'l.annual_rate',
      'f.entrusted_by',
      'f.borrower_kind',
      'f.in_poor_township',
    ])
    .select((eb) => eb.fn.coalesce('l.contract_date', 'l.disbursed_on').as('granted_on'))
    .where('l.region_code', '=', ctx.regionCode)
    .where('p.category', '=', 'entrusted')
    .where('l.status', 'in', ['disbursed', 'closed', 'written_off'])
    .where((eb) => eb(eb.fn.coalesce('l.contract_date', 'l.disbursed_on'), '>=', first))
    .where((eb) => eb(eb.fn.coalesce('l.contract_date', 'l.disbursed_on'), '<=', last))
    .orderBy('l.id')
    .execute();
  if (rows.length === 0) return;
  const names = await institutionNames(ctx);
  const out: DraftLine[] = [];
  for (const l of rows) {
    const grantedOn = l.granted_on as IsoDate;
    const year = Number(grantedOn.slice(0, 4));
    const subject: LineSubject = {
      type: 'loan',
      id: l.id,
      accrualKey: yearKey(year),
      // The company is paid directly, as for its guarantees (its own payment-list sheet).
      via: l.entrusted_by ?? l.institution_id,
      township: l.township_code,
      village: l.village_code,
    };
    if (l.entrusted_by === null || l.borrower_kind === null || l.in_poor_township === null) {
      const bank = {
        kind: 'bank',
        id: l.institution_id,
        name: names.get(l.institution_id) ?? '',
      } as const;
      const missing = ['entrustedBy', 'borrowerKind', 'inPoorTownship'];
      const json = JSON.stringify({ loanId: l.id, missing });
      out.push(draftLine(RULE, subject, 'district', bank, 0, missingFactsReason(missing), json));
      continue;
    }
    const item = {
      amount: Number(l.amount) as Fen,
      rate: parseRate(l.annual_rate),
      date: grantedOn,
      borrower: l.borrower_kind as Art22Input['entrustedLoans'][number]['borrower'],
      inPoorTownship: l.in_poor_township === 1,
    };
    const input: Art22Input = { year, entrustedLoans: [item], guarantees: [] };
    const result = RULE.evaluate(input, ctx.rules);
    const inputJson = JSON.stringify({
      year,
      entrustedLoans: [{ ...item, amount: fenToYuanString(item.amount), rate: l.annual_rate }],
      guarantees: [],
    });
    const payee = {
      kind: 'guarantor',
      id: l.entrusted_by,
      name: names.get(l.entrusted_by) ?? '',
    } as const;
    pushLines(out, RULE, subject, result, () => payee, { payer: 'district', payee }, inputJson);
  }
  yield out;
}

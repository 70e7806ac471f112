import { addDays, type IsoDate } from '../../core/calendarDate.ts';
import type { DayCountConvention } from '../../core/dayCount.ts';
import { instalmentCoverage, type PaymentMade } from '../../core/loans/onTime.ts';
import { fen, fenToYuanString, type Fen } from '../../core/money.ts';
import { parseRate, type Rate } from '../../core/rate.ts';
import {
  art11InterestSubsidy,
  type Art11InterestSubsidyInput,
} from '../../core/rules/art11.interest-subsidy.ts';
import type { ScheduleRow } from '../../core/schedule/index.ts';
import type { LoanScheduleRowTable } from '../../store/schema.ts';
import { MICRO_CREDIT_CATEGORIES } from '../loans/loanFields.ts';
import { scheduleRowOf } from '../loans/scheduleRowOf.ts';
import { FUND_OF_PAYER } from './accounts.ts';
import type { DraftLine, SourceContext } from './lineSource.ts';

/**
 * Art. 11 interest-subsidy lines: one per micro-credit loan and interest period whose
 * due date falls in the settlement period, once it is decided whether that period's
 * interest was paid on time (a period whose deadline has not passed and which is not
 * yet paid waits for a later run). A late period yields a line of 0 that says why, so
 * the reviewer sees every loan the period touched.
 *
 * Built for a province's portfolio: loans are read in id order a chunk at a time, with
 * no joins (products and banks are a few rows, read once; household names by primary
 * key); their schedules and payments by the chunk's id *range*, which both databases
 * walk on an index where a long IN list can make a planner scan the table.
 */

const RULE = art11InterestSubsidy;

/** A loan's terms as the rule reads them, worked out once per loan. */
interface Terms {
  readonly id: string;
  readonly bank: string;
  readonly household: string;
  readonly township: string;
  readonly village: string;
  readonly amount: Fen;
  readonly contractDate: IsoDate;
  readonly termMonths: number;
  readonly rate: Rate;
  readonly rateText: string;
  readonly dayCount: DayCountConvention;
  /** Interest by days on the outstanding principal (按期付息, bullet) or an instalment schedule. */
  readonly byDays: boolean;
  readonly repayment: 'interest-only' | 'equal-instalment' | 'equal-principal';
}

type StoredRow = Omit<LoanScheduleRowTable, 'region_code'>;

export async function* art11Lines(ctx: SourceContext): AsyncGenerator<DraftLine[]> {
  const { db, regionCode, period } = ctx;
  const [products, banks] = await Promise.all([
    db
      .selectFrom('loan_products')
      .select(['id', 'day_count'])
      .where('region_code', '=', regionCode)
      .where('category', 'in', MICRO_CREDIT_CATEGORIES)
      .execute(),
    db
      .selectFrom('institutions')
      .select(['id', 'name_zh'])
      .where('region_code', '=', regionCode)
      .execute(),
  ]);
  if (products.length === 0) return;
  const dayCountOf = new Map(products.map((p) => [p.id, p.day_count as DayCountConvention]));
  const bankName = new Map(banks.map((b) => [b.id, b.name_zh]));
  let after = '';
  for (;;) {
    const loans = await db
      .selectFrom('loans')
      .select([
        'id',
        'product_id',
        'institution_id',
        'household_id',
        'township_code',
        'village_code',
        'amount',
        'annual_rate',
        'term_months',
        'method',
        'contract_date',
        'disbursed_on',
      ])
      .where('region_code', '=', regionCode)
      .where('id', '>', after)
      .where('status', 'in', ['disbursed', 'closed'])
      .where('disbursed_on', '<=', period.to)
      .where('product_id', 'in', [...dayCountOf.keys()])
      .orderBy('id')
      .limit(ctx.chunkSize)
      .execute();
    if (loans.length === 0) return;
    const first = loans[0]!.id;
    after = loans[loans.length - 1]!.id;
    // Rows due after the period cannot change whether a row in it was covered on time.
    const [rows, payments, households] = await Promise.all([
      db
        .selectFrom('loan_schedule_rows')
        .select([
          'loan_id',
          'schedule_version',
          'n',
          'period_start',
          'due_date',
          'principal',
          'interest',
          'total',
          'balance_after',
        ])
        .where('region_code', '=', regionCode)
        .where('loan_id', '>=', first)
        .where('loan_id', '<=', after)
        .where('due_date', '<=', period.to)
        .execute(),
      db
        .selectFrom('repayments')
        .select(['loan_id', 'paid_on', 'principal', 'interest'])
        .where('region_code', '=', regionCode)
        .where('loan_id', '>=', first)
        .where('loan_id', '<=', after)
        .where('paid_on', '<=', ctx.decidedOn)
        .execute(),
      db
        .selectFrom('households')
        .select(['id', 'head_name'])
        .where('region_code', '=', regionCode)
        .where('id', 'in', [...new Set(loans.map((l) => l.household_id))])
        .execute(),
    ]);
    const schedules = currentVersions(rows);
    const paid = groupPayments(payments);
    const headName = new Map(households.map((h) => [h.id, h.head_name]));
    const out: DraftLine[] = [];
    for (const loan of loans) {
      const schedule = schedules.get(loan.id);
      if (schedule === undefined || schedule[schedule.length - 1]!.dueDate < period.from) continue;
      const byDays = loan.method === 'interest-only' || loan.method === 'bullet';
      const terms: Terms = {
        id: loan.id,
        bank: loan.institution_id,
        household: loan.household_id,
        township: loan.township_code,
        village: loan.village_code,
        amount: fen(Number(loan.amount)),
        contractDate: (loan.contract_date ?? loan.disbursed_on) as IsoDate,
        termMonths: loan.term_months,
        rate: parseRate(loan.annual_rate),
        rateText: loan.annual_rate,
        dayCount: dayCountOf.get(loan.product_id)!,
        byDays,
        repayment: byDays ? 'interest-only' : (loan.method as Terms['repayment']),
      };
      const payee = {
        household: headName.get(loan.household_id) ?? '',
        bank: bankName.get(loan.institution_id) ?? '',
      };
      const coverage = ctx.assumeOnTime
        ? undefined
        : instalmentCoverage(schedule, paid.get(loan.id) ?? [], ctx.decidedOn);
      for (let i = 0; i < schedule.length; i++) {
        const row = schedule[i]!;
        if (row.dueDate < period.from) continue;
        // A forecast assumes payment on the due date; a run waits for undecided periods.
        const coveredOn = coverage === undefined ? row.dueDate : coverage[i]!.coveredOn;
        if (coverage !== undefined && coverage[i]!.onTime === null) continue;
        linesFor(ctx, terms, payee, row, coveredOn, out);
      }
    }
    yield out;
  }
}

/** Each loan's rows of its latest schedule version, in instalment order. */
function currentVersions(rows: readonly StoredRow[]): Map<string, ScheduleRow[]> {
  const latest = new Map<string, number>();
  for (const r of rows) {
    if (r.schedule_version > (latest.get(r.loan_id) ?? 0)) {
      latest.set(r.loan_id, r.schedule_version);
    }
  }
  const out = new Map<string, ScheduleRow[]>();
  for (const r of rows) {
    if (r.schedule_version !== latest.get(r.loan_id)) continue;
    const list = out.get(r.loan_id);
    if (list === undefined) out.set(r.loan_id, [scheduleRowOf(r)]);
    else list.push(scheduleRowOf(r));
  }
  for (const list of out.values()) list.sort((a, b) => a.n - b.n);
  return out;
}

function groupPayments(
  payments: readonly { loan_id: string; paid_on: string; principal: number; interest: number }[],
): Map<string, PaymentMade[]> {
  const out = new Map<string, PaymentMade[]>();
  for (const p of payments) {
    const made: PaymentMade = {
      paidOn: p.paid_on as IsoDate,
      principal: Number(p.principal) as Fen,
      interest: Number(p.interest) as Fen,
    };
    const list = out.get(p.loan_id);
    if (list === undefined) out.set(p.loan_id, [made]);
    else list.push(made);
  }
  return out;
}

/**
 * The lines of one interest period, appended to `out`. The rule input is built typed
 * (the loan was validated when it was recorded); beside it the line stores the same
 * input as users write it, so that it re-explains itself through `policy explain`.
 */
function linesFor(
  ctx: SourceContext,
  terms: Terms,
  payee: { household: string; bank: string },
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
  const result = RULE.evaluate(input, ctx.rules);
  const inputJson = JSON.stringify({
    ...input,
    loan: { ...loan, principal: fenToYuanString(principal), contractRate: terms.rateText },
  });
  const accrualKey = `${row.periodStart}..${lastDay}`;
  const line = (
    payer: DraftLine['payer'],
    toBank: boolean,
    amount: number,
    excluded: string | null,
  ): DraftLine => ({
    line_key: `${RULE.id}|${terms.id}|${accrualKey}|${payer}`,
    rule_id: RULE.id,
    article: RULE.article,
    subject_type: 'loan',
    subject_id: terms.id,
    accrual_key: accrualKey,
    payer,
    fund_code: FUND_OF_PAYER[payer],
    // A household's subsidy is paid into its account at the lending bank (代发), so the
    // bank is named either way; the payment list groups by it.
    payee_kind: toBank ? 'bank' : 'household',
    payee_id: toBank ? terms.bank : terms.household,
    payee_name: toBank ? payee.bank : payee.household,
    via_institution_id: terms.bank,
    township_code: terms.township,
    village_code: terms.village,
    amount,
    excluded_reason: excluded,
    input_json: inputJson,
  });
  if (result.amounts.length === 0) {
    // Nothing is owed: the line records why (e.g. the interest was paid late).
    if (result.failed.length > 0) {
      const why = result.failed.map((f) => `${f.message_zh} / ${f.message_en}`).join('；');
      out.push(line('district', false, 0, why));
    }
    return;
  }
  for (const a of result.amounts) out.push(line(a.payer, a.payee === 'bank', a.amount, null));
}

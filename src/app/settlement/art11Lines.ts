import { addDays, type IsoDate } from '../../core/calendarDate.ts';
import type { DayCountConvention } from '../../core/dayCount.ts';
import { instalmentCoverage } from '../../core/loans/onTime.ts';
import { fen, fenToYuanString, type Fen } from '../../core/money.ts';
import { parseRate, rateToString } from '../../core/rate.ts';
import {
  art11InterestSubsidy,
  type Art11InterestSubsidyInput,
} from '../../core/rules/art11.interest-subsidy.ts';
import type { ScheduleRow } from '../../core/schedule/index.ts';
import { MICRO_CREDIT_CATEGORIES } from '../loans/loanFields.ts';
import { scheduleRowOf } from '../loans/scheduleRowOf.ts';
import type { LoanScheduleRowTable } from '../../store/schema.ts';
import { FUND_OF_PAYER } from './accounts.ts';
import type { DraftLine, SourceContext } from './lineSource.ts';

/**
 * Art. 11 interest-subsidy lines: one per micro-credit loan and interest period whose
 * due date falls in the settlement period, once it is decided whether that period's
 * interest was paid on time (a period whose deadline has not passed and which is not
 * yet paid waits for a later run). A late period yields a line of 0 that says why, so
 * the reviewer sees every loan the period touched.
 */

interface LoanRow {
  id: string;
  institution_id: string;
  household_id: string;
  township_code: string;
  village_code: string;
  amount: number;
  annual_rate: string;
  term_months: number;
  method: string;
  contract_date: string | null;
  disbursed_on: string | null;
  day_count: string;
  head_name: string;
  bank_name: string;
}

const RULE = art11InterestSubsidy;

export async function* art11Lines(ctx: SourceContext): AsyncGenerator<DraftLine[]> {
  const { db, regionCode, period } = ctx;
  let after = '';
  for (;;) {
    const loans: LoanRow[] = await db
      .selectFrom('loans as l')
      .innerJoin('loan_products as p', (j) =>
        j.onRef('p.region_code', '=', 'l.region_code').onRef('p.id', '=', 'l.product_id'),
      )
      .innerJoin('households as h', (j) =>
        j.onRef('h.region_code', '=', 'l.region_code').onRef('h.id', '=', 'l.household_id'),
      )
      .innerJoin('institutions as i', (j) =>
        j.onRef('i.region_code', '=', 'l.region_code').onRef('i.id', '=', 'l.institution_id'),
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
        'l.method',
        'l.contract_date',
        'l.disbursed_on',
        'p.day_count',
        'h.head_name',
        'i.name_zh as bank_name',
      ])
      .where('l.region_code', '=', regionCode)
      .where('l.status', 'in', ['disbursed', 'closed'])
      .where('l.disbursed_on', '<=', period.to)
      .where('p.category', 'in', MICRO_CREDIT_CATEGORIES)
      .where('l.id', '>', after)
      .orderBy('l.id')
      .limit(ctx.chunkSize)
      .execute();
    if (loans.length === 0) return;
    const first = loans[0]!.id;
    after = loans[loans.length - 1]!.id;
    // The chunk's id range, not an IN list of its ids: both databases walk the primary
    // key (or the repayments index) for a range, where a long IN list can make a planner
    // scan the table. Rows of loans in the range that are not in the chunk are ignored.
    // Rows due after the period cannot change whether a row in it was covered on time.
    const [rows, payments] = await Promise.all([
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
    ]);
    const schedules = currentVersions(rows);
    const paid = new Map<string, { paidOn: IsoDate; principal: Fen; interest: Fen }[]>();
    for (const p of payments) {
      const list = paid.get(p.loan_id) ?? [];
      list.push({
        paidOn: p.paid_on as IsoDate,
        principal: Number(p.principal) as Fen,
        interest: Number(p.interest) as Fen,
      });
      paid.set(p.loan_id, list);
    }
    const out: DraftLine[] = [];
    for (const loan of loans) {
      const schedule = schedules.get(loan.id);
      if (schedule === undefined || schedule[schedule.length - 1]!.dueDate < period.from) continue;
      const coverage = ctx.assumeOnTime
        ? undefined
        : instalmentCoverage(schedule, paid.get(loan.id) ?? [], ctx.decidedOn);
      for (let i = 0; i < schedule.length; i++) {
        const row = schedule[i]!;
        if (row.dueDate < period.from) continue;
        if (coverage === undefined) {
          out.push(...linesFor(ctx, loan, row, row.dueDate));
          continue;
        }
        const cov = coverage[i]!;
        if (cov.onTime !== null) out.push(...linesFor(ctx, loan, row, cov.coveredOn));
      }
    }
    yield out;
  }
}

/** Each loan's rows of its latest schedule version, in instalment order. */
function currentVersions(
  rows: readonly Omit<LoanScheduleRowTable, 'region_code'>[],
): Map<string, ScheduleRow[]> {
  const latest = new Map<string, number>();
  for (const r of rows) {
    if (r.schedule_version > (latest.get(r.loan_id) ?? 0))
      latest.set(r.loan_id, r.schedule_version);
  }
  const out = new Map<string, ScheduleRow[]>();
  for (const r of rows) {
    if (r.schedule_version !== latest.get(r.loan_id)) continue;
    const list = out.get(r.loan_id) ?? [];
    list.push(scheduleRowOf(r));
    out.set(r.loan_id, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.n - b.n);
  return out;
}

/**
 * The rule input for one interest period, built typed (the loan was validated when it
 * was recorded) and, beside it, the same input as users write it, stored with the line
 * so that it re-explains itself through `policy explain`.
 */
function linesFor(
  ctx: SourceContext,
  loan: LoanRow,
  row: ScheduleRow,
  coveredOn: IsoDate | null,
): DraftLine[] {
  const contractDate = (loan.contract_date ?? loan.disbursed_on) as IsoDate;
  const byDays = loan.method === 'interest-only' || loan.method === 'bullet';
  const repayment = byDays ? 'interest-only' : (loan.method as 'equal-instalment');
  const principal = fen(byDays ? row.balanceAfter + row.principal : Number(loan.amount));
  const lastDay = addDays(row.dueDate, -1);
  const input: Art11InterestSubsidyInput = {
    loan: {
      principal,
      contractDate,
      termMonths: loan.term_months,
      contractRate: parseRate(loan.annual_rate),
      dayCount: loan.day_count as DayCountConvention,
      repayment,
    },
    dueDate: row.dueDate,
    ...(byDays ? { period: { from: row.periodStart, to: lastDay } } : { instalment: row.n }),
    ...(coveredOn === null ? {} : { paidOn: coveredOn }),
  };
  const result = RULE.evaluate(input, ctx.rules);
  const accrualKey = `${row.periodStart}..${lastDay}`;
  const raw = {
    ...input,
    loan: {
      ...input.loan,
      principal: fenToYuanString(principal),
      contractRate: rateToString(input.loan.contractRate),
    },
  };
  const common = {
    rule_id: RULE.id,
    article: RULE.article,
    subject_type: 'loan' as const,
    subject_id: loan.id,
    accrual_key: accrualKey,
    township_code: loan.township_code,
    village_code: loan.village_code,
    input_json: JSON.stringify(raw),
  };
  if (result.amounts.length === 0) {
    if (result.failed.length === 0) return [];
    // Nothing is owed: the line records why (e.g. the interest was paid late).
    return [
      {
        ...common,
        ...payeeOf(loan, 'household'),
        line_key: `${RULE.id}|${loan.id}|${accrualKey}|district`,
        payer: 'district',
        fund_code: FUND_OF_PAYER.district,
        amount: 0,
        excluded_reason: result.failed.map((f) => `${f.message_zh} / ${f.message_en}`).join('；'),
      },
    ];
  }
  return result.amounts.map((a) => ({
    ...common,
    ...payeeOf(loan, a.payee === 'bank' ? 'bank' : 'household'),
    line_key: `${RULE.id}|${loan.id}|${accrualKey}|${a.payer}`,
    payer: a.payer,
    fund_code: FUND_OF_PAYER[a.payer],
    amount: a.amount,
    excluded_reason: null,
  }));
}

function payeeOf(
  loan: LoanRow,
  kind: 'household' | 'bank',
): Pick<DraftLine, 'payee_kind' | 'payee_id' | 'payee_name' | 'via_institution_id'> {
  // A household's subsidy is paid into its account at the lending bank (代发), so the
  // bank is named either way; the payment list groups by it.
  return kind === 'household'
    ? {
        payee_kind: 'household',
        payee_id: loan.household_id,
        payee_name: loan.head_name,
        via_institution_id: loan.institution_id,
      }
    : {
        payee_kind: 'bank',
        payee_id: loan.institution_id,
        payee_name: loan.bank_name,
        via_institution_id: loan.institution_id,
      };
}

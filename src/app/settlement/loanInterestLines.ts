import { addDays, type IsoDate } from '../../core/calendarDate.ts';
import type { DayCountConvention } from '../../core/dayCount.ts';
import { instalmentCoverage, type PaymentMade } from '../../core/loans/onTime.ts';
import { fen, type Fen } from '../../core/money.ts';
import { parseRate, type Rate } from '../../core/rate.ts';
import type { Payee, Payer, RuleResult } from '../../core/rules/rule.ts';
import type { ScheduleRow } from '../../core/schedule/index.ts';
import type {
  LoanCategory,
  LoanScheduleRowTable,
  LoanSubsidyFactTable,
} from '../../store/schema.ts';
import { scheduleRowOf } from '../loans/scheduleRowOf.ts';
import {
  draftLine,
  missingFactsReason,
  pushLines,
  type LinePayee,
  type LineRule,
  type LineSubject,
} from './draftLine.ts';
import { institutionNames } from './institutionNames.ts';
import type { DraftLine, LineSource, SourceContext } from './lineSource.ts';

/**
 * The loan-interest subsidies (arts. 11, 14, 16, 17) in one walk over the portfolio:
 * every interest period of a loan whose due date falls in the settlement period is
 * priced by the rule of the loan's product category (a `LoanPricer`). The walk is the
 * same for all of them, so it is done once, whatever the mix of loans.
 *
 * Built for a province's portfolio: loans are read in id order a chunk at a time with
 * their household's name (a primary-key join; products and banks are a few rows, read
 * once); their schedules, payments and subsidy facts by the chunk's id *range*, which
 * both databases walk on an index where a long IN list can make a planner scan the table.
 */

/** A loan's terms as the rules read them, worked out once per loan. */
export interface LoanTerms {
  readonly id: string;
  readonly category: LoanCategory;
  readonly bank: string;
  readonly bankName: string;
  readonly household: string;
  readonly householdName: string;
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
  /** What the loan's rule needs beyond the contract; undefined when nobody recorded it. */
  readonly facts: LoanSubsidyFactTable | undefined;
}

/** Prices the interest periods of one product category's loans. */
export interface LoanPricer {
  readonly categories: readonly LoanCategory[];
  /**
   * Whether payment on time decides the subsidy (art. 11): a period whose deadline has
   * not passed and which is not yet paid then waits for a later run.
   */
  readonly byPayment: boolean;
  /** Appends the lines of one interest period; `coveredOn` is when it was paid, if ever. */
  price(loan: LoanTerms, row: ScheduleRow, coveredOn: IsoDate | null, out: DraftLine[]): void;
}

/** A run's pricers, made per run so that one may carry state (art. 14's cap) across chunks. */
export type PricerFactory = (ctx: SourceContext) => Promise<LoanPricer>;

type StoredRow = Omit<LoanScheduleRowTable, 'region_code'>;

export function loanInterestLines(factories: readonly PricerFactory[]): LineSource {
  return async function* (ctx: SourceContext): AsyncGenerator<DraftLine[]> {
    const { db, regionCode, period } = ctx;
    const pricers = await Promise.all(factories.map((f) => f(ctx)));
    const pricerOf = new Map<string, LoanPricer>();
    for (const p of pricers) for (const c of p.categories) pricerOf.set(c, p);
    const [products, bankName] = await Promise.all([
      db
        .selectFrom('loan_products')
        .select(['id', 'day_count', 'category'])
        .where('region_code', '=', regionCode)
        .where('category', 'in', [...pricerOf.keys()] as LoanCategory[])
        .execute(),
      institutionNames(ctx),
    ]);
    if (products.length === 0) return;
    const productOf = new Map(products.map((p) => [p.id, p]));
    let after = '';
    for (;;) {
      // The household's name by primary key in the same statement: a separate query with
      // an IN list of the chunk's households cost more than the join (SQLite, 100,000 loans).
      const loans = await db
        .selectFrom('loans as l')
        .leftJoin('households as h', (j) =>
          j.onRef('h.region_code', '=', 'l.region_code').onRef('h.id', '=', 'l.household_id'),
        )
        .select([
          'l.id',
          'l.product_id',
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
          'h.head_name',
        ])
        .where('l.region_code', '=', regionCode)
        .where('l.id', '>', after)
        .where('l.status', 'in', ['disbursed', 'closed'])
        .where('l.disbursed_on', '<=', period.to)
        .where('l.product_id', 'in', [...productOf.keys()])
        .orderBy('l.id')
        .limit(ctx.chunkSize)
        .execute();
      if (loans.length === 0) return;
      const first = loans[0]!.id;
      after = loans[loans.length - 1]!.id;
      // Rows due after the period cannot change whether a row in it was covered on time.
      const [rows, payments, facts] = await Promise.all([
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
          .selectFrom('loan_subsidy_facts')
          .selectAll()
          .where('region_code', '=', regionCode)
          .where('loan_id', '>=', first)
          .where('loan_id', '<=', after)
          .execute(),
      ]);
      const schedules = currentVersions(rows);
      const paid = groupPayments(payments);
      const factsOf = new Map(facts.map((f) => [f.loan_id, f]));
      const out: DraftLine[] = [];
      for (const loan of loans) {
        const schedule = schedules.get(loan.id);
        if (schedule === undefined || schedule[schedule.length - 1]!.dueDate < period.from) {
          continue;
        }
        const product = productOf.get(loan.product_id)!;
        const pricer = pricerOf.get(product.category)!;
        const byDays = loan.method === 'interest-only' || loan.method === 'bullet';
        const terms: LoanTerms = {
          id: loan.id,
          category: product.category,
          bank: loan.institution_id,
          bankName: bankName.get(loan.institution_id) ?? '',
          household: loan.household_id,
          householdName: loan.head_name ?? '',
          township: loan.township_code,
          village: loan.village_code,
          amount: fen(Number(loan.amount)),
          contractDate: (loan.contract_date ?? loan.disbursed_on) as IsoDate,
          termMonths: loan.term_months,
          rate: parseRate(loan.annual_rate),
          rateText: loan.annual_rate,
          dayCount: product.day_count as DayCountConvention,
          byDays,
          repayment: byDays ? 'interest-only' : (loan.method as LoanTerms['repayment']),
          facts: factsOf.get(loan.id),
        };
        const coverage =
          ctx.assumeOnTime || !pricer.byPayment
            ? undefined
            : instalmentCoverage(schedule, paid.get(loan.id) ?? [], ctx.decidedOn);
        for (let i = 0; i < schedule.length; i++) {
          const row = schedule[i]!;
          if (row.dueDate < period.from) continue;
          // A forecast assumes payment on the due date; a run waits for undecided periods.
          const coveredOn = coverage === undefined ? row.dueDate : coverage[i]!.coveredOn;
          if (coverage !== undefined && coverage[i]!.onTime === null) continue;
          pricer.price(terms, row, coveredOn, out);
        }
      }
      yield out;
    }
  };
}

/** Each loan's rows of its latest schedule version, in instalment order. */
function currentVersions(rows: readonly StoredRow[]): Map<string, ScheduleRow[]> {
  // One pass: a row of a later version than the loan's rows so far replaces them.
  const version = new Map<string, number>();
  const out = new Map<string, ScheduleRow[]>();
  for (const r of rows) {
    const seen = version.get(r.loan_id);
    if (seen === undefined || r.schedule_version > seen) {
      version.set(r.loan_id, r.schedule_version);
      out.set(r.loan_id, [scheduleRowOf(r)]);
    } else if (r.schedule_version === seen) {
      out.get(r.loan_id)!.push(scheduleRowOf(r));
    }
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

// The loan pricers name their payees by the shared builder's type.
export type { LinePayee } from './draftLine.ts';

/**
 * What a line of a loan's interest period is about. Whoever is paid, the lending bank is
 * named: a household's subsidy goes into its account there (代发), and the payment list
 * has one sheet per paying bank.
 */
function loanSubject(loan: LoanTerms, accrualKey: string): LineSubject {
  return {
    type: 'loan',
    id: loan.id,
    accrualKey,
    via: loan.bank,
    township: loan.township,
    village: loan.village,
  };
}

/** The interest period of a schedule row: both ends included, and its accrual key. */
export function periodOfRow(row: ScheduleRow): { from: IsoDate; to: IsoDate; key: string } {
  const to = addDays(row.dueDate, -1);
  return { from: row.periodStart, to, key: `${row.periodStart}..${to}` };
}

/**
 * Appends a rule result's lines for one loan period: one per amount, or, when nothing is
 * owed because a condition failed, one line of 0 from `none` that says why, so the
 * reviewer sees every loan the period touched.
 */
export function pushResult(
  out: DraftLine[],
  rule: LineRule,
  loan: LoanTerms,
  accrualKey: string,
  result: RuleResult,
  payeeOf: (kind: Payee) => LinePayee,
  none: { readonly payer: Payer; readonly payee: LinePayee },
  inputJson: string,
): void {
  pushLines(out, rule, loanSubject(loan, accrualKey), result, payeeOf, none, inputJson);
}

/**
 * A line of 0 for a loan whose rule needs facts nobody recorded yet (loan.subsidy-facts.set):
 * the run shows the loan and what is missing rather than leaving it out silently.
 */
export function missingFactsLine(
  rule: LineRule,
  loan: LoanTerms,
  accrualKey: string,
  payer: Payer,
  payee: LinePayee,
  missing: readonly string[],
): DraftLine {
  return draftLine(
    rule,
    loanSubject(loan, accrualKey),
    payer,
    payee,
    0,
    missingFactsReason(missing),
    JSON.stringify({ loanId: loan.id, missing }),
  );
}

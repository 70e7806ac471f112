import { z } from 'zod';
import { accrueInterest } from '../accrual.ts';
import { addDays, daysBetween, type IsoDate } from '../calendarDate.ts';
import { DEFAULT_DAY_COUNT, dayCountConventionSchema } from '../dayCount.ts';
import { DomainError } from '../errors.ts';
import { fen, fenToYuanString, type Fen } from '../money.ts';
import { minRate, rateToString, type Rate } from '../rate.ts';
import {
  BENCHMARK_BASES,
  REFERENCE_RATE_KINDS,
  type BenchmarkBasis,
  type ReferenceRateKind,
} from '../rateTable.ts';
import { roundFen, type RoundingMode } from '../rounding.ts';
import { buildSchedule, monthlyInterest, type ScheduleRow } from '../schedule/index.ts';
import {
  condition,
  defineRule,
  type Amount,
  type FailedCondition,
  type Output,
  type RuleTrace,
} from './rule.ts';
import {
  addBilingualIssue,
  dateSchema,
  inclusivePeriodSchema,
  percentSchema,
  termMonthsSchema,
  yuanSchema,
} from './schemas.ts';
import { pct, Reads, referenceAt, yuan, type ReferenceQuery } from './support/context.ts';
import { nextDay, plusMonths } from './support/dates.ts';
import { subsidisedInterestExact } from './support/interest.ts';
import { fenOut, finishWithFigures, intOut, pay, rateOut, textOut } from './support/result.ts';
import { paidOnTime, workingDayOnOrAfter } from '../calendar/workingDays.ts';

/**
 * Art. 11, poverty micro-credit interest subsidy for one interest period.
 *
 * 按照“免抵押、免担保、3年期限、5万元额度（发展乡村旅游的贴息贷款规模不超过10万元）、财政贴息、风险分担”
 * 的方式，由区财政按不高于同期基准利率给予贴息。
 *
 * POLICY.md interpretation: the subsidy for an interest period is the interest the loan
 * charges for that period under its own convention, recomputed at min(contract rate,
 * benchmark for the loan's term in force on the contract date), rounded half-up to the
 * fen. Interest not paid on time is not subsidised (configurable). Approved art. 32
 * extensions keep the subsidy (configurable).
 *
 * The loan's own convention is either interest by days on the outstanding principal
 * (按季结息 etc.: `period`, both ends included, under the loan's day count) or an
 * instalment schedule (`instalment` k of an equal-instalment or equal-principal loan:
 * the opening balance × rate / 12). Parameters are read for the last day of the
 * interest period.
 */

const ID = 'art11.interest-subsidy';
const ARTICLE = 'art. 11';

/** The repayment methods a micro-credit loan can have (src/core/schedule names them). */
const ART11_REPAYMENT = ['interest-only', 'equal-instalment', 'equal-principal'] as const;

const ARTICLE_TEXT =
  '推进针对建档立卡贫困户发放的扶贫小额信用贷款，按照“免抵押、免担保、3年期限、5万元额度（发展乡村旅游的贴息贷款规模不超过10万元）、财政贴息、风险分担”的方式，由区财政按不高于同期基准利率给予贴息。';

const PAID_ON_TIME = condition(
  ARTICLE,
  'paid-on-time',
  '本期利息未按时支付（应于到期日前支付，到期日非工作日的顺延至下一工作日），逾期利息不予贴息',
  'The interest was not paid on time (by the due date, or the next working day); late interest is not subsidised',
);
const WITHIN_TERM = condition(
  ARTICLE,
  'within-term',
  '计息期超出贷款期限（合同起息日至到期日，经批准展期的至展期到期日）',
  "The interest period is outside the loan's term (from the contract date to maturity, or to an approved extension's maturity)",
);

const calendarSchema = z
  .strictObject({
    /** Non-working days (法定节假日). */
    holidays: z.array(dateSchema).optional(),
    /** Weekend days that are working days (调休上班). */
    workingDays: z.array(dateSchema).optional(),
  })
  .transform((c) => ({
    holidays: new Set<IsoDate>(c.holidays ?? []),
    workingDays: new Set<IsoDate>(c.workingDays ?? []),
  }));

const inputSchema = z
  .strictObject({
    loan: z.strictObject({
      /** Principal outstanding in the period (interest by days) or the original principal (schedules). */
      principal: yuanSchema,
      contractDate: dateSchema,
      termMonths: termMonthsSchema,
      contractRate: percentSchema,
      /** Default 'actual/360' (日利率 = 年利率 / 360). */
      dayCount: dayCountConventionSchema.optional(),
      /** Default 'interest-only' (interest by days on the outstanding principal). */
      repayment: z.enum(ART11_REPAYMENT).optional(),
    }),
    /** Interest period, both ends included (interest-only loans). */
    period: inclusivePeriodSchema.optional(),
    /** Instalment number, 1 = the first (instalment loans). */
    instalment: z.number().int().min(1).optional(),
    /** Default: the period's last day, or the instalment date. */
    dueDate: dateSchema.optional(),
    /** When the interest was paid; absent = not paid. */
    paidOn: dateSchema.optional(),
    /** Default: parameter art11.interest-subsidy.payee. */
    payee: z.enum(['household', 'bank']).optional(),
    calendar: calendarSchema.optional(),
    /** Maturity after an approved art. 32 extension. */
    extendedTo: dateSchema.optional(),
  })
  .superRefine((v, ctx) => {
    const method = v.loan.repayment ?? 'interest-only';
    if (method === 'interest-only') {
      if (v.period === undefined) {
        addBilingualIssue(
          ctx,
          ['period'],
          'INPUT_REQUIRED',
          '按日计息的贷款须给出计息期 period',
          'An interest-only loan needs the interest period',
        );
      }
      if (v.instalment !== undefined) {
        addBilingualIssue(
          ctx,
          ['instalment'],
          'INPUT_NOT_ALLOWED',
          '按日计息的贷款没有期数 instalment',
          'An interest-only loan has no instalment number',
        );
      }
    } else {
      if (v.instalment === undefined) {
        addBilingualIssue(
          ctx,
          ['instalment'],
          'INPUT_REQUIRED',
          '分期还款的贷款须给出期数 instalment',
          'An instalment loan needs the instalment number',
        );
      } else if (v.instalment > v.loan.termMonths) {
        addBilingualIssue(
          ctx,
          ['instalment'],
          'INSTALMENT_OUT_OF_TERM',
          `期数 ${String(v.instalment)} 超出贷款期限（${String(v.loan.termMonths)} 期）`,
          `Instalment ${String(v.instalment)} is beyond the loan term (${String(v.loan.termMonths)} instalments)`,
        );
      }
      if (v.period !== undefined) {
        addBilingualIssue(
          ctx,
          ['period'],
          'INPUT_NOT_ALLOWED',
          '分期还款的贷款按期数计息，不接受 period',
          'An instalment loan is identified by its instalment, not a period',
        );
      }
    }
  });

export type Art11InterestSubsidyInput = z.output<typeof inputSchema>;

const BASIS_PARAM = 'art11.interest-subsidy.benchmark-basis';
const REFERENCE_PARAM = 'art11.interest-subsidy.reference-rate';

export const art11InterestSubsidy = defineRule<Art11InterestSubsidyInput>({
  id: ID,
  article: ARTICLE,
  title_zh: '扶贫小额信贷财政贴息',
  title_en: 'Poverty micro-credit interest subsidy',
  articleText: ARTICLE_TEXT,
  inputSchema,
  parameterIds: [
    BASIS_PARAM,
    REFERENCE_PARAM,
    'art11.interest-subsidy.late-payment-subsidised',
    'art11.interest-subsidy.extension-keeps-subsidy',
    'art11.interest-subsidy.payee',
    'conventions.lpr-switch-date',
    'conventions.subsidy-rounding',
  ],
  evaluate(input, ctx) {
    const reads = new Reads(ctx, input.instalment === undefined ? 'period.to' : 'instalment');
    const loan = input.loan;
    const method = loan.repayment ?? 'interest-only';
    const k = input.instalment;
    const scheduled = method !== 'interest-only' && k !== undefined;

    // The interest period as a half-open range [start, end), and its last day.
    let start: IsoDate;
    let end: IsoDate;
    let lastDay: IsoDate;
    let row: ScheduleRow | undefined;
    if (scheduled) {
      // The loan's own schedule (src/core/schedule): instalment k, its period and
      // its opening balance.
      row = instalmentRow(loan, method, k);
      start = row.periodStart;
      end = row.dueDate;
      lastDay = addDays(end, -1);
    } else {
      const p = input.period;
      if (p === undefined) throw new Error('unreachable: the schema requires a period');
      start = p.from;
      end = nextDay(p.to);
      lastDay = p.to;
    }
    // Parameters are those in force on the period's last day.
    const on = lastDay;
    const settings = reads.bundle(SETTINGS, on, readSettings);
    const due = input.dueDate ?? (scheduled ? end : lastDay);
    const failed: FailedCondition[] = [];

    // Within the loan's term (算头不算尾: interest runs from the contract date up to,
    // not including, maturity), or an approved art. 32 extension when the parameter
    // keeps the subsidy for it.
    const maturity = plusMonths(loan.contractDate, loan.termMonths);
    const coveredEnd =
      input.extendedTo !== undefined &&
      input.extendedTo > maturity &&
      settings.extensionKeepsSubsidy
        ? input.extendedTo
        : maturity;
    if (start < loan.contractDate || end > coveredEnd) failed.push(WITHIN_TERM);

    const onTime = paidOnTime(due, input.paidOn, input.calendar);
    if (!onTime && !settings.latePaymentSubsidised) failed.push(PAID_ON_TIME);

    const query: ReferenceQuery = {
      termMonths: loan.termMonths,
      contractDate: loan.contractDate,
      accrualDate: start,
      contractField: 'loan.contractDate',
      accrualField: scheduled ? 'instalment' : 'period.from',
      on,
    };
    const { basis, kind, rounding } = settings;

    let subsidy: Fen;
    let singleRate: Rate | undefined;
    if (row !== undefined) {
      // The accrual-date basis reads the reference on the instalment period's first day.
      const ref = referenceAt(reads, query, basis, kind, start).rate;
      const r = minRate(loan.contractRate, ref);
      singleRate = r;
      const openingBalance = fen(row.balanceAfter + row.principal);
      subsidy = monthlyInterest(openingBalance, r, rounding);
      if (reads.steps !== undefined) {
        reads.steps.push({
          zh: `第${String(k)}期期初本金 ${yuan(openingBalance)} 元，月供 ${yuan(row.total)} 元，合同利率 ${pct(loan.contractRate)} 计息 ${yuan(row.interest)} 元`,
          en: `Instalment ${String(k)}: opening balance ${yuan(openingBalance)}, instalment ${yuan(row.total)}, interest at the contract rate ${pct(loan.contractRate)} = ${yuan(row.interest)}`,
          value: yuan(row.interest),
        });
        reads.steps.push({
          zh: `贴息 = ${yuan(openingBalance)} × min(${pct(loan.contractRate)}, ${pct(ref)}) ÷ 12 = ${yuan(subsidy)} 元`,
          en: `Subsidy = ${yuan(openingBalance)} × min(${pct(loan.contractRate)}, ${pct(ref)}) / 12 = ${yuan(subsidy)}`,
          value: yuan(subsidy),
        });
      }
    } else {
      const dayCount = loan.dayCount ?? DEFAULT_DAY_COUNT;
      const exact = subsidisedInterestExact(
        reads,
        query,
        basis,
        kind,
        { principal: loan.principal, contractRate: loan.contractRate, dayCount },
        start,
        end,
      );
      singleRate = exact.singleRate;
      subsidy = roundFen(exact.numerator, exact.denominator, rounding);
    }

    const paid = failed.length === 0 ? subsidy : (0 as Fen);
    const payee = input.payee ?? settings.payee;
    const amounts: Amount[] = [
      pay('district', payee, paid, '扶贫小额信贷贴息', 'Micro-credit interest subsidy'),
    ];
    const facts: Facts = {
      input,
      start,
      end,
      due,
      onTime,
      subsidy,
      paid,
      singleRate,
      row,
      rounding,
    };
    if (reads.steps !== undefined && row === undefined) {
      const charged = interestCharged(facts);
      reads.steps.push({
        zh: `按合同利率 ${pct(loan.contractRate)} 计收利息 ${yuan(charged)} 元；贴息合计舍入（${rounding}）为 ${yuan(subsidy)} 元`,
        en: `Interest charged at the contract rate ${pct(loan.contractRate)} = ${yuan(charged)}; subsidy total rounded (${rounding}) = ${yuan(subsidy)}`,
        value: yuan(subsidy),
      });
    }
    if (reads.steps !== undefined && !onTime) {
      const deadline = workingDayOnOrAfter(due, input.calendar);
      reads.steps.push({
        zh: `到期日 ${due}，顺延后截止 ${deadline}，实际支付 ${input.paidOn ?? '未支付'}：逾期${settings.latePaymentSubsidised ? '（参数：逾期仍贴息）' : '，不予贴息'}`,
        en: `Due ${due}, deadline ${deadline}, paid ${input.paidOn ?? 'not paid'}: late${settings.latePaymentSubsidised ? ' (parameter: late interest still subsidised)' : ', no subsidy'}`,
      });
    }
    return finishWithFigures(
      RULE_ID,
      reads,
      amounts,
      failed,
      facts,
      figures,
      reads.steps === undefined ? undefined : traceHead(input, start, lastDay, due, payee),
    );
  },
});

/** What the figures are worked out from (on demand, see LazyFiguresResult). */
interface Facts {
  readonly input: Art11InterestSubsidyInput;
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly due: IsoDate;
  readonly onTime: boolean;
  readonly subsidy: Fen;
  readonly paid: Fen;
  readonly singleRate: Rate | undefined;
  readonly row: ScheduleRow | undefined;
  readonly rounding: RoundingMode;
}

/** The interest the bank charges for the period at the contract rate. */
function interestCharged(f: Facts): Fen {
  const loan = f.input.loan;
  if (f.row !== undefined) return f.row.interest;
  // At the contract rate the subsidy is the same exact amount; the bank rounds half-up.
  if (f.singleRate === loan.contractRate && f.rounding === 'half-up-fen') return f.subsidy;
  return accrueInterest({
    principal: loan.principal,
    annualRate: loan.contractRate,
    start: f.start,
    end: f.end,
    dayCount: loan.dayCount ?? DEFAULT_DAY_COUNT,
  });
}

function figures(f: Facts): Output[] {
  const charged = interestCharged(f);
  const out: Output[] = [
    fenOut('interestCharged', charged, '银行计收利息', 'Interest charged by the bank'),
    fenOut(
      'borrowerBears',
      fen(charged - f.paid),
      '借款人承担利息',
      'Interest borne by the borrower',
    ),
  ];
  if (!f.onTime) {
    out.push(
      textOut(
        'deadline',
        workingDayOnOrAfter(f.due, f.input.calendar),
        '付息截止日（顺延至工作日）',
        'Payment deadline (next working day)',
      ),
    );
  }
  if (f.singleRate !== undefined)
    out.push(rateOut('subsidyRate', f.singleRate, '贴息利率', 'Subsidy rate'));
  if (f.row !== undefined) {
    out.push(
      fenOut(
        'openingBalance',
        fen(f.row.balanceAfter + f.row.principal),
        '期初本金',
        'Opening balance',
      ),
    );
    out.push(fenOut('instalmentAmount', f.row.total, '本期应还本息', 'Instalment amount'));
  } else {
    out.push(intOut('days', daysBetween(f.start, f.end), '计息天数', 'Days of interest'));
  }
  return out;
}

const RULE_ID = { id: ID, article: ARTICLE };

/** Row k of the loan's repayment schedule; schedule errors name this rule's fields. */
function instalmentRow(
  loan: Art11InterestSubsidyInput['loan'],
  method: 'equal-instalment' | 'equal-principal',
  k: number,
): ScheduleRow {
  try {
    const schedule = buildSchedule({
      principal: loan.principal,
      annualRate: loan.contractRate,
      months: loan.termMonths,
      method,
      start: loan.contractDate,
      ...(loan.dayCount === undefined ? {} : { dayCount: loan.dayCount }),
    });
    const row = schedule.rows[k - 1];
    if (row === undefined) throw new Error('unreachable: the schema bounds the instalment');
    return row;
  } catch (e) {
    if (e instanceof DomainError && e.field !== undefined) {
      const field = SCHEDULE_FIELDS[e.field];
      if (field !== undefined) throw e.withField(field);
    }
    throw e;
  }
}

const SCHEDULE_FIELDS: Readonly<Record<string, string>> = {
  principal: 'loan.principal',
  annualRate: 'loan.contractRate',
  months: 'loan.termMonths',
  start: 'loan.contractDate',
};

function traceHead(
  input: Art11InterestSubsidyInput,
  start: IsoDate,
  lastDay: IsoDate,
  due: IsoDate,
  payee: string,
): Pick<RuleTrace, 'formula' | 'inputs'> {
  const loan = input.loan;
  return {
    formula: {
      zh: '贴息 = 本期利息按 min(合同利率, 同期基准利率) 重算，四舍五入到分；未按时付息不贴息',
      en: 'Subsidy = the period’s interest recomputed at min(contract rate, same-term benchmark), rounded to the fen; nothing for interest paid late',
    },
    inputs: {
      principal: fenToYuanString(loan.principal),
      contractDate: loan.contractDate,
      termMonths: loan.termMonths,
      contractRate: rateToString(loan.contractRate),
      dayCount: loan.dayCount ?? DEFAULT_DAY_COUNT,
      repayment: loan.repayment ?? 'interest-only',
      ...(input.instalment === undefined
        ? { period: { from: start, to: lastDay } }
        : { instalment: input.instalment }),
      dueDate: due,
      paidOn: input.paidOn ?? null,
      payee,
      ...(input.extendedTo === undefined ? {} : { extendedTo: input.extendedTo }),
    },
  };
}

/** The rule's settings, read together (see Reads.bundle). */
interface Settings {
  readonly basis: BenchmarkBasis;
  readonly kind: ReferenceRateKind;
  readonly rounding: RoundingMode;
  readonly latePaymentSubsidised: boolean;
  readonly extensionKeepsSubsidy: boolean;
  readonly payee: 'household' | 'bank';
}
const SETTINGS = {};

function readSettings(reads: Reads, on: IsoDate): Settings {
  return {
    basis: reads.choice(BASIS_PARAM, on, BENCHMARK_BASES),
    kind: reads.choice(REFERENCE_PARAM, on, REFERENCE_RATE_KINDS),
    rounding: reads.rounding(on),
    latePaymentSubsidised: reads.boolean('art11.interest-subsidy.late-payment-subsidised', on),
    extensionKeepsSubsidy: reads.boolean('art11.interest-subsidy.extension-keeps-subsidy', on),
    payee: reads.choice('art11.interest-subsidy.payee', on, PAYEES_ART11),
  };
}
const PAYEES_ART11 = ['household', 'bank'] as const;

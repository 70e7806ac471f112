import { z } from 'zod';
import { isoDateSchema, type IsoDate } from './calendarDate.ts';
import { DomainError } from './errors.ts';
import { rateSchema, rateToString, type Rate } from './rate.ts';

/**
 * Reference-rate tables as policy data (policy/rates/*.yaml): the PBOC benchmark
 * lending rates by contract-term tier, and the loan prime rate (LPR). Each row cites
 * the announcement it comes from, and every lookup returns a trace naming that row,
 * so a subsidy on screen leads back to the announcement that fixed its rate.
 */

const announcementSchema = z.strictObject({
  /** Who announced it: 中国人民银行, 全国银行间同业拆借中心. */
  issuer_zh: z.string().min(1),
  /** The announcement's title or name as published. */
  title_zh: z.string().min(1),
  /** Date of the announcement (may precede the effective date). */
  announced: isoDateSchema,
  url: z.url().optional(),
});
export type RateAnnouncement = z.output<typeof announcementSchema>;

const tierSchema = z.strictObject({
  /** Stable id of the tier, e.g. '1y-5y'. */
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** The tier as the PBOC names it, e.g. 一至五年（含五年）. */
  label_zh: z.string().min(1),
  /** Longest contract term (months, inclusive) in this tier; null = no upper bound. */
  max_term_months: z.number().int().positive().nullable(),
  rate: rateSchema,
});

const benchmarkRowSchema = z
  .strictObject({
    effective: isoDateSchema,
    tiers: z.array(tierSchema).min(1),
    announcement: announcementSchema,
  })
  .superRefine((row, ctx) => {
    row.tiers.forEach((tier, i) => {
      const last = i === row.tiers.length - 1;
      if (last !== (tier.max_term_months === null)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'max_term_months'],
          message: 'only the last tier, and always the last tier, has no upper bound (null)',
        });
      }
      const prev = row.tiers[i - 1];
      if (
        prev !== undefined &&
        tier.max_term_months !== null &&
        prev.max_term_months !== null &&
        tier.max_term_months <= prev.max_term_months
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'max_term_months'],
          message: 'tiers must be in increasing order of term',
        });
      }
    });
  });

function effectiveDatesAscending(
  rows: readonly { effective: IsoDate }[],
  ctx: z.RefinementCtx,
): void {
  rows.forEach((row, i) => {
    const prev = rows[i - 1];
    if (prev !== undefined && !(prev.effective < row.effective)) {
      ctx.addIssue({
        code: 'custom',
        path: ['rows', i, 'effective'],
        message: `rows must be in strictly increasing order of effective date (${prev.effective} then ${row.effective})`,
      });
    }
  });
}

export const benchmarkTableSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title_zh: z.string().min(1),
    title_en: z.string().min(1),
    unit: z.literal('percent'),
    note: z.string().optional(),
    rows: z.array(benchmarkRowSchema).min(1),
  })
  .superRefine((t, ctx) => effectiveDatesAscending(t.rows, ctx));
export type BenchmarkTable = z.output<typeof benchmarkTableSchema>;

const lprRowSchema = z.strictObject({
  effective: isoDateSchema,
  one_year: rateSchema,
  five_year: rateSchema,
  announcement: announcementSchema,
});

export const lprTableSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title_zh: z.string().min(1),
    title_en: z.string().min(1),
    unit: z.literal('percent'),
    note: z.string().optional(),
    rows: z.array(lprRowSchema).min(1),
  })
  .superRefine((t, ctx) => effectiveDatesAscending(t.rows, ctx));
export type LprTable = z.output<typeof lprTableSchema>;

/** Why a rate was chosen: JSON-ready, for the calculation trace. */
export interface RateTrace {
  readonly source: 'benchmark' | 'lpr';
  readonly table: string;
  /** Effective date of the table row used. */
  readonly effective: IsoDate;
  readonly tier: string;
  readonly tier_zh: string;
  readonly term_months: number;
  /** The date the rate was looked up for. */
  readonly on: IsoDate;
  readonly rate: string;
  readonly announcement: RateAnnouncement;
}

export interface RateLookup {
  readonly rate: Rate;
  readonly trace: RateTrace;
}

function checkTerm(termMonths: number): void {
  if (!Number.isSafeInteger(termMonths) || termMonths <= 0) {
    throw new DomainError({
      code: 'TERM_INVALID',
      message_zh: `贷款期限（月）必须是正整数，实际为 ${String(termMonths)}`,
      message_en: `The loan term must be a positive whole number of months, got ${String(termMonths)}`,
      field: 'termMonths',
    });
  }
}

/** The last row effective on or before `date`; DomainError naming `field` if none. */
function rowInForce<R extends { effective: IsoDate }>(
  rows: readonly R[],
  date: IsoDate,
  tableId: string,
  field: string,
): R {
  let found: R | undefined;
  for (const row of rows) {
    if (row.effective <= date) found = row;
    else break;
  }
  if (found === undefined) {
    const first = rows[0]?.effective ?? '';
    throw new DomainError({
      code: 'RATE_TABLE_NO_ROW',
      message_zh: `利率表“${tableId}”没有 ${date} 时有效的利率（最早生效日为 ${first}）`,
      message_en: `Rate table "${tableId}" has no rate in force on ${date} (its first row is effective ${first})`,
      field,
    });
  }
  return found;
}

/**
 * The benchmark rate, with its trace, for a loan with a contract term of `termMonths`
 * on `date`. Tiers are data: a term belongs to the first tier whose max_term_months
 * it does not exceed (六个月以内（含六个月）, 六个月至一年（含一年）, 一至三年（含三年）,
 * 三至五年（含五年）, 五年以上 until 2014-11-21; 一年以内（含一年）, 一至五年（含五年）,
 * 五年以上 from 2014-11-22). A term of months and days counts as the next whole
 * month (6 months and 1 day is over 6 months): callers round up.
 */
export function lookupBenchmark(
  table: BenchmarkTable,
  termMonths: number,
  date: IsoDate,
  field = 'date',
): RateLookup {
  checkTerm(termMonths);
  const row = rowInForce(table.rows, date, table.id, field);
  const tier =
    row.tiers.find((t) => t.max_term_months === null || termMonths <= t.max_term_months) ??
    row.tiers[row.tiers.length - 1];
  if (tier === undefined) {
    // Unreachable for a table that passed benchmarkTableSchema (min one tier).
    throw new DomainError({
      code: 'RATE_TABLE_NO_TIER',
      message_zh: `利率表“${table.id}”在 ${row.effective} 没有期限档次`,
      message_en: `Rate table "${table.id}" has no tiers on ${row.effective}`,
      field,
    });
  }
  return {
    rate: tier.rate,
    trace: {
      source: 'benchmark',
      table: table.id,
      effective: row.effective,
      tier: tier.id,
      tier_zh: tier.label_zh,
      term_months: termMonths,
      on: date,
      rate: rateToString(tier.rate),
      announcement: row.announcement,
    },
  };
}

export function benchmarkRate(
  table: BenchmarkTable,
  termMonths: number,
  date: IsoDate,
  field = 'date',
): Rate {
  return lookupBenchmark(table, termMonths, date, field).rate;
}

/** Contract terms from this many months use the 5-year LPR. */
export const LPR_FIVE_YEAR_FROM_MONTHS = 60;

/**
 * The LPR, with its trace, for a contract term on `date`. The LPR has two quotes:
 * the 1-year LPR for terms under 5 years (< 60 months) and the "5年期以上" LPR for
 * terms of 5 years and more (≥ 60 months), as the PBOC's 2019 LPR reform guidance
 * has loans priced on the quote for the nearer term. Note the difference with the
 * benchmark tiers, where 60 months still belongs to 一至五年（含五年）.
 */
export function lookupLpr(
  table: LprTable,
  termMonths: number,
  date: IsoDate,
  field = 'date',
): RateLookup {
  checkTerm(termMonths);
  const row = rowInForce(table.rows, date, table.id, field);
  const five = termMonths >= LPR_FIVE_YEAR_FROM_MONTHS;
  const rate = five ? row.five_year : row.one_year;
  return {
    rate,
    trace: {
      source: 'lpr',
      table: table.id,
      effective: row.effective,
      tier: five ? '5y' : '1y',
      tier_zh: five ? '5年期以上LPR' : '1年期LPR',
      term_months: termMonths,
      on: date,
      rate: rateToString(rate),
      announcement: row.announcement,
    },
  };
}

export function lprRate(table: LprTable, termMonths: number, date: IsoDate, field = 'date'): Rate {
  return lookupLpr(table, termMonths, date, field).rate;
}

export const BENCHMARK_BASES = ['contract-date', 'accrual-date'] as const;
export type BenchmarkBasis = (typeof BENCHMARK_BASES)[number];
export const REFERENCE_RATE_KINDS = ['benchmark', 'lpr'] as const;
export type ReferenceRateKind = (typeof REFERENCE_RATE_KINDS)[number];

export interface ReferenceRateInput {
  readonly benchmarkTable: BenchmarkTable;
  /** Needed only when `after20190820` is 'lpr'. */
  readonly lprTable?: LprTable;
  readonly termMonths: number;
  readonly contractDate: IsoDate;
  readonly accrualDate: IsoDate;
  /** Which date picks the row: the contract date (default in POLICY.md) or the accrual date. */
  readonly basis: BenchmarkBasis;
  /** Reference for pricing dates on or after the LPR switch date. */
  readonly after20190820: ReferenceRateKind;
  /** Defaults to the LPR table's first effective date (2019-08-20). */
  readonly lprSwitchDate?: IsoDate;
}

/**
 * The "同期基准利率" a rule compares with: the reference for the loan's contract
 * term, on the contract date or the accrual date (basis), taken from the benchmark
 * table, or, when configured and the pricing date is on or after the LPR switch date,
 * from the LPR table. Errors name the input field that held the offending date.
 */
export function referenceRate(input: ReferenceRateInput): RateLookup {
  const onContract = input.basis === 'contract-date';
  const date = onContract ? input.contractDate : input.accrualDate;
  const field = onContract ? 'contractDate' : 'accrualDate';
  if (input.after20190820 === 'lpr') {
    const lpr = input.lprTable;
    if (lpr === undefined) {
      throw new DomainError({
        code: 'RATE_TABLE_MISSING',
        message_zh: '已配置按LPR定价，但未提供LPR利率表',
        message_en: 'The LPR is configured as the reference but no LPR table was given',
        field: 'lprTable',
      });
    }
    const switchDate = input.lprSwitchDate ?? lpr.rows[0]?.effective;
    if (switchDate !== undefined && date >= switchDate) {
      return lookupLpr(lpr, input.termMonths, date, field);
    }
  }
  return lookupBenchmark(input.benchmarkTable, input.termMonths, date, field);
}

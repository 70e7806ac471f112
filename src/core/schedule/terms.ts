import { z } from 'zod';
import { addMonthsClamped, isIsoDate, type IsoDate } from '../calendarDate.ts';
import { DAY_COUNT_CONVENTIONS, DEFAULT_DAY_COUNT, type DayCountConvention } from '../dayCount.ts';
import { DomainError } from '../errors.ts';
import { fenToYuanString, type Fen } from '../money.ts';
import { RATE_UNITS_PER_PERCENT, type Rate } from '../rate.ts';
import { DEFAULT_ROUNDING, ROUNDING_MODES, type RoundingMode } from '../rounding.ts';

/**
 * The four repayment methods Chinese lenders quote:
 *  - 'equal-instalment' 等额本息: the same monthly payment, interest at annual/12;
 *  - 'equal-principal'  等额本金: the same principal each month, interest at annual/12;
 *  - 'interest-only'    按期付息到期还本: interest by days each period, principal at maturity;
 *  - 'bullet'           到期一次还本付息: principal and interest by days at maturity.
 */
export const REPAYMENT_METHODS = [
  'equal-instalment',
  'equal-principal',
  'interest-only',
  'bullet',
] as const;
export type RepaymentMethod = (typeof REPAYMENT_METHODS)[number];
export const repaymentMethodSchema = z.enum(REPAYMENT_METHODS);

export const REPAYMENT_METHOD_NAMES_ZH: Readonly<Record<RepaymentMethod, string>> = {
  'equal-instalment': '等额本息',
  'equal-principal': '等额本金',
  'interest-only': '按期付息到期还本',
  bullet: '到期一次还本付息',
};

/** How often an interest-only loan settles interest (按月/按季/按年结息). */
export const INTEREST_PERIODS = ['monthly', 'quarterly', 'yearly'] as const;
export type InterestPeriod = (typeof INTEREST_PERIODS)[number];
export const interestPeriodSchema = z.enum(INTEREST_PERIODS);

export const MONTHS_PER_PERIOD: Readonly<Record<InterestPeriod, number>> = {
  monthly: 1,
  quarterly: 3,
  yearly: 12,
};

/** 50 years: longer than any term the policy mentions (art. 18: up to 30 years). */
export const MAX_SCHEDULE_MONTHS = 600;

const HUNDRED_PERCENT = 100 * RATE_UNITS_PER_PERCENT;

export interface ScheduleTerms {
  /** The amount lent, > 0. */
  readonly principal: Fen;
  /** Nominal annual rate in percent, 0 < rate < 100. */
  readonly annualRate: Rate;
  /** Contract term in months, 1…600. */
  readonly months: number;
  readonly method: RepaymentMethod;
  /** Disbursement (value) date: interest runs from this day. */
  readonly start: IsoDate;
  /**
   * interest-only (default 'monthly'); an amortising loan with a grace period pays the
   * grace months' interest by this period (default 'monthly'); otherwise monthly.
   */
  readonly interestPeriod?: InterestPeriod;
  /** For interest computed by days (interest-only, bullet, a broken first period). */
  readonly dayCount?: DayCountConvention;
  /** Applied to every amount the schedule computes (default 'half-up-fen'). */
  readonly rounding?: RoundingMode;
  /**
   * A first due date other than start + one period (a fixed repayment day such as the
   * 20th). Later due dates keep ITS day of month; the first period is then a broken
   * period whose interest is computed by days. Not allowed for 'bullet'.
   */
  readonly firstDueDate?: IsoDate;
  /**
   * 宽限期 (amortising methods only, default 0): the first N months repay no principal
   * and pay interest by days each interest period; the method then amortises the loan
   * over the remaining months − N. Must leave at least one repayment month.
   */
  readonly graceMonths?: number;
}

/** Terms with every default filled in, as the schedule was actually computed. */
export interface ResolvedTerms {
  readonly principal: Fen;
  readonly annualRate: Rate;
  readonly months: number;
  readonly method: RepaymentMethod;
  readonly start: IsoDate;
  /**
   * How often interest is due: 'monthly' for the amortising methods (in a grace period,
   * the grace months' period); absent for 'bullet'.
   */
  readonly interestPeriod?: InterestPeriod;
  readonly dayCount: DayCountConvention;
  readonly rounding: RoundingMode;
  /** Absent when it was not given or equals the regular first due date. */
  readonly firstDueDate?: IsoDate;
  /** Absent when there is no grace period (0). */
  readonly graceMonths?: number;
}

/** An amount as the user wrote it (yuan), or as received when it is not whole fen. */
function shownYuan(amount: number): string {
  return Number.isSafeInteger(amount) ? fenToYuanString(amount as Fen) : String(amount);
}

function invalid(field: string, code: string, zh: string, en: string): DomainError {
  return new DomainError({ code, message_zh: zh, message_en: en, field });
}

/**
 * Validates the terms and fills in the defaults. Every refusal names the field, in
 * both languages, because a schedule computed from a doubtful input would be wrong to
 * the fen on every row.
 */
export function resolveTerms(terms: ScheduleTerms): ResolvedTerms {
  const { principal, annualRate, months, method, start } = terms;
  if (!Number.isSafeInteger(principal) || principal <= 0) {
    throw invalid(
      'principal',
      'SCHEDULE_PRINCIPAL_INVALID',
      `贷款本金必须大于 0 元（且为整数分），实际为 ${shownYuan(principal)}`,
      `The principal must be more than 0 yuan (in whole fen), got ${shownYuan(principal)}`,
    );
  }
  // Issue 4: "a rate of 0 or 100%" is an error. 0 would make the instalment formula
  // divide by zero, and no lender in the policy lends at 100 % or more.
  if (!Number.isSafeInteger(annualRate) || annualRate <= 0 || annualRate >= HUNDRED_PERCENT) {
    throw invalid(
      'annualRate',
      'SCHEDULE_RATE_OUT_OF_RANGE',
      '年利率必须大于 0% 且小于 100%',
      'The annual rate must be greater than 0% and less than 100%',
    );
  }
  if (!Number.isSafeInteger(months) || months < 1 || months > MAX_SCHEDULE_MONTHS) {
    throw invalid(
      'months',
      'SCHEDULE_MONTHS_OUT_OF_RANGE',
      `期限月数必须是 1 到 ${String(MAX_SCHEDULE_MONTHS)} 之间的整数，实际为 ${String(months)}`,
      `The term must be a whole number of months from 1 to ${String(MAX_SCHEDULE_MONTHS)}, got ${String(months)}`,
    );
  }
  if (!(REPAYMENT_METHODS as readonly string[]).includes(method)) {
    throw invalid(
      'method',
      'SCHEDULE_METHOD_UNKNOWN',
      `还款方式无效：“${String(method)}”（应为 ${REPAYMENT_METHODS.join('、')} 之一）`,
      `Unknown repayment method "${String(method)}" (expected one of ${REPAYMENT_METHODS.join(', ')})`,
    );
  }
  if (!isIsoDate(start)) {
    throw invalid(
      'start',
      'DATE_INVALID',
      `起息日无效：“${String(start)}”（应为 YYYY-MM-DD 格式的有效日期）`,
      `Invalid start date "${String(start)}" (expected a valid YYYY-MM-DD date)`,
    );
  }
  const dayCount = terms.dayCount ?? DEFAULT_DAY_COUNT;
  if (!(DAY_COUNT_CONVENTIONS as readonly string[]).includes(dayCount)) {
    throw invalid(
      'dayCount',
      'DAY_COUNT_UNKNOWN',
      `计息天数规则无效：“${String(dayCount)}”（应为 ${DAY_COUNT_CONVENTIONS.join('、')} 之一）`,
      `Unknown day-count convention "${String(dayCount)}" (expected one of ${DAY_COUNT_CONVENTIONS.join(', ')})`,
    );
  }
  const rounding = terms.rounding ?? DEFAULT_ROUNDING;
  if (!(ROUNDING_MODES as readonly string[]).includes(rounding)) {
    throw invalid(
      'rounding',
      'ROUNDING_UNKNOWN',
      `舍入规则无效：“${String(rounding)}”（应为 ${ROUNDING_MODES.join('、')} 之一）`,
      `Unknown rounding rule "${String(rounding)}" (expected one of ${ROUNDING_MODES.join(', ')})`,
    );
  }
  const graceMonths = resolveGraceMonths(terms);
  const interestPeriod = resolveInterestPeriod(method, terms.interestPeriod, graceMonths);

  // Every date the schedule can touch (at most start + months + two periods, see
  // resolveFirstDueDate) must exist in the calendar, which ends in 9999.
  try {
    addMonthsClamped(start, months + 2 * MONTHS_PER_PERIOD[interestPeriod ?? 'monthly']);
  } catch {
    throw invalid(
      'months',
      'SCHEDULE_BEYOND_CALENDAR',
      '还款计划超出可表示的日期范围（9999 年以后）',
      'The schedule would run past the last representable date (year 9999)',
    );
  }

  const firstDueDate = resolveFirstDueDate(terms, interestPeriod);
  return {
    principal,
    annualRate,
    months,
    method,
    start,
    ...(interestPeriod === undefined ? {} : { interestPeriod }),
    dayCount,
    rounding,
    ...(firstDueDate === undefined ? {} : { firstDueDate }),
    ...(graceMonths === 0 ? {} : { graceMonths }),
  };
}

/** Whole months 0 ≤ N < months, on an amortising loan without a first due date. */
function resolveGraceMonths(terms: ScheduleTerms): number {
  const grace = terms.graceMonths ?? 0;
  if (!Number.isSafeInteger(grace) || grace < 0 || grace >= terms.months) {
    throw invalid(
      'graceMonths',
      'SCHEDULE_GRACE_OUT_OF_RANGE',
      `宽限期月数必须是 0 到 ${String(terms.months - 1)} 之间的整数（宽限期后至少还款一个月），实际为 ${String(grace)}`,
      `The grace period must be a whole number of months from 0 to ${String(terms.months - 1)} (at least one repayment month after it), got ${String(grace)}`,
    );
  }
  if (grace === 0) return 0;
  // Interest-only and bullet loans repay no principal before maturity anyway: a grace
  // period would change nothing, and silently ignoring it would mislead.
  if (terms.method !== 'equal-instalment' && terms.method !== 'equal-principal') {
    throw invalid(
      'graceMonths',
      'SCHEDULE_GRACE_NOT_APPLICABLE',
      `${REPAYMENT_METHOD_NAMES_ZH[terms.method]}到期前本就不还本金，不能设宽限期`,
      `A ${terms.method} loan repays no principal before maturity; a grace period does not apply`,
    );
  }
  if (terms.firstDueDate !== undefined) {
    throw invalid(
      'graceMonths',
      'SCHEDULE_GRACE_WITH_FIRST_DUE_DATE',
      '宽限期与首个还款日不能同时指定',
      'A grace period and a first due date cannot be combined',
    );
  }
  return grace;
}

function resolveInterestPeriod(
  method: RepaymentMethod,
  given: InterestPeriod | undefined,
  graceMonths: number,
): InterestPeriod | undefined {
  if (given !== undefined && !(INTEREST_PERIODS as readonly string[]).includes(given)) {
    throw invalid(
      'interestPeriod',
      'SCHEDULE_INTEREST_PERIOD_UNKNOWN',
      `结息周期无效：“${String(given)}”（应为 ${INTEREST_PERIODS.join('、')} 之一）`,
      `Unknown interest period "${String(given)}" (expected one of ${INTEREST_PERIODS.join(', ')})`,
    );
  }
  // A grace period pays interest only, so it has an interest period like interest-only.
  if (method === 'interest-only' || graceMonths > 0) return given ?? 'monthly';
  // Silently ignoring a quarterly period on an amortising loan would print a schedule
  // the user did not ask for; refuse instead.
  if (method === 'bullet' ? given !== undefined : given !== undefined && given !== 'monthly') {
    throw invalid(
      'interestPeriod',
      'SCHEDULE_INTEREST_PERIOD_NOT_APPLICABLE',
      method === 'bullet'
        ? '到期一次还本付息没有结息周期，请勿指定'
        : `${REPAYMENT_METHOD_NAMES_ZH[method]}按月还款，没有宽限期时结息周期只能是 monthly`,
      method === 'bullet'
        ? 'A bullet loan has no interest period; leave it out'
        : `${method} is repaid monthly; without a grace period the interest period can only be monthly`,
    );
  }
  return method === 'bullet' ? undefined : 'monthly';
}

function resolveFirstDueDate(
  terms: ScheduleTerms,
  interestPeriod: InterestPeriod | undefined,
): IsoDate | undefined {
  const given = terms.firstDueDate;
  if (given === undefined) return undefined;
  const bad = (zh: string, en: string): DomainError =>
    invalid('firstDueDate', 'SCHEDULE_FIRST_DUE_DATE_INVALID', zh, en);
  if (!isIsoDate(given)) {
    throw bad(
      `首个还款日无效：“${String(given)}”（应为 YYYY-MM-DD 格式的有效日期）`,
      `Invalid first due date "${String(given)}" (expected a valid YYYY-MM-DD date)`,
    );
  }
  if (terms.method === 'bullet') {
    throw bad(
      '到期一次还本付息只有一个还款日（到期日），不能指定首个还款日',
      'A bullet loan has a single due date (maturity); a first due date cannot be given',
    );
  }
  const period = MONTHS_PER_PERIOD[interestPeriod ?? 'monthly'];
  const regular = addMonthsClamped(terms.start, period);
  // The regular date is computed from the start like every other one, so it is
  // dropped rather than used as a new anchor (which would let a clamp drift: a
  // 01-31 start and a "first due date" 02-29 must still give 03-31).
  if (given === regular) return undefined;
  const limit = addMonthsClamped(terms.start, 2 * period);
  if (given <= terms.start || given >= limit) {
    throw bad(
      `首个还款日必须晚于起息日 ${terms.start}，且早于 ${limit}（首期不足两个正常期）`,
      `The first due date must be after the start ${terms.start} and before ${limit} (a first period shorter than two regular periods)`,
    );
  }
  if (terms.method === 'interest-only' && given > addMonthsClamped(terms.start, terms.months)) {
    throw bad('首个结息日不能晚于到期日', 'The first interest date cannot be after maturity');
  }
  return given;
}

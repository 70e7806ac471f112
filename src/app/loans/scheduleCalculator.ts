import { z } from 'zod';
import { parseIsoDate, type IsoDate } from '../../core/calendarDate.ts';
import { DAY_COUNT_CONVENTIONS, type DayCountConvention } from '../../core/dayCount.ts';
import { DomainError } from '../../core/errors.ts';
import { yuanToFen, type Fen } from '../../core/money.ts';
import { parseRate, rateToString, type Rate } from '../../core/rate.ts';
import { ROUNDING_MODES, type RoundingMode } from '../../core/rounding.ts';
import {
  buildSchedule,
  INTEREST_PERIODS,
  MAX_SCHEDULE_MONTHS,
  REPAYMENT_METHODS,
  type InterestPeriod,
  type RepaymentMethod,
  type Schedule,
  type ScheduleTerms,
} from '../../core/schedule/index.ts';
import { AppError } from '../errors.ts';

/**
 * The schedule calculator behind `jinfu loan schedule` (and, later, the API): text
 * inputs as a person types them (yuan, percent, dates) in, a schedule exact to the
 * fen out. Every refusal is an AppError of kind 'invalid' naming the input field
 * (principal, annualRate, months, method, start, interestPeriod, dayCount, rounding,
 * firstDueDate, graceMonths), in Chinese and English.
 */

export interface ScheduleRequest {
  /** Yuan, at most two decimals: '50000', '364.17'. */
  readonly principal?: string;
  /** Percent per year: '4.75' (a trailing '%' is accepted). */
  readonly annualRate?: string;
  /** Whole months: '36'. */
  readonly months?: string;
  readonly method?: string;
  /** YYYY-MM-DD. */
  readonly start?: string;
  readonly interestPeriod?: string;
  readonly dayCount?: string;
  readonly rounding?: string;
  readonly firstDueDate?: string;
  /** Whole months of interest only before the method amortises: '6'. */
  readonly graceMonths?: string;
}

// Messages travel through zod packed as JSON so each issue keeps both languages.
const pack = (zh: string, en: string): string => JSON.stringify({ zh, en });

/** A text field parsed by a core parser; its DomainError becomes the field's issue. */
function parsed<T>(parse: (text: string) => T) {
  return z.string().transform((value, ctx): T => {
    try {
      return parse(value.trim());
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      ctx.addIssue({ code: 'custom', message: pack(e.message_zh, e.message_en) });
      return z.NEVER;
    }
  });
}

function oneOf<T extends string>(values: readonly T[], zhName: string, enName: string) {
  return parsed((text): T => {
    if ((values as readonly string[]).includes(text)) return text as T;
    throw new DomainError({
      code: 'INVALID_CHOICE',
      message_zh: `${zhName}无效：“${text}”（应为 ${values.join('、')} 之一）`,
      message_en: `Invalid ${enName} "${text}" (expected one of ${values.join(', ')})`,
    });
  });
}

const MONTHS_TEXT = /^\d{1,6}$/;

/** Whole months as typed; the range is the core's to check against the term. */
function wholeMonths(code: string, zhName: string, enName: string, min: number) {
  return parsed((t): number => {
    if (!MONTHS_TEXT.test(t)) {
      throw new DomainError({
        code,
        message_zh: `${zhName}无效：“${t}”（应为 ${String(min)} 到 ${String(MAX_SCHEDULE_MONTHS)} 之间的整数）`,
        message_en: `Invalid ${enName} "${t}" (expected a whole number of months from ${String(min)} to ${String(MAX_SCHEDULE_MONTHS)})`,
      });
    }
    return Number(t);
  });
}

const requestSchema = z.object({
  principal: parsed((t): Fen => yuanToFen(t)),
  annualRate: parsed((t): Rate => parseRate(t.endsWith('%') ? t.slice(0, -1).trimEnd() : t)),
  months: wholeMonths('SCHEDULE_MONTHS_INVALID', '期限月数', 'term', 1),
  method: oneOf<RepaymentMethod>(REPAYMENT_METHODS, '还款方式', 'repayment method'),
  start: parsed((t): IsoDate => parseIsoDate(t)),
  interestPeriod: oneOf<InterestPeriod>(INTEREST_PERIODS, '结息周期', 'interest period').optional(),
  dayCount: oneOf<DayCountConvention>(
    DAY_COUNT_CONVENTIONS,
    '计息天数规则',
    'day-count convention',
  ).optional(),
  rounding: oneOf<RoundingMode>(ROUNDING_MODES, '舍入规则', 'rounding rule').optional(),
  firstDueDate: parsed((t): IsoDate => parseIsoDate(t)).optional(),
  graceMonths: wholeMonths('SCHEDULE_GRACE_INVALID', '宽限期月数', 'grace period', 0).optional(),
});

function unpack(message: string): { zh: string; en: string } | null {
  try {
    const own = JSON.parse(message) as { zh?: unknown; en?: unknown } | null;
    if (typeof own?.zh === 'string' && typeof own.en === 'string')
      return { zh: own.zh, en: own.en };
  } catch {
    // not one of ours: zod's own wording
  }
  return null;
}

function issueToAppError(issue: z.core.$ZodIssue): AppError {
  const field = String(issue.path[0] ?? '(input)');
  const own = unpack(issue.message);
  if (own !== null) return new AppError('invalid', 'invalid_input', own.zh, own.en, field);
  // Only zod's type check is left: a field that is missing or is not text.
  return issue.code === 'invalid_type' && issue.input === undefined
    ? new AppError('invalid', 'required', '必须填写此项', 'This field is required', field)
    : new AppError('invalid', 'invalid_input', '必须是文本', 'Must be text', field);
}

/** Parses the text inputs into schedule terms; refusals name the field. */
export function parseScheduleRequest(request: ScheduleRequest): ScheduleTerms {
  const result = requestSchema.safeParse(request);
  if (!result.success) throw issueToAppError(result.error.issues[0]!);
  const { interestPeriod, dayCount, rounding, firstDueDate, graceMonths, ...required } =
    result.data;
  return {
    ...required,
    ...(interestPeriod === undefined ? {} : { interestPeriod }),
    ...(dayCount === undefined ? {} : { dayCount }),
    ...(rounding === undefined ? {} : { rounding }),
    ...(firstDueDate === undefined ? {} : { firstDueDate }),
    ...(graceMonths === undefined ? {} : { graceMonths }),
  };
}

/** Parses the request and builds the schedule; core refusals become AppErrors. */
export function calculateSchedule(request: ScheduleRequest): Schedule {
  const terms = parseScheduleRequest(request);
  try {
    return buildSchedule(terms);
  } catch (e) {
    if (e instanceof DomainError) {
      throw new AppError('invalid', e.code, e.message_zh, e.message_en, e.field);
    }
    throw e;
  }
}

/** The wire form: amounts in integer fen, the rate as its decimal text in percent. */
export interface ScheduleJson {
  readonly terms: {
    readonly principal: number;
    readonly annualRate: string;
    readonly months: number;
    readonly method: RepaymentMethod;
    readonly start: string;
    readonly interestPeriod?: InterestPeriod;
    readonly dayCount: DayCountConvention;
    readonly rounding: RoundingMode;
    readonly firstDueDate?: string;
    readonly graceMonths?: number;
  };
  /** equal-instalment: the regular monthly payment in fen. */
  readonly instalment?: number;
  readonly maturityDate: string;
  readonly rows: readonly {
    readonly n: number;
    readonly periodStart: string;
    readonly dueDate: string;
    readonly principal: number;
    readonly interest: number;
    readonly total: number;
    /** Principal still owed after the instalment. */
    readonly balance: number;
  }[];
  readonly totals: {
    readonly principal: number;
    readonly interest: number;
    readonly total: number;
  };
}

export function scheduleToJson(schedule: Schedule): ScheduleJson {
  const t = schedule.terms;
  return {
    terms: {
      principal: t.principal,
      annualRate: rateToString(t.annualRate),
      months: t.months,
      method: t.method,
      start: t.start,
      ...(t.interestPeriod === undefined ? {} : { interestPeriod: t.interestPeriod }),
      dayCount: t.dayCount,
      rounding: t.rounding,
      ...(t.firstDueDate === undefined ? {} : { firstDueDate: t.firstDueDate }),
      ...(t.graceMonths === undefined ? {} : { graceMonths: t.graceMonths }),
    },
    ...(schedule.instalment === undefined ? {} : { instalment: schedule.instalment }),
    maturityDate: schedule.maturityDate,
    rows: schedule.rows.map((r) => ({
      n: r.n,
      periodStart: r.periodStart,
      dueDate: r.dueDate,
      principal: r.principal,
      interest: r.interest,
      total: r.total,
      balance: r.balanceAfter,
    })),
    totals: { ...schedule.totals },
  };
}

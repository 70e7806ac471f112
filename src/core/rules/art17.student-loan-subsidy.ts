import { z } from 'zod';
import {
  addDays,
  addMonthsClamped,
  daysBetween,
  maxDate,
  minDate,
  type IsoDate,
} from '../calendarDate.ts';
import { DEFAULT_DAY_COUNT, dayCountConventionSchema } from '../dayCount.ts';
import { fenToYuanString, type Fen } from '../money.ts';
import { rateToString } from '../rate.ts';
import { BENCHMARK_BASES, REFERENCE_RATE_KINDS } from '../rateTable.ts';
import { roundFen } from '../rounding.ts';
import { condition, defineRule, type Amount, type FailedCondition, type Output } from './rule.ts';
import {
  dateSchema,
  inclusivePeriodSchema,
  percentSchema,
  termMonthsSchema,
  yuanSchema,
} from './schemas.ts';
import { pct, Reads, yuan, type ReferenceQuery } from './support/context.ts';
import { subsidisedInterestExact } from './support/interest.ts';
import { finish, intOut, pay } from './support/result.ts';

/**
 * Art. 17, student loans from the place of origin (生源地信用助学贷款).
 *
 * 继续推进实施“基准利率、无需抵押担保、期限最长可至20年”的生源地信用助学贷款，普通高校学生在校期间由财政
 * 全额贴息，毕业后三年宽限期内只需付息不需还本。
 *
 * Decision (documented in policy/tests/art17.student-loan-subsidy.yaml): the text
 * subsidises interest only while the student is in school (全额 = 100 %); in the 3-year
 * grace period after graduation the student "只需付息" — pays the interest — so the grace
 * share defaults to 0 % (parameter art17.grace-period.subsidy-share); after the grace
 * period there is nothing. A period is split by day: days up to and including
 * `inSchoolUntil` are in school, then `grace-period.years` years of grace. Interest
 * is recomputed at min(contract rate, benchmark) as the loan is "基准利率" by
 * definition. The text says 财政 without a level; the payer is the district treasury,
 * the document's own (区财政局 is the responsible unit). Paid to the lending bank.
 */

const ID = 'art17.student-loan-subsidy';
const ARTICLE = 'art. 17';
const IN_SCHOOL = condition(
  ARTICLE,
  'in-school',
  '计息期内学生不在校（宽限期内只需付息，财政不贴息）',
  'The student is not in school during the period (in the grace period the student pays the interest)',
);
const TERM = condition(ARTICLE, 'term', '贷款期限超过20年', 'The term is longer than 20 years');
const WITHIN_TERM = condition(
  ARTICLE,
  'within-term',
  '计息期超出贷款期限',
  'The period is outside the loan term',
);

const inputSchema = z.strictObject({
  loan: z.strictObject({
    principal: yuanSchema,
    contractDate: dateSchema,
    termMonths: termMonthsSchema,
    contractRate: percentSchema,
    dayCount: dayCountConventionSchema.optional(),
  }),
  /** Last day the student is in school (graduation). */
  inSchoolUntil: dateSchema,
  period: inclusivePeriodSchema,
});
export type Art17StudentInput = z.output<typeof inputSchema>;

/** Overlap of [a, b) and [c, d) as [start, end), possibly empty. */
function overlap(a: IsoDate, b: IsoDate, c: IsoDate, d: IsoDate): [IsoDate, IsoDate] {
  const s = maxDate(a, c);
  const e = minDate(b, d);
  return e > s ? [s, e] : [s, s];
}

export const art17StudentLoanSubsidy = defineRule<Art17StudentInput>({
  id: ID,
  article: ARTICLE,
  title_zh: '生源地信用助学贷款在校期间贴息',
  title_en: 'Student loan interest subsidy while in school',
  articleText:
    '继续推进实施“基准利率、无需抵押担保、期限最长可至20年”的生源地信用助学贷款，普通高校学生在校期间由财政全额贴息，毕业后三年宽限期内只需付息不需还本。',
  inputSchema,
  parameterIds: [
    'art17.in-school.subsidy-share',
    'art17.grace-period.subsidy-share',
    'art17.grace-period.years',
    'art17.student-loan.max-term-years',
    'conventions.benchmark-basis',
    'conventions.reference-rate',
    'conventions.subsidy-rounding',
  ],
  evaluate(input, ctx) {
    const reads = new Reads(ctx, 'period.to');
    const loan = input.loan;
    const on = input.period.to;
    const start = input.period.from;
    const end = addDays(input.period.to, 1);
    const dayCount = loan.dayCount ?? DEFAULT_DAY_COUNT;
    const failed: FailedCondition[] = [];
    if (loan.termMonths > reads.integer('art17.student-loan.max-term-years', on) * 12)
      failed.push(TERM);
    if (start < loan.contractDate || end > addMonthsClamped(loan.contractDate, loan.termMonths)) {
      failed.push(WITHIN_TERM);
    }

    const schoolEnd = addDays(input.inSchoolUntil, 1);
    const graceYears = reads.integer('art17.grace-period.years', on);
    const graceEnd = addDays(addMonthsClamped(input.inSchoolUntil, graceYears * 12), 1);
    const [s1, e1] = overlap(start, end, start, schoolEnd);
    const [s2, e2] = overlap(start, end, schoolEnd, graceEnd);
    const inSchoolDays = daysBetween(s1, e1);
    const graceDays = daysBetween(s2, e2);

    const schoolShare = reads.rate('art17.in-school.subsidy-share', on);
    const graceShare = reads.rate('art17.grace-period.subsidy-share', on);
    if (inSchoolDays === 0 && (graceDays === 0 || graceShare === 0)) failed.push(IN_SCHOOL);

    const rounding = reads.rounding(on);
    const basis = reads.choice('conventions.benchmark-basis', on, BENCHMARK_BASES);
    const kind = reads.choice('conventions.reference-rate', on, REFERENCE_RATE_KINDS);
    const query: ReferenceQuery = {
      termMonths: loan.termMonths,
      contractDate: loan.contractDate,
      accrualDate: start,
      contractField: 'loan.contractDate',
      accrualField: 'period.from',
      on,
    };
    const terms = { principal: loan.principal, contractRate: loan.contractRate, dayCount };
    const school = subsidisedInterestExact(reads, query, basis, kind, terms, s1, e1);
    const grace = subsidisedInterestExact(reads, query, basis, kind, terms, s2, e2);
    // Both pieces share one day-count denominator (or are empty, denominator 1).
    const den = school.denominator > grace.denominator ? school.denominator : grace.denominator;
    const num =
      school.numerator * (den / school.denominator) * BigInt(schoolShare) +
      grace.numerator * (den / grace.denominator) * BigInt(graceShare);
    const subsidy: Fen = roundFen(num, den * 10_000_000_000n, rounding);
    const paid = failed.length === 0 ? subsidy : (0 as Fen);
    reads.step(() => ({
      zh: `在校 ${String(inSchoolDays)} 天 × ${pct(schoolShare)}，宽限期 ${String(graceDays)} 天 × ${pct(graceShare)}：贴息 ${yuan(paid)}`,
      en: `In school ${String(inSchoolDays)} days × ${pct(schoolShare)}, grace ${String(graceDays)} days × ${pct(graceShare)}: subsidy ${yuan(paid)}`,
      value: yuan(paid),
    }));

    const amounts: Amount[] = [
      pay(
        'district',
        'bank',
        paid,
        '助学贷款在校期间贴息',
        'Student loan in-school interest subsidy',
      ),
    ];
    const outputs: Output[] = [
      intOut('inSchoolDays', inSchoolDays, '在校天数', 'Days in school'),
      intOut('graceDays', graceDays, '宽限期天数', 'Days in the grace period'),
    ];
    return finish({ id: ID, article: ARTICLE }, reads, amounts, failed, outputs, () => ({
      formula: {
        zh: '贴息 = 在校期间天数的利息 × 100%（宽限期只需付息，默认不贴息）',
        en: 'Subsidy = interest of the days in school × 100 % (grace period: the student pays, no subsidy by default)',
      },
      inputs: {
        loan: {
          principal: fenToYuanString(loan.principal),
          contractDate: loan.contractDate,
          termMonths: loan.termMonths,
          contractRate: rateToString(loan.contractRate),
          dayCount,
        },
        inSchoolUntil: input.inSchoolUntil,
        period: input.period,
      },
    }));
  },
});

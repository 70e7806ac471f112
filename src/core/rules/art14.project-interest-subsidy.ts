import { z } from 'zod';
import { accrueInterest } from '../accrual.ts';
import { addDays, addMonthsClamped } from '../calendarDate.ts';
import { DEFAULT_DAY_COUNT, dayCountConventionSchema } from '../dayCount.ts';
import { fen, fenToYuanString, minFen, type Fen } from '../money.ts';
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
import { pct, Reads, yuan } from './support/context.ts';
import { subsidisedInterestExact } from './support/interest.ts';
import { fenOut, finish, pay } from './support/result.ts';

/**
 * Art. 14, interest subsidy for industry poverty-alleviation projects.
 *
 * 对解决贫困户温饱、增加收入有带动和扶持作用的农业产业化龙头企业的产业扶贫项目、符合条件的新型农业经营主体
 * 带动贫困户增收的产业贷款项目，区财政给予最大单个主体不超过200万元的贴息补助。
 *
 * POLICY.md: the text gives no rate, so the subsidy is the project loan's interest for
 * the period at min(contract rate, benchmark) × a share (default 100 %), rounded once;
 * the cap is per entity across all its projects (lifetime by default, or per calendar
 * year: `subsidiesAlreadyGranted` is what the entity already received within that
 * scope). Parameters are read for the last day of the period.
 */

const ID = 'art14.project-interest-subsidy';
const ARTICLE = 'art. 14';

const ENTITY_KIND = condition(
  ARTICLE,
  'entity-kind',
  '主体不是农业产业化龙头企业或新型农业经营主体',
  'The entity is neither a leading agricultural enterprise nor a new agricultural operator',
);
const LINKAGE = condition(
  ARTICLE,
  'poor-household-linkage',
  '项目对贫困户温饱、增收没有带动和扶持作用',
  'The project does not raise poor households’ income',
);
const ENTITY_CAP = condition(
  ARTICLE,
  'entity-cap',
  '该主体贴息补助已达200万元上限',
  'The entity has reached the 2,000,000 cap',
);
const WITHIN_TERM = condition(
  ARTICLE,
  'within-term',
  '计息期超出贷款期限',
  'The period is outside the loan term',
);

const inputSchema = z.strictObject({
  entity: z.strictObject({
    kind: z.enum(['leading-enterprise', 'new-agricultural-operator', 'other']),
    drivesPoorHouseholdIncome: z.boolean(),
  }),
  loan: z.strictObject({
    principal: yuanSchema,
    contractDate: dateSchema,
    termMonths: termMonthsSchema,
    contractRate: percentSchema,
    dayCount: dayCountConventionSchema.optional(),
  }),
  period: inclusivePeriodSchema,
  /** Art. 14 subsidies the entity already received (all projects, within the cap scope). */
  subsidiesAlreadyGranted: yuanSchema,
});
export type Art14Input = z.output<typeof inputSchema>;

export const art14ProjectInterestSubsidy = defineRule<Art14Input>({
  id: ID,
  article: ARTICLE,
  title_zh: '产业扶贫项目贷款贴息',
  title_en: 'Industry project loan interest subsidy',
  articleText:
    '对解决贫困户温饱、增加收入有带动和扶持作用的农业产业化龙头企业的产业扶贫项目、符合条件的新型农业经营主体带动贫困户增收的产业贷款项目，区财政给予最大单个主体不超过200万元的贴息补助。',
  inputSchema,
  parameterIds: [
    'art14.project-subsidy.share',
    'art14.project-subsidy.max-per-entity',
    'art14.project-subsidy.cap-scope',
    'conventions.benchmark-basis',
    'conventions.reference-rate',
    'conventions.lpr-switch-date',
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
    if (input.entity.kind === 'other') failed.push(ENTITY_KIND);
    if (!input.entity.drivesPoorHouseholdIncome) failed.push(LINKAGE);
    if (start < loan.contractDate || end > addMonthsClamped(loan.contractDate, loan.termMonths)) {
      failed.push(WITHIN_TERM);
    }

    const rounding = reads.rounding(on);
    const basis = reads.choice('conventions.benchmark-basis', on, BENCHMARK_BASES);
    const kind = reads.choice('conventions.reference-rate', on, REFERENCE_RATE_KINDS);
    const exact = subsidisedInterestExact(
      reads,
      {
        termMonths: loan.termMonths,
        contractDate: loan.contractDate,
        accrualDate: start,
        contractField: 'loan.contractDate',
        accrualField: 'period.from',
        on,
      },
      basis,
      kind,
      { principal: loan.principal, contractRate: loan.contractRate, dayCount },
      start,
      end,
    );
    const share = reads.rate('art14.project-subsidy.share', on);
    // × share (percent, in 1e-8 units): one exact product, rounded once.
    const uncapped: Fen = roundFen(
      exact.numerator * BigInt(share),
      exact.denominator * 10_000_000_000n,
      rounding,
    );
    const cap = reads.fen('art14.project-subsidy.max-per-entity', on);
    const scope = reads.choice('art14.project-subsidy.cap-scope', on, [
      'entity-lifetime',
      'entity-per-year',
    ] as const);
    const remaining: Fen = fen(Math.max(0, cap - input.subsidiesAlreadyGranted));
    if (remaining === 0) failed.push(ENTITY_CAP);
    const paid: Fen = failed.length === 0 ? minFen(uncapped, remaining) : (0 as Fen);
    reads.step(() => ({
      zh: `应贴息 = 利息 × ${pct(share)} = ${yuan(uncapped)}；上限 ${yuan(cap)}（${scope}）− 已补贴 ${yuan(input.subsidiesAlreadyGranted)} = 尚余 ${yuan(remaining)}；实付 ${yuan(paid)}`,
      en: `Subsidy = interest × ${pct(share)} = ${yuan(uncapped)}; cap ${yuan(cap)} (${scope}) − already granted ${yuan(input.subsidiesAlreadyGranted)} = ${yuan(remaining)} left; paid ${yuan(paid)}`,
      value: yuan(paid),
    }));

    const amounts: Amount[] = [
      pay('district', 'entity', paid, '产业扶贫项目贴息', 'Industry project interest subsidy'),
    ];
    const outputs: Output[] = [
      fenOut(
        'interestCharged',
        accrueInterest({
          principal: loan.principal,
          annualRate: loan.contractRate,
          start,
          end,
          dayCount,
        }),
        '按合同利率计算的利息',
        'Interest at the contract rate',
      ),
      fenOut('uncappedSubsidy', uncapped, '封顶前贴息', 'Subsidy before the cap'),
      fenOut('capRemaining', remaining, '本次前剩余额度', 'Cap remaining before this payment'),
    ];
    return finish({ id: ID, article: ARTICLE }, reads, amounts, failed, outputs, () => ({
      formula: {
        zh: '贴息 = 项目贷款利息按 min(合同利率, 同期基准利率) 计 × 贴息比例；单个主体累计不超过200万元',
        en: 'Subsidy = project loan interest at min(contract rate, benchmark) × share; at most 2,000,000 per entity in total',
      },
      inputs: {
        entity: input.entity,
        loan: {
          principal: fenToYuanString(loan.principal),
          contractDate: loan.contractDate,
          termMonths: loan.termMonths,
          contractRate: rateToString(loan.contractRate),
          dayCount,
        },
        period: input.period,
        subsidiesAlreadyGranted: fenToYuanString(input.subsidiesAlreadyGranted),
      },
    }));
  },
});

import { z } from 'zod';
import { fenToYuanString } from '../money.ts';
import { RATE_UNITS_PER_PERCENT, rateFromUnits, rateToString } from '../rate.ts';
import { condition, defineRule, type FailedCondition } from './rule.ts';
import { addBilingualIssue } from './schemas.ts';
import { pct } from './support/context.ts';
import {
  evaluateIncentive,
  guaranteeSchema,
  incentiveConditions,
  mortgageLoanSchema,
  settlementYearSchema,
} from './support/mortgageIncentive.ts';
import { rateOut } from './support/result.ts';

/**
 * Art. 15, incentives for mortgage loans to employers of poor people.
 *
 * 对2015年8月1日以后按优惠利率（不高于同期贷款基准利率2个百分点）向吸纳贫困人口就业达到20%以上的农业企业、
 * 农民合作社发放抵押贷款的信贷机构，按每年末该类贷款余额的1%给予贴息；融资担保机构提供该类贷款担保且按不
 * 高于2%收取担保费的，按每年该类新增担保发生额的0.5%给予补贴。
 *
 * "达到20%以上" includes exactly 20 % (Chinese statutory usage: 以上 includes the figure),
 * compared exactly: poor × 100 ≥ 20 × workers.
 */

const ID = 'art15.employer-mortgage-incentive';
const ARTICLE = 'art. 15';
const CONDITIONS = incentiveConditions(ARTICLE);
const BORROWER_KIND = condition(
  ARTICLE,
  'borrower-kind',
  '借款人不是农业企业或农民合作社',
  'The borrower is neither an agricultural enterprise nor a farmers’ cooperative',
);
const POOR_SHARE = condition(
  ARTICLE,
  'poor-workforce-share',
  '吸纳贫困人口就业未达到20%',
  'Registered poor people are less than 20 % of the workforce',
);

const inputSchema = z.strictObject({
  year: settlementYearSchema,
  borrower: z
    .strictObject({
      kind: z.enum(['agricultural-enterprise', 'cooperative', 'other']),
      workers: z.number().int().min(1),
      registeredPoorWorkers: z.number().int().min(0),
    })
    .superRefine((b, ctx) => {
      if (b.registeredPoorWorkers > b.workers) {
        addBilingualIssue(
          ctx,
          ['registeredPoorWorkers'],
          'INPUT_INCONSISTENT',
          `贫困人口就业人数（${String(b.registeredPoorWorkers)}）多于职工总数（${String(b.workers)}）`,
          `More poor workers (${String(b.registeredPoorWorkers)}) than workers (${String(b.workers)})`,
        );
      }
    }),
  loan: mortgageLoanSchema,
  guarantee: guaranteeSchema.optional(),
});
export type Art15Input = z.output<typeof inputSchema>;

export const art15EmployerMortgageIncentive = defineRule<Art15Input>({
  id: ID,
  article: ARTICLE,
  title_zh: '吸纳贫困人口就业的农业企业、合作社抵押贷款贴息和担保补贴',
  title_en: 'Mortgage loans to employers of poor people: lender and guarantor incentives',
  articleText:
    '对2015年8月1日以后按优惠利率（不高于同期贷款基准利率2个百分点）向吸纳贫困人口就业达到20%以上的农业企业、农民合作社发放抵押贷款的信贷机构，按每年末该类贷款余额的1%给予贴息；融资担保机构提供该类贷款担保且按不高于2%收取担保费的，按每年该类新增担保发生额的0.5%给予补贴。',
  inputSchema,
  parameterIds: [
    'art15.grant-date-from',
    'art15.grant-date-inclusive',
    'art15.rate-cap-points-over-benchmark',
    'art15.poor-employee-share-min',
    'art15.lender-subsidy.share-of-year-end-balance',
    'art15.guarantor.max-fee-rate',
    'art15.guarantor-subsidy.share-of-new-guarantees',
    'conventions.benchmark-basis',
    'conventions.reference-rate',
    'conventions.subsidy-rounding',
  ],
  evaluate(input, ctx) {
    const b = input.borrower;
    // Share in rate units (1e-8 %), truncated: only for display; the test is exact.
    const share = rateFromUnits(
      Number(
        (BigInt(b.registeredPoorWorkers) * 100n * BigInt(RATE_UNITS_PER_PERCENT)) /
          BigInt(b.workers),
      ),
    );
    return evaluateIncentive(
      { id: ID, article: ARTICLE, prefix: 'art15' },
      CONDITIONS,
      input,
      ctx,
      (reads, on) => {
        const failed: FailedCondition[] = [];
        if (b.kind === 'other') failed.push(BORROWER_KIND);
        const min = reads.rate('art15.poor-employee-share-min', on);
        // poor / workers ≥ min %  ⇔  poor × 100 × units ≥ min(units) × workers, exactly.
        if (
          BigInt(b.registeredPoorWorkers) * 100n * BigInt(RATE_UNITS_PER_PERCENT) <
          BigInt(min) * BigInt(b.workers)
        ) {
          failed.push(POOR_SHARE);
        }
        reads.step(() => ({
          zh: `贫困人口就业 ${String(b.registeredPoorWorkers)} / ${String(b.workers)} = ${pct(share)}（下限 ${pct(min)}）`,
          en: `Poor workers ${String(b.registeredPoorWorkers)} / ${String(b.workers)} = ${pct(share)} (minimum ${pct(min)})`,
        }));
        return failed;
      },
      () => [
        rateOut(
          'poorWorkforceShare',
          share,
          '贫困人口就业占比',
          'Share of registered poor workers',
        ),
      ],
      () => ({
        year: input.year,
        borrower: b,
        loan: {
          ...input.loan,
          contractRate: rateToString(input.loan.contractRate),
          yearEndBalance: fenToYuanString(input.loan.yearEndBalance),
        },
        ...(input.guarantee === undefined
          ? {}
          : {
              guarantee: {
                feeRate: rateToString(input.guarantee.feeRate),
                newAmountInYear: fenToYuanString(input.guarantee.newAmountInYear),
              },
            }),
      }),
    );
  },
});

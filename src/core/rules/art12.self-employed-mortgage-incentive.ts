import { z } from 'zod';
import { fenToYuanString } from '../money.ts';
import { rateToString } from '../rate.ts';
import { condition, defineRule, type FailedCondition } from './rule.ts';
import {
  evaluateIncentive,
  guaranteeSchema,
  incentiveConditions,
  mortgageLoanSchema,
  settlementYearSchema,
} from './support/mortgageIncentive.ts';

/**
 * Art. 12, incentives for mortgage loans to self-employed poor households.
 *
 * 对2015年8月1日以后按优惠利率（不高于同期贷款基准利率2个百分点）向自主创业的贫困户发放抵押贷款的信贷机构，
 * 按每年末该类贷款余额的1%给予贴息；融资担保机构提供该类贷款担保且按不高于2%收取担保费的，按每年该类新增
 * 担保发生额的0.5%给予补贴。
 *
 * 贫困户 is read as a registered poor household (建档立卡), as elsewhere in the text.
 */

const ID = 'art12.self-employed-mortgage-incentive';
const ARTICLE = 'art. 12';
const CONDITIONS = incentiveConditions(ARTICLE);
const REGISTERED_POOR = condition(
  ARTICLE,
  'registered-poor',
  '借款人不是贫困户',
  'The borrower is not a registered poor household',
);
const SELF_EMPLOYED = condition(
  ARTICLE,
  'self-employed',
  '借款人不是自主创业的贫困户',
  'The borrower household is not self-employed',
);

const inputSchema = z.strictObject({
  year: settlementYearSchema,
  borrower: z.strictObject({ registeredPoor: z.boolean(), selfEmployed: z.boolean() }),
  loan: mortgageLoanSchema,
  guarantee: guaranteeSchema.optional(),
});
export type Art12Input = z.output<typeof inputSchema>;

export const art12SelfEmployedMortgageIncentive = defineRule<Art12Input>({
  id: ID,
  article: ARTICLE,
  title_zh: '自主创业贫困户抵押贷款贴息和担保补贴',
  title_en: 'Mortgage loans to self-employed poor households: lender and guarantor incentives',
  articleText:
    '对2015年8月1日以后按优惠利率（不高于同期贷款基准利率2个百分点）向自主创业的贫困户发放抵押贷款的信贷机构，按每年末该类贷款余额的1%给予贴息；融资担保机构提供该类贷款担保且按不高于2%收取担保费的，按每年该类新增担保发生额的0.5%给予补贴。',
  inputSchema,
  parameterIds: [
    'art12.grant-date-from',
    'art12.grant-date-inclusive',
    'art12.rate-cap-points-over-benchmark',
    'art12.lender-subsidy.share-of-year-end-balance',
    'art12.guarantor.max-fee-rate',
    'art12.guarantor-subsidy.share-of-new-guarantees',
    'conventions.benchmark-basis',
    'conventions.reference-rate',
    'conventions.subsidy-rounding',
  ],
  evaluate(input, ctx) {
    return evaluateIncentive(
      { id: ID, article: ARTICLE, prefix: 'art12' },
      CONDITIONS,
      input,
      ctx,
      () => {
        const failed: FailedCondition[] = [];
        if (!input.borrower.registeredPoor) failed.push(REGISTERED_POOR);
        if (!input.borrower.selfEmployed) failed.push(SELF_EMPLOYED);
        return failed;
      },
      () => [],
      () => ({
        year: input.year,
        borrower: input.borrower,
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

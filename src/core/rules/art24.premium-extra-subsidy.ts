import { z } from 'zod';
import { fen, fenToYuanString, minFen, type Fen } from '../money.ts';
import { percentOf } from '../percentOf.ts';
import { condition, defineRule, type Amount, type FailedCondition } from './rule.ts';
import { addBilingualIssue, dateSchema, yuanSchema } from './schemas.ts';
import { pct, Reads, yuan } from './support/context.ts';
import { fenOut, finish, pay } from './support/result.ts';

/**
 * Art. 24, extra premium subsidy for registered poor households.
 *
 * 对中央财政保费补贴范围的农业保险，在落实农业保险保费补贴政策的基础上，对建卡贫困户承担的保费再补贴5%。
 *
 * POLICY.md default: extra = 5 % of the total premium, taken off the household's share
 * and never more than that share; configurable to 5 % of the household's share. Paid
 * by the district to the insurer on the household's behalf.
 */

const ID = 'art24.premium-extra-subsidy';
const ARTICLE = 'art. 24';
const POOR = condition(
  ARTICLE,
  'registered-poor',
  '投保人不是建卡贫困户',
  'The insured is not a registered poor household',
);
const CENTRAL = condition(
  ARTICLE,
  'central-subsidy-product',
  '该险种不在中央财政保费补贴范围内',
  'The insurance is not in the central premium-subsidy scope',
);
const SHARE = condition(
  ARTICLE,
  'household-share',
  '农户自担保费为零',
  'The household bears no premium',
);

const inputSchema = z
  .strictObject({
    premiumDate: dateSchema,
    totalPremium: yuanSchema,
    /** Central, city and district premium subsidies already applied. */
    otherSubsidies: yuanSchema,
    registeredPoor: z.boolean(),
    centralSubsidyProduct: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.otherSubsidies > v.totalPremium) {
      addBilingualIssue(
        ctx,
        ['otherSubsidies'],
        'INPUT_INCONSISTENT',
        '已有保费补贴超过保费总额',
        'The subsidies already applied exceed the premium',
      );
    }
  });
export type Art24Input = z.output<typeof inputSchema>;

export const art24PremiumExtraSubsidy = defineRule<Art24Input>({
  id: ID,
  article: ARTICLE,
  title_zh: '建卡贫困户农业保险保费再补贴',
  title_en: 'Extra agricultural insurance premium subsidy for registered poor households',
  articleText:
    '对中央财政保费补贴范围的农业保险，在落实农业保险保费补贴政策的基础上，对建卡贫困户承担的保费再补贴5%。',
  inputSchema,
  parameterIds: [
    'art24.extra-premium-subsidy.share',
    'art24.extra-premium-subsidy.basis',
    'conventions.subsidy-rounding',
  ],
  evaluate(input, ctx) {
    const reads = new Reads(ctx, 'premiumDate');
    const on = input.premiumDate;
    const failed: FailedCondition[] = [];
    if (!input.registeredPoor) failed.push(POOR);
    if (!input.centralSubsidyProduct) failed.push(CENTRAL);
    const householdShare: Fen = fen(input.totalPremium - input.otherSubsidies);
    if (householdShare === 0) failed.push(SHARE);
    const share = reads.rate('art24.extra-premium-subsidy.share', on);
    const basis = reads.choice('art24.extra-premium-subsidy.basis', on, [
      'total-premium',
      'household-share',
    ] as const);
    const rounding = reads.rounding(on);
    const extra: Fen =
      failed.length > 0
        ? (0 as Fen)
        : basis === 'total-premium'
          ? minFen(percentOf(input.totalPremium, share, rounding), householdShare)
          : percentOf(householdShare, share, rounding);
    reads.step(() => ({
      zh: `自担保费 ${yuan(input.totalPremium)} − ${yuan(input.otherSubsidies)} = ${yuan(householdShare)}；再补贴 ${basis === 'total-premium' ? `min(${yuan(input.totalPremium)} × ${pct(share)}, 自担部分)` : `${yuan(householdShare)} × ${pct(share)}`} = ${yuan(extra)}`,
      en: `Household share ${yuan(input.totalPremium)} − ${yuan(input.otherSubsidies)} = ${yuan(householdShare)}; extra ${basis === 'total-premium' ? `min(${yuan(input.totalPremium)} × ${pct(share)}, household share)` : `${yuan(householdShare)} × ${pct(share)}`} = ${yuan(extra)}`,
      value: yuan(extra),
    }));
    const amounts: Amount[] = [
      pay('district', 'insurer', extra, '建卡贫困户保费再补贴', 'Extra premium subsidy'),
    ];
    return finish(
      { id: ID, article: ARTICLE },
      reads,
      amounts,
      failed,
      [
        fenOut('householdShare', householdShare, '农户自担保费', 'Premium borne by the household'),
        fenOut(
          'householdPays',
          fen(householdShare - extra),
          '农户实缴保费',
          'Premium the household pays',
        ),
      ],
      () => ({
        formula: {
          zh: '再补贴 = min(保费总额 × 5%, 农户自担保费)（默认口径）',
          en: 'Extra = min(total premium × 5 %, household share) (default reading)',
        },
        inputs: {
          premiumDate: on,
          totalPremium: fenToYuanString(input.totalPremium),
          otherSubsidies: fenToYuanString(input.otherSubsidies),
          registeredPoor: input.registeredPoor,
          centralSubsidyProduct: input.centralSubsidyProduct,
        },
      }),
    );
  },
});

import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { fen, fenToYuanString, type Fen } from '../money.ts';
import { percentOf } from '../percentOf.ts';
import { condition, defineRule, type Amount, type FailedCondition } from './rule.ts';
import { dateSchema, yuanSchema } from './schemas.ts';
import { pct, Reads, yuan } from './support/context.ts';
import { fenOut, finish, pay } from './support/result.ts';

/**
 * Art. 26, agricultural income insurance premiums.
 *
 * 共同推动水稻、生猪、蔬菜和渔业等地方特色农产品收益保险向贫困地区、贫困人口倾斜，由市、区两级财政共担70%的保费。
 *
 * POLICY.md: the city/district split is not in the text — 35 % + 35 % by default, set
 * by the finance bureau; the two shares must add up to the 70 % the text fixes (a
 * mismatch is a configuration error). Each part is rounded on its own; the insured
 * pays the rest. 等 leaves the product list open to other local specialties.
 */

const ID = 'art26.income-insurance-premium';
const ARTICLE = 'art. 26';
const PRODUCT = condition(
  ARTICLE,
  'product',
  '不是地方特色农产品收益保险',
  'Not an income insurance for a local specialty product',
);

const inputSchema = z.strictObject({
  premiumDate: dateSchema,
  premium: yuanSchema,
  product: z.enum(['rice', 'hogs', 'vegetables', 'fishery', 'other-local-specialty', 'other']),
});
export type Art26Input = z.output<typeof inputSchema>;

export const art26IncomeInsurancePremium = defineRule<Art26Input>({
  id: ID,
  article: ARTICLE,
  title_zh: '农产品收益保险保费分担',
  title_en: 'Agricultural income insurance premium shares',
  articleText:
    '整合支农、扶贫资金，共同推动水稻、生猪、蔬菜和渔业等地方特色农产品收益保险向贫困地区、贫困人口倾斜，由市、区两级财政共担70%的保费，进一步放宽赔付标准，提高保障水平和赔付比例。',
  inputSchema,
  parameterIds: [
    'art26.government-premium-share',
    'art26.city-premium-share',
    'art26.district-premium-share',
    'conventions.subsidy-rounding',
  ],
  evaluate(input, ctx) {
    const reads = new Reads(ctx, 'premiumDate');
    const on = input.premiumDate;
    const failed: FailedCondition[] = [];
    if (input.product === 'other') failed.push(PRODUCT);
    const total = reads.rate('art26.government-premium-share', on);
    const cityShare = reads.rate('art26.city-premium-share', on);
    const districtShare = reads.rate('art26.district-premium-share', on);
    if (cityShare + districtShare !== total) {
      throw new DomainError({
        code: 'PARAMETER_INCONSISTENT',
        message_zh: `市、区分担比例之和（${pct(cityShare)} + ${pct(districtShare)}）不等于两级财政共担比例 ${pct(total)}`,
        message_en: `City and district shares (${pct(cityShare)} + ${pct(districtShare)}) do not add up to the government share ${pct(total)}`,
        field: 'art26.city-premium-share',
      });
    }
    const rounding = reads.rounding(on);
    const city: Fen =
      failed.length === 0 ? percentOf(input.premium, cityShare, rounding) : (0 as Fen);
    const district: Fen =
      failed.length === 0 ? percentOf(input.premium, districtShare, rounding) : (0 as Fen);
    const insured: Fen = fen(input.premium - city - district);
    reads.step(() => ({
      zh: `市 ${yuan(input.premium)} × ${pct(cityShare)} = ${yuan(city)}；区 × ${pct(districtShare)} = ${yuan(district)}；投保人 ${yuan(insured)}`,
      en: `City ${yuan(input.premium)} × ${pct(cityShare)} = ${yuan(city)}; district × ${pct(districtShare)} = ${yuan(district)}; insured ${yuan(insured)}`,
    }));
    const amounts: Amount[] = [
      pay('city', 'insurer', city, '市财政承担保费', 'City premium share'),
      pay('district', 'insurer', district, '区财政承担保费', 'District premium share'),
    ];
    return finish(
      { id: ID, article: ARTICLE },
      reads,
      amounts,
      failed,
      [fenOut('insuredPays', insured, '投保人缴纳保费', 'Premium the insured pays')],
      () => ({
        formula: {
          zh: '市、区两级财政共担70%的保费（默认各35%）',
          en: 'City and district together pay 70 % of the premium (35 % each by default)',
        },
        inputs: {
          premiumDate: on,
          premium: fenToYuanString(input.premium),
          product: input.product,
        },
      }),
    );
  },
});

import { z } from 'zod';
import { endOfYear } from '../calendarDate.ts';
import { fenToYuanString, type Fen } from '../money.ts';
import { percentOf } from '../percentOf.ts';
import { rateToString } from '../rate.ts';
import { condition, defineRule, type Amount, type FailedCondition } from './rule.ts';
import { percentSchema, yearSchema, yuanSchema } from './schemas.ts';
import { pct, Reads, yuan } from './support/context.ts';
import { finish, pay } from './support/result.ts';

/**
 * Art. 20, land-income guarantee loans.
 *
 * 对开展农村土地收益保证贷款的担保机构，按不高于1%收取担保费的，由市财政按新增担保发生额的1%给予担保费补助，
 * 区财政按新增担保发生额的1%再给予担保费补助。
 *
 * For a settlement year: fee ≤ 1 % → city 1 % and district 1 % of the year's new
 * guarantee amount, each rounded on its own. Parameters are read for 31 December.
 */

const ID = 'art20.land-income-guarantee-subsidy';
const ARTICLE = 'art. 20';
const FEE_CAP = condition(ARTICLE, 'fee-cap', '担保费率高于1%', 'The guarantee fee is above 1 %');
const NEW_GUARANTEES = condition(
  ARTICLE,
  'new-guarantees',
  '当年没有新增担保发生额',
  'No new guarantees in the year',
);

const inputSchema = z.strictObject({
  year: yearSchema,
  feeRate: percentSchema,
  /** Land-income guarantees issued in the year (新增担保发生额). */
  newGuaranteeAmount: yuanSchema,
});
export type Art20Input = z.output<typeof inputSchema>;

export const art20LandIncomeGuaranteeSubsidy = defineRule<Art20Input>({
  id: ID,
  article: ARTICLE,
  title_zh: '农村土地收益保证贷款担保费补助',
  title_en: 'Land-income guarantee fee subsidy',
  articleText:
    '对开展农村土地收益保证贷款的担保机构，按不高于1%收取担保费的，由市财政按新增担保发生额的1%给予担保费补助，区财政按新增担保发生额的1%再给予担保费补助。',
  inputSchema,
  parameterIds: [
    'art20.guarantor.max-fee-rate',
    'art20.city-subsidy.share-of-new-guarantees',
    'art20.district-subsidy.share-of-new-guarantees',
    'conventions.subsidy-rounding',
  ],
  evaluate(input, ctx) {
    const reads = new Reads(ctx, 'year');
    const on = endOfYear(input.year);
    const failed: FailedCondition[] = [];
    const maxFee = reads.rate('art20.guarantor.max-fee-rate', on);
    if (input.feeRate > maxFee) failed.push(FEE_CAP);
    if (input.newGuaranteeAmount === 0) failed.push(NEW_GUARANTEES);
    const amounts: Amount[] = [];
    if (failed.length === 0) {
      const rounding = reads.rounding(on);
      const cityShare = reads.rate('art20.city-subsidy.share-of-new-guarantees', on);
      const districtShare = reads.rate('art20.district-subsidy.share-of-new-guarantees', on);
      const city: Fen = percentOf(input.newGuaranteeAmount, cityShare, rounding);
      const district: Fen = percentOf(input.newGuaranteeAmount, districtShare, rounding);
      amounts.push(
        pay('city', 'guarantor', city, '市财政担保费补助', 'City guarantee fee subsidy'),
      );
      amounts.push(
        pay(
          'district',
          'guarantor',
          district,
          '区财政担保费补助',
          'District guarantee fee subsidy',
        ),
      );
      reads.step(() => ({
        zh: `费率 ${pct(input.feeRate)} ≤ ${pct(maxFee)}；市 ${yuan(input.newGuaranteeAmount)} × ${pct(cityShare)} = ${yuan(city)}，区 × ${pct(districtShare)} = ${yuan(district)}`,
        en: `Fee ${pct(input.feeRate)} ≤ ${pct(maxFee)}; city ${yuan(input.newGuaranteeAmount)} × ${pct(cityShare)} = ${yuan(city)}, district × ${pct(districtShare)} = ${yuan(district)}`,
      }));
    }
    return finish({ id: ID, article: ARTICLE }, reads, amounts, failed, [], () => ({
      formula: {
        zh: '担保费率 ≤ 1%：市财政补助新增担保发生额 × 1%，区财政再补助 × 1%',
        en: 'Fee ≤ 1 %: city pays 1 % and district another 1 % of the new guarantees',
      },
      inputs: {
        year: input.year,
        feeRate: rateToString(input.feeRate),
        newGuaranteeAmount: fenToYuanString(input.newGuaranteeAmount),
      },
    }));
  },
});

import { z } from 'zod';
import { endOfYear, yearOf, type IsoDate } from '../calendarDate.ts';
import { fen, fenToYuanString, type Fen } from '../money.ts';
import { percentOf } from '../percentOf.ts';
import { rateToString } from '../rate.ts';
import { condition, defineRule, type Amount, type FailedCondition } from './rule.ts';
import { dateSchema, percentSchema, yearSchema, yuanSchema } from './schemas.ts';
import { pct, Reads, yuan } from './support/context.ts';
import { fenOut, finish, pay } from './support/result.ts';

/**
 * Art. 22, entrusted loans and guarantees of the district guarantee company.
 *
 * 区兴农担保公司要为贫困乡镇的企业、农业大户提供利率不超过7%的委托贷款和担保费率为1%的融资担保。区财政按委托
 * 贷款和融资担保额度给予1%的费用补贴。
 *
 * POLICY.md: 1 % of the entrusted loans granted and of the guarantees issued in the
 * settlement year, paid once per loan or guarantee, to the guarantee company. An item
 * qualifies when it is dated in the settlement year, the borrower is an enterprise or
 * a large farmer in a poor township, and the loan rate is ≤ 7 % or the guarantee fee
 * ≤ 1 % ("为1%" read as a ceiling: a cheaper guarantee serves the article's purpose).
 * The qualifying amounts of each kind are summed, then 1 % is taken and rounded once.
 */

const ID = 'art22.entrusted-loan-subsidy';
const ARTICLE = 'art. 22';
const YEAR = condition(
  ARTICLE,
  'settlement-year',
  '有业务不在结算年度内（每笔只在发生当年补贴一次）',
  'An item is dated outside the settlement year (each is paid once, in its own year)',
);
const BORROWER = condition(
  ARTICLE,
  'borrower-kind',
  '有业务的借款人不是企业或农业大户',
  'An item’s borrower is neither an enterprise nor a large farmer',
);
const TOWNSHIP = condition(
  ARTICLE,
  'poor-township',
  '有业务的借款人不在贫困乡镇',
  'An item’s borrower is not in a poor township',
);
const LOAN_RATE = condition(
  ARTICLE,
  'entrusted-loan-rate',
  '有委托贷款利率超过7%',
  'An entrusted loan’s rate is above 7 %',
);
const FEE_RATE = condition(
  ARTICLE,
  'guarantee-fee-rate',
  '有融资担保费率超过1%',
  'A guarantee’s fee is above 1 %',
);

const borrowerFields = {
  date: dateSchema,
  borrower: z.enum(['enterprise', 'large-farmer', 'other']),
  inPoorTownship: z.boolean(),
};

const inputSchema = z.strictObject({
  year: yearSchema,
  entrustedLoans: z.array(
    z.strictObject({ amount: yuanSchema, rate: percentSchema, ...borrowerFields }),
  ),
  guarantees: z.array(
    z.strictObject({ amount: yuanSchema, feeRate: percentSchema, ...borrowerFields }),
  ),
});
export type Art22Input = z.output<typeof inputSchema>;

export const art22EntrustedLoanSubsidy = defineRule<Art22Input>({
  id: ID,
  article: ARTICLE,
  title_zh: '委托贷款及融资担保费用补贴',
  title_en: 'Entrusted loan and guarantee fee subsidy',
  articleText:
    '区兴农担保公司要为贫困乡镇的企业、农业大户提供利率不超过7%的委托贷款和担保费率为1%的融资担保。区财政按委托贷款和融资担保额度给予1%的费用补贴。',
  inputSchema,
  parameterIds: [
    'art22.entrusted-loan.max-rate',
    'art22.guarantee.fee-rate',
    'art22.district-subsidy.share',
    'conventions.subsidy-rounding',
  ],
  evaluate(input, ctx) {
    const reads = new Reads(ctx, 'year');
    const on = endOfYear(input.year);
    const maxRate = reads.rate('art22.entrusted-loan.max-rate', on);
    const maxFee = reads.rate('art22.guarantee.fee-rate', on);
    const share = reads.rate('art22.district-subsidy.share', on);
    const rounding = reads.rounding(on);
    const failed = new Set<FailedCondition>();
    const common = (item: {
      date: IsoDate;
      borrower: string;
      inPoorTownship: boolean;
    }): boolean => {
      const wrong: FailedCondition[] = [];
      if (yearOf(item.date) !== input.year) wrong.push(YEAR);
      if (item.borrower === 'other') wrong.push(BORROWER);
      if (!item.inPoorTownship) wrong.push(TOWNSHIP);
      for (const w of wrong) failed.add(w);
      return wrong.length === 0;
    };
    let loans = 0;
    for (const l of input.entrustedLoans) {
      const ok = common(l);
      if (l.rate > maxRate) failed.add(LOAN_RATE);
      else if (ok) loans += l.amount;
    }
    let guarantees = 0;
    for (const g of input.guarantees) {
      const ok = common(g);
      if (g.feeRate > maxFee) failed.add(FEE_RATE);
      else if (ok) guarantees += g.amount;
    }
    const loanTotal: Fen = fen(loans);
    const guaranteeTotal: Fen = fen(guarantees);
    const onLoans = percentOf(loanTotal, share, rounding);
    const onGuarantees = percentOf(guaranteeTotal, share, rounding);
    reads.step(() => ({
      zh: `符合条件的委托贷款 ${yuan(loanTotal)} × ${pct(share)} = ${yuan(onLoans)}；融资担保 ${yuan(guaranteeTotal)} × ${pct(share)} = ${yuan(onGuarantees)}`,
      en: `Qualifying entrusted loans ${yuan(loanTotal)} × ${pct(share)} = ${yuan(onLoans)}; guarantees ${yuan(guaranteeTotal)} × ${pct(share)} = ${yuan(onGuarantees)}`,
    }));
    const amounts: Amount[] = [
      pay(
        'district',
        'guarantor',
        onLoans,
        '委托贷款费用补贴（1%）',
        'Entrusted loan subsidy (1 %)',
      ),
      pay(
        'district',
        'guarantor',
        onGuarantees,
        '融资担保费用补贴（1%）',
        'Guarantee subsidy (1 %)',
      ),
    ];
    return finish(
      { id: ID, article: ARTICLE },
      reads,
      amounts,
      [...failed],
      [
        fenOut('qualifyingLoans', loanTotal, '符合条件的委托贷款额', 'Qualifying entrusted loans'),
        fenOut(
          'qualifyingGuarantees',
          guaranteeTotal,
          '符合条件的融资担保额',
          'Qualifying guarantees',
        ),
      ],
      () => ({
        formula: {
          zh: '补贴 = (当年符合条件的委托贷款额 + 融资担保额) × 1%',
          en: 'Subsidy = (qualifying entrusted loans + guarantees of the year) × 1 %',
        },
        inputs: {
          year: input.year,
          entrustedLoans: input.entrustedLoans.map((l) => ({
            ...l,
            amount: fenToYuanString(l.amount),
            rate: rateToString(l.rate),
          })),
          guarantees: input.guarantees.map((g) => ({
            ...g,
            amount: fenToYuanString(g.amount),
            feeRate: rateToString(g.feeRate),
          })),
        },
      }),
    );
  },
});

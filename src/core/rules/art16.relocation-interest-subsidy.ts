import { z } from 'zod';
import { fen, fenToYuanString, type Fen } from '../money.ts';
import { percentOf } from '../percentOf.ts';
import { discountRate, RATE_UNITS_PER_PERCENT, rateToString } from '../rate.ts';
import { BENCHMARK_BASES, REFERENCE_RATE_KINDS } from '../rateTable.ts';
import { condition, defineRule, type Amount, type FailedCondition, type Output } from './rule.ts';
import {
  dateSchema,
  inclusivePeriodSchema,
  percentSchema,
  termMonthsSchema,
  yuanSchema,
} from './schemas.ts';
import { pct, Reads, referenceAt, yuan } from './support/context.ts';
import { finish, pay, rateOut } from './support/result.ts';

/**
 * Art. 16, high-mountain ecological relocation loans.
 *
 * 全面推进“利率为贷款基准利率下浮10%以上、最长期限可达20年”的高山生态扶贫搬迁贷款，由区级平台作为区级承贷
 * 主体 … 中央财政对符合条件的贷款给予90%的贴息，市财政专项扶贫资金对建卡贫困户搬迁建房贷款再给予10%的贴息。
 *
 * Eligible loans: rate ≤ benchmark × (1 − 10 %) for the loan's term on the contract date
 * (下浮10%以上 = at least 10 % below), term ≤ 20 years. Central pays 90 % of the period's
 * interest, rounded; for registered poor households' housing loans the city pays
 * 10 %. When the two shares make 100 % the city's part is the interest minus the
 * central part, so the two always add up to the interest exactly. Paid to the
 * district platform company that borrows the loans.
 */

const ID = 'art16.relocation-interest-subsidy';
const ARTICLE = 'art. 16';
const RATE_DISCOUNT = condition(
  ARTICLE,
  'rate-discount',
  '贷款利率未比基准利率下浮10%以上',
  'The rate is not at least 10 % below the benchmark',
);
const TERM = condition(ARTICLE, 'term', '贷款期限超过20年', 'The term is longer than 20 years');

const inputSchema = z.strictObject({
  loan: z.strictObject({
    contractDate: dateSchema,
    termMonths: termMonthsSchema,
    contractRate: percentSchema,
  }),
  /** The settlement period of `interest` (parameters are read for its last day). */
  period: inclusivePeriodSchema,
  /** Interest charged on the loan(s) for the period. */
  interest: yuanSchema,
  /** The loan finances registered poor households' relocation housing (建卡贫困户搬迁建房贷款). */
  registeredPoorHousing: z.boolean(),
});
export type Art16Input = z.output<typeof inputSchema>;

export const art16RelocationInterestSubsidy = defineRule<Art16Input>({
  id: ID,
  article: ARTICLE,
  title_zh: '高山生态扶贫搬迁贷款贴息',
  title_en: 'Relocation loan interest subsidy',
  articleText:
    '全面推进“利率为贷款基准利率下浮10%以上、最长期限可达20年”的高山生态扶贫搬迁贷款，由区级平台作为区级承贷主体，承接批量贷款，通过“统一承接、统一贷款、统一还款”模式，支持贫困地区实施高山生态搬迁住房和配套设施建设。中央财政对符合条件的贷款给予90%的贴息，市财政专项扶贫资金对建卡贫困户搬迁建房贷款再给予10%的贴息。',
  inputSchema,
  parameterIds: [
    'art16.relocation-loan.min-rate-discount',
    'art16.relocation-loan.max-term-years',
    'art16.central-subsidy.share',
    'art16.city-subsidy.share',
    'conventions.benchmark-basis',
    'conventions.reference-rate',
    'conventions.subsidy-rounding',
  ],
  evaluate(input, ctx) {
    const reads = new Reads(ctx, 'period.to');
    const on = input.period.to;
    const loan = input.loan;
    const failed: FailedCondition[] = [];
    const basis = reads.choice('conventions.benchmark-basis', on, BENCHMARK_BASES);
    const kind = reads.choice('conventions.reference-rate', on, REFERENCE_RATE_KINDS);
    const reference = referenceAt(
      reads,
      {
        termMonths: loan.termMonths,
        contractDate: loan.contractDate,
        accrualDate: input.period.from,
        contractField: 'loan.contractDate',
        accrualField: 'period.from',
        on,
      },
      basis,
      kind,
      input.period.from,
    ).rate;
    const discount = reads.rate('art16.relocation-loan.min-rate-discount', on);
    const cap = discountRate(reference, discount);
    if (loan.contractRate > cap) failed.push(RATE_DISCOUNT);
    const maxMonths = reads.integer('art16.relocation-loan.max-term-years', on) * 12;
    if (loan.termMonths > maxMonths) failed.push(TERM);
    reads.step(() => ({
      zh: `利率 ${pct(loan.contractRate)} ≤ 基准 ${pct(reference)} × (1 − ${pct(discount)}) = ${pct(cap)}？期限 ${String(loan.termMonths)} ≤ ${String(maxMonths)} 个月？`,
      en: `Rate ${pct(loan.contractRate)} ≤ benchmark ${pct(reference)} × (1 − ${pct(discount)}) = ${pct(cap)}? Term ${String(loan.termMonths)} ≤ ${String(maxMonths)} months?`,
    }));

    const amounts: Amount[] = [];
    if (failed.length === 0) {
      const rounding = reads.rounding(on);
      const centralShare = reads.rate('art16.central-subsidy.share', on);
      const central: Fen = percentOf(input.interest, centralShare, rounding);
      amounts.push(
        pay(
          'central',
          'platform',
          central,
          '中央财政贴息（90%）',
          'Central treasury subsidy (90 %)',
        ),
      );
      reads.step(() => ({
        zh: `中央财政：${yuan(input.interest)} × ${pct(centralShare)} = ${yuan(central)}`,
        en: `Central: ${yuan(input.interest)} × ${pct(centralShare)} = ${yuan(central)}`,
        value: yuan(central),
      }));
      if (input.registeredPoorHousing) {
        const cityShare = reads.rate('art16.city-subsidy.share', on);
        const whole = centralShare + cityShare === 100 * RATE_UNITS_PER_PERCENT;
        const city: Fen = whole
          ? fen(input.interest - central)
          : percentOf(input.interest, cityShare, rounding);
        amounts.push(
          pay(
            'city',
            'platform',
            city,
            '市财政再贴息（10%，建卡贫困户搬迁建房贷款）',
            'City subsidy (10 %, registered poor housing loans)',
          ),
        );
        reads.step(() => ({
          zh: `市财政：${whole ? `${yuan(input.interest)} − ${yuan(central)}` : `${yuan(input.interest)} × ${pct(cityShare)}`} = ${yuan(city)}`,
          en: `City: ${whole ? `${yuan(input.interest)} − ${yuan(central)}` : `${yuan(input.interest)} × ${pct(cityShare)}`} = ${yuan(city)}`,
          value: yuan(city),
        }));
      }
    }
    const outputs: Output[] = [
      rateOut('benchmark', reference, '同期贷款基准利率', 'Same-term benchmark'),
      rateOut('rateCap', cap, '利率上限（基准下浮10%）', 'Rate cap (10 % below the benchmark)'),
    ];
    return finish({ id: ID, article: ARTICLE }, reads, amounts, failed, outputs, () => ({
      formula: {
        zh: '符合条件的贷款：中央财政贴息 = 利息 × 90%；建卡贫困户搬迁建房贷款：市财政再贴息 10%',
        en: 'Eligible loans: central = interest × 90 %; registered poor households’ housing loans: city adds 10 %',
      },
      inputs: {
        loan: { ...loan, contractRate: rateToString(loan.contractRate) },
        period: input.period,
        interest: fenToYuanString(input.interest),
        registeredPoorHousing: input.registeredPoorHousing,
      },
    }));
  },
});

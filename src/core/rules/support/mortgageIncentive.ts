import { z } from 'zod';
import { endOfYear, type IsoDate } from '../../calendarDate.ts';
import type { Fen } from '../../money.ts';
import { percentOf } from '../../percentOf.ts';
import { addPercentagePoints, type Rate } from '../../rate.ts';
import {
  BENCHMARK_BASES,
  REFERENCE_RATE_KINDS,
  type BenchmarkBasis,
  type ReferenceRateKind,
} from '../../rateTable.ts';
import {
  condition,
  type Amount,
  type FailedCondition,
  type Output,
  type RuleResult,
} from '../rule.ts';
import { dateSchema, percentSchema, termMonthsSchema, yearSchema, yuanSchema } from '../schemas.ts';
import { pct, Reads, referenceAt, yuan } from './context.ts';
import { finish, pay, rateOut } from './result.ts';
import type { RuleContext } from '../rule.ts';

/**
 * Arts. 12 and 15 share their mechanics word for word: for mortgage loans granted
 * "2015年8月1日以后" at a rate not above the same-term benchmark + 2 points, the lender
 * gets 1 % of the loan's year-end balance each year, and a guarantor charging at most
 * 2 % gets 0.5 % of the year's new guarantees on such loans. They differ only in the
 * borrower (self-employed poor household vs employer of ≥ 20 % poor people), which
 * each rule checks itself. One loan, one settlement year; parameters are read for
 * 31 December of that year.
 */

export const SECURITY_KINDS = ['mortgage', 'pledge', 'guarantee', 'credit'] as const;

export const mortgageLoanSchema = z.strictObject({
  /** 抵押 mortgage, 质押 pledge, 保证 guarantee, 信用 unsecured. */
  security: z.enum(SECURITY_KINDS),
  grantDate: dateSchema,
  termMonths: termMonthsSchema,
  contractRate: percentSchema,
  /** Balance on 31 December of the settlement year. */
  yearEndBalance: yuanSchema,
});

export const guaranteeSchema = z.strictObject({
  feeRate: percentSchema,
  /** Guarantee amount issued on this loan during the settlement year. */
  newAmountInYear: yuanSchema,
});

export interface MortgageIncentiveCore {
  readonly year: number;
  readonly loan: z.output<typeof mortgageLoanSchema>;
  readonly guarantee?: z.output<typeof guaranteeSchema> | undefined;
}

export const settlementYearSchema = yearSchema;

export interface IncentiveArticle {
  readonly id: string;
  readonly article: string;
  /** 'art12' or 'art15': the parameter prefix. */
  readonly prefix: string;
}

export function incentiveConditions(article: string) {
  return {
    grantDate: condition(
      article,
      'grant-date',
      '贷款不是2015年8月1日以后发放的',
      'The loan was not granted on or after 2015-08-01',
    ),
    grantedByYearEnd: condition(
      article,
      'granted-by-year-end',
      '结算年度末贷款尚未发放',
      'The loan was not yet granted at the end of the settlement year',
    ),
    rateCap: condition(
      article,
      'rate-cap',
      '贷款利率高于同期贷款基准利率2个百分点',
      'The rate is more than 2 points above the same-term benchmark',
    ),
    mortgage: condition(article, 'mortgage', '不是抵押贷款', 'Not a mortgage loan'),
    feeCap: condition(
      article,
      'guarantee-fee-cap',
      '担保费率高于2%，担保机构不予补贴',
      'The guarantee fee is above 2 %: no guarantor subsidy',
    ),
  };
}

/**
 * Evaluates the shared part. `borrowerFailures` are the rule's own borrower checks,
 * already evaluated; they gate both payments like the loan conditions do.
 */
export function evaluateIncentive(
  art: IncentiveArticle,
  conditions: ReturnType<typeof incentiveConditions>,
  input: MortgageIncentiveCore,
  ctx: RuleContext,
  borrowerFailures: (reads: Reads, on: IsoDate) => FailedCondition[],
  extraOutputs: (reads: Reads, on: IsoDate) => Output[],
  traceInputs: () => Record<string, unknown>,
): RuleResult {
  const reads = new Reads(ctx, 'year');
  const on = endOfYear(input.year);
  const loan = input.loan;
  const p = art.prefix;
  const failed: FailedCondition[] = [];

  const from = reads.date(`${p}.grant-date-from`, on);
  const inclusive = reads.boolean(`${p}.grant-date-inclusive`, on);
  if (inclusive ? loan.grantDate < from : loan.grantDate <= from) failed.push(conditions.grantDate);
  if (loan.grantDate > on) failed.push(conditions.grantedByYearEnd);

  const basis: BenchmarkBasis = reads.choice('conventions.benchmark-basis', on, BENCHMARK_BASES);
  const kind: ReferenceRateKind = reads.choice(
    'conventions.reference-rate',
    on,
    REFERENCE_RATE_KINDS,
  );
  const reference: Rate = referenceAt(
    reads,
    {
      termMonths: loan.termMonths,
      contractDate: loan.grantDate,
      accrualDate: on,
      contractField: 'loan.grantDate',
      accrualField: 'year',
      on,
    },
    basis,
    kind,
    on,
  ).rate;
  const cap = addPercentagePoints(reference, reads.rate(`${p}.rate-cap-points-over-benchmark`, on));
  if (loan.contractRate > cap) failed.push(conditions.rateCap);
  if (loan.security !== 'mortgage') failed.push(conditions.mortgage);
  failed.push(...borrowerFailures(reads, on));
  reads.step(() => ({
    zh: `发放日 ${loan.grantDate}（起始 ${from}${inclusive ? '，含当日' : '，不含当日'}）；利率 ${pct(loan.contractRate)} ≤ 同期基准 ${pct(reference)} + 2 个百分点 = ${pct(cap)}？`,
    en: `Granted ${loan.grantDate} (from ${from}${inclusive ? ', inclusive' : ', exclusive'}); rate ${pct(loan.contractRate)} ≤ benchmark ${pct(reference)} + 2 points = ${pct(cap)}?`,
  }));

  const loanQualifies = failed.length === 0;
  const rounding = reads.rounding(on);
  const amounts: Amount[] = [];
  if (loanQualifies) {
    const share = reads.rate(`${p}.lender-subsidy.share-of-year-end-balance`, on);
    const lender: Fen = percentOf(loan.yearEndBalance, share, rounding);
    amounts.push(
      pay(
        'district',
        'bank',
        lender,
        '信贷机构贴息（年末余额1%）',
        'Lender subsidy (1 % of year-end balance)',
      ),
    );
    reads.step(() => ({
      zh: `信贷机构：年末余额 ${yuan(loan.yearEndBalance)} × ${pct(share)} = ${yuan(lender)}`,
      en: `Lender: year-end balance ${yuan(loan.yearEndBalance)} × ${pct(share)} = ${yuan(lender)}`,
      value: yuan(lender),
    }));
  }
  const g = input.guarantee;
  if (g !== undefined) {
    const maxFee = reads.rate(`${p}.guarantor.max-fee-rate`, on);
    if (g.feeRate > maxFee) failed.push(conditions.feeCap);
    else if (loanQualifies) {
      const share = reads.rate(`${p}.guarantor-subsidy.share-of-new-guarantees`, on);
      const guarantor: Fen = percentOf(g.newAmountInYear, share, rounding);
      amounts.push(
        pay(
          'district',
          'guarantor',
          guarantor,
          '担保机构补贴（新增担保额0.5%）',
          'Guarantor subsidy (0.5 % of new guarantees)',
        ),
      );
      reads.step(() => ({
        zh: `担保机构：费率 ${pct(g.feeRate)} ≤ ${pct(maxFee)}；当年新增担保 ${yuan(g.newAmountInYear)} × ${pct(share)} = ${yuan(guarantor)}`,
        en: `Guarantor: fee ${pct(g.feeRate)} ≤ ${pct(maxFee)}; new guarantees ${yuan(g.newAmountInYear)} × ${pct(share)} = ${yuan(guarantor)}`,
        value: yuan(guarantor),
      }));
    }
  }
  const outputs: Output[] = [
    rateOut('benchmark', reference, '同期贷款基准利率', 'Same-term benchmark'),
    rateOut('rateCap', cap, '优惠利率上限', 'Preferential rate cap'),
    ...extraOutputs(reads, on),
  ];
  return finish({ id: art.id, article: art.article }, reads, amounts, failed, outputs, () => ({
    formula: {
      zh: '信贷机构：每年末该类贷款余额 × 1%；担保机构（担保费率 ≤ 2%）：每年该类新增担保发生额 × 0.5%',
      en: 'Lender: year-end balance × 1 %; guarantor (fee ≤ 2 %): the year’s new guarantees × 0.5 %',
    },
    inputs: traceInputs(),
  }));
}

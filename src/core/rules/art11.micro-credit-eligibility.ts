import { z } from 'zod';
import type { IsoDate } from '../calendarDate.ts';
import { fen, fenToYuanString, type Fen } from '../money.ts';
import { condition, defineRule, NO_AMOUNTS, type FailedCondition, type Output } from './rule.ts';
import { addBilingualIssue, dateSchema, termMonthsSchema, yuanSchema } from './schemas.ts';
import { Reads, yuan } from './support/context.ts';
import { fenOut, finish, textOut } from './support/result.ts';

/**
 * Art. 11, eligibility for a poverty micro-credit loan on a date.
 *
 * 推进针对建档立卡贫困户发放的扶贫小额信用贷款，按照“免抵押、免担保、3年期限、5万元额度（发展乡村旅游的
 * 贴息贷款规模不超过10万元）、财政贴息、风险分担”的方式 … 区兴农担保公司可按此参照开展业务，免收担保费。
 *
 * POLICY.md: the caps do not add up — a household's outstanding micro-credit across all
 * lenders stays ≤ 50,000, or ≤ 100,000 when the loan is for rural tourism. The
 * household's status is the last poverty-register entry dated on or before `asOf`.
 * "3年期限" is read as a contract term of at most 36 months. A guarantee by the district
 * guarantee company free of charge (免收担保费) is allowed; any other guarantee is not.
 */

const ID = 'art11.micro-credit-eligibility';
const ARTICLE = 'art. 11';

const ARTICLE_TEXT =
  '推进针对建档立卡贫困户发放的扶贫小额信用贷款，按照“免抵押、免担保、3年期限、5万元额度（发展乡村旅游的贴息贷款规模不超过10万元）、财政贴息、风险分担”的方式，由区财政按不高于同期基准利率给予贴息。';

const REGISTERED_POOR = condition(
  ARTICLE,
  'registered-poor',
  '申请日该户不是建档立卡贫困户',
  'The household is not a registered poor household on the date',
);
const HOUSEHOLD_CAP = condition(
  ARTICLE,
  'household-cap',
  '该户在各金融机构的扶贫小额信贷余额加本笔贷款超过额度上限（5万元，发展乡村旅游10万元）',
  "The household's micro-credit at all lenders plus this loan exceeds the cap (50,000; 100,000 for rural tourism)",
);
const TERM = condition(ARTICLE, 'term', '贷款期限超过3年', 'The term is longer than 3 years');
const NO_COLLATERAL = condition(
  ARTICLE,
  'no-collateral',
  '扶贫小额信贷免抵押，本笔贷款要求抵押',
  'Micro-credit takes no collateral, but this loan requires some',
);
const NO_GUARANTEE = condition(
  ARTICLE,
  'no-guarantee',
  '扶贫小额信贷免担保（区兴农担保公司免费担保除外），本笔贷款要求担保',
  'Micro-credit takes no guarantee (except a free one by the district guarantee company), but this loan requires one',
);

export const REGISTER_STATUSES = ['registered-poor', 'lifted', 'removed'] as const;

const inputSchema = z.strictObject({
  /** The date eligibility is decided for (application or contract date). */
  asOf: dateSchema,
  /** The household's poverty-register history, oldest first. */
  register: z
    .array(z.strictObject({ status: z.enum(REGISTER_STATUSES), from: dateSchema }))
    .superRefine((entries, ctx) => {
      entries.forEach((e, i) => {
        const prev = entries[i - 1];
        if (prev !== undefined && !(prev.from < e.from)) {
          addBilingualIssue(
            ctx,
            [i, 'from'],
            'REGISTER_NOT_SORTED',
            `建档记录须按日期严格递增（${prev.from} 之后为 ${e.from}）`,
            `Register entries must be in strictly increasing date order (${prev.from} then ${e.from})`,
          );
        }
      });
    }),
  /** The household's outstanding poverty micro-credit at every lender on `asOf`. */
  otherOutstanding: yuanSchema,
  loan: z.strictObject({
    amount: yuanSchema,
    purpose: z.enum(['general', 'rural-tourism']),
    termMonths: termMonthsSchema,
    collateral: z.boolean(),
    guarantee: z.enum(['none', 'xingnong-no-fee', 'other']),
  }),
});

export type Art11MicroCreditEligibilityInput = z.output<typeof inputSchema>;

/** The register status on `date`: the last entry dated on or before it. */
export function statusOn(
  register: readonly { readonly status: string; readonly from: IsoDate }[],
  date: IsoDate,
): string {
  let status = 'none';
  for (const e of register) {
    if (e.from <= date) status = e.status;
    else break;
  }
  return status;
}

export const art11MicroCreditEligibility = defineRule<Art11MicroCreditEligibilityInput>({
  id: ID,
  article: ARTICLE,
  title_zh: '扶贫小额信贷准入条件',
  title_en: 'Poverty micro-credit eligibility',
  articleText: ARTICLE_TEXT,
  inputSchema,
  parameterIds: [
    'art11.micro-credit.max-amount',
    'art11.micro-credit.rural-tourism-max-amount',
    'art11.micro-credit.cap-scope',
    'art11.micro-credit.term-years',
    'art11.micro-credit.collateral-free',
    'art11.micro-credit.guarantee-free',
    'art11.guarantor.fee-free',
  ],
  evaluate(input, ctx) {
    const reads = new Reads(ctx, 'asOf');
    const on = input.asOf;
    const loan = input.loan;
    const failed: FailedCondition[] = [];

    const status = statusOn(input.register, on);
    if (status !== 'registered-poor') failed.push(REGISTERED_POOR);

    const tourism = loan.purpose === 'rural-tourism';
    const cap: Fen = tourism
      ? reads.fen('art11.micro-credit.rural-tourism-max-amount', on)
      : reads.fen('art11.micro-credit.max-amount', on);
    const scope = reads.choice('art11.micro-credit.cap-scope', on, [
      'household-outstanding',
      'per-loan',
    ] as const);
    const total: Fen =
      scope === 'household-outstanding' ? fen(input.otherOutstanding + loan.amount) : loan.amount;
    if (total > cap) failed.push(HOUSEHOLD_CAP);
    reads.step(() => ({
      zh: `额度：${scope === 'household-outstanding' ? `他行余额 ${yuan(input.otherOutstanding)} + 本笔 ${yuan(loan.amount)}` : `本笔 ${yuan(loan.amount)}`} = ${yuan(total)}，上限 ${yuan(cap)}（${tourism ? '乡村旅游' : '一般'}）`,
      en: `Cap: ${scope === 'household-outstanding' ? `outstanding elsewhere ${yuan(input.otherOutstanding)} + this loan ${yuan(loan.amount)}` : `this loan ${yuan(loan.amount)}`} = ${yuan(total)}, cap ${yuan(cap)} (${tourism ? 'rural tourism' : 'general'})`,
      value: yuan(total),
    }));

    const maxMonths = reads.integer('art11.micro-credit.term-years', on) * 12;
    if (loan.termMonths > maxMonths) failed.push(TERM);
    if (loan.collateral && reads.boolean('art11.micro-credit.collateral-free', on))
      failed.push(NO_COLLATERAL);
    if (loan.guarantee !== 'none' && reads.boolean('art11.micro-credit.guarantee-free', on)) {
      const freeByXingnong =
        loan.guarantee === 'xingnong-no-fee' && reads.boolean('art11.guarantor.fee-free', on);
      if (!freeByXingnong) failed.push(NO_GUARANTEE);
    }
    reads.step(() => ({
      zh: `${on} 建档状态：${status}；期限 ${String(loan.termMonths)} 个月（上限 ${String(maxMonths)}）；抵押：${loan.collateral ? '有' : '无'}；担保：${loan.guarantee}`,
      en: `Register status on ${on}: ${status}; term ${String(loan.termMonths)} months (max ${String(maxMonths)}); collateral: ${loan.collateral ? 'yes' : 'no'}; guarantee: ${loan.guarantee}`,
    }));

    const outputs: Output[] = [
      textOut('status', status, '建档状态', 'Register status'),
      fenOut('householdTotal', total, '计入上限的余额合计', 'Total counted against the cap'),
      fenOut('cap', cap, '额度上限', 'Cap'),
    ];
    return finish(
      { id: ID, article: ARTICLE },
      reads,
      NO_AMOUNTS,
      failed,
      outputs,
      () => ({
        formula: {
          zh: '建档立卡贫困户，免抵押、免担保，期限不超过3年，全部扶贫小额信贷余额不超过5万元（乡村旅游10万元）',
          en: 'Registered poor household; no collateral, no guarantee; term ≤ 3 years; all its micro-credit ≤ 50,000 (100,000 for rural tourism)',
        },
        inputs: {
          asOf: on,
          register: input.register,
          otherOutstanding: fenToYuanString(input.otherOutstanding),
          loan: { ...loan, amount: fenToYuanString(loan.amount) },
        },
      }),
      failed.length === 0,
    );
  },
});

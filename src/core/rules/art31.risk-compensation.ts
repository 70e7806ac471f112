import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { fen, fenToYuanString, minFen, type Fen } from '../money.ts';
import { percentOf } from '../percentOf.ts';
import { RATE_UNITS_PER_PERCENT, rateToString } from '../rate.ts';
import { condition, defineRule, type Amount, type FailedCondition } from './rule.ts';
import { addBilingualIssue, dateSchema, percentSchema, yuanSchema } from './schemas.ts';
import { pct, Reads, yuan } from './support/context.ts';
import { actualLoss, art19Covers, collateralSchema, lossFields } from './support/loss.ts';
import { fenOut, finish, pay } from './support/result.ts';

/**
 * Arts. 11 and 31, the risk compensation fund.
 *
 * 利用风险补偿金，对贷款损失给予风险补偿 (art. 11); 设立1000万元金融扶贫贷款风险补偿金，用于补偿承贷银行或担保公司
 * 的贷款损失 (art. 31).
 *
 * POLICY.md: the share of a loss the fund pays is not in the text — configurable per
 * product (the product's `productShare`, else art31.fund.loss-share-default) — and the
 * fund never pays more than its balance. Where art. 19 covers the same loss, the
 * specific art. 19 rule applies instead (art19.precedence-over-fund). Without that
 * precedence both rules would compensate one loss and nothing says which wins: as in
 * Catala, such a conflict is an error, never a silent double payment.
 */

const ID = 'art31.risk-compensation';
const ARTICLE = 'arts. 11, 31';
const ART19 = condition(
  ARTICLE,
  'art19-precedence',
  '该损失适用第十九条“两权”抵押贷款试点风险补偿，不由风险补偿金补偿',
  'Art. 19 (rural property mortgage pilot) compensates this loss instead of the fund',
);
const LOSS = condition(
  ARTICLE,
  'actual-loss',
  '没有实际损失（追回款已覆盖本息）',
  'No actual loss (recoveries cover the unpaid amount)',
);
const BALANCE = condition(
  ARTICLE,
  'fund-balance',
  '风险补偿金余额为零',
  'The risk compensation fund is empty',
);

export const LOSS_PRODUCTS = [
  'micro-credit',
  'entrepreneurship-guarantee',
  'industry',
  'other',
] as const;

const inputSchema = z
  .strictObject({
    lossDate: dateSchema,
    /** The loan product (its configured share applies). */
    product: z.enum(LOSS_PRODUCTS),
    claimant: z.enum(['bank', 'guarantor']),
    /** The product's share of a loss the fund pays; default art31.fund.loss-share-default. */
    productShare: percentSchema.optional(),
    ...lossFields,
    /** The fund's balance before this payment. */
    fundBalance: yuanSchema,
    /** For the art. 19 test; default none / not a pilot institution. */
    collateral: collateralSchema.optional(),
    pilotInstitution: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.productShare !== undefined && v.productShare > 100 * RATE_UNITS_PER_PERCENT) {
      addBilingualIssue(
        ctx,
        ['productShare'],
        'SHARE_ABOVE_100',
        '补偿比例不能超过100%',
        'The share cannot exceed 100 %',
      );
    }
  });
export type Art31Input = z.output<typeof inputSchema>;

export const art31RiskCompensation = defineRule<Art31Input>({
  id: ID,
  article: ARTICLE,
  title_zh: '金融扶贫贷款风险补偿金',
  title_en: 'Poverty loan risk compensation fund',
  articleText:
    '利用风险补偿金，对贷款损失给予风险补偿，力争对符合条件的建档立卡贫困户的有效贷款需求实现扶贫小额信贷全覆盖。……设立1000万元金融扶贫贷款风险补偿金，用于补偿承贷银行或担保公司的贷款损失。',
  inputSchema,
  parameterIds: [
    'art31.fund.loss-share-default',
    'art19.precedence-over-fund',
    'conventions.subsidy-rounding',
  ],
  evaluate(input, ctx) {
    const reads = new Reads(ctx, 'lossDate');
    const on = input.lossDate;
    const failed: FailedCondition[] = [];
    const coveredBy19 = art19Covers({
      pilotInstitution: input.pilotInstitution ?? false,
      collateral: input.collateral ?? 'none',
    });
    if (coveredBy19) {
      if (!reads.boolean('art19.precedence-over-fund', on)) {
        throw new DomainError({
          code: 'RULE_CONFLICT',
          message_zh:
            '同一损失同时适用第十九条（试点风险补偿）和第三十一条（风险补偿金），且未规定优先顺序：拒绝计算，以免重复补偿',
          message_en:
            'Art. 19 (pilot compensation) and art. 31 (the fund) both apply to this loss and no precedence is set: refusing to compute rather than pay twice',
          field: 'collateral',
        });
      }
      failed.push(ART19);
    }
    const loss = actualLoss(input);
    if (loss === 0) failed.push(LOSS);
    if (input.fundBalance === 0) failed.push(BALANCE);
    const share = input.productShare ?? reads.rate('art31.fund.loss-share-default', on);
    const uncapped: Fen = percentOf(loss, share, reads.rounding(on));
    const paid: Fen = failed.length === 0 ? minFen(uncapped, input.fundBalance) : (0 as Fen);
    reads.step(() => ({
      zh: `实际损失 ${yuan(loss)} × ${pct(share)} = ${yuan(uncapped)}；基金余额 ${yuan(input.fundBalance)}，实付 ${yuan(paid)}`,
      en: `Actual loss ${yuan(loss)} × ${pct(share)} = ${yuan(uncapped)}; fund balance ${yuan(input.fundBalance)}, paid ${yuan(paid)}`,
      value: yuan(paid),
    }));
    const amounts: Amount[] = [
      pay('fund', input.claimant, paid, '风险补偿金补偿贷款损失', 'Risk compensation fund payment'),
    ];
    return finish(
      { id: ID, article: ARTICLE },
      reads,
      amounts,
      failed,
      [
        fenOut('actualLoss', loss, '实际损失', 'Actual loss'),
        fenOut(
          'uncappedCompensation',
          uncapped,
          '按比例应补偿',
          'Compensation before the balance limit',
        ),
        fenOut(
          'fundBalanceAfter',
          fen(input.fundBalance - paid),
          '补偿后基金余额',
          'Fund balance after payment',
        ),
      ],
      () => ({
        formula: {
          zh: '补偿 = min(实际损失 × 产品补偿比例, 风险补偿金余额)；适用第十九条的损失除外',
          en: 'Compensation = min(actual loss × product share, fund balance); not for losses art. 19 covers',
        },
        inputs: {
          lossDate: on,
          product: input.product,
          claimant: input.claimant,
          productShare: input.productShare === undefined ? null : rateToString(input.productShare),
          unpaidPrincipal: fenToYuanString(input.unpaidPrincipal),
          unpaidInterest: fenToYuanString(input.unpaidInterest),
          recoveries: fenToYuanString(input.recoveries),
          fundBalance: fenToYuanString(input.fundBalance),
          collateral: input.collateral ?? 'none',
          pilotInstitution: input.pilotInstitution ?? false,
        },
      }),
    );
  },
});

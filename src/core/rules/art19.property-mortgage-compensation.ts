import { z } from 'zod';
import { fenToYuanString, type Fen } from '../money.ts';
import { percentOf } from '../percentOf.ts';
import { condition, defineRule, type Amount, type FailedCondition } from './rule.ts';
import { dateSchema } from './schemas.ts';
import { pct, Reads, yuan } from './support/context.ts';
import {
  actualLoss,
  collateralSchema,
  lossFields,
  RURAL_PROPERTY_COLLATERAL,
} from './support/loss.ts';
import { fenOut, finish, pay } from './support/result.ts';

/**
 * Art. 19, risk compensation in the rural property mortgage pilot.
 *
 * 用好农村“两权”抵押贷款试点政策，开展农村承包土地经营权贷款试点，制定和落实试点实施方案，完善配套政策措施，
 * 对试点承办银行机构、担保机构发放抵押贷款发生风险的，按实际损失部分的50%进行风险补偿。
 *
 * Compensation = 50 % of the actual loss (unpaid principal + interest − recoveries),
 * rounded, for a mortgage on rural property (the article's list) granted by a pilot
 * bank or guarantor. The text does not name the payer; the district treasury, whose
 * finance bureau leads the article's units, is assumed. Where the art. 31 fund could
 * also pay for the loss, this rule applies instead (art19.precedence-over-fund; see
 * art31.risk-compensation).
 */

const ID = 'art19.property-mortgage-compensation';
const ARTICLE = 'art. 19';
const PILOT = condition(
  ARTICLE,
  'pilot-institution',
  '不是试点承办银行机构或担保机构',
  'Not a pilot bank or guarantor',
);
const COLLATERAL = condition(
  ARTICLE,
  'rural-property-collateral',
  '不是以农村产权抵押的贷款',
  'The loan is not a mortgage on rural property',
);
const LOSS = condition(
  ARTICLE,
  'actual-loss',
  '没有实际损失（追回款已覆盖本息）',
  'No actual loss (recoveries cover the unpaid amount)',
);

const inputSchema = z.strictObject({
  lossDate: dateSchema,
  claimant: z.enum(['bank', 'guarantor']),
  pilotInstitution: z.boolean(),
  collateral: collateralSchema,
  ...lossFields,
});
export type Art19Input = z.output<typeof inputSchema>;

export const art19PropertyMortgageCompensation = defineRule<Art19Input>({
  id: ID,
  article: ARTICLE,
  title_zh: '农村产权抵押贷款试点风险补偿',
  title_en: 'Rural property mortgage pilot: loss compensation',
  articleText:
    '用好农村“两权”抵押贷款试点政策，开展农村承包土地经营权贷款试点，制定和落实试点实施方案，完善配套政策措施，对试点承办银行机构、担保机构发放抵押贷款发生风险的，按实际损失部分的50%进行风险补偿。',
  inputSchema,
  parameterIds: ['art19.risk-compensation.share-of-actual-loss', 'conventions.subsidy-rounding'],
  evaluate(input, ctx) {
    const reads = new Reads(ctx, 'lossDate');
    const on = input.lossDate;
    const failed: FailedCondition[] = [];
    if (!input.pilotInstitution) failed.push(PILOT);
    if (!(RURAL_PROPERTY_COLLATERAL as readonly string[]).includes(input.collateral))
      failed.push(COLLATERAL);
    const loss = actualLoss(input);
    if (loss === 0) failed.push(LOSS);
    const share = reads.rate('art19.risk-compensation.share-of-actual-loss', on);
    const compensation: Fen = percentOf(loss, share, reads.rounding(on));
    reads.step(() => ({
      zh: `实际损失 = ${yuan(input.unpaidPrincipal)} + ${yuan(input.unpaidInterest)} − ${yuan(input.recoveries)} = ${yuan(loss)}；× ${pct(share)} = ${yuan(compensation)}`,
      en: `Actual loss = ${yuan(input.unpaidPrincipal)} + ${yuan(input.unpaidInterest)} − ${yuan(input.recoveries)} = ${yuan(loss)}; × ${pct(share)} = ${yuan(compensation)}`,
      value: yuan(compensation),
    }));
    const amounts: Amount[] =
      failed.length === 0
        ? [
            pay(
              'district',
              input.claimant,
              compensation,
              '“两权”抵押贷款试点风险补偿',
              'Rural property mortgage pilot compensation',
            ),
          ]
        : [];
    return finish(
      { id: ID, article: ARTICLE },
      reads,
      amounts,
      failed,
      [fenOut('actualLoss', loss, '实际损失', 'Actual loss')],
      () => ({
        formula: { zh: '补偿 = 实际损失 × 50%', en: 'Compensation = actual loss × 50 %' },
        inputs: {
          lossDate: on,
          claimant: input.claimant,
          pilotInstitution: input.pilotInstitution,
          collateral: input.collateral,
          unpaidPrincipal: fenToYuanString(input.unpaidPrincipal),
          unpaidInterest: fenToYuanString(input.unpaidInterest),
          recoveries: fenToYuanString(input.recoveries),
        },
      }),
    );
  },
});

import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { rateToString, subPercentagePoints, type Rate } from '../rate.ts';
import { condition, defineRule, NO_AMOUNTS, type FailedCondition } from './rule.ts';
import { dateSchema, percentSchema } from './schemas.ts';
import { pct, Reads } from './support/context.ts';
import { finish, rateOut } from './support/result.ts';

/**
 * Art. 29, the poverty relending rate.
 *
 * 扶贫再贷款利率在正常支农再贷款利率的基础上下调1%，1年期的扶贫再贷款利率按1.75%实施。
 *
 * Rate = the ordinary agricultural relending rate for the same term − 1 percentage point
 * ("下调1%" read as one point, as 2.75 − 1 = 1.75 shows); the one-year rate is fixed
 * at 1.75 %. No money changes hands: the result is the output `rate`.
 */

const ID = 'art29.poverty-relending-rate';
const ARTICLE = 'art. 29';
const NON_NEGATIVE = condition(
  ARTICLE,
  'non-negative',
  '正常支农再贷款利率低于下调幅度，扶贫再贷款利率为负',
  'The ordinary relending rate is below the reduction: the rate would be negative',
);

const inputSchema = z.strictObject({
  date: dateSchema,
  /** Relending term; relending runs for at most a year. */
  termMonths: z.number().int().min(1).max(12),
  /** Ordinary agricultural relending rate (正常支农再贷款利率) for the same term. */
  ordinaryRate: percentSchema.optional(),
});
export type Art29Input = z.output<typeof inputSchema>;

export const art29PovertyRelendingRate = defineRule<Art29Input>({
  id: ID,
  article: ARTICLE,
  title_zh: '扶贫再贷款利率',
  title_en: 'Poverty relending rate',
  articleText:
    '扶贫再贷款利率在正常支农再贷款利率的基础上下调1%，1年期的扶贫再贷款利率按1.75%实施。',
  inputSchema,
  parameterIds: [
    'art29.poverty-relending.rate-reduction',
    'art29.poverty-relending.one-year-rate',
    'art29.poverty-relending.one-year-term-years',
  ],
  evaluate(input, ctx) {
    const reads = new Reads(ctx, 'date');
    const on = input.date;
    const oneYear =
      input.termMonths === reads.integer('art29.poverty-relending.one-year-term-years', on) * 12;
    const failed: FailedCondition[] = [];
    let rate: Rate;
    if (oneYear) {
      rate = reads.rate('art29.poverty-relending.one-year-rate', on);
      reads.step(() => ({
        zh: `1年期：按 ${pct(rate)} 实施`,
        en: `One year: fixed at ${pct(rate)}`,
        value: rateToString(rate),
      }));
    } else {
      const ordinary = input.ordinaryRate;
      if (ordinary === undefined) {
        throw new DomainError({
          code: 'INPUT_REQUIRED',
          message_zh: '非1年期的扶贫再贷款须给出同期正常支农再贷款利率 ordinaryRate',
          message_en:
            'For terms other than one year the ordinary relending rate (ordinaryRate) is required',
          field: 'ordinaryRate',
        });
      }
      const cut = reads.rate('art29.poverty-relending.rate-reduction', on);
      rate = subPercentagePoints(ordinary, cut);
      if (rate < 0) failed.push(NON_NEGATIVE);
      reads.step(() => ({
        zh: `${pct(ordinary)} − ${rateToString(cut)} 个百分点 = ${pct(rate)}`,
        en: `${pct(ordinary)} − ${rateToString(cut)} points = ${pct(rate)}`,
        value: rateToString(rate),
      }));
    }
    const outputs =
      failed.length === 0
        ? [rateOut('rate', rate, '扶贫再贷款利率', 'Poverty relending rate')]
        : [];
    return finish(
      { id: ID, article: ARTICLE },
      reads,
      NO_AMOUNTS,
      failed,
      outputs,
      () => ({
        formula: {
          zh: '扶贫再贷款利率 = 正常支农再贷款利率 − 1个百分点；1年期按1.75%',
          en: 'Poverty relending rate = ordinary agricultural relending rate − 1 point; one year: 1.75 %',
        },
        inputs: {
          date: on,
          termMonths: input.termMonths,
          ordinaryRate: input.ordinaryRate === undefined ? null : rateToString(input.ordinaryRate),
        },
      }),
      failed.length === 0,
    );
  },
});

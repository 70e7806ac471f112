import { z } from 'zod';
import { fenToYuanString } from '../money.ts';
import { condition, defineRule, NO_AMOUNTS, type FailedCondition } from './rule.ts';
import { dateSchema, yuanSchema } from './schemas.ts';
import { Reads, yuan } from './support/context.ts';
import { finish } from './support/result.ts';

/**
 * Art. 17, supplementary student loans.
 *
 * 开辟绿色通道，对重庆籍建卡贫困户和城乡低保学生可给予1000—8000元的补充助学贷款。
 *
 * Eligible: amount within [1,000, 8,000], both ends included; a student from Chongqing
 * (重庆籍) whose household is registered poor (建卡贫困户) or on the urban or rural
 * minimum living allowance (城乡低保).
 */

const ID = 'art17.supplementary-student-loan';
const ARTICLE = 'art. 17';
const AMOUNT_RANGE = condition(
  ARTICLE,
  'amount-range',
  '补充助学贷款金额须在1000元至8000元之间',
  'A supplementary student loan is between 1,000 and 8,000',
);
const FROM_CHONGQING = condition(
  ARTICLE,
  'from-chongqing',
  '学生不是重庆籍',
  'The student is not from Chongqing',
);
const POOR_OR_LOW_INCOME = condition(
  ARTICLE,
  'poor-or-low-income',
  '学生既非建卡贫困户也非城乡低保',
  'The student is neither from a registered poor household nor on the minimum living allowance',
);

const inputSchema = z.strictObject({
  /** Application date (parameters are read for it). */
  date: dateSchema,
  amount: yuanSchema,
  student: z.strictObject({
    fromChongqing: z.boolean(),
    registeredPoor: z.boolean(),
    /** 城乡低保 */
    lowIncome: z.boolean(),
  }),
});
export type Art17SupplementaryInput = z.output<typeof inputSchema>;

export const art17SupplementaryStudentLoan = defineRule<Art17SupplementaryInput>({
  id: ID,
  article: ARTICLE,
  title_zh: '补充助学贷款准入条件',
  title_en: 'Supplementary student loan eligibility',
  articleText: '开辟绿色通道，对重庆籍建卡贫困户和城乡低保学生可给予1000—8000元的补充助学贷款。',
  inputSchema,
  parameterIds: ['art17.supplementary-loan.min-amount', 'art17.supplementary-loan.max-amount'],
  evaluate(input, ctx) {
    const reads = new Reads(ctx, 'date');
    const min = reads.fen('art17.supplementary-loan.min-amount', input.date);
    const max = reads.fen('art17.supplementary-loan.max-amount', input.date);
    const failed: FailedCondition[] = [];
    if (input.amount < min || input.amount > max) failed.push(AMOUNT_RANGE);
    if (!input.student.fromChongqing) failed.push(FROM_CHONGQING);
    if (!input.student.registeredPoor && !input.student.lowIncome) failed.push(POOR_OR_LOW_INCOME);
    reads.step(() => ({
      zh: `金额 ${yuan(input.amount)}，范围 ${yuan(min)}—${yuan(max)}`,
      en: `Amount ${yuan(input.amount)}, range ${yuan(min)} to ${yuan(max)}`,
    }));
    return finish(
      { id: ID, article: ARTICLE },
      reads,
      NO_AMOUNTS,
      failed,
      [],
      () => ({
        formula: {
          zh: '重庆籍建卡贫困户或城乡低保学生，金额1000—8000元',
          en: 'Student from Chongqing, registered poor or on the minimum living allowance; 1,000 to 8,000',
        },
        inputs: { date: input.date, amount: fenToYuanString(input.amount), student: input.student },
      }),
      failed.length === 0,
    );
  },
});

import { z } from 'zod';
import { residentIdProblem } from '../../core/identity/residentId.ts';
import { usccProblem } from '../../core/identity/uscc.ts';
import { bilingual } from '../validation.ts';

/** Field schemas shared by the register's forms, API and imports. */

const RESIDENT_ID_MESSAGES = {
  format: bilingual(
    '身份证号应为18位（前17位数字，末位数字或X）',
    'resident ID must be 18 characters: 17 digits then a digit or X',
  ),
  birth_date: bilingual('身份证号中的出生日期不存在', 'resident ID holds an impossible birth date'),
  checksum: bilingual('身份证号校验位错误', 'resident ID check digit is wrong'),
} as const;

export const residentId = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    // Excel turns an 18-digit number into 5.00156E+17 and loses digits: say so, never guess.
    if (/^\d(\.\d+)?E\+\d+$/i.test(v)) {
      ctx.addIssue({
        code: 'custom',
        message: bilingual(
          '身份证号被Excel存成了科学计数法（如5.00156E+17），末尾数字已丢失；请将该列设为文本后重新导出',
          'resident ID was saved by Excel in scientific notation (e.g. 5.00156E+17) and lost digits; format the column as text and export again',
        ),
      });
      return;
    }
    const problem = residentIdProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: RESIDENT_ID_MESSAGES[problem] });
  });

export const uscc = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .superRefine((v, ctx) => {
    const problem = usccProblem(v);
    if (problem === 'format') {
      ctx.addIssue({
        code: 'custom',
        message: bilingual(
          '统一社会信用代码应为18位（数字或大写字母，不含I、O、Z、S、V）',
          'unified social credit code must be 18 digits or capitals without I, O, Z, S, V',
        ),
      });
    } else if (problem === 'checksum') {
      ctx.addIssue({
        code: 'custom',
        message: bilingual(
          '统一社会信用代码校验位错误',
          'unified social credit code check character is wrong',
        ),
      });
    }
  });

export const phone = z
  .string()
  .trim()
  .regex(
    /^(1\d{10}|0\d{2,3}-?\d{7,8})$/,
    bilingual(
      '电话号码应为11位手机号或带区号的固定电话',
      'phone must be an 11-digit mobile or a landline with area code',
    ),
  );

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, bilingual('日期格式应为YYYY-MM-DD', 'date must be YYYY-MM-DD'))
  .refine(
    (v) =>
      !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
      new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    bilingual('日期不存在', 'no such date'),
  );

export const name = z
  .string()
  .trim()
  .min(1, bilingual('不能为空', 'must not be empty'))
  .max(50, bilingual('不能超过50个字', 'must be at most 50 characters'));

export const regionCode = z
  .string()
  .trim()
  .regex(/^\d{6,15}$/, bilingual('区划代码应为6–15位数字', 'region code must be 6–15 digits'));

export const count = z.coerce
  .number()
  .int(bilingual('应为整数', 'must be a whole number'))
  .min(0, bilingual('不能为负数', 'must not be negative'))
  .max(1_000_000, bilingual('数值过大', 'is too large'));

export const povertyStatus = z.enum(['registered_poor', 'lifted', 'not_poor']);

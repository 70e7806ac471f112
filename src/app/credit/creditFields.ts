import { z } from 'zod';
import { CREDIT_SECTIONS, SECTION_SCORE_MAX } from '../../core/credit/scorecard.ts';
import { yuanToFen } from '../../core/money.ts';
import { DISTRICT_ROLES, type Role } from '../roles.ts';
import { bilingual } from '../validation.ts';

/** Who does what in the credit system (art. 3: townships; art. 10: PBOC leads, banks take part). */
export const CREDIT_READERS: readonly Role[] = [
  ...DISTRICT_ROLES,
  'township_clerk',
  'bank_officer',
];
/** Collect and rate: township clerks (their township), bank officers (townships served). */
export const CREDIT_COLLECTORS: readonly Role[] = [
  'district_admin',
  'pboc',
  'township_clerk',
  'bank_officer',
];
export const DESIGNATION_PROPOSERS: readonly Role[] = [
  'district_admin',
  'pboc',
  'financial_office',
  'township_clerk',
];
/** 政府领导、人行牵头: the PBOC sub-branch and the district approve designations. */
export const DESIGNATION_APPROVERS: readonly Role[] = [
  'district_admin',
  'pboc',
  'financial_office',
];
export const DEFAULTER_KEEPERS: readonly Role[] = [
  'district_admin',
  'pboc',
  'bank_officer',
  'township_clerk',
];
export const APPEAL_DECIDERS: readonly Role[] = ['district_admin', 'pboc'];

export const subjectKind = z.enum(['household', 'operator']);

const score = z
  .number()
  .int(bilingual('评分应为整数', 'must be a whole number'))
  .min(0, bilingual('评分不能小于0', 'must be at least 0'))
  .max(
    SECTION_SCORE_MAX,
    bilingual(
      `评分不能超过${String(SECTION_SCORE_MAX)}`,
      `must be at most ${String(SECTION_SCORE_MAX)}`,
    ),
  );

const note = z
  .string()
  .trim()
  .max(200, bilingual('不能超过200个字', 'must be at most 200 characters'));

/** A non-negative amount in yuan, kept as the yuan text it was given (at most 2 decimals). */
const yuan = z.union([z.string(), z.number()]).transform((value, ctx): string => {
  try {
    const fen = yuanToFen(value);
    if (fen < 0) throw new Error('negative');
    return String(value).trim();
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: bilingual(
        '应为不小于0的金额（元，最多两位小数）',
        'must be an amount of 0 yuan or more (at most 2 decimals)',
      ),
    });
    return z.NEVER;
  }
});

const count = z
  .number()
  .int(bilingual('应为整数', 'must be a whole number'))
  .min(0, bilingual('不能小于0', 'must be at least 0'))
  .max(10_000, bilingual('不能超过10000', 'must be at most 10000'));

const base = { score: score.optional(), note: note.optional() };

/** The collection form: each section's facts and its assessed score (0–100). */
export const sectionsSchema = z
  .object({
    'family-labour': z.object({ ...base, labourers: count.optional() }).strict(),
    'land-assets': z
      .object({ ...base, landMu: count.optional(), assetsYuan: yuan.optional() })
      .strict(),
    'income-production': z
      .object({ ...base, annualIncomeYuan: yuan.optional(), industry: note.optional() })
      .strict(),
    debts: z.object({ ...base, debtsYuan: yuan.optional() }).strict(),
    'repayment-record': z.object(base).strict(),
    'village-assessment': z.object(base).strict(),
    'officer-assessment': z.object(base).strict(),
  })
  .partial()
  .strict();
export type Sections = z.infer<typeof sectionsSchema>;

/** Each section's score, for a submitted form (every section present and scored). */
export function scoresOf(sections: Sections): Record<(typeof CREDIT_SECTIONS)[number], number> {
  return Object.fromEntries(CREDIT_SECTIONS.map((s) => [s, sections[s]?.score ?? 0])) as Record<
    (typeof CREDIT_SECTIONS)[number],
    number
  >;
}

import { z } from 'zod';
import type { Kysely } from 'kysely';
import { DAY_COUNT_CONVENTIONS, type DayCountConvention } from '../../core/dayCount.ts';
import {
  ALLOCATION_ORDERS,
  DEFAULT_ALLOCATION_ORDER,
  DEFAULT_CLASS_BOUNDS,
  isClassBounds,
  type AllocationOrder,
  type ClassBounds,
} from '../../core/loans/servicing.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { parseRate } from '../../core/rate.ts';
import { ROUNDING_MODES, type RoundingMode } from '../../core/rounding.ts';
import { RULES } from '../../core/rules/registry.ts';
import {
  INTEREST_PERIODS,
  MAX_SCHEDULE_MONTHS,
  REPAYMENT_METHODS,
} from '../../core/schedule/index.ts';
import type { Database, LoanProductTable } from '../../store/schema.ts';
import { conflict, invalid, notFound, type AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual } from '../validation.ts';
import {
  LOAN_CATEGORIES,
  LOAN_READERS,
  MICRO_CREDIT_CATEGORIES,
  positiveYuan,
  termMonths,
} from './loanFields.ts';

/** Loan products as data (issue 4 §1): the settings each loan of the product follows. */

export interface LoanProduct {
  id: string;
  code: string;
  category: LoanProductTable['category'];
  institutionId: string | null;
  nameZh: string;
  nameEn: string;
  minAmount: string;
  maxAmount: string;
  minTermMonths: number;
  maxTermMonths: number;
  method: LoanProductTable['method'];
  interestPeriod: string | null;
  dayCount: string;
  rounding: string;
  graceMonths: number;
  collateral: LoanProductTable['collateral'];
  rateRule: { kind: string; value: string } | null;
  policyRuleIds: string[];
  active: boolean;
  allocationOrder: AllocationOrder;
  /** Penalty rate = contract rate × this ('1.5'); null: no penalty interest. */
  penaltyFactor: string | null;
  /** Upper bounds in days past due of 正常, 关注, 次级, 可疑; beyond the last is 损失. */
  classBounds: ClassBounds;
  /** For loan-product.update: the edit must name the version it was made on. */
  version: number;
}

/** How a product's loans are serviced: allocation, penalty interest and classification. */
export interface ProductServicing {
  readonly order: AllocationOrder;
  readonly penaltyFactor: string | null;
  readonly classBounds: ClassBounds;
  readonly dayCount: DayCountConvention;
  readonly rounding: RoundingMode;
}

export function servicingOf(p: LoanProductTable): ProductServicing {
  const order = p.allocation_order ?? DEFAULT_ALLOCATION_ORDER;
  const bounds: unknown = p.class_bounds === undefined ? null : JSON.parse(p.class_bounds);
  return {
    order: (ALLOCATION_ORDERS as readonly string[]).includes(order)
      ? (order as AllocationOrder)
      : DEFAULT_ALLOCATION_ORDER,
    penaltyFactor: p.penalty_factor ?? null,
    classBounds: isClassBounds(bounds) ? bounds : DEFAULT_CLASS_BOUNDS,
    dayCount: p.day_count as DayCountConvention,
    rounding: p.rounding as RoundingMode,
  };
}

export function productOut(p: LoanProductTable): LoanProduct {
  const servicing = servicingOf(p);
  return {
    id: p.id,
    code: p.code,
    category: p.category,
    institutionId: p.institution_id,
    nameZh: p.name_zh,
    nameEn: p.name_en,
    minAmount: fenToYuanString(p.min_amount as Fen),
    maxAmount: fenToYuanString(p.max_amount as Fen),
    minTermMonths: p.min_term_months,
    maxTermMonths: p.max_term_months,
    method: p.method,
    interestPeriod: p.interest_period,
    dayCount: p.day_count,
    rounding: p.rounding,
    graceMonths: p.grace_months,
    collateral: p.collateral,
    rateRule:
      p.rate_rule_kind === null ? null : { kind: p.rate_rule_kind, value: p.rate_rule_value ?? '' },
    policyRuleIds: JSON.parse(p.policy_rule_ids) as string[],
    active: p.active === 1,
    allocationOrder: servicing.order,
    penaltyFactor: servicing.penaltyFactor,
    classBounds: servicing.classBounds,
    version: p.version,
  };
}

export async function loadProduct(
  db: Kysely<Database>,
  regionCode: string,
  id: string,
): Promise<LoanProductTable> {
  const row = await db
    .selectFrom('loan_products')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('loan product');
  return row;
}

export const listLoanProducts = defineUseCase({
  name: 'loan-product.list',
  roles: LOAN_READERS,
  scope: 'district',
  writes: false,
  input: z
    .object({
      category: z.enum(LOAN_CATEGORIES).optional(),
      institutionId: z.string().max(64).optional(),
      activeOnly: z
        .enum(['true', 'false'])
        .optional()
        .transform((v) => v === 'true'),
    })
    .strict(),
  async run({ db, actor }, input): Promise<LoanProduct[]> {
    let q = db.selectFrom('loan_products').selectAll().where('region_code', '=', actor.regionCode);
    if (input.category) q = q.where('category', '=', input.category);
    if (input.institutionId) {
      const inst = input.institutionId;
      q = q.where((eb) =>
        eb.or([eb('institution_id', '=', inst), eb('institution_id', 'is', null)]),
      );
    }
    if (input.activeOnly) q = q.where('active', '=', 1);
    const rows = await q.orderBy('category').orderBy('code').execute();
    return rows.map(productOut);
  },
});

const productInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/,
        bilingual(
          '产品代码应为1–40位字母、数字、-或_',
          'code must be 1–40 letters, digits, - or _',
        ),
      ),
    category: z.enum(LOAN_CATEGORIES),
    institutionId: z.string().trim().min(1).max(64).nullable().default(null),
    nameZh: z.string().trim().min(1).max(100),
    nameEn: z.string().trim().min(1).max(100),
    minAmount: positiveYuan,
    maxAmount: positiveYuan,
    minTermMonths: termMonths,
    maxTermMonths: termMonths,
    method: z.enum(REPAYMENT_METHODS),
    interestPeriod: z.enum(INTEREST_PERIODS).nullable().default(null),
    dayCount: z.enum(DAY_COUNT_CONVENTIONS).default('actual/360'),
    rounding: z.enum(ROUNDING_MODES).default('half-up-fen'),
    // 宽限期: interest only for the first N months of every loan (ADR 0012).
    graceMonths: z.coerce
      .number()
      .int(bilingual('应为整数月数', 'must be a whole number of months'))
      .min(0, bilingual('不能为负数', 'must not be negative'))
      .max(MAX_SCHEDULE_MONTHS - 1)
      .default(0),
    collateral: z.enum(['none', 'mortgage', 'guarantee', 'pledge']),
    rateRule: z
      .object({
        kind: z.enum(['max-points-over-benchmark', 'max-factor-of-benchmark']),
        value: z
          .string()
          .trim()
          .regex(
            /^\d{1,3}(\.\d{1,6})?$/,
            bilingual(
              '应为非负小数，如“2”或“1.3”',
              'must be a non-negative decimal such as "2" or "1.3"',
            ),
          ),
      })
      .strict()
      .nullable()
      .default(null),
    policyRuleIds: z
      .array(
        z.string().refine((v) => RULES.has(v), bilingual('未知的政策规则', 'unknown policy rule')),
      )
      .max(20)
      .default([]),
    allocationOrder: z.enum(ALLOCATION_ORDERS).default(DEFAULT_ALLOCATION_ORDER),
    // The PBOC rule for overdue loans: 30–50 % above the contract rate; up to double is
    // accepted so a bank's own stricter rule fits, anything else is a typo.
    penaltyFactor: z
      .string()
      .trim()
      .regex(
        /^(1(\.\d{1,4})?|2(\.0{1,4})?)$/,
        bilingual(
          '罚息系数应为 1 到 2 之间、最多四位小数的数，如“1.5”（合同利率加收50%）',
          'must be a number from 1 to 2 with at most 4 decimals, such as "1.5" (50 % above the contract rate)',
        ),
      )
      .nullable()
      .default(null),
    classBounds: z
      .array(z.number())
      .refine(
        isClassBounds,
        bilingual(
          '五级分类界限应为四个递增的非负整数天数，如 [0,90,180,360]',
          'must be four increasing whole numbers of days ≥ 0, such as [0,90,180,360]',
        ),
      )
      .default([...DEFAULT_CLASS_BOUNDS]),
  })
  .strict();

type ProductInput = z.output<typeof productInput>;

/** What the field schemas cannot check alone: how the settings fit together. */
async function checkProduct(
  db: Kysely<Database>,
  regionCode: string,
  input: ProductInput,
): Promise<void> {
  if (input.maxAmount < input.minAmount) {
    throw invalid('maxAmount', '最高金额不能低于最低金额', 'must not be below minAmount');
  }
  if (input.maxTermMonths < input.minTermMonths) {
    throw invalid('maxTermMonths', '最长期限不能短于最短期限', 'must not be below minTermMonths');
  }
  const amortising = input.method === 'equal-instalment' || input.method === 'equal-principal';
  if (input.graceMonths > 0 && !amortising) {
    throw invalid(
      'graceMonths',
      '只有等额本息、等额本金的产品才能设宽限期（其他方式到期前本就不还本金）',
      'only equal-instalment and equal-principal products can have a grace period (the others repay no principal before maturity)',
    );
  }
  // The art. 11 subsidy rule prices an amortising instalment by rebuilding the schedule
  // from the loan's terms, which carry no grace months: it would price the wrong rows.
  // Refused until the rule takes them, rather than paying subsidies off the wrong table.
  if (
    input.graceMonths > 0 &&
    (MICRO_CREDIT_CATEGORIES as readonly string[]).includes(input.category)
  ) {
    throw invalid(
      'graceMonths',
      '扶贫小额信贷产品暂不支持宽限期：第十一条贴息按不含宽限期的还款计划计算',
      'micro-credit products cannot have a grace period yet: the art. 11 subsidy is computed on a schedule without one',
    );
  }
  if (input.graceMonths >= input.minTermMonths) {
    throw invalid(
      'graceMonths',
      `宽限期必须短于最短期限 ${String(input.minTermMonths)} 个月（宽限期后至少还款一个月）`,
      `must be shorter than the minimum term of ${String(input.minTermMonths)} months (at least one repayment month after it)`,
    );
  }
  if (
    input.interestPeriod !== null &&
    input.method !== 'interest-only' &&
    input.graceMonths === 0
  ) {
    throw invalid(
      'interestPeriod',
      '只有按期付息到期还本或有宽限期的产品才有结息周期',
      'only interest-only products and products with a grace period have an interest period',
    );
  }
  if (input.rateRule) parseRate(input.rateRule.value, 'rateRule.value');
  if (input.institutionId !== null) {
    const inst = await db
      .selectFrom('institutions')
      .select('id')
      .where('region_code', '=', regionCode)
      .where('id', '=', input.institutionId)
      .executeTakeFirst();
    if (!inst) throw invalid('institutionId', '金融机构不存在', 'no such institution');
  }
}

/** The columns a product's settings are stored in (all but identity and bookkeeping). */
function settingColumns(input: ProductInput) {
  return {
    category: input.category,
    institution_id: input.institutionId,
    name_zh: input.nameZh,
    name_en: input.nameEn,
    min_amount: input.minAmount,
    max_amount: input.maxAmount,
    min_term_months: input.minTermMonths,
    max_term_months: input.maxTermMonths,
    method: input.method,
    interest_period: input.interestPeriod,
    day_count: input.dayCount,
    rounding: input.rounding,
    grace_months: input.graceMonths,
    collateral: input.collateral,
    rate_rule_kind: input.rateRule?.kind ?? null,
    rate_rule_value: input.rateRule?.value ?? null,
    policy_rule_ids: JSON.stringify(input.policyRuleIds),
    allocation_order: input.allocationOrder,
    penalty_factor: input.penaltyFactor,
    class_bounds: JSON.stringify(input.classBounds),
  } satisfies Partial<LoanProductTable>;
}

export const createLoanProduct = defineUseCase({
  name: 'loan-product.create',
  roles: ['district_admin', 'financial_office'],
  scope: 'district',
  writes: true,
  input: productInput,
  async run({ db, actor, now, audit }, input): Promise<LoanProduct> {
    await checkProduct(db, actor.regionCode, input);
    const clash = await db
      .selectFrom('loan_products')
      .select('id')
      .where('region_code', '=', actor.regionCode)
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (clash) {
      throw conflict('duplicate_code', '产品代码已存在', 'A product with this code exists', 'code');
    }
    const at = now.toISOString();
    const row: LoanProductTable = {
      region_code: actor.regionCode,
      id: newId(now.getTime()),
      code: input.code,
      ...settingColumns(input),
      active: 1,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await db.insertInto('loan_products').values(row).execute();
    const out = productOut(row);
    await audit({
      action: 'loan-product.create',
      entity: 'loan_product',
      entityId: row.id,
      after: out,
    });
    return out;
  },
});

/**
 * Settings that loans already made under the product live by: the category (the art. 11
 * cap counts micro-credit by it), the lender, collateral, and how schedules and payments
 * are computed. Once the product has a loan (an application included) they are fixed;
 * a different setting is a new product. Limits, names, the rate rule, the policy rules,
 * grace months and `active` apply to applications and disbursements from now on.
 */
const stale = (): AppError =>
  conflict(
    'stale_version',
    '该产品已被他人修改，请刷新后重试',
    'someone else changed this product; reload and try again',
    'version',
  );

const FIXED_ONCE_USED = [
  'category',
  'institutionId',
  'method',
  'interestPeriod',
  'dayCount',
  'rounding',
  'collateral',
  'allocationOrder',
  'penaltyFactor',
  'classBounds',
] as const;

export const updateLoanProduct = defineUseCase({
  name: 'loan-product.update',
  roles: ['district_admin', 'financial_office'],
  scope: 'district',
  writes: true,
  // Every setting, as the create form sends it: an omitted one is an error, never a
  // silent reset to its default.
  input: productInput
    .required()
    .extend({
      id: z.string().trim().min(1).max(64),
      version: z.coerce.number().int().min(1),
      active: z.boolean(),
    })
    .strict(),
  async run({ db, actor, now, audit }, input): Promise<LoanProduct> {
    const before = await loadProduct(db, actor.regionCode, input.id);
    if (before.version !== input.version) throw stale();
    if (input.code !== before.code) {
      throw invalid('code', '产品代码不能修改', 'the product code cannot be changed');
    }
    await checkProduct(db, actor.regionCode, input);
    const current = productOut(before);
    const changed = FIXED_ONCE_USED.find(
      (key) => JSON.stringify(input[key]) !== JSON.stringify(current[key]),
    );
    if (changed) {
      const used = await db
        .selectFrom('loans')
        .select('id')
        .where('region_code', '=', actor.regionCode)
        .where('product_id', '=', before.id)
        .limit(1)
        .executeTakeFirst();
      if (used) {
        throw conflict(
          'product_in_use',
          '该产品已有贷款，此项设置不能修改；请新建产品',
          'loans were made under this product, so this setting cannot change; create a new product',
          changed,
        );
      }
    }
    const columns = settingColumns(input);
    const after: LoanProductTable = {
      ...before,
      ...columns,
      active: input.active ? 1 : 0,
      updated_at: now.toISOString(),
      version: before.version + 1,
    };
    const { numUpdatedRows } = await db
      .updateTable('loan_products')
      .set({
        ...columns,
        active: after.active,
        updated_at: after.updated_at,
        version: after.version,
      })
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', before.id)
      .where('version', '=', before.version)
      .executeTakeFirst();
    if (Number(numUpdatedRows) !== 1) throw stale();
    const out = productOut(after);
    await audit({
      action: 'loan-product.update',
      entity: 'loan_product',
      entityId: before.id,
      before: current,
      after: out,
    });
    return out;
  },
});

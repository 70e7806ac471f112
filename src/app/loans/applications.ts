import { z } from 'zod';
import type { IsoDate } from '../../core/calendarDate.ts';
import type { DayCountConvention } from '../../core/dayCount.ts';
import { DomainError } from '../../core/errors.ts';
import { fen, fenToYuanString, type Fen } from '../../core/money.ts';
import {
  addPercentagePoints,
  mulRate,
  parseRate,
  rateToString,
  type Rate,
} from '../../core/rate.ts';
import { benchmarkRate } from '../../core/rateTable.ts';
import type { FailedCondition } from '../../core/rules/rule.ts';
import type { RoundingMode } from '../../core/rounding.ts';
import { buildSchedule, type InterestPeriod } from '../../core/schedule/index.ts';
import type { LoanProductTable, LoanTable } from '../../store/schema.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { policyData } from '../policy/evaluate.ts';
import { POLICY_ROOT } from '../policy/parameterVersions.ts';
import { defineUseCase, type UseCaseContext } from '../useCase.ts';
import {
  creditTermsFor,
  creditTermsOfLoan,
  creditTermsOut,
  creditTermsRow,
  type CreditTermsOut,
} from '../credit/creditTerms.ts';
import { loadParameterSnapshot } from '../policy/parameterVersions.ts';
import { businessDayOf } from '../businessDay.ts';
import { art11CapFor, checkedByArt11, microCreditEligibility } from './eligibility.ts';
import { annualRate, asInvalid, businessDate, id, positiveYuan, termMonths } from './loanFields.ts';
import { loadHouseholdVisible, loadLoanVisible } from './loanScope.ts';
import { loanOut, type LoanSummary } from './loanOut.ts';
import { loadProduct } from './products.ts';

/**
 * Application → approval → disbursement (issue 4 §3). A bank officer acts for its own
 * institution on households in the townships it serves; anything else is "not found".
 */

function rateCap(product: LoanProductTable, months: number, on: IsoDate): Rate | null {
  if (product.rate_rule_kind === null || product.rate_rule_value === null) return null;
  try {
    const benchmark = benchmarkRate(policyData(POLICY_ROOT).benchmark, months, on, 'appliedOn');
    return product.rate_rule_kind === 'max-points-over-benchmark'
      ? addPercentagePoints(benchmark, parseRate(product.rate_rule_value))
      : mulRate(benchmark, product.rate_rule_value);
  } catch (e) {
    return asInvalid(e);
  }
}

export interface ApplicationResult extends LoanSummary {
  /** The failed conditions with their articles, when the application was refused. */
  refusal: FailedCondition[] | null;
  /** A credit household's better terms, as applied to the limit, rate and deadline. */
  creditTerms: CreditTermsOut | null;
}

export const applyForLoan = defineUseCase({
  name: 'loan.apply',
  roles: ['bank_officer'],
  scope: 'institution',
  writes: true,
  input: z
    .object({
      productId: id,
      householdId: id,
      contractNo: z.string().trim().min(1).max(64),
      amount: positiveYuan,
      annualRate,
      termMonths,
      appliedOn: businessDate,
      needId: id.optional(),
    })
    .strict(),
  async run({ app, db, actor, now, audit }, input): Promise<ApplicationResult> {
    const institutionId = actor.institutionId;
    if (institutionId === null) throw notFound('institution');
    const household = await loadHouseholdVisible(db, actor, input.householdId);
    const product = await loadProduct(db, actor.regionCode, input.productId);
    if (
      product.active !== 1 ||
      (product.institution_id !== null && product.institution_id !== institutionId)
    ) {
      throw notFound('loan product');
    }
    // The parameter versions in force, read through the transaction (on SQLite a read on
    // another connection would wait for it): credit terms and art. 11 both use them.
    const params = await loadParameterSnapshot(
      { ...app, store: { ...app.store, db } },
      actor.regionCode,
    );
    const terms = await creditTermsFor(db, params, actor.regionCode, household.id, {
      productMaxAmount: product.max_amount as Fen,
      policyCap: art11CapFor(params, product, input.appliedOn),
      offeredRate: input.annualRate,
      appliedOn: input.appliedOn,
    });
    const maxAmount = terms?.maxAmount ?? (product.max_amount as Fen);
    if (input.amount < product.min_amount || input.amount > maxAmount) {
      const min = fenToYuanString(product.min_amount as Fen);
      const max = fenToYuanString(maxAmount);
      throw invalid(
        'amount',
        `金额应在 ${min} 至 ${max} 元之间${terms ? '（信用户上浮后的上限）' : ''}`,
        `must be between ${min} and ${max} yuan for this product${terms ? " (the credit household's raised limit)" : ''}`,
      );
    }
    if (input.termMonths < product.min_term_months || input.termMonths > product.max_term_months) {
      throw invalid(
        'termMonths',
        `期限应在 ${String(product.min_term_months)} 至 ${String(product.max_term_months)} 个月之间`,
        `must be between ${String(product.min_term_months)} and ${String(product.max_term_months)} months for this product`,
      );
    }
    const cap = rateCap(product, input.termMonths, input.appliedOn);
    if (cap !== null && input.annualRate > cap) {
      throw invalid(
        'annualRate',
        `利率超过本产品上限 ${rateToString(cap)}%`,
        `exceeds this product's cap of ${rateToString(cap)}%`,
      );
    }
    if (input.needId !== undefined) {
      const need = await db
        .selectFrom('financing_needs')
        .select(['id', 'household_id', 'status'])
        .where('region_code', '=', actor.regionCode)
        .where('id', '=', input.needId)
        .executeTakeFirst();
      if (!need || need.household_id !== household.id) throw notFound('financing need');
      if (need.status === 'loaned' || need.status === 'withdrawn') {
        throw conflict(
          'need_closed',
          '该融资需求已放贷或已撤回',
          'This financing need is already loaned or withdrawn',
          'needId',
        );
      }
    }
    const clash = await db
      .selectFrom('loans')
      .select('id')
      .where('region_code', '=', actor.regionCode)
      .where('contract_no', '=', input.contractNo)
      .executeTakeFirst();
    if (clash) {
      throw conflict(
        'duplicate_contract',
        '合同编号已存在',
        'This contract number exists',
        'contractNo',
      );
    }

    let refusal: FailedCondition[] | null = null;
    let facts: unknown = null;
    if (checkedByArt11(product)) {
      try {
        const outcome = await microCreditEligibility(db, params, actor.regionCode, product, {
          householdId: household.id,
          amount: input.amount,
          termMonths: input.termMonths,
          appliedOn: input.appliedOn,
        });
        facts = outcome.facts;
        if (!outcome.eligible) refusal = outcome.failed;
      } catch (e) {
        if (e instanceof DomainError) asInvalid(e);
        throw e;
      }
    }

    const at = now.toISOString();
    const row: LoanTable = {
      region_code: actor.regionCode,
      id: newId(now.getTime()),
      contract_no: input.contractNo,
      product_id: product.id,
      institution_id: institutionId,
      household_id: household.id,
      township_code: household.township_code,
      village_code: household.village_code,
      amount: input.amount,
      annual_rate: rateToString(terms?.contractRate ?? input.annualRate),
      term_months: input.termMonths,
      method: product.method,
      applied_on: input.appliedOn,
      applied_by: actor.username,
      status: refusal ? 'refused' : 'applied',
      refusal_json: refusal ? JSON.stringify(refusal) : null,
      approved_by: null,
      approved_at: null,
      contract_date: null,
      disbursed_on: null,
      maturity_date: null,
      need_id: input.needId ?? null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await db.insertInto('loans').values(row).execute();
    const termsRow = terms && creditTermsRow(actor.regionCode, row.id, terms);
    if (termsRow) await db.insertInto('loan_credit_terms').values(termsRow).execute();
    const out = loanOut(row);
    const creditTerms = termsRow && creditTermsOut(termsRow);
    await audit({
      action: 'loan.apply',
      entity: 'loan',
      entityId: row.id,
      after: out,
      detail: { eligibility: facts, refusal, creditTerms },
    });
    return { ...out, refusal, creditTerms };
  },
});

async function transition(
  ctx: UseCaseContext,
  before: LoanTable,
  set: Partial<LoanTable>,
): Promise<LoanTable> {
  const after: LoanTable = {
    ...before,
    ...set,
    updated_at: ctx.now.toISOString(),
    version: before.version + 1,
  };
  const res = await ctx.db
    .updateTable('loans')
    .set({ ...set, updated_at: after.updated_at, version: after.version })
    .where('region_code', '=', before.region_code)
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) {
    throw conflict('stale', '贷款已被他人修改，请刷新', 'The loan changed meanwhile; reload', 'id');
  }
  return after;
}

function wrongStatus(loan: LoanTable, expected: string): never {
  throw conflict(
    'loan_status',
    `贷款状态为“${loan.status}”，此操作需要“${expected}”`,
    `The loan is ${loan.status}; this needs it ${expected}`,
    'id',
  );
}

export const approveLoan = defineUseCase({
  name: 'loan.approve',
  roles: ['bank_officer'],
  scope: 'institution',
  writes: true,
  input: z.object({ id }).strict(),
  async run(ctx, input): Promise<LoanSummary> {
    const before = await loadLoanVisible(ctx.db, ctx.actor, input.id);
    if (before.status !== 'applied') wrongStatus(before, 'applied');
    const terms = await creditTermsOfLoan(ctx.db, ctx.actor.regionCode, before.id);
    const after = await transition(ctx, before, {
      status: 'approved',
      approved_by: ctx.actor.username,
      approved_at: ctx.now.toISOString(),
    });
    // A credit household's deadline: whether the decision kept it goes on record.
    const decidedOn = businessDayOf(ctx.now);
    await ctx.audit({
      action: 'loan.approve',
      entity: 'loan',
      entityId: before.id,
      before: { status: before.status },
      after: { status: after.status },
      ...(terms && {
        detail: { decideBy: terms.decide_by, decidedOn, inTime: decidedOn <= terms.decide_by },
      }),
    });
    return loanOut(after);
  },
});

export const disburseLoan = defineUseCase({
  name: 'loan.disburse',
  roles: ['bank_officer'],
  scope: 'institution',
  writes: true,
  input: z.object({ id, contractDate: businessDate, disbursedOn: businessDate }).strict(),
  async run(ctx, input): Promise<LoanSummary> {
    const { db, actor } = ctx;
    const before = await loadLoanVisible(db, actor, input.id);
    if (before.status !== 'approved') wrongStatus(before, 'approved');
    if (input.contractDate < before.applied_on) {
      throw invalid(
        'contractDate',
        `合同日期不能早于申请日期 ${before.applied_on}`,
        `must not be before the application date ${before.applied_on}`,
      );
    }
    if (input.disbursedOn < input.contractDate) {
      throw invalid(
        'disbursedOn',
        '放款日期不能早于合同日期',
        'must not be before the contract date',
      );
    }
    const product = await loadProduct(db, actor.regionCode, before.product_id);
    let schedule;
    try {
      schedule = buildSchedule({
        principal: fen(Number(before.amount)),
        annualRate: parseRate(before.annual_rate),
        months: before.term_months,
        method: before.method,
        start: input.disbursedOn,
        ...(product.interest_period === null
          ? {}
          : { interestPeriod: product.interest_period as InterestPeriod }),
        dayCount: product.day_count as DayCountConvention,
        rounding: product.rounding as RoundingMode,
        graceMonths: product.grace_months,
      });
    } catch (e) {
      return asInvalid(e);
    }
    const rows = schedule.rows.map((r) => ({
      region_code: actor.regionCode,
      loan_id: before.id,
      schedule_version: 1,
      n: r.n,
      period_start: r.periodStart,
      due_date: r.dueDate,
      principal: r.principal,
      interest: r.interest,
      total: r.total,
      balance_after: r.balanceAfter,
    }));
    for (let i = 0; i < rows.length; i += 200) {
      await db
        .insertInto('loan_schedule_rows')
        .values(rows.slice(i, i + 200))
        .execute();
    }
    const after = await transition(ctx, before, {
      status: 'disbursed',
      contract_date: input.contractDate,
      disbursed_on: input.disbursedOn,
      maturity_date: schedule.maturityDate,
    });
    if (before.need_id !== null) {
      await db
        .updateTable('financing_needs')
        .set((eb) => ({ status: 'loaned', version: eb('version', '+', 1) }))
        .where('region_code', '=', actor.regionCode)
        .where('id', '=', before.need_id)
        .execute();
    }
    await ctx.audit({
      action: 'loan.disburse',
      entity: 'loan',
      entityId: before.id,
      before: { status: before.status },
      after: {
        status: after.status,
        contractDate: after.contract_date,
        disbursedOn: after.disbursed_on,
        maturityDate: after.maturity_date,
        scheduleRows: rows.length,
        needLoaned: before.need_id,
      },
    });
    return loanOut(after);
  },
});

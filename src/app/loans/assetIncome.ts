import { z } from 'zod';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { paramFen } from '../../core/policy/parameterSet.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { loadParameterSnapshot } from '../policy/parameterVersions.ts';
import { statusOn } from '../register/households.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual } from '../validation.ts';
import { outstandingMicroCredit, transferredEntitlement } from './eligibility.ts';
import { businessDate, id, positiveYuan, shortText } from './loanFields.ts';
import { loadLoanVisible } from './loanScope.ts';

/**
 * The art. 13 asset-income pilot (金融资产收益扶贫试点, ADR 0012): the poverty office records
 * a poor or lifted household's borrowing entitlement transferred to an enterprise's
 * industry loan as quantified equity; the poverty office or the lending bank records
 * the dividends paid on each stake.
 */

/** Equity shares are exact to 0.0001 %; compared as integers of that unit. */
const SHARE_UNITS_PER_PERCENT = 10_000;

const equityShare = z
  .string()
  .trim()
  .regex(
    /^\d{1,3}(\.\d{1,4})?$/,
    bilingual(
      '应为百分比，最多四位小数（如“33.3333”）',
      'must be a percent with at most 4 decimals (e.g. "33.3333")',
    ),
  )
  .refine(
    (v) => {
      const units = shareUnits(v);
      return units > 0 && units <= 100 * SHARE_UNITS_PER_PERCENT;
    },
    bilingual('必须大于0%且不超过100%', 'must be more than 0% and at most 100%'),
  );

function shareUnits(percent: string): number {
  const [whole, frac = ''] = percent.split('.');
  return Number(whole) * SHARE_UNITS_PER_PERCENT + Number(frac.padEnd(4, '0'));
}

export const recordAssetIncomeStake = defineUseCase({
  name: 'asset-income.record-stake',
  roles: ['poverty_office'],
  scope: 'district',
  writes: true,
  input: z
    .object({
      householdId: id,
      operatorId: id,
      loanId: id,
      amount: positiveYuan,
      equityShare,
      startDate: businessDate,
    })
    .strict(),
  async run({ app, db, actor, now, audit }, input): Promise<{ id: string }> {
    const region = actor.regionCode;
    const household = await db
      .selectFrom('households')
      .select(['id', 'township_code'])
      .where('region_code', '=', region)
      .where('id', '=', input.householdId)
      .executeTakeFirst();
    if (!household) throw notFound('household');
    const status = await statusOn(db, region, household.id, input.startDate);
    if (status !== 'registered_poor' && status !== 'lifted')
      throw invalid(
        'householdId',
        `${input.startDate}该户不是建档立卡贫困户或脱贫户（art. 13）`,
        `the household was not registered poor or lifted on ${input.startDate} (art. 13)`,
        'not_poor_or_lifted',
      );
    const operator = await db
      .selectFrom('operators')
      .select('id')
      .where('region_code', '=', region)
      .where('id', '=', input.operatorId)
      .executeTakeFirst();
    if (!operator) throw notFound('operator');

    const loan = await loadLoanVisible(db, actor, input.loanId);
    const product = await db
      .selectFrom('loan_products')
      .select('category')
      .where('region_code', '=', region)
      .where('id', '=', loan.product_id)
      .executeTakeFirstOrThrow();
    if (product.category !== 'industry' || loan.status === 'refused')
      throw invalid(
        'loanId',
        '应为企业的产业扶贫贷款（产业贷款类，未被拒绝）',
        "must be the enterprise's industry loan (industry category, not refused)",
        'not_industry_loan',
      );

    const onLoan = await db
      .selectFrom('asset_income_stakes')
      .select(['household_id', 'operator_id', 'amount', 'equity_share'])
      .where('region_code', '=', region)
      .where('loan_id', '=', loan.id)
      .execute();
    if (onLoan.some((s) => s.household_id === household.id))
      throw conflict(
        'duplicate_stake',
        '该户在此贷款上已有股权',
        'the household already has a stake in this loan',
        'householdId',
      );
    if (onLoan.some((s) => s.operator_id !== input.operatorId))
      throw invalid(
        'operatorId',
        '此贷款已关联另一家企业',
        'this loan is already linked to another enterprise',
      );
    const transferred = onLoan.reduce((s, x) => s + Number(x.amount), 0) + input.amount;
    if (transferred > Number(loan.amount))
      throw invalid(
        'amount',
        `转让的借款资格合计${fenToYuanString(transferred as Fen)}元，超过贷款金额${fenToYuanString(Number(loan.amount) as Fen)}元`,
        `entitlements transferred total ${fenToYuanString(transferred as Fen)} yuan, over the loan's ${fenToYuanString(Number(loan.amount) as Fen)} yuan`,
        'over_loan_amount',
      );
    const shares = onLoan.reduce((s, x) => s + shareUnits(x.equity_share), 0);
    if (shares + shareUnits(input.equityShare) > 100 * SHARE_UNITS_PER_PERCENT)
      throw invalid(
        'equityShare',
        '此贷款上的股权合计超过100%',
        "the loan's stakes would exceed 100%",
      );

    // The entitlement transferred is the household's art. 11 borrowing entitlement: it
    // uses that much of the cap, with its micro-credit and its other stakes (ADR 0012).
    const params = await loadParameterSnapshot({ ...app, store: { ...app.store, db } }, region);
    const cap = paramFen(params, 'art11.micro-credit.max-amount', input.startDate).value;
    const [owed, staked] = await Promise.all([
      outstandingMicroCredit(db, region, household.id, input.startDate),
      transferredEntitlement(db, region, household.id, input.startDate),
    ]);
    const used = owed + staked + input.amount;
    if (used > cap)
      throw invalid(
        'amount',
        `art. 11：小额信贷余额${fenToYuanString(owed)}元、已转让${fenToYuanString(staked)}元，加上本次超过每户${fenToYuanString(cap)}元上限`,
        `art. 11: micro-credit owed ${fenToYuanString(owed)}, already transferred ${fenToYuanString(staked)}, with this over the ${fenToYuanString(cap)} yuan household cap`,
        'over_cap',
      );

    const stakeId = newId(now.getTime());
    const row = {
      region_code: region,
      id: stakeId,
      household_id: household.id,
      township_code: household.township_code,
      operator_id: input.operatorId,
      loan_id: loan.id,
      amount: input.amount,
      equity_share: input.equityShare,
      start_date: input.startDate,
      recorded_by: actor.username,
      recorded_at: now.toISOString(),
    };
    await db.insertInto('asset_income_stakes').values(row).execute();
    await audit({
      action: 'asset-income.record-stake',
      entity: 'asset_income_stake',
      entityId: stakeId,
      after: { ...row, amount: fenToYuanString(input.amount) },
    });
    return { id: stakeId };
  },
});

export const recordAssetIncomeDividend = defineUseCase({
  name: 'asset-income.record-dividend',
  roles: ['poverty_office', 'bank_officer'],
  scope: 'institution',
  writes: true,
  input: z
    .object({
      id,
      period: z
        .string()
        .trim()
        .min(1, bilingual('不能为空', 'must not be empty'))
        .max(20, bilingual('不能超过20个字符', 'must be at most 20 characters')),
      amount: positiveYuan,
      paidOn: businessDate,
      paymentRef: shortText,
    })
    .strict(),
  async run({ db, actor, now, audit }, input): Promise<{ id: string }> {
    const stake = await db
      .selectFrom('asset_income_stakes')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!stake) throw notFound('stake');
    // A bank records dividends only on its own loans' stakes (answered as missing otherwise).
    await loadLoanVisible(db, actor, stake.loan_id).catch(() => {
      throw notFound('stake');
    });
    if (input.paidOn < stake.start_date)
      throw invalid(
        'paidOn',
        `分红日期不能早于入股日期${stake.start_date}`,
        `must not be before the stake started on ${stake.start_date}`,
        'before_stake',
      );
    const dup = await db
      .selectFrom('asset_income_dividends')
      .select('id')
      .where('region_code', '=', actor.regionCode)
      .where('stake_id', '=', stake.id)
      .where('period', '=', input.period)
      .executeTakeFirst();
    if (dup)
      throw conflict(
        'duplicate_dividend',
        '该股权此期分红已登记',
        'a dividend for this stake and period is already recorded',
        'period',
      );
    const dividendId = newId(now.getTime());
    const row = {
      region_code: actor.regionCode,
      id: dividendId,
      stake_id: stake.id,
      period: input.period,
      amount: input.amount,
      paid_on: input.paidOn,
      payment_ref: input.paymentRef,
      recorded_by: actor.username,
      recorded_at: now.toISOString(),
    };
    await db.insertInto('asset_income_dividends').values(row).execute();
    await audit({
      action: 'asset-income.record-dividend',
      entity: 'asset_income_dividend',
      entityId: dividendId,
      after: { ...row, amount: fenToYuanString(input.amount) },
    });
    return { id: dividendId };
  },
});

import { z } from 'zod';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import type { AssetIncomeDividendTable, AssetIncomeStakeTable } from '../../store/schema.ts';
import { canSeeTownship } from '../actor.ts';
import { defineUseCase, type UseCaseContext } from '../useCase.ts';
import { id, LOAN_READERS } from './loanFields.ts';
import { loadHouseholdVisible, loadLoanVisible } from './loanScope.ts';

/** Reading the art. 13 asset-income pilot: a household's stakes, a loan's households. */

export interface AssetIncomeStake {
  id: string;
  householdId: string;
  householdNo: string;
  headName: string;
  operatorId: string;
  operatorName: string;
  loanId: string;
  contractNo: string;
  amount: string;
  equityShare: string;
  startDate: string;
  dividends: { id: string; period: string; amount: string; paidOn: string; paymentRef: string }[];
  /** The sum of the dividends paid. */
  dividendTotal: string;
}

async function describe(
  { db, actor }: Pick<UseCaseContext, 'db' | 'actor'>,
  stakes: AssetIncomeStakeTable[],
): Promise<AssetIncomeStake[]> {
  if (stakes.length === 0) return [];
  const region = actor.regionCode;
  const [households, operators, loans, dividends] = await Promise.all([
    db
      .selectFrom('households')
      .select(['id', 'household_no', 'head_name'])
      .where('region_code', '=', region)
      .where('id', 'in', [...new Set(stakes.map((s) => s.household_id))])
      .execute(),
    db
      .selectFrom('operators')
      .select(['id', 'name'])
      .where('region_code', '=', region)
      .where('id', 'in', [...new Set(stakes.map((s) => s.operator_id))])
      .execute(),
    db
      .selectFrom('loans')
      .select(['id', 'contract_no'])
      .where('region_code', '=', region)
      .where('id', 'in', [...new Set(stakes.map((s) => s.loan_id))])
      .execute(),
    db
      .selectFrom('asset_income_dividends')
      .selectAll()
      .where('region_code', '=', region)
      .where(
        'stake_id',
        'in',
        stakes.map((s) => s.id),
      )
      .orderBy('paid_on')
      .orderBy('period')
      .execute(),
  ]);
  const h = new Map(households.map((x) => [x.id, x]));
  const o = new Map(operators.map((x) => [x.id, x.name]));
  const l = new Map(loans.map((x) => [x.id, x.contract_no]));
  const byStake = new Map<string, AssetIncomeDividendTable[]>();
  for (const d of dividends) byStake.set(d.stake_id, [...(byStake.get(d.stake_id) ?? []), d]);
  return stakes.map((s) => {
    const paid = byStake.get(s.id) ?? [];
    return {
      id: s.id,
      householdId: s.household_id,
      householdNo: h.get(s.household_id)?.household_no ?? '',
      headName: h.get(s.household_id)?.head_name ?? '',
      operatorId: s.operator_id,
      operatorName: o.get(s.operator_id) ?? '',
      loanId: s.loan_id,
      contractNo: l.get(s.loan_id) ?? '',
      amount: fenToYuanString(Number(s.amount) as Fen),
      equityShare: s.equity_share,
      startDate: s.start_date,
      dividends: paid.map((d) => ({
        id: d.id,
        period: d.period,
        amount: fenToYuanString(Number(d.amount) as Fen),
        paidOn: d.paid_on,
        paymentRef: d.payment_ref,
      })),
      dividendTotal: fenToYuanString(paid.reduce((t, d) => t + Number(d.amount), 0) as Fen),
    };
  });
}

export const householdAssetIncome = defineUseCase({
  name: 'asset-income.household',
  roles: LOAN_READERS,
  scope: 'township',
  writes: false,
  input: z.object({ id }).strict(),
  async run(ctx, input): Promise<{ stakes: AssetIncomeStake[] }> {
    const { db, actor } = ctx;
    const household = await loadHouseholdVisible(db, actor, input.id);
    let q = db
      .selectFrom('asset_income_stakes as s')
      .innerJoin('loans as l', (j) =>
        j.onRef('l.region_code', '=', 's.region_code').onRef('l.id', '=', 's.loan_id'),
      )
      .selectAll('s')
      .where('s.region_code', '=', actor.regionCode)
      .where('s.household_id', '=', household.id);
    // A bank officer sees the stakes in its own loans only, as with the household's loans.
    if (actor.role === 'bank_officer') q = q.where('l.institution_id', '=', actor.institutionId);
    const stakes = await q.orderBy('s.start_date').orderBy('s.id').execute();
    return { stakes: await describe(ctx, stakes) };
  },
});

export const loanAssetIncome = defineUseCase({
  name: 'asset-income.loan',
  roles: LOAN_READERS,
  scope: 'institution',
  writes: false,
  input: z.object({ id }).strict(),
  async run(ctx, input): Promise<{ stakes: AssetIncomeStake[] }> {
    const { db, actor } = ctx;
    const loan = await loadLoanVisible(db, actor, input.id);
    const stakes = await db
      .selectFrom('asset_income_stakes')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .where('loan_id', '=', loan.id)
      .orderBy('start_date')
      .orderBy('id')
      .execute();
    // Households outside the reader's townships stay out of sight.
    const visible = stakes.filter((s) => canSeeTownship(actor, s.township_code));
    return { stakes: await describe(ctx, visible) };
  },
});

import { z } from 'zod';
import type { IsoDate } from '../../core/calendarDate.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { businessDayOf } from '../businessDay.ts';
import { businessDate, positiveYuan, shortText } from '../loans/loanFields.ts';
import { defineUseCase } from '../useCase.ts';
import { ensureAccounts, FUND_CODES, FUNDS, SOURCE_CODES, SOURCES } from './accounts.ts';
import { accountBalances, availableIn, postEntry } from './ledger.ts';
import { FUND_KEEPERS, SETTLEMENT_READERS } from './settlementRoles.ts';

/**
 * The funds (issue 5 §3): top-ups post Dr fund / Cr source; balances as of any date;
 * the trial balance (the sum of every posting) is zero by construction.
 */

export const topUpFund = defineUseCase({
  name: 'fund.top-up',
  roles: FUND_KEEPERS,
  scope: 'district',
  writes: true,
  input: z
    .object({
      fund: z.enum(FUND_CODES),
      source: z.enum(SOURCE_CODES),
      amount: positiveYuan,
      postedOn: businessDate,
      memo: shortText,
    })
    .strict(),
  async run({ db, actor, now, audit }, input): Promise<{ entryId: string }> {
    await ensureAccounts(db, actor.regionCode, [...FUNDS, ...SOURCES], now);
    const entryId = await postEntry(db, actor, now, {
      kind: 'top-up',
      postedOn: input.postedOn,
      memo: input.memo,
      refId: null,
      postings: [
        { account: input.fund, amount: input.amount },
        { account: input.source, amount: -input.amount as Fen },
      ],
    });
    await audit({
      action: 'fund.top-up',
      entity: 'ledger_entry',
      entityId: entryId,
      after: { fund: input.fund, source: input.source, amount: fenToYuanString(input.amount) },
    });
    return { entryId };
  },
});

export interface FundBalance {
  code: string;
  nameZh: string;
  nameEn: string;
  /** What the fund holds. */
  balance: string;
  /** Less what approved, unpaid runs owe from it. */
  available: string;
}

export interface FundBalances {
  asOf: string;
  funds: FundBalance[];
  accounts: { code: string; kind: string; nameZh: string; nameEn: string; balance: string }[];
  /** The sum of every posting: "0.00" always. */
  trialBalance: string;
}

export const fundBalances = defineUseCase({
  name: 'fund.balances',
  roles: SETTLEMENT_READERS,
  scope: 'district',
  writes: false,
  input: z.object({ asOf: businessDate.optional() }).strict(),
  async run({ db, actor, now }, input): Promise<FundBalances> {
    const asOf: IsoDate = input.asOf ?? businessDayOf(now);
    const balances = await accountBalances(db, actor.regionCode, asOf);
    const accounts = await db
      .selectFrom('ledger_accounts')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .orderBy('code')
      .execute();
    const y = (v: number): string => fenToYuanString(v as Fen);
    let trial = 0;
    for (const v of balances.values()) trial += v;
    return {
      asOf,
      funds: FUNDS.map((f) => ({
        code: f.code,
        nameZh: f.zh,
        nameEn: f.en,
        balance: y(balances.get(f.code) ?? 0),
        available: y(availableIn(balances, f.code)),
      })),
      accounts: accounts.map((a) => ({
        code: a.code,
        kind: a.kind,
        nameZh: a.name_zh,
        nameEn: a.name_en,
        balance: y(balances.get(a.code) ?? 0),
      })),
      trialBalance: y(trial),
    };
  },
});

import type { Kysely } from 'kysely';
import type { Payer } from '../../core/rules/rule.ts';
import type { Database, LedgerAccountKind } from '../../store/schema.ts';

/**
 * The chart of accounts of the funds the policy pays from. A fund (asset) holds money;
 * a source (where money came from: the district budget, city and central transfers) is
 * credited when a fund is topped up; an expense is debited per rule when a run is
 * approved, against a payable per fund; paying a run moves the payable out of the fund.
 * So a fund's *available* balance is its balance less what approved runs still owe.
 */

export interface AccountSpec {
  readonly code: string;
  readonly kind: LedgerAccountKind;
  readonly zh: string;
  readonly en: string;
}

export const FUNDS = [
  {
    code: 'fund.district-subsidy',
    kind: 'fund',
    zh: '区级财政贴息资金',
    en: 'District subsidy budget',
  },
  {
    code: 'fund.risk-compensation',
    kind: 'fund',
    zh: '扶贫小额信贷风险补偿金（第31条）',
    en: 'Risk compensation fund (art. 31)',
  },
  { code: 'fund.city-transfer', kind: 'fund', zh: '市级补助资金', en: 'City transfer funds' },
  {
    code: 'fund.central-transfer',
    kind: 'fund',
    zh: '中央补助资金',
    en: 'Central transfer funds',
  },
] as const satisfies readonly AccountSpec[];
export type FundCode = (typeof FUNDS)[number]['code'];
export const FUND_CODES = FUNDS.map((f) => f.code) as [FundCode, ...FundCode[]];

export const SOURCES = [
  { code: 'source.district-budget', kind: 'source', zh: '区级预算安排', en: 'District budget' },
  { code: 'source.city', kind: 'source', zh: '市级转移支付', en: 'City transfers' },
  { code: 'source.central', kind: 'source', zh: '中央转移支付', en: 'Central transfers' },
] as const satisfies readonly AccountSpec[];
export type SourceCode = (typeof SOURCES)[number]['code'];
export const SOURCE_CODES = SOURCES.map((s) => s.code) as [SourceCode, ...SourceCode[]];

/** The fund each payer level's subsidies are paid from. */
export const FUND_OF_PAYER: Record<Payer, FundCode> = {
  district: 'fund.district-subsidy',
  city: 'fund.city-transfer',
  central: 'fund.central-transfer',
  fund: 'fund.risk-compensation',
};

export const payableOf = (fund: FundCode): AccountSpec => {
  const f = FUNDS.find((x) => x.code === fund)!;
  return {
    code: `payable.${fund.slice('fund.'.length)}`,
    kind: 'payable',
    zh: `应付款：${f.zh}`,
    en: `Payable from ${f.en}`,
  };
};

export const expenseOf = (ruleId: string, titleZh: string, titleEn: string): AccountSpec => ({
  code: `expense.${ruleId}`,
  kind: 'expense',
  zh: `支出：${titleZh}`,
  en: `Expense: ${titleEn}`,
});

/** Creates the accounts that do not exist yet (idempotent, safe under concurrency). */
export async function ensureAccounts(
  db: Kysely<Database>,
  regionCode: string,
  accounts: readonly AccountSpec[],
  now: Date,
): Promise<void> {
  if (accounts.length === 0) return;
  await db
    .insertInto('ledger_accounts')
    .values(
      accounts.map((a) => ({
        region_code: regionCode,
        code: a.code,
        kind: a.kind,
        name_zh: a.zh,
        name_en: a.en,
        created_at: now.toISOString(),
      })),
    )
    .onConflict((oc) => oc.columns(['region_code', 'code']).doNothing())
    .execute();
}

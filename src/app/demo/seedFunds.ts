import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import type { Fen } from '../../core/money.ts';
import type { Database } from '../../store/schema.ts';
import { systemActor } from '../actor.ts';
import { MICRO_CREDIT_CATEGORIES } from '../loans/loanFields.ts';
import { ensureAccounts, FUNDS, SOURCES } from '../settlement/accounts.ts';
import { postEntry } from '../settlement/ledger.ts';

/** Art. 31: 区财政安排扶贫小额信贷风险补偿金1000万元. */
const RISK_FUND: Fen = 1_000_000_000 as Fen;
/** Budgets are appropriated in round sums. */
const ROUND_TO: number = 10_000_000;

/**
 * Demo funds (synthetic): the art. 31 risk compensation fund of 10,000,000 yuan, and a
 * district subsidy budget for each year the demo loans charge interest, sized to cover
 * that year's scheduled micro-credit interest, so the demo's settlement runs can be
 * approved. Appropriated on 1 January of each year.
 */
export async function seedDemoFunds(db: Kysely<Database>, now: Date): Promise<void> {
  const actor = systemActor();
  await ensureAccounts(db, actor.regionCode, [...FUNDS, ...SOURCES], now);
  await postEntry(db, actor, now, {
    kind: 'top-up',
    postedOn: '2016-01-01' as IsoDate,
    memo: '扶贫小额信贷风险补偿金（第31条）',
    refId: null,
    postings: [
      { account: 'fund.risk-compensation', amount: RISK_FUND },
      { account: 'source.district-budget', amount: -RISK_FUND as Fen },
    ],
  });
  const years = await db
    .selectFrom('loan_schedule_rows as s')
    .innerJoin('loans as l', (j) =>
      j.onRef('l.region_code', '=', 's.region_code').onRef('l.id', '=', 's.loan_id'),
    )
    .innerJoin('loan_products as p', (j) =>
      j.onRef('p.region_code', '=', 'l.region_code').onRef('p.id', '=', 'l.product_id'),
    )
    .select((eb) => [
      eb.fn<string>('substr', ['s.due_date', eb.val(1), eb.val(4)]).as('year'),
      eb.fn.sum<string>('s.interest').as('interest'),
    ])
    .where('p.category', 'in', MICRO_CREDIT_CATEGORIES)
    .groupBy('year')
    .orderBy('year')
    .execute();
  for (const { year, interest } of years) {
    const budget = (Math.ceil(Number(interest) / ROUND_TO) * ROUND_TO) as Fen;
    if (budget === 0) continue;
    await postEntry(db, actor, now, {
      kind: 'top-up',
      postedOn: `${year}-01-01` as IsoDate,
      memo: `${year}年度扶贫小额信贷贴息预算`,
      refId: null,
      postings: [
        { account: 'fund.district-subsidy', amount: budget },
        { account: 'source.district-budget', amount: -budget as Fen },
      ],
    });
  }
}

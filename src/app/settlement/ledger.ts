import { sql, type Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import { balancedEntry, type Posting } from '../../core/ledger/journal.ts';
import type { Fen } from '../../core/money.ts';
import type { Database, LedgerEntryTable } from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import { newId } from '../ids.ts';
import { FUNDS, payableOf, type FundCode } from './accounts.ts';

export interface EntrySpec {
  readonly kind: LedgerEntryTable['kind'];
  readonly postedOn: IsoDate;
  readonly memo: string;
  readonly refId: string | null;
  readonly postings: readonly Posting[];
}

/** Posts one balanced entry inside the caller's transaction; returns its id. */
export async function postEntry(
  db: Kysely<Database>,
  actor: Actor,
  now: Date,
  entry: EntrySpec,
): Promise<string> {
  const postings = balancedEntry(entry.postings);
  const id = newId(now.getTime());
  await db
    .insertInto('ledger_entries')
    .values({
      region_code: actor.regionCode,
      id,
      posted_on: entry.postedOn,
      kind: entry.kind,
      memo: entry.memo,
      ref_id: entry.refId,
      recorded_by: actor.username,
      recorded_at: now.toISOString(),
    })
    .execute();
  await db
    .insertInto('ledger_lines')
    .values(
      postings.map((p, i) => ({
        region_code: actor.regionCode,
        entry_id: id,
        n: i + 1,
        account_code: p.account,
        posted_on: entry.postedOn,
        amount: p.amount,
      })),
    )
    .execute();
  return id;
}

/** Net balance (debit positive) of every account with postings on or before `asOf`. */
export async function accountBalances(
  db: Kysely<Database>,
  regionCode: string,
  asOf?: IsoDate,
): Promise<Map<string, Fen>> {
  let q = db
    .selectFrom('ledger_lines')
    .select(['account_code', sql<string>`sum(amount)`.as('balance')])
    .where('region_code', '=', regionCode);
  if (asOf !== undefined) q = q.where('posted_on', '<=', asOf);
  const rows = await q.groupBy('account_code').execute();
  return new Map(rows.map((r) => [r.account_code, Number(r.balance) as Fen]));
}

/** What a fund can still commit: its balance less what approved runs owe from it. */
export function availableIn(balances: ReadonlyMap<string, Fen>, fund: FundCode): Fen {
  return ((balances.get(fund) ?? 0) + (balances.get(payableOf(fund).code) ?? 0)) as Fen;
}

export const FUND_NAMES = new Map<string, { zh: string; en: string }>(
  FUNDS.map((f) => [f.code, { zh: f.zh, en: f.en }]),
);

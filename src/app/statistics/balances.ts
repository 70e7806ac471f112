import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { STATISTICS_CATEGORIES, type StatisticsCategory } from './categories.ts';

/**
 * The district's loan figures from the banks' approved statistics as of a day: for each
 * bank its latest approved report ending on or before the day, summed over banks.
 * Null when no bank has an approved report by then: no data, never zero.
 */

export interface CategoryFigures {
  /** Fen. */
  balance: bigint;
  borrowers: bigint;
  npl: bigint;
}
export type DistrictFigures = Record<StatisticsCategory, CategoryFigures>;

async function approvedUpTo(
  db: Kysely<Database>,
  regionCode: string,
  asOf: string,
  institutionId?: string,
) {
  let q = db
    .selectFrom('statistics_reports')
    .select(['id', 'institution_id', 'period_to'])
    .where('region_code', '=', regionCode)
    .where('status', '=', 'approved')
    .where('period_to', '<=', asOf);
  if (institutionId !== undefined) q = q.where('institution_id', '=', institutionId);
  return q.execute();
}

/** The district's figures, or one institution's (its art. 35 evaluation) when named. */
export async function balancesOn(
  db: Kysely<Database>,
  regionCode: string,
  asOf: string,
  institutionId?: string,
): Promise<DistrictFigures | null> {
  const reports = await approvedUpTo(db, regionCode, asOf, institutionId);
  const latest = new Map<string, { id: string; period_to: string }>();
  for (const r of reports) {
    const seen = latest.get(r.institution_id);
    if (seen === undefined || seen.period_to < r.period_to) latest.set(r.institution_id, r);
  }
  if (latest.size === 0) return null;
  const lines = await db
    .selectFrom('statistics_lines')
    .select(['category', 'balance', 'borrowers', 'npl_balance'])
    .where('region_code', '=', regionCode)
    .where(
      'report_id',
      'in',
      [...latest.values()].map((r) => r.id),
    )
    .execute();
  const out = Object.fromEntries(
    STATISTICS_CATEGORIES.map((c) => [c, { balance: 0n, borrowers: 0n, npl: 0n }]),
  ) as DistrictFigures;
  for (const l of lines) {
    const f = out[l.category as StatisticsCategory];
    f.balance += BigInt(l.balance);
    f.borrowers += BigInt(l.borrowers);
    f.npl += BigInt(l.npl_balance);
  }
  return out;
}

/** New lending in the categories summed over every approved report ending by `asOf`. */
export async function cumulativeLending(
  db: Kysely<Database>,
  regionCode: string,
  asOf: string,
  categories: readonly StatisticsCategory[],
): Promise<bigint | null> {
  const row = await db
    .selectFrom('statistics_lines as l')
    .innerJoin('statistics_reports as r', (j) =>
      j.onRef('r.region_code', '=', 'l.region_code').onRef('r.id', '=', 'l.report_id'),
    )
    .select((eb) => [
      eb.fn.sum<string | number | null>('l.new_lending').as('total'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('l.region_code', '=', regionCode)
    .where('r.status', '=', 'approved')
    .where('r.period_to', '<=', asOf)
    .where('l.category', 'in', categories)
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0 ? null : BigInt(row.total ?? 0);
}

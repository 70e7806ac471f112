import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import type { LoanFacts } from '../../core/credit/portfolio.ts';
import { DEFAULT_CLASS_BOUNDS } from '../../core/loans/servicing.ts';
import type { Fen } from '../../core/money.ts';
import type { Database } from '../../store/schema.ts';
import { servicingOf } from '../loans/products.ts';
import { scheduleRowOf } from '../loans/scheduleRowOf.ts';

/**
 * Which households' loans to read: one household, the households with ids in (after,
 * upTo] (a page of a run over the region), a village, a township, or the region.
 */
export type PortfolioFilter =
  | { readonly householdId: string }
  | { readonly householdIdsIn: readonly [after: string, upTo: string] }
  | { readonly villageCode: string }
  | { readonly townshipCode: string }
  | Record<string, never>;

export interface HouseholdLoan extends LoanFacts {
  readonly householdId: string;
  readonly villageCode: string;
  readonly townshipCode: string;
}

const CHUNK = 500;

/**
 * The loans disbursed by `asOf` of the households the filter names, each with the
 * schedule version in force on `asOf`, its payments and its class bounds. Read in a few
 * set queries (not per loan), so rating a district stays a handful of round trips.
 */
export async function loadPortfolio(
  db: Kysely<Database>,
  regionCode: string,
  filter: PortfolioFilter,
  asOf: IsoDate,
): Promise<HouseholdLoan[]> {
  let q = db
    .selectFrom('loans')
    .select([
      'id',
      'household_id',
      'village_code',
      'township_code',
      'amount',
      'disbursed_on',
      'product_id',
    ])
    .where('region_code', '=', regionCode)
    .where('status', 'in', ['disbursed', 'closed', 'written_off'])
    .where('disbursed_on', '<=', asOf);
  if ('householdId' in filter) q = q.where('household_id', '=', filter.householdId);
  if ('householdIdsIn' in filter) {
    q = q
      .where('household_id', '>', filter.householdIdsIn[0])
      .where('household_id', '<=', filter.householdIdsIn[1]);
  }
  if ('villageCode' in filter) q = q.where('village_code', '=', filter.villageCode);
  if ('townshipCode' in filter) q = q.where('township_code', '=', filter.townshipCode);
  const loans = await q.execute();
  if (loans.length === 0) return [];
  const products = await db
    .selectFrom('loan_products')
    .selectAll()
    .where('region_code', '=', regionCode)
    .execute();
  const bounds = new Map(products.map((p) => [p.id, servicingOf(p).classBounds]));
  const rows = new Map<string, { version: number; rows: ReturnType<typeof scheduleRowOf>[] }[]>();
  const payments = new Map<string, LoanFacts['payments'][number][]>();
  const inForce = new Map<string, number>();
  const writtenOff = new Map<string, IsoDate>();
  for (let i = 0; i < loans.length; i += CHUNK) {
    const ids = loans.slice(i, i + CHUNK).map((l) => l.id);
    const [schedule, paid, events] = await Promise.all([
      db
        .selectFrom('loan_schedule_rows')
        .selectAll()
        .where('region_code', '=', regionCode)
        .where('loan_id', 'in', ids)
        .orderBy('loan_id')
        .orderBy('schedule_version')
        .orderBy('n')
        .execute(),
      db
        .selectFrom('repayments')
        .select(['loan_id', 'paid_on', 'principal', 'interest'])
        .where('region_code', '=', regionCode)
        .where('loan_id', 'in', ids)
        .where('paid_on', '<=', asOf)
        .execute(),
      db
        .selectFrom('loan_events')
        .select(['loan_id', 'kind', 'effective_on', 'schedule_version'])
        .where('region_code', '=', regionCode)
        .where('loan_id', 'in', ids)
        .where('status', '=', 'approved')
        .where('effective_on', '<=', asOf)
        .execute(),
    ]);
    for (const r of schedule) {
      const list = rows.get(r.loan_id) ?? [];
      let v = list.at(-1);
      if (v?.version !== r.schedule_version) {
        v = { version: r.schedule_version, rows: [] };
        list.push(v);
      }
      v.rows.push(scheduleRowOf(r));
      rows.set(r.loan_id, list);
    }
    for (const p of paid) {
      const list = payments.get(p.loan_id) ?? [];
      list.push({
        paidOn: p.paid_on as IsoDate,
        principal: Number(p.principal) as Fen,
        interest: Number(p.interest) as Fen,
      });
      payments.set(p.loan_id, list);
    }
    for (const e of events) {
      if (e.schedule_version !== null && e.schedule_version > (inForce.get(e.loan_id) ?? 1)) {
        inForce.set(e.loan_id, e.schedule_version);
      }
      if (e.kind === 'write-off') writtenOff.set(e.loan_id, e.effective_on as IsoDate);
    }
  }
  return loans.map((l) => {
    const version = inForce.get(l.id) ?? 1;
    return {
      householdId: l.household_id,
      villageCode: l.village_code,
      townshipCode: l.township_code,
      amount: Number(l.amount) as Fen,
      disbursedOn: l.disbursed_on as IsoDate,
      writtenOffOn: writtenOff.get(l.id) ?? null,
      rows: rows.get(l.id)?.find((v) => v.version === version)?.rows ?? [],
      payments: payments.get(l.id) ?? [],
      classBounds: bounds.get(l.product_id) ?? DEFAULT_CLASS_BOUNDS,
    };
  });
}

import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import type { PenaltyVersion, PrincipalPaid } from '../../core/loans/penalty.ts';
import type { DueRow } from '../../core/loans/servicing.ts';
import type { Fen } from '../../core/money.ts';
import { parseRate } from '../../core/rate.ts';
import type { Database, LoanProductTable, LoanTable } from '../../store/schema.ts';
import { notFound } from '../errors.ts';
import { penaltyVersions, type ScheduleVersion } from './loanEventsVersions.ts';
import { servicingOf, type ProductServicing } from './products.ts';
import { scheduleRowOf } from './scheduleRowOf.ts';

export type ScheduleRow = DueRow & { periodStart: IsoDate; total: Fen; balanceAfter: Fen };

/** A loan with its schedule and what earlier payments covered: what allocation works on. */
export interface LoanBook {
  readonly loan: LoanTable;
  readonly schedule: readonly ScheduleRow[];
  paidInterest: Fen;
  paidPrincipal: Fen;
  /** Payments allocated onto this book and not yet saved. */
  added: number;
  // Servicing (ADR 0008). A book without them allocates penalty → interest → principal
  // and charges no penalty, as before products had these settings.
  servicing?: ProductServicing;
  /** The schedule versions with their penalty terms; null when the product has no penalty. */
  penalty?: PenaltyVersion[] | null;
  /** The principal parts of the payments so far, dated: what stops penalty accruing. */
  principalPaid?: PrincipalPaid[];
  paidPenalty?: Fen;
  /** Penalty still owed after the last payment allocated onto the book. */
  penaltyLeft?: Fen;
  /** The latest approved event's date: a payment dated before it is refused. */
  notBefore?: IsoDate;
}

/** Groups a list by key, keeping the list's order within each group. */
function groupBy<T>(list: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    const group = out.get(k);
    if (group) group.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * The books of many loans (one region), read in four queries whatever their number —
 * schedule rows, approved events, earlier payments, products — instead of five per loan:
 * a bank's file of 300,000 loans is allocated 500 loans at a time. Each book is what the
 * loan's own queries would give: the latest schedule version (ADR 0008), penalty terms
 * per version, the sums and dated principal of the payments so far, and the latest
 * approved event's date. Keep the ids per call within the databases' parameter limits.
 */
export async function loadBooks(
  db: Kysely<Database>,
  regionCode: string,
  loans: readonly LoanTable[],
): Promise<Map<string, LoanBook>> {
  const books = new Map<string, LoanBook>();
  if (loans.length === 0) return books;
  const ids = loans.map((l) => l.id);
  const productIds = [...new Set(loans.map((l) => l.product_id))];
  const [scheduleRows, events, earlier, products] = await Promise.all([
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
      .selectFrom('loan_events')
      .select(['id', 'loan_id', 'effective_on', 'schedule_version', 'annual_rate'])
      .where('region_code', '=', regionCode)
      .where('loan_id', 'in', ids)
      .where('status', '=', 'approved')
      .execute(),
    db
      .selectFrom('repayments')
      .select(['loan_id', 'paid_on', 'principal', 'interest', 'penalty'])
      .where('region_code', '=', regionCode)
      .where('loan_id', 'in', ids)
      .execute(),
    db
      .selectFrom('loan_products')
      .selectAll()
      .where('region_code', '=', regionCode)
      .where('id', 'in', productIds)
      .execute(),
  ]);
  const productOf = new Map<string, LoanProductTable>(products.map((p) => [p.id, p]));
  const rowsOf = groupBy(scheduleRows, (r) => r.loan_id);
  const eventsOf = groupBy(events, (e) => e.loan_id);
  const paymentsOf = groupBy(earlier, (r) => r.loan_id);
  for (const loan of loans) {
    const product = productOf.get(loan.product_id);
    if (!product) throw notFound('loan product');
    const servicing = servicingOf(product);
    const approved = eventsOf.get(loan.id) ?? [];
    const versions = versionsOf(loan, rowsOf.get(loan.id) ?? [], approved);
    const paid = paymentsOf.get(loan.id) ?? [];
    const sum = (key: 'principal' | 'interest' | 'penalty'): Fen =>
      paid.reduce((s, r) => s + Number(r[key]), 0) as Fen;
    let notBefore: string | undefined;
    for (const e of approved)
      if (notBefore === undefined || e.effective_on > notBefore) notBefore = e.effective_on;
    books.set(loan.id, {
      loan,
      schedule: versions.at(-1)?.rows ?? [],
      paidInterest: sum('interest'),
      paidPrincipal: sum('principal'),
      added: 0,
      servicing,
      penalty: penaltyVersions(versions, servicing),
      principalPaid: paid.map((r) => ({
        paidOn: r.paid_on as IsoDate,
        principal: Number(r.principal) as Fen,
      })),
      paidPenalty: sum('penalty'),
      ...(notBefore !== undefined ? { notBefore: notBefore as IsoDate } : {}),
    });
  }
  return books;
}

/**
 * A loan's schedule versions from its stored rows (ordered by version, then n) and its
 * approved events, as `scheduleVersions` (loanEventsVersions.ts) reads them for one loan.
 */
function versionsOf(
  loan: LoanTable,
  rows: readonly Database['loan_schedule_rows'][],
  approved: readonly Pick<
    Database['loan_events'],
    'id' | 'effective_on' | 'schedule_version' | 'annual_rate'
  >[],
): ScheduleVersion[] {
  const eventOf = new Map(
    approved.filter((e) => e.schedule_version !== null).map((e) => [e.schedule_version, e]),
  );
  return [...groupBy(rows, (r) => String(r.schedule_version)).values()].map((list) => {
    const version = list[0]!.schedule_version;
    const event = eventOf.get(version);
    return {
      version,
      effectiveOn: (event?.effective_on ?? loan.disbursed_on ?? loan.applied_on) as IsoDate,
      rate: parseRate(event?.annual_rate ?? loan.annual_rate),
      eventId: event?.id ?? null,
      rows: list.map(scheduleRowOf),
    };
  });
}

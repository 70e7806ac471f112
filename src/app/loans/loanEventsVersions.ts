import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import { penaltyRate, type PenaltyVersion } from '../../core/loans/penalty.ts';
import { parseRate, type Rate } from '../../core/rate.ts';
import type { ScheduleRow } from '../../core/schedule/types.ts';
import type { Database, LoanTable } from '../../store/schema.ts';
import type { ProductServicing } from './products.ts';
import { scheduleRowOf } from './scheduleRowOf.ts';

/**
 * A loan's schedule versions (ADR 0008): version 1 from the disbursement, and one more
 * for each approved extension, renewal or additional loan, in force from its date. No
 * version is ever edited or deleted, so the loan's standing on any past date is computed
 * from the version in force then.
 */
export interface ScheduleVersion {
  readonly version: number;
  /** The disbursement date (version 1) or the event's date. */
  readonly effectiveOn: IsoDate;
  /** The annual rate the version was computed at. */
  readonly rate: Rate;
  /** The event that created it; null for version 1. */
  readonly eventId: string | null;
  readonly rows: readonly ScheduleRow[];
}

export async function scheduleVersions(
  db: Kysely<Database>,
  regionCode: string,
  loan: LoanTable,
): Promise<ScheduleVersion[]> {
  const [rows, events] = await Promise.all([
    db
      .selectFrom('loan_schedule_rows')
      .selectAll()
      .where('region_code', '=', regionCode)
      .where('loan_id', '=', loan.id)
      .orderBy('schedule_version')
      .orderBy('n')
      .execute(),
    db
      .selectFrom('loan_events')
      .select(['id', 'effective_on', 'schedule_version', 'annual_rate'])
      .where('region_code', '=', regionCode)
      .where('loan_id', '=', loan.id)
      .where('status', '=', 'approved')
      .where('schedule_version', 'is not', null)
      .execute(),
  ]);
  const byVersion = new Map<number, ScheduleRow[]>();
  for (const r of rows) {
    const list = byVersion.get(r.schedule_version) ?? [];
    list.push(scheduleRowOf(r));
    byVersion.set(r.schedule_version, list);
  }
  const eventOf = new Map(events.map((e) => [e.schedule_version, e]));
  return [...byVersion.entries()].map(([version, list]) => {
    const event = eventOf.get(version);
    return {
      version,
      effectiveOn: (event?.effective_on ?? loan.disbursed_on ?? loan.applied_on) as IsoDate,
      rate: parseRate(event?.annual_rate ?? loan.annual_rate),
      eventId: event?.id ?? null,
      rows: list,
    };
  });
}

/**
 * The version in force on `asOf`: the latest that took effect by then (else the first);
 * undefined before disbursement, when there is none.
 */
export function versionOn(
  versions: readonly ScheduleVersion[],
  asOf: IsoDate,
): ScheduleVersion | undefined {
  let found = versions[0];
  for (const v of versions) if (v.effectiveOn <= asOf) found = v;
  return found;
}

/** Each version with the penalty terms its rate gives; null when the product has no penalty. */
export function penaltyVersions(
  versions: readonly ScheduleVersion[],
  servicing: ProductServicing,
): PenaltyVersion[] | null {
  const factor = servicing.penaltyFactor;
  if (factor === null) return null;
  return versions.map((v) => ({
    effectiveOn: v.effectiveOn,
    rows: v.rows,
    terms: {
      rate: penaltyRate(v.rate, factor),
      dayCount: servicing.dayCount,
      rounding: servicing.rounding,
    },
  }));
}

import { addDays, daysBetween, type IsoDate } from '../calendarDate.ts';
import { parseQuarter, quarterOf, quartersBetween, type Quarter } from './quarter.ts';

/**
 * Where a task stands on a date (decision 0017): which owner's quarterly report is
 * overdue, the task's status, and why it is at risk. Pure: the caller passes the
 * reports and the grace-days parameter in force.
 */

export const REPORT_STATUSES = ['in_progress', 'completed', 'blocked'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export type TaskStatus = 'not_started' | 'in_progress' | 'completed';

/** A deadline this close (days) to the as-of date makes an unfinished task at risk. */
export const DEADLINE_NEAR_DAYS = 90;

export interface OwnerProgress {
  readonly key: string;
  /** False while the unit the text names has no entry in the register. */
  readonly assigned: boolean;
  readonly reports: readonly { readonly period: Quarter; readonly status: ReportStatus }[];
}

export interface TaskProgressInput {
  readonly reportingFrom: Quarter;
  readonly deadline: IsoDate | null;
  readonly owners: readonly OwnerProgress[];
}

export interface OverdueReport {
  readonly ownerKey: string;
  readonly period: Quarter;
  /** The last day the report was on time: the quarter's end plus the grace days. */
  readonly dueOn: IsoDate;
}

export type RiskReason =
  'overdue_reports' | 'deadline_passed' | 'deadline_near' | 'blocked' | 'unassigned';

export interface TaskProgress {
  readonly status: TaskStatus;
  readonly overdue: readonly OverdueReport[];
  readonly risks: readonly RiskReason[];
}

const latest = (o: OwnerProgress) =>
  o.reports.reduce<OwnerProgress['reports'][number] | undefined>(
    (best, r) => (best === undefined || r.period > best.period ? r : best),
    undefined,
  );

/** The grace days in force at a quarter's end (an effective-dated parameter). */
export type GraceDays = (quarterEnd: IsoDate) => number;

/**
 * The reports an owner owes by `asOf`: one per quarter from `reportingFrom` whose end
 * plus its grace days is before `asOf`, until the owner reports the task completed.
 */
export function overdueReports(
  task: TaskProgressInput,
  asOf: IsoDate,
  graceDays: GraceDays,
): OverdueReport[] {
  const out: OverdueReport[] = [];
  for (const owner of task.owners) {
    if (!owner.assigned) continue;
    const filed = new Set(owner.reports.map((r) => r.period));
    const completedIn = owner.reports
      .filter((r) => r.status === 'completed')
      .reduce<Quarter | undefined>(
        (min, r) => (min === undefined || r.period < min ? r.period : min),
        undefined,
      );
    for (const q of quartersBetween(task.reportingFrom, quarterOf(asOf))) {
      if (completedIn !== undefined && q > completedIn) break;
      const end = parseQuarter(q).to;
      const dueOn = addDays(end, graceDays(end));
      if (dueOn < asOf && !filed.has(q)) out.push({ ownerKey: owner.key, period: q, dueOn });
    }
  }
  return out;
}

export function taskProgress(
  task: TaskProgressInput,
  asOf: IsoDate,
  graceDays: GraceDays,
): TaskProgress {
  const assigned = task.owners.filter((o) => o.assigned);
  const latestOf = assigned.map(latest);
  const status: TaskStatus =
    assigned.length > 0 && latestOf.every((r) => r?.status === 'completed')
      ? 'completed'
      : latestOf.some((r) => r !== undefined)
        ? 'in_progress'
        : 'not_started';
  const overdue = status === 'completed' ? [] : overdueReports(task, asOf, graceDays);
  const risks: RiskReason[] = [];
  if (status !== 'completed') {
    if (overdue.length > 0) risks.push('overdue_reports');
    if (task.deadline !== null && task.deadline < asOf) risks.push('deadline_passed');
    else if (task.deadline !== null && daysBetween(asOf, task.deadline) <= DEADLINE_NEAR_DAYS) {
      risks.push('deadline_near');
    }
    if (latestOf.some((r) => r?.status === 'blocked')) risks.push('blocked');
    if (task.owners.some((o) => !o.assigned)) risks.push('unassigned');
  }
  return { status, overdue, risks };
}

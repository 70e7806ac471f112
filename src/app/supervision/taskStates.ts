import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import { paramInteger } from '../../core/policy/parameterSet.ts';
import {
  taskProgress,
  type ReportStatus,
  type TaskProgress,
} from '../../core/supervision/progress.ts';
import type { Quarter } from '../../core/supervision/quarter.ts';
import type { Database, SupervisionOwnerKind } from '../../store/schema.ts';
import type { App } from '../app.ts';
import { loadParameterSnapshot } from '../policy/parameterVersions.ts';
import { ownerKey } from './owners.ts';

/** The district's tasks as stored, with each owner's reports and where the task stands. */

export const GRACE_DAYS_PARAM = 'art36.supervision.report-grace-days';

export interface ReportView {
  id: string;
  period: string;
  status: ReportStatus;
  text: string;
  attachments: string[];
  indicatorIds: string[];
  reportedBy: string;
  reportedAt: string;
}

export interface OwnerState {
  n: number;
  unitName: string;
  kind: SupervisionOwnerKind;
  key: string;
  name: string;
  reports: ReportView[];
}

export interface TaskState {
  id: string;
  article: number;
  quote: string;
  deadline: string | null;
  reportingFrom: string;
  owners: OwnerState[];
  progress: TaskProgress;
}

/** The grace days in force at each quarter's end, as the district's parameters say. */
export async function graceDaysOf(
  app: App,
  db: Kysely<Database>,
  regionCode: string,
): Promise<(d: IsoDate) => number> {
  // Through the caller's connection: inside a write's transaction SQLite has no other.
  const snapshot = await loadParameterSnapshot({ ...app, store: { ...app.store, db } }, regionCode);
  return (end) => paramInteger(snapshot, GRACE_DAYS_PARAM, end).value;
}

export async function loadTaskStates(
  app: App,
  db: Kysely<Database>,
  regionCode: string,
  asOf: IsoDate,
): Promise<TaskState[]> {
  const [tasks, owners, reports, grace] = await Promise.all([
    db
      .selectFrom('supervision_tasks')
      .selectAll()
      .where('region_code', '=', regionCode)
      .orderBy('article')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('supervision_task_owners')
      .selectAll()
      .where('region_code', '=', regionCode)
      .orderBy('task_id')
      .orderBy('n')
      .execute(),
    db
      .selectFrom('supervision_reports')
      .selectAll()
      .where('region_code', '=', regionCode)
      .orderBy('period')
      .execute(),
    graceDaysOf(app, db, regionCode),
  ]);
  const reportsOf = new Map<string, ReportView[]>();
  for (const r of reports) {
    const k = `${r.task_id}#${String(r.owner_n)}`;
    const list = reportsOf.get(k) ?? [];
    list.push({
      id: r.id,
      period: r.period,
      status: r.status as ReportStatus,
      text: r.text,
      attachments: JSON.parse(r.attachments_json) as string[],
      indicatorIds: JSON.parse(r.indicator_ids_json) as string[],
      reportedBy: r.reported_by,
      reportedAt: r.reported_at,
    });
    reportsOf.set(k, list);
  }
  const ownersOf = new Map<string, OwnerState[]>();
  for (const o of owners) {
    const list = ownersOf.get(o.task_id) ?? [];
    list.push({
      n: o.n,
      unitName: o.unit_name,
      kind: o.owner_kind,
      key: o.owner_kind === 'unassigned' ? '' : ownerKey(o.owner_kind, o.owner_ref),
      name: o.owner_name,
      reports: reportsOf.get(`${o.task_id}#${String(o.n)}`) ?? [],
    });
    ownersOf.set(o.task_id, list);
  }
  // Measure ids sort as text ('art6.10' < 'art6.2'); order by article, then place.
  const place = (id: string) => Number(id.split('.')[1]);
  return tasks
    .sort((a, b) => a.article - b.article || place(a.id) - place(b.id))
    .map((t) => {
      const taskOwners = ownersOf.get(t.id) ?? [];
      return {
        id: t.id,
        article: t.article,
        quote: t.quote,
        deadline: t.deadline,
        reportingFrom: t.reporting_from,
        owners: taskOwners,
        progress: taskProgress(
          {
            reportingFrom: t.reporting_from as Quarter,
            deadline: t.deadline as IsoDate | null,
            owners: taskOwners.map((o) => ({
              key: `${String(o.n)}`,
              assigned: o.kind !== 'unassigned',
              reports: o.reports.map((r) => ({ period: r.period as Quarter, status: r.status })),
            })),
          },
          asOf,
          grace,
        ),
      };
    });
}

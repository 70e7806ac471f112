import { z } from 'zod';
import type { IsoDate } from '../../core/calendarDate.ts';
import type { RiskReason, TaskStatus } from '../../core/supervision/progress.ts';
import { businessDayOf } from '../businessDay.ts';
import { businessDate } from '../loans/loanFields.ts';
import { ROLES } from '../roles.ts';
import { defineUseCase } from '../useCase.ts';
import { shippedMatrix } from './responsibilityMatrix.ts';
import { SUPERVISORS } from './supervisionRoles.ts';
import { loadTaskStates } from './taskStates.ts';

/**
 * What the district sees (issue 8 §1–2): the matrix by article with each measure's
 * units, deadline and status; and the supervision view — who is late with which
 * quarterly report, which tasks are at risk and why, and the latest reports filed.
 */

const asOfInput = z.object({ asOf: businessDate.optional() }).strict();

export const matrixView = defineUseCase({
  name: 'supervision.matrix',
  roles: ROLES,
  scope: 'district',
  writes: false,
  input: asOfInput,
  async run({ app, db, actor, now }, input) {
    const asOf: IsoDate = input.asOf ?? businessDayOf(now);
    const states = new Map(
      (await loadTaskStates(app, db, actor.regionCode, asOf)).map((t) => [t.id, t]),
    );
    return {
      asOf,
      articles: shippedMatrix().articles.map((a) => ({
        article: a.article,
        title: a.title,
        labelled: a.labelled,
        units: a.units,
        measures: a.measures.map((m) => {
          const t = states.get(m.id);
          return {
            id: m.id,
            quote: m.quote,
            owners: m.owners,
            deadline: m.deadline ?? null,
            /** null until the district's tasks are created. */
            status: (t?.progress.status ?? null) as TaskStatus | null,
            risks: t?.progress.risks ?? [],
          };
        }),
      })),
    };
  },
});

export interface LateUnit {
  key: string;
  name: string;
  overdue: { taskId: string; article: number; period: string; dueOn: string }[];
}

export const supervisionOverview = defineUseCase({
  name: 'supervision.overview',
  roles: SUPERVISORS,
  scope: 'district',
  writes: false,
  input: asOfInput,
  async run({ app, db, actor, now }, input) {
    const asOf: IsoDate = input.asOf ?? businessDayOf(now);
    const tasks = await loadTaskStates(app, db, actor.regionCode, asOf);
    const late = new Map<string, LateUnit>();
    const counts: Record<TaskStatus, number> = { not_started: 0, in_progress: 0, completed: 0 };
    const atRisk: {
      taskId: string;
      article: number;
      quote: string;
      deadline: string | null;
      status: TaskStatus;
      risks: RiskReason[];
      unassigned: string[];
    }[] = [];
    const reports = [];
    for (const t of tasks) {
      counts[t.progress.status]++;
      for (const d of t.progress.overdue) {
        const o = t.owners.find((x) => String(x.n) === d.ownerKey)!;
        const unit = late.get(o.key) ?? { key: o.key, name: o.name, overdue: [] };
        unit.overdue.push({ taskId: t.id, article: t.article, period: d.period, dueOn: d.dueOn });
        late.set(o.key, unit);
      }
      if (t.progress.risks.length > 0) {
        atRisk.push({
          taskId: t.id,
          article: t.article,
          quote: t.quote,
          deadline: t.deadline,
          status: t.progress.status,
          risks: [...t.progress.risks],
          unassigned: t.owners.filter((o) => o.kind === 'unassigned').map((o) => o.unitName),
        });
      }
      for (const o of t.owners) {
        for (const r of o.reports)
          reports.push({ ...r, taskId: t.id, article: t.article, owner: o.name });
      }
    }
    reports.sort((a, b) =>
      a.reportedAt < b.reportedAt ? 1 : a.reportedAt > b.reportedAt ? -1 : 0,
    );
    return {
      asOf,
      tasks: tasks.length,
      counts,
      late: [...late.values()].sort(
        (a, b) => b.overdue.length - a.overdue.length || (a.name < b.name ? -1 : 1),
      ),
      atRisk,
      recentReports: reports.slice(0, 50),
    };
  },
});

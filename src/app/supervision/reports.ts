import { z } from 'zod';
import { REPORT_STATUSES } from '../../core/supervision/progress.ts';
import { quarterOf } from '../../core/supervision/quarter.ts';
import { businessDayOf } from '../businessDay.ts';
import { AppError, conflict, invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { INDICATORS } from '../targets/indicators.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual } from '../validation.ts';
import { ownerKeysOf } from './owners.ts';
import { REPORTERS } from './supervisionRoles.ts';
import { loadTaskStates, type TaskState } from './taskStates.ts';
import { quarterField } from './tasks.ts';

/**
 * Progress reports (issue 8 §2): an owner unit reports on each of its tasks once per
 * quarter — what was done, attachment references and the dashboard indicators that
 * show it. The unit sees its own tasks with the quarters it still owes.
 */

const reference = z
  .string()
  .trim()
  .min(1, bilingual('不能为空', 'must not be empty'))
  .max(200, bilingual('不能超过200个字', 'must be at most 200 characters'));

const INDICATOR_IDS = new Set(INDICATORS.map((i) => i.id));

export const fileReport = defineUseCase({
  name: 'supervision.report.file',
  roles: REPORTERS,
  scope: 'own-account',
  writes: true,
  input: z
    .object({
      taskId: z.string().trim().min(1).max(20),
      period: quarterField,
      status: z.enum(REPORT_STATUSES),
      text: z
        .string()
        .trim()
        .min(1, bilingual('进展说明不能为空', 'the progress text must not be empty'))
        .max(5000, bilingual('不能超过5000个字', 'must be at most 5000 characters')),
      attachments: z.array(reference).max(20).default([]),
      // Links to the dashboard's indicators: only ids it defines, so each link opens.
      indicatorIds: z
        .array(
          z
            .string()
            .trim()
            .refine(
              (id) => INDICATOR_IDS.has(id),
              bilingual('不是驾驶舱的指标', 'is not an indicator of the dashboard'),
            ),
        )
        .max(50)
        .default([]),
    })
    .strict(),
  async run({ db, actor, now, audit }, input) {
    const task = await db
      .selectFrom('supervision_tasks')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', input.taskId)
      .executeTakeFirst();
    // The matrix is public, so an unknown task and somebody else's task may say so.
    if (!task) throw notFound('task');
    const keys = await ownerKeysOf(db, actor);
    const owners = await db
      .selectFrom('supervision_task_owners')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .where('task_id', '=', task.id)
      .execute();
    const owner = owners.find((o) => keys.includes(`${o.owner_kind}:${o.owner_ref ?? ''}`));
    if (!owner) {
      throw new AppError(
        'forbidden',
        'not_task_owner',
        `taskId：贵单位不是任务 ${task.id} 的责任单位，不能报告其进展`,
        `taskId: your unit does not own task ${task.id} and cannot report on it`,
        'taskId',
      );
    }
    const current = quarterOf(businessDayOf(now));
    if (input.period > current) {
      throw invalid(
        'period',
        `period：报告期 ${input.period} 尚未开始（本季度为 ${current}）`,
        `period: the quarter ${input.period} has not begun (this quarter is ${current})`,
        'future_period',
      );
    }
    if (input.period < task.reporting_from) {
      throw invalid(
        'period',
        `period：该任务从 ${task.reporting_from} 起报告，${input.period} 早于此`,
        `period: this task is reported from ${task.reporting_from}; ${input.period} is earlier`,
        'period_before_reporting',
      );
    }
    const duplicate = await db
      .selectFrom('supervision_reports')
      .select('id')
      .where('region_code', '=', actor.regionCode)
      .where('task_id', '=', task.id)
      .where('owner_n', '=', owner.n)
      .where('period', '=', input.period)
      .executeTakeFirst();
    if (duplicate) {
      throw conflict(
        'duplicate_report',
        `period：${owner.owner_name} 已报告过任务 ${task.id} 在 ${input.period} 的进展`,
        `period: your unit has already reported on task ${task.id} for ${input.period}`,
        'period',
      );
    }
    const row = {
      region_code: actor.regionCode,
      id: newId(now.getTime()),
      task_id: task.id,
      owner_n: owner.n,
      period: input.period,
      status: input.status,
      text: input.text,
      attachments_json: JSON.stringify(input.attachments),
      indicator_ids_json: JSON.stringify(input.indicatorIds),
      reported_by: actor.username,
      reported_at: now.toISOString(),
    };
    await db.insertInto('supervision_reports').values(row).execute();
    const result = {
      id: row.id,
      taskId: task.id,
      owner: owner.owner_name,
      period: input.period,
      status: input.status,
    };
    await audit({
      action: 'supervision.report.file',
      entity: 'supervision_report',
      entityId: row.id,
      after: {
        ...result,
        text: input.text,
        attachments: input.attachments,
        indicatorIds: input.indicatorIds,
      },
    });
    return result;
  },
});

export interface MyTask extends Omit<TaskState, 'owners'> {
  /** The owner entries this user acts for (usually one). */
  mine: TaskState['owners'];
  /** The quarters this user's unit still owes, with the day each fell due. */
  overdue: { period: string; dueOn: string; owner: string }[];
}

export const myTasks = defineUseCase({
  name: 'supervision.my-tasks',
  roles: REPORTERS,
  scope: 'own-account',
  writes: false,
  input: z.object({}).strict(),
  async run({ app, db, actor, now }): Promise<{ asOf: string; items: MyTask[] }> {
    const asOf = businessDayOf(now);
    const keys = await ownerKeysOf(db, actor);
    const items = (await loadTaskStates(app, db, actor.regionCode, asOf)).flatMap((t) => {
      const mine = t.owners.filter((o) => keys.includes(o.key));
      if (mine.length === 0) return [];
      const { owners: _all, ...rest } = t;
      const overdue = t.progress.overdue.flatMap((d) => {
        const o = mine.find((m) => String(m.n) === d.ownerKey);
        return o ? [{ period: d.period, dueOn: d.dueOn, owner: o.name }] : [];
      });
      return [{ ...rest, mine, overdue }];
    });
    return { asOf, items };
  },
});

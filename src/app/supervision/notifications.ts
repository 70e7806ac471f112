import { z } from 'zod';
import { businessDayOf } from '../businessDay.ts';
import { newId } from '../ids.ts';
import { ROLES } from '../roles.ts';
import { defineUseCase } from '../useCase.ts';
import { notifierOf, type OutgoingNotice } from './notifier.ts';
import { ownerKeysOf } from './owners.ts';
import { SUPERVISION_ADMINS, SUPERVISORS } from './supervisionRoles.ts';
import { loadTaskStates } from './taskStates.ts';

/**
 * Overdue reports flagged (issue 8 §2): each report a unit owes past its grace days
 * becomes a notice to the unit and one to the district, once; each new notice also goes
 * out through the notifier (e-mail/SMS; by default only logged).
 */

export const DISTRICT_RECIPIENT = 'district';

export const flagOverdue = defineUseCase({
  name: 'supervision.flag-overdue',
  roles: SUPERVISION_ADMINS,
  scope: 'district',
  writes: true,
  input: z.object({}).strict(),
  async run({ app, db, actor, now, audit }) {
    const asOf = businessDayOf(now);
    const existing = new Set(
      (
        await db
          .selectFrom('supervision_notifications')
          .select(['recipient', 'kind', 'task_id', 'owner_n', 'period'])
          .where('region_code', '=', actor.regionCode)
          .where('kind', '=', 'overdue')
          .execute()
      ).map((n) => `${n.recipient}|${n.task_id}|${String(n.owner_n)}|${n.period}`),
    );
    const outgoing: OutgoingNotice[] = [];
    let created = 0;
    for (const task of await loadTaskStates(app, db, actor.regionCode, asOf)) {
      for (const due of task.progress.overdue) {
        const owner = task.owners.find((o) => String(o.n) === due.ownerKey)!;
        for (const recipient of [owner.key, DISTRICT_RECIPIENT]) {
          const key = `${recipient}|${task.id}|${String(owner.n)}|${due.period}`;
          if (existing.has(key)) continue;
          const zh = `${owner.name} 未按期报告任务 ${task.id}（第${String(task.article)}条）${due.period} 的进展，应于 ${due.dueOn} 前报告`;
          const en = `${owner.name} has not reported on task ${task.id} (art. ${String(task.article)}) for ${due.period}; it was due by ${due.dueOn}`;
          await db
            .insertInto('supervision_notifications')
            .values({
              region_code: actor.regionCode,
              id: newId(now.getTime()),
              recipient,
              kind: 'overdue',
              task_id: task.id,
              owner_n: owner.n,
              period: due.period,
              message_zh: zh,
              message_en: en,
              created_at: now.toISOString(),
            })
            .execute();
          created++;
          outgoing.push({
            recipient,
            recipientName: recipient === DISTRICT_RECIPIENT ? '区政府' : owner.name,
            subject: zh,
            body: `${zh}\n${en}`,
          });
        }
      }
    }
    await audit({
      action: 'supervision.flag-overdue',
      entity: 'supervision_notifications',
      entityId: asOf,
      detail: { created },
    });
    // Sent after the rows are written; a gateway failure fails the call and rolls back.
    const notifier = notifierOf(app);
    for (const n of outgoing) await notifier.send(n);
    return { asOf, created };
  },
});

/** The newest notices shown at once; `total` says how many there are. */
const PAGE = 200;

export const listNotifications = defineUseCase({
  name: 'supervision.notification.list',
  roles: ROLES,
  scope: 'own-account',
  writes: false,
  input: z.object({ taskId: z.string().trim().min(1).max(20).optional() }).strict(),
  async run({ db, actor }, input) {
    const recipients = await ownerKeysOf(db, actor);
    if (SUPERVISORS.includes(actor.role)) recipients.push(DISTRICT_RECIPIENT);
    if (recipients.length === 0) return { total: 0, items: [] };
    let q = db
      .selectFrom('supervision_notifications')
      .where('region_code', '=', actor.regionCode)
      .where('recipient', 'in', recipients);
    if (input.taskId) q = q.where('task_id', '=', input.taskId);
    const [count, rows] = await Promise.all([
      q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
      q.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(PAGE).execute(),
    ]);
    return {
      total: Number(count.n),
      items: rows.map((r) => ({
        id: r.id,
        toDistrict: r.recipient === DISTRICT_RECIPIENT,
        kind: r.kind,
        taskId: r.task_id,
        period: r.period,
        messageZh: r.message_zh,
        messageEn: r.message_en,
        createdAt: r.created_at,
      })),
    };
  },
});

import { z } from 'zod';
import type { Database } from '../store/schema.ts';
import { defineUseCase } from './useCase.ts';
import { paging } from './validation.ts';
import { isoDate } from './register/fields.ts';

export function auditView(r: Database['audit_log']) {
  return {
    id: r.id,
    at: r.at,
    actorUsername: r.actor_username,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
    after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
    detail: r.detail_json === null ? null : (JSON.parse(r.detail_json) as unknown),
  };
}

/** Admins and auditors read the whole log; it is append-only at the database level. */
export const listAudit = defineUseCase({
  name: 'audit.list',
  roles: ['district_admin', 'auditor'],
  scope: 'district',
  writes: false,
  input: z
    .object({
      entity: z.string().max(40).optional(),
      entityId: z.string().max(64).optional(),
      actor: z.string().max(64).optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      ...paging,
    })
    .strict(),
  async run({ db, actor }, input) {
    let q = db.selectFrom('audit_log').where('region_code', '=', actor.regionCode);
    if (input.entity) q = q.where('entity', '=', input.entity);
    if (input.entityId) q = q.where('entity_id', '=', input.entityId);
    if (input.actor) q = q.where('actor_username', '=', input.actor);
    if (input.from) q = q.where('at', '>=', `${input.from}T00:00:00.000Z`);
    if (input.to) q = q.where('at', '<', `${input.to}T99`);
    const { total } = await q
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('id', 'desc')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute();
    return {
      items: rows.map(auditView),
      total: Number(total),
      page: input.page,
      pageSize: input.pageSize,
    };
  },
});

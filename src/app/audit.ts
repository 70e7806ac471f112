import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { Actor } from './actor.ts';
import { newId } from './ids.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  detail?: unknown;
}

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/** Appends one entry to the audit log, inside the caller's transaction. */
export async function appendAudit(
  db: Kysely<Database>,
  actor: Actor,
  at: Date,
  entry: AuditEntry,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      region_code: actor.regionCode,
      id: newId(at.getTime()),
      at: at.toISOString(),
      actor_id: actor.userId,
      actor_username: actor.username,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      before_json: json(entry.before),
      after_json: json(entry.after),
      detail_json: json(entry.detail),
    })
    .execute();
}

import { sql, type Kysely } from 'kysely';
import { appendOnly } from '../appendOnly.ts';
import { isPostgres } from '../database.ts';

/** The audit log is append-only: the database itself refuses updates, deletes and truncation. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await appendOnly(db, 'audit_log');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`DROP TRIGGER audit_log_no_truncate ON audit_log`.execute(db);
    await sql`DROP TRIGGER audit_log_append_only ON audit_log`.execute(db);
    await sql`DROP FUNCTION audit_log_append_only()`.execute(db);
    return;
  }
  await sql`DROP TRIGGER audit_log_no_update`.execute(db);
  await sql`DROP TRIGGER audit_log_no_delete`.execute(db);
}

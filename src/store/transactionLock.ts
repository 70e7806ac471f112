import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Makes the writers of one thing (`key`) take turns until their transactions end: a
 * writer that checks a total and then adds to it must not interleave with another doing
 * the same. PostgreSQL: a transaction-scoped advisory lock on the key's hash. SQLite:
 * nothing to do — the one connection runs one write transaction at a time.
 */
export async function lockUntilCommit(db: Kysely<Database>, key: string): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(db);
}

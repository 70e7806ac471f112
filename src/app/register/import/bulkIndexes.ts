import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../../../store/schema.ts';

/**
 * The register's indexes whose keys arrive in random order during an import: every insert
 * lands on a random page of each, and once they outgrow the page cache a million-household
 * load spends most of its time there. A bulk import drops them inside its transaction and
 * builds them again after the load, in one sort each (decision 0010). The indexes on ids
 * (primary keys, household_id) take time-ordered keys and stay.
 */
export const BULK_INDEXES = [
  { table: 'households', name: 'households_no_uq' },
  { table: 'households', name: 'households_head_id_uq' },
  { table: 'households', name: 'households_head_name_idx' },
  { table: 'households', name: 'households_township_idx' },
  { table: 'household_members', name: 'household_members_id_number_uq' },
  { table: 'household_members', name: 'household_members_household_idx' },
  { table: 'poverty_status_history', name: 'poverty_status_history_household_idx' },
] as const;

/** An index by name, on its table. */
export interface IndexOnTable {
  readonly table: string;
  readonly name: string;
}

/** What was dropped, as the statements that build it again exactly as it was. */
export type DroppedIndexes = readonly string[];

/**
 * Drops the bulk indexes (or the `indexes` given) that exist, returning their definitions as read from the
 * database's catalogue, so they come back exactly as they were whatever migration last
 * shaped them. Unique keys stay enforced by the import's own checks meanwhile, and again
 * by the unique index when it is built (a duplicate makes that fail). Call inside the
 * transaction: a rollback restores them (both dialects have transactional DDL).
 *
 * On PostgreSQL dropping takes an ACCESS EXCLUSIVE lock on the table until the
 * transaction ends: other sessions cannot read the register meanwhile.
 */
export async function dropBulkIndexes(
  db: Kysely<Database>,
  indexes: readonly IndexOnTable[] = BULK_INDEXES,
): Promise<DroppedIndexes> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const recreate: string[] = [];
  for (const { table, name } of indexes) {
    if (postgres) {
      // A unique key of 0001 is a constraint (with its index); the others plain indexes.
      const { rows: constraints } = await sql<{ def: string }>`
        select pg_get_constraintdef(c.oid) as def from pg_constraint c
        join pg_class t on t.oid = c.conrelid
        where c.conname = ${name} and t.relname = ${table} and t.relnamespace = current_schema()::regnamespace`.execute(
        db,
      );
      if (constraints[0]) {
        await sql.raw(`alter table "${table}" drop constraint "${name}"`).execute(db);
        recreate.push(`alter table "${table}" add constraint "${name}" ${constraints[0].def}`);
        continue;
      }
      const { rows: indexes } = await sql<{ def: string }>`
        select indexdef as def from pg_indexes
        where indexname = ${name} and tablename = ${table} and schemaname = current_schema()`.execute(
        db,
      );
      if (!indexes[0]) continue;
      await sql.raw(`drop index "${name}"`).execute(db);
      recreate.push(indexes[0].def);
    } else {
      const { rows } = await sql<{ def: string | null }>`
        select sql as def from sqlite_master
        where type = 'index' and name = ${name} and tbl_name = ${table}`.execute(db);
      // No row: not there. A null definition: a constraint's automatic index (before
      // migration 0008), which cannot be dropped.
      if (!rows[0]?.def) continue;
      await sql.raw(`drop index "${name}"`).execute(db);
      recreate.push(rows[0].def);
    }
  }
  return recreate;
}

/** Builds the dropped indexes again; a unique one fails on a duplicate key. */
export async function restoreBulkIndexes(
  db: Kysely<Database>,
  dropped: DroppedIndexes,
): Promise<void> {
  for (const statement of dropped) await sql.raw(statement).execute(db);
}

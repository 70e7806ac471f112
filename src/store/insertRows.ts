import type SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type ColumnType = 'text' | 'integer' | 'bigint';

const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

/** `text` prepared once per connection: compiling costs more than running a small statement. */
export function preparedStatement(sqlite: SQLite.Database, text: string): SQLite.Statement {
  let cache = statements.get(sqlite);
  if (cache === undefined) statements.set(sqlite, (cache = new Map()));
  let statement = cache.get(text);
  if (statement === undefined) cache.set(text, (statement = sqlite.prepare(text)));
  return statement;
}

/**
 * Inserts many rows inside the caller's transaction, fast on both databases.
 *
 * SQLite (`sqlite` given: the connection under `db`, Store.sqlite): one prepared
 * single-row INSERT, compiled once per connection and run per row — better-sqlite3
 * runs it synchronously on the very connection of the open transaction.
 *
 * PostgreSQL: the rows travel as one JSON parameter unpacked by json_to_recordset, so
 * the statement's text and its single parameter are the same whatever the row count
 * (a multi-row VALUES list binds one parameter per cell, and compiling and parsing tens
 * of thousands of them costs more than the insert).
 */
export async function insertRows<T extends keyof Database & string>(
  db: Kysely<Database>,
  sqlite: SQLite.Database | undefined,
  table: T,
  columns: Readonly<Record<keyof Database[T] & string, ColumnType>>,
  rows: readonly Database[T][],
): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(columns) as (keyof Database[T] & string)[];
  const list = names.map((n) => `"${n}"`).join(', ');
  if (sqlite !== undefined) {
    // Named parameters bind straight from each row object, in native code.
    const insert = preparedStatement(
      sqlite,
      `insert into "${table}" (${list}) values (${names.map((n) => `@${n}`).join(', ')})`,
    );
    for (const row of rows) insert.run(row);
    return;
  }
  const record = sql.raw(names.map((n) => `"${n}" ${columns[n]}`).join(', '));
  await sql`insert into ${sql.table(table)} (${sql.raw(list)})
    select ${sql.raw(list)} from json_to_recordset(${JSON.stringify(rows)}::json) as x(${record})`.execute(
    db,
  );
}

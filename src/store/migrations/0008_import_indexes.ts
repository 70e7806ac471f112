import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * The register's unique keys as droppable indexes on SQLite (decision 0010).
 *
 * A bulk import drops the register's random-key indexes inside its transaction and builds
 * them again after the load (one sort instead of millions of B-tree inserts at random
 * pages). SQLite cannot drop the automatic index behind a UNIQUE table constraint, so the
 * three unique keys of 0001 become unique indexes under the same names: the same columns,
 * the same enforcement. PostgreSQL needs nothing: a constraint there can be dropped and
 * added again inside a transaction.
 *
 * SQLite changes a table constraint only by rebuilding the table (create, copy, drop,
 * rename; https://sqlite.org/lang_altertable.html#otheralter). The table's own SQL is
 * edited rather than rewritten here, so columns added by later migrations are kept.
 */
const UNIQUE_KEYS = [
  { table: 'households', name: 'households_no_uq', columns: ['region_code', 'household_no'] },
  {
    table: 'households',
    name: 'households_head_id_uq',
    columns: ['region_code', 'head_id_number'],
  },
  {
    table: 'household_members',
    name: 'household_members_id_number_uq',
    columns: ['region_code', 'id_number'],
  },
] as const;

const TABLES = ['households', 'household_members'] as const;

const columnList = (columns: readonly string[]): string => columns.map((c) => `"${c}"`).join(', ');
const constraintText = (k: (typeof UNIQUE_KEYS)[number]): string =>
  `, constraint "${k.name}" unique (${columnList(k.columns)})`;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  for (const table of TABLES) {
    await rebuild(db, table, (create) => {
      let out = create;
      for (const k of UNIQUE_KEYS.filter((u) => u.table === table)) {
        const text = constraintText(k);
        if (!out.includes(text)) throw new Error(`0008: ${table} has no constraint ${k.name}`);
        out = out.replace(text, '');
      }
      return out;
    });
    for (const k of UNIQUE_KEYS.filter((u) => u.table === table)) {
      await sql
        .raw(`create unique index "${k.name}" on "${k.table}" (${columnList(k.columns)})`)
        .execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
  for (const table of TABLES) {
    const keys = UNIQUE_KEYS.filter((u) => u.table === table);
    for (const k of keys) await sql.raw(`drop index "${k.name}"`).execute(db);
    await rebuild(db, table, (create) => {
      if (!create.endsWith(')')) throw new Error(`0008: unexpected SQL for ${table}`);
      return create.slice(0, -1) + keys.map(constraintText).join('') + ')';
    });
  }
}

/** Rebuilds `table` from its edited CREATE TABLE text, keeping its rows and other indexes. */
async function rebuild(
  db: Kysely<unknown>,
  table: string,
  edit: (createSql: string) => string,
): Promise<void> {
  const { rows } = await sql<{ type: string; name: string; sql: string | null }>`
    select type, name, sql from sqlite_master where tbl_name = ${table}`.execute(db);
  const create = rows.find((r) => r.type === 'table')?.sql;
  if (!create) throw new Error(`0008: no table ${table}`);
  const indexes = rows.filter((r) => r.type === 'index' && r.sql !== null).map((r) => r.sql!);
  const triggers = rows.filter((r) => r.type === 'trigger').map((r) => r.sql!);
  const temp = `${table}__0008`;
  const edited = edit(create);
  const prefix = `CREATE TABLE "${table}" (`;
  if (!edited.startsWith(prefix)) throw new Error(`0008: unexpected SQL for ${table}`);
  await sql.raw(`CREATE TABLE "${temp}" (${edited.slice(prefix.length)}`).execute(db);
  await sql.raw(`insert into "${temp}" select * from "${table}"`).execute(db);
  await sql.raw(`drop table "${table}"`).execute(db);
  await sql.raw(`alter table "${temp}" rename to "${table}"`).execute(db);
  for (const s of [...indexes, ...triggers]) await sql.raw(s).execute(db);
}

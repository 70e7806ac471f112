import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../database.ts';

/**
 * Households and new agricultural operators counted by village, day of registration and
 * (households) poverty status, so the dashboard reads a few hundred rows instead of
 * scanning a million (decision 0021). The database keeps the counts itself, by triggers,
 * in the same transaction as every insert, update or delete of either table — whichever
 * code path or process writes — so they are never stale.
 */

const KEY = 'region_code, kind, township_code, village_code, created_on, poverty_status';

/** Per table: the tally kind and what it puts in poverty_status ('' for operators). */
const TABLES = [
  { table: 'households', kind: 'household', status: 'poverty_status' },
  { table: 'operators', kind: 'operator', status: "''" },
] as const;

/** The tally rows of `rows` (a table or transition table), grouped with their count. */
const grouped = (kind: string, status: string, rows: string) =>
  `SELECT region_code, '${kind}', township_code, village_code, substr(created_at, 1, 10),
     ${status}, count(*) FROM ${rows} GROUP BY 1, 2, 3, 4, 5, 6`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('register_tallies')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .addColumn('poverty_status', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('register_tallies_pk', [
      'region_code',
      'kind',
      'township_code',
      'village_code',
      'created_on',
      'poverty_status',
    ])
    .execute();
  for (const { table, kind, status } of TABLES) {
    await sql
      .raw(`INSERT INTO register_tallies (${KEY}, n) ${grouped(kind, status, table)}`)
      .execute(db);
    if (isPostgres(db)) await pgTriggers(db, table, kind, status);
    else await sqliteTriggers(db, table, kind, status);
  }
}

/** Statement-level triggers: a bulk import of 5,000 households adds a few grouped rows. */
async function pgTriggers(db: Kysely<unknown>, table: string, kind: string, status: string) {
  const match = `t.region_code = o.region_code AND t.kind = '${kind}'
    AND t.township_code = o.township_code AND t.village_code = o.village_code
    AND t.created_on = o.created_on AND t.poverty_status = o.poverty_status`;
  await sql
    .raw(
      `CREATE FUNCTION ${table}_tally() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP IN ('UPDATE', 'DELETE') THEN
           UPDATE register_tallies t SET n = t.n - o.n
             FROM (${grouped(kind, status, 'old_rows')})
               AS o (region_code, kind, township_code, village_code, created_on, poverty_status, n)
             WHERE ${match};
           DELETE FROM register_tallies WHERE n = 0;
         END IF;
         IF TG_OP IN ('INSERT', 'UPDATE') THEN
           INSERT INTO register_tallies (${KEY}, n) ${grouped(kind, status, 'new_rows')}
             ON CONFLICT (${KEY}) DO UPDATE SET n = register_tallies.n + excluded.n;
         END IF;
         RETURN NULL;
       END $$`,
    )
    .execute(db);
  // PostgreSQL allows transition tables only on single-event triggers.
  const events = [
    ['insert', 'INSERT', 'NEW TABLE AS new_rows'],
    ['update', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
    ['delete', 'DELETE', 'OLD TABLE AS old_rows'],
  ] as const;
  for (const [name, event, referencing] of events) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_tally_${name} AFTER ${event} ON ${table}
         REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION ${table}_tally()`,
      )
      .execute(db);
  }
}

/** SQLite has row triggers only: one small upsert per row. */
async function sqliteTriggers(db: Kysely<unknown>, table: string, kind: string, status: string) {
  const values = (r: 'NEW' | 'OLD') =>
    `${r}.region_code, '${kind}', ${r}.township_code, ${r}.village_code,
     substr(${r}.created_at, 1, 10), ${status === "''" ? "''" : `${r}.${status}`}`;
  const add = `INSERT INTO register_tallies (${KEY}, n) VALUES (${values('NEW')}, 1)
    ON CONFLICT (${KEY}) DO UPDATE SET n = n + 1;`;
  const where = `(${KEY}) = (${values('OLD')})`;
  const remove = `UPDATE register_tallies SET n = n - 1 WHERE ${where};
    DELETE FROM register_tallies WHERE ${where} AND n = 0;`;
  const watched = `region_code, township_code, village_code, created_at${
    status === "''" ? '' : `, ${status}`
  }`;
  for (const [name, event, body] of [
    ['insert', 'INSERT', add],
    ['update', `UPDATE OF ${watched}`, remove + add],
    ['delete', 'DELETE', remove],
  ] as const) {
    await sql
      .raw(`CREATE TRIGGER ${table}_tally_${name} AFTER ${event} ON ${table} BEGIN ${body} END`)
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { table } of TABLES) {
    for (const name of ['insert', 'update', 'delete']) {
      await sql
        .raw(`DROP TRIGGER ${table}_tally_${name}${isPostgres(db) ? ` ON ${table}` : ''}`)
        .execute(db);
    }
    if (isPostgres(db)) await sql.raw(`DROP FUNCTION ${table}_tally()`).execute(db);
  }
  await db.schema.dropTable('register_tallies').execute();
}

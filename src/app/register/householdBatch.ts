import type SQLite from 'better-sqlite3';
import { CompiledQuery, PostgresAdapter, type Kysely } from 'kysely';
import type { Database, PovertyStatus } from '../../store/schema.ts';
import { residentIdBirthDate } from '../../core/identity/residentId.ts';
import { newId } from '../ids.ts';

/** A household as the register receives it in bulk (import, demo seeding). */
export interface HouseholdRecord {
  householdNo: string;
  townshipCode: string;
  villageCode: string;
  groupCode: string | null;
  headName: string;
  headIdNumber: string;
  phone: string | null;
  address: string | null;
  subsidyAccount: string | null;
  members: { name: string; idNumber: string; relation: string }[];
  /** Poverty status history, oldest first; at least one entry. */
  statuses: { status: PovertyStatus; effectiveFrom: string; source: string }[];
}

/**
 * Inserts already-validated households with their members and status history, in the
 * caller's transaction. Callers check uniqueness first; the database's unique keys
 * are the last line of defence.
 */
export async function insertHouseholds(
  db: Kysely<Database>,
  regionCode: string,
  records: readonly HouseholdRecord[],
  recordedBy: string,
  now: Date,
): Promise<void> {
  const { households, members, statuses } = rowsOf(regionCode, records, recordedBy, now);
  await insertRows(db, 'households', households);
  await insertRows(db, 'household_members', members);
  await insertRows(db, 'poverty_status_history', statuses);
}

/** Writes batches of validated households in the caller's transaction, as fast as it can. */
export type HouseholdWriter = (records: readonly HouseholdRecord[]) => Promise<void>;

/**
 * The import's writer. On SQLite it runs multi-row statements prepared once on the
 * transaction's own connection (`sqlite`, see Store), where preparing a fresh statement per
 * batch (Kysely's driver does) cost about as much as running it. On PostgreSQL it sends each
 * table's batch as one `insert … select * from unnest(…)` with one array per column.
 */
export function householdWriter(
  db: Kysely<Database>,
  sqlite: SQLite.Database | undefined,
  regionCode: string,
  recordedBy: string,
  now: Date,
): HouseholdWriter {
  const at = now.toISOString();
  const ms = now.getTime();
  if (db.getExecutor().adapter instanceof PostgresAdapter || !sqlite) {
    return async (records) => {
      const households = new PgRows('households');
      const members = new PgRows('household_members');
      const statuses = new PgRows('poverty_status_history');
      addRows(records, households, members, statuses);
      await households.insert(db);
      await members.insert(db);
      await statuses.insert(db);
    };
  }
  const households = new SqliteRows(sqlite, 'households');
  const members = new SqliteRows(sqlite, 'household_members');
  const statuses = new SqliteRows(sqlite, 'poverty_status_history');
  return async (records) => {
    if (!sqlite.inTransaction) throw new Error('householdWriter: no open transaction');
    addRows(records, households, members, statuses);
    households.flush();
    members.flush();
    statuses.flush();
  };

  function addRows(
    records: readonly HouseholdRecord[],
    households: RowSink,
    members: RowSink,
    statuses: RowSink,
  ): void {
    for (const r of records) {
      const id = newId(ms);
      // Values in BULK_COLUMNS' order.
      households.add(
        regionCode,
        id,
        r.householdNo,
        r.townshipCode,
        r.villageCode,
        r.groupCode,
        r.headName,
        r.headIdNumber,
        r.phone,
        r.address,
        r.subsidyAccount,
        1 + r.members.length,
        r.statuses[r.statuses.length - 1]!.status,
        at,
        at,
        1,
      );
      members.add(
        regionCode,
        newId(ms),
        id,
        r.headName,
        r.headIdNumber,
        '户主',
        residentIdBirthDate(r.headIdNumber),
      );
      for (const m of r.members) {
        members.add(
          regionCode,
          newId(ms),
          id,
          m.name,
          m.idNumber,
          m.relation,
          residentIdBirthDate(m.idNumber),
        );
      }
      for (const s of r.statuses) {
        statuses.add(
          regionCode,
          newId(ms),
          id,
          s.status,
          s.effectiveFrom,
          s.source,
          recordedBy,
          at,
        );
      }
    }
  }
}

interface RowSink {
  add(...row: (string | number | null)[]): void;
}

/**
 * Rows for one PostgreSQL table as one array literal per column ('{"a","b",NULL}'), built
 * as the rows arrive, for unnest: cheaper than rows as objects handed to pg, which
 * converts every JS array element by element.
 */
class PgRows implements RowSink {
  private readonly columns: readonly string[];
  private readonly values: (string | number | null)[][];
  // Per column: holds a value that a plain '","' join would get wrong (null, ", \\);
  // numbers join as digits, which PostgreSQL reads quoted into int4[] as well.
  private readonly special: boolean[];

  constructor(private readonly table: BulkTable) {
    this.columns = BULK_COLUMNS[table];
    this.values = this.columns.map(() => []);
    this.special = this.columns.map(() => false);
  }

  add(...row: (string | number | null)[]): void {
    for (let i = 0; i < row.length; i++) {
      const v = row[i]!;
      this.values[i]!.push(v);
      if (v === null || (typeof v === 'string' && (v.includes('"') || v.includes('\\')))) {
        this.special[i] = true;
      }
    }
  }

  private literal(i: number): string {
    const values = this.values[i]!;
    if (!this.special[i]) return `{"${values.join('","')}"}`;
    const parts = values.map((v) =>
      v === null
        ? 'NULL'
        : typeof v === 'number'
          ? String(v)
          : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`,
    );
    return `{${parts.join(',')}}`;
  }

  async insert(db: Kysely<Database>): Promise<void> {
    if (!this.values[0]!.length) return;
    const names = this.columns.map((c) => `"${c}"`).join(', ');
    const arrays = this.columns.map(
      (c, i) => `$${i + 1}::${INTEGER_COLUMNS.has(c) ? 'int4' : 'text'}[]`,
    );
    const text = `insert into "${this.table}" (${names}) select * from unnest(${arrays.join(', ')})`;
    await db.executeQuery(
      CompiledQuery.raw(
        text,
        this.columns.map((_, i) => this.literal(i)),
      ),
    );
  }
}

// Rows per prepared multi-row statement: one bind-and-step call per 64 rows cost ~40% less
// than one per row (measured, 100,000 households).
const SQLITE_ROWS_PER_STATEMENT = 64;

/** Rows for one table, run through a prepared 64-row statement, the rest one by one. */
class SqliteRows implements RowSink {
  private readonly many: SQLite.Statement;
  private readonly one: SQLite.Statement;
  private readonly width: number;
  private values: unknown[] = [];

  constructor(sqlite: SQLite.Database, table: BulkTable) {
    const columns: readonly string[] = BULK_COLUMNS[table];
    this.width = columns.length;
    const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    this.many = sqlite.prepare(head + Array(SQLITE_ROWS_PER_STATEMENT).fill(tuple).join(', '));
    this.one = sqlite.prepare(head + tuple);
  }

  add(...row: (string | number | null)[]): void {
    for (const v of row) this.values.push(v);
    if (this.values.length === this.width * SQLITE_ROWS_PER_STATEMENT) {
      this.many.run(this.values);
      this.values = [];
    }
  }

  flush(): void {
    const v = this.values;
    this.values = [];
    for (let i = 0; i < v.length; i += this.width) this.one.run(v.slice(i, i + this.width));
  }
}

function rowsOf(
  regionCode: string,
  records: readonly HouseholdRecord[],
  recordedBy: string,
  now: Date,
): {
  households: Database['households'][];
  members: Database['household_members'][];
  statuses: Database['poverty_status_history'][];
} {
  const at = now.toISOString();
  const ms = now.getTime();
  const households: Database['households'][] = [];
  const members: Database['household_members'][] = [];
  const statuses: Database['poverty_status_history'][] = [];
  for (const r of records) {
    const id = newId(ms);
    households.push({
      region_code: regionCode,
      id,
      household_no: r.householdNo,
      township_code: r.townshipCode,
      village_code: r.villageCode,
      group_code: r.groupCode,
      head_name: r.headName,
      head_id_number: r.headIdNumber,
      phone: r.phone,
      address: r.address,
      subsidy_account: r.subsidyAccount,
      member_count: 1 + r.members.length,
      poverty_status: r.statuses[r.statuses.length - 1]!.status,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    for (const m of [
      { name: r.headName, idNumber: r.headIdNumber, relation: '户主' },
      ...r.members,
    ]) {
      members.push({
        region_code: regionCode,
        id: newId(ms),
        household_id: id,
        name: m.name,
        id_number: m.idNumber,
        relation: m.relation,
        birth_date: residentIdBirthDate(m.idNumber),
      });
    }
    for (const s of r.statuses) {
      statuses.push({
        region_code: regionCode,
        id: newId(ms),
        household_id: id,
        status: s.status,
        effective_from: s.effectiveFrom,
        source: s.source,
        recorded_by: recordedBy,
        recorded_at: at,
      });
    }
  }
  return { households, members, statuses };
}

/*
 * The bulk path bypasses Kysely's query builder (building and compiling an AST of ~8,000
 * value nodes per statement cost more than SQLite's own work) but keeps its connection, so
 * it runs in the caller's transaction. Column lists are fixed below and values are always
 * bound parameters: nothing from a record reaches the SQL text.
 */
type BulkTable = 'households' | 'household_members' | 'poverty_status_history';
/** Each register table's columns in insert order (the credit bench writes households by it). */
export const BULK_COLUMNS = {
  households: [
    'region_code',
    'id',
    'household_no',
    'township_code',
    'village_code',
    'group_code',
    'head_name',
    'head_id_number',
    'phone',
    'address',
    'subsidy_account',
    'member_count',
    'poverty_status',
    'created_at',
    'updated_at',
    'version',
  ],
  household_members: [
    'region_code',
    'id',
    'household_id',
    'name',
    'id_number',
    'relation',
    'birth_date',
  ],
  poverty_status_history: [
    'region_code',
    'id',
    'household_id',
    'status',
    'effective_from',
    'source',
    'recorded_by',
    'recorded_at',
  ],
} as const satisfies { [T in BulkTable]: readonly (keyof Database[T] & string)[] };

const INTEGER_COLUMNS = new Set(['member_count', 'version']);
// SQLite: ~8,000 bound values per statement, well under its 32,766 limit.
const SQLITE_VALUES = 8000;
// PostgreSQL binds one array per column, so a statement can carry many rows.
const PG_ROWS = 5000;

const sqliteText = new Map<string, string>();

async function insertRows<T extends BulkTable>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Database[T][],
): Promise<void> {
  const columns: readonly string[] = BULK_COLUMNS[table];
  const names = columns.map((c) => `"${c}"`).join(', ');
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // unnest() of one array per column: one short statement to parse, whatever the row count.
    const arrays = columns.map(
      (c, i) => `$${i + 1}::${INTEGER_COLUMNS.has(c) ? 'int4' : 'text'}[]`,
    );
    const text = `insert into "${table}" (${names}) select * from unnest(${arrays.join(', ')})`;
    for (let i = 0; i < rows.length; i += PG_ROWS) {
      const chunk = rows.slice(i, i + PG_ROWS) as unknown as Record<string, unknown>[];
      await db.executeQuery(
        CompiledQuery.raw(
          text,
          columns.map((c) => chunk.map((r) => r[c])),
        ),
      );
    }
    return;
  }
  const perStatement = Math.floor(SQLITE_VALUES / columns.length);
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement) as unknown as Record<string, unknown>[];
    const key = `${table}:${chunk.length}`;
    let text = sqliteText.get(key);
    if (!text) {
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      text = `insert into "${table}" (${names}) values ${Array.from({ length: chunk.length }, () => tuple).join(', ')}`;
      sqliteText.set(key, text);
    }
    const params: unknown[] = [];
    for (const r of chunk) for (const c of columns) params.push(r[c]);
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}

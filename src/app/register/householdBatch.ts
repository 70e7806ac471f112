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
  await insertRows(db, 'households', households);
  await insertRows(db, 'household_members', members);
  await insertRows(db, 'poverty_status_history', statuses);
}

/*
 * The bulk path bypasses Kysely's query builder (building and compiling an AST of ~8,000
 * value nodes per statement cost more than SQLite's own work) but keeps its connection, so
 * it runs in the caller's transaction. Column lists are fixed below and values are always
 * bound parameters: nothing from a record reaches the SQL text.
 */
type BulkTable = 'households' | 'household_members' | 'poverty_status_history';
const COLUMNS = {
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
  const columns: readonly string[] = COLUMNS[table];
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

import type { Kysely } from 'kysely';
import type { Database, HouseholdTable, PovertyStatusHistoryTable } from '../../../store/schema.ts';
import { canSeeTownship, type Actor } from '../../actor.ts';
import type { HouseholdRecord } from '../householdBatch.ts';
import { latestStatuses } from '../latestStatuses.ts';
import { COLUMN_ZH, type ColumnKey } from './columns.ts';
import type { ImportProblem } from './problems.ts';

export interface Candidate {
  row: number;
  record: HouseholdRecord;
}

export type Verdict =
  { kind: 'new' } | { kind: 'unchanged' } | { kind: 'problem'; problem: ImportProblem };

// Keeps every IN list well under SQLite's and PostgreSQL's bind-parameter limits.
const IN_CHUNK = 1000;

async function inChunks<T>(
  values: readonly string[],
  query: (chunk: string[]) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += IN_CHUNK)
    out.push(...(await query(values.slice(i, i + IN_CHUNK))));
  return out;
}

/**
 * Each valid row against the register: new; already there with identical content
 * (unchanged, so re-importing a file changes nothing); or a conflict — the household
 * number holds different content, or a resident ID belongs to another household.
 * Imports never overwrite.
 */
export async function matchRegister(
  db: Kysely<Database>,
  actor: Actor,
  candidates: readonly Candidate[],
): Promise<Verdict[]> {
  const region = actor.regionCode;
  const existing = await inChunks(
    candidates.map((c) => c.record.householdNo),
    (nos) =>
      db
        .selectFrom('households')
        .selectAll()
        .where('region_code', '=', region)
        .where('household_no', 'in', nos)
        .execute(),
  );
  const byNo = new Map(existing.map((h) => [h.household_no, h]));
  const existingIds = existing.map((h) => h.id);
  const [members, statuses] = await Promise.all([
    inChunks(existingIds, (ids) =>
      db
        .selectFrom('household_members')
        .select(['household_id', 'name', 'id_number', 'relation'])
        .where('region_code', '=', region)
        .where('household_id', 'in', ids)
        .execute(),
    ),
    inChunks(existingIds, (ids) =>
      db
        .selectFrom('poverty_status_history')
        .selectAll()
        .where('region_code', '=', region)
        .where('household_id', 'in', ids)
        .execute(),
    ),
  ]);
  const membersOf = groupBy(members, (m) => m.household_id);
  const latest = latestStatuses(statuses);

  const newIds = candidates
    .filter((c) => !byNo.has(c.record.householdNo))
    .flatMap((c) => [c.record.headIdNumber, ...c.record.members.map((m) => m.idNumber)]);
  const taken = new Set(
    (
      await inChunks(newIds, (ids) =>
        db
          .selectFrom('household_members')
          .select('id_number')
          .where('region_code', '=', region)
          .where('id_number', 'in', ids)
          .execute(),
      )
    ).map((r) => r.id_number),
  );

  return candidates.map((c): Verdict => {
    const r = c.record;
    const h = byNo.get(r.householdNo);
    if (h) {
      if (!canSeeTownship(actor, h.township_code)) {
        return problem(
          c.row,
          'householdNo',
          'duplicate_household_no',
          '户编号已被其他乡镇的农户使用',
          'household number is already used by a household in another township',
        );
      }
      const field = firstDifference(h, membersOf.get(h.id) ?? [], latest.get(h.id), r);
      if (!field) return { kind: 'unchanged' };
      return problem(
        c.row,
        field,
        'household_exists_different',
        `户编号 ${r.householdNo} 已在系统中，但“${COLUMN_ZH[field]}”与系统记录不同；导入不覆盖已有农户，请在系统中修改`,
        `household number ${r.householdNo} is already registered with a different ${field}; imports never overwrite, so edit the household in the register instead`,
      );
    }
    const ids = [r.headIdNumber, ...r.members.map((m) => m.idNumber)];
    const i = ids.findIndex((id) => taken.has(id));
    if (i >= 0) {
      return problem(
        c.row,
        i === 0 ? 'headIdNumber' : 'members',
        'duplicate_id',
        i === 0 ? '户主身份证号已登记在其他农户中' : `第${i}个成员的身份证号已登记在其他农户中`,
        i === 0
          ? "the head's resident ID is already registered in another household"
          : `member ${i}'s resident ID is already registered in another household`,
      );
    }
    return { kind: 'new' };
  });
}

function problem(row: number, field: string, code: string, zh: string, en: string): Verdict {
  const label = COLUMN_ZH[field as ColumnKey] ?? field;
  return {
    kind: 'problem',
    problem: {
      row,
      field,
      code,
      message_zh: `第 ${row} 行【${label}】${zh}`,
      message_en: `Row ${row}, ${field}: ${en}`,
    },
  };
}

function firstDifference(
  h: HouseholdTable,
  members: readonly { name: string; id_number: string; relation: string }[],
  status: PovertyStatusHistoryTable | undefined,
  r: HouseholdRecord,
): ColumnKey | null {
  const s = r.statuses[r.statuses.length - 1]!;
  if (h.village_code !== r.villageCode) return 'villageCode';
  if (h.group_code !== r.groupCode) return 'groupCode';
  if (h.head_name !== r.headName) return 'headName';
  if (h.head_id_number !== r.headIdNumber) return 'headIdNumber';
  if (h.phone !== r.phone) return 'phone';
  if (h.address !== r.address) return 'address';
  if (h.subsidy_account !== r.subsidyAccount) return 'subsidyAccount';
  if (status?.status !== s.status) return 'status';
  if (status.effective_from !== s.effectiveFrom) return 'effectiveFrom';
  if (status.source !== s.source) return 'source';
  const key = (m: { name: string; id: string; relation: string }): string =>
    `${m.id}|${m.name}|${m.relation}`;
  const have = members
    .filter((m) => m.id_number !== h.head_id_number)
    .map((m) => key({ name: m.name, id: m.id_number, relation: m.relation }))
    .sort();
  const want = r.members
    .map((m) => key({ name: m.name, id: m.idNumber, relation: m.relation }))
    .sort();
  if (have.length !== want.length || have.some((k, i) => k !== want[i])) return 'members';
  return null;
}

function groupBy<T>(items: readonly T[], keyOf: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) {
    const k = keyOf(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
}

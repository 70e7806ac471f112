import type { Kysely } from 'kysely';
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

// Rows per INSERT: keeps every statement under SQLite's and PostgreSQL's bind limits.
const CHUNK = 500;

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
  for (let i = 0; i < households.length; i += CHUNK) {
    await db
      .insertInto('households')
      .values(households.slice(i, i + CHUNK))
      .execute();
  }
  for (let i = 0; i < members.length; i += CHUNK) {
    await db
      .insertInto('household_members')
      .values(members.slice(i, i + CHUNK))
      .execute();
  }
  for (let i = 0; i < statuses.length; i += CHUNK) {
    await db
      .insertInto('poverty_status_history')
      .values(statuses.slice(i, i + CHUNK))
      .execute();
  }
}

import type { Kysely } from 'kysely';
import type { Measure, ResponsibilityMatrix } from '../../core/supervision/matrix.ts';
import type {
  Database,
  InstitutionKind,
  SupervisionOwnerKind,
  SupervisionTaskOwnerTable,
} from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import { ROLE_NAMES, type Role } from '../roles.ts';

/**
 * Who in the register acts for a unit the matrix names (decision 0017): a government
 * unit or an institution of exactly that name; for a class (区内保险公司, 各乡镇人民政府)
 * every institution of its kinds or every township; otherwise nobody yet ('unassigned',
 * shown to the district as a gap to close).
 */

export type OwnerRow = Omit<SupervisionTaskOwnerTable, 'region_code' | 'task_id' | 'n'>;

export const ownerKey = (kind: SupervisionOwnerKind, ref: string | null): string =>
  `${kind}:${ref ?? ''}`;

export interface Register {
  govUnits: { id: string; name_zh: string }[];
  institutions: { id: string; kind: InstitutionKind; name_zh: string }[];
  townships: { code: string; name_zh: string }[];
}

export async function loadRegister(db: Kysely<Database>, regionCode: string): Promise<Register> {
  const [govUnits, institutions, townships] = await Promise.all([
    db
      .selectFrom('gov_units')
      .select(['id', 'name_zh'])
      .where('region_code', '=', regionCode)
      .orderBy('code')
      .execute(),
    db
      .selectFrom('institutions')
      .select(['id', 'kind', 'name_zh'])
      .where('region_code', '=', regionCode)
      .orderBy('code')
      .execute(),
    db
      .selectFrom('regions')
      .select(['code', 'name_zh'])
      .where('region_code', '=', regionCode)
      .where('level', '=', 'township')
      .orderBy('code')
      .execute(),
  ]);
  return { govUnits, institutions, townships };
}

/** The owners of one measure, in the order the text names its units; no owner twice. */
export function resolveOwners(
  matrix: ResponsibilityMatrix,
  measure: Measure,
  register: Register,
): OwnerRow[] {
  const out: OwnerRow[] = [];
  const seen = new Set<string>();
  const add = (row: OwnerRow) => {
    const key =
      row.owner_kind === 'unassigned'
        ? `?${row.unit_name}`
        : ownerKey(row.owner_kind, row.owner_ref);
    if (!seen.has(key)) out.push(row);
    seen.add(key);
  };
  for (const unit of measure.owners) {
    const collective = matrix.collectives[unit];
    if (collective) {
      const before = out.length;
      for (const i of register.institutions) {
        if (collective.institutionKinds?.includes(i.kind)) {
          add({
            unit_name: unit,
            owner_kind: 'institution',
            owner_ref: i.id,
            owner_name: i.name_zh,
          });
        }
      }
      if (collective.townships) {
        for (const t of register.townships) {
          add({
            unit_name: unit,
            owner_kind: 'township',
            owner_ref: t.code,
            owner_name: t.name_zh,
          });
        }
      }
      if (out.length === before) add(unassigned(unit));
      continue;
    }
    const gov = register.govUnits.find((g) => g.name_zh === unit);
    const inst = register.institutions.find((i) => i.name_zh === unit);
    if (gov) add({ unit_name: unit, owner_kind: 'gov_unit', owner_ref: gov.id, owner_name: unit });
    else if (inst) {
      add({ unit_name: unit, owner_kind: 'institution', owner_ref: inst.id, owner_name: unit });
    } else add(unassigned(unit));
  }
  return out;
}

const unassigned = (unit: string): OwnerRow => ({
  unit_name: unit,
  owner_kind: 'unassigned',
  owner_ref: null,
  owner_name: unit,
});

/**
 * The district offices whose role is itself a responsible unit: a user of that role acts
 * for the government unit of the same name (人行武隆支行, 区扶贫办, …).
 */
const OFFICE_ROLES: readonly Role[] = [
  'financial_office',
  'poverty_office',
  'finance_bureau',
  'pboc',
  'regulator',
];

/** The owner keys an actor reports for: its unit, its institution, its township, its office. */
export async function ownerKeysOf(db: Kysely<Database>, actor: Actor): Promise<string[]> {
  const keys: string[] = [];
  if (actor.govUnitId) keys.push(ownerKey('gov_unit', actor.govUnitId));
  if (actor.institutionId) keys.push(ownerKey('institution', actor.institutionId));
  if (actor.role === 'township_clerk' && actor.townshipCode) {
    keys.push(ownerKey('township', actor.townshipCode));
  }
  if (OFFICE_ROLES.includes(actor.role)) {
    const office = await db
      .selectFrom('gov_units')
      .select('id')
      .where('region_code', '=', actor.regionCode)
      .where('name_zh', '=', ROLE_NAMES[actor.role].zh)
      .executeTakeFirst();
    if (office) keys.push(ownerKey('gov_unit', office.id));
  }
  return keys;
}

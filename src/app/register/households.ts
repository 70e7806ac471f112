import { z } from 'zod';
import type { Kysely } from 'kysely';
import { maskAccount, maskPhone, maskResidentId } from '../../core/identity/mask.ts';
import type { Database, HouseholdTable, PovertyStatus } from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import { conflict, invalid, staleVersion } from '../errors.ts';
import { newId } from '../ids.ts';
import { PII_READERS, REGISTER_READERS, REGISTER_WRITERS } from '../roles.ts';
import { assertTownshipVisible, townshipLimit } from '../scope.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual, paging, type Page } from '../validation.ts';
import { isoDate, name, phone, povertyStatus, regionCode, residentId } from './fields.ts';
import { regionOf, villageInScope } from './regionOf.ts';
import { auditView } from '../auditLog.ts';

export interface HouseholdListItem {
  id: string;
  householdNo: string;
  headName: string;
  headIdNumber: string;
  phone: string | null;
  villageCode: string;
  villageName: string;
  townshipCode: string;
  townshipName: string;
  memberCount: number;
  povertyStatus: PovertyStatus;
}

export const listHouseholds = defineUseCase({
  name: 'household.list',
  roles: REGISTER_READERS,
  scope: 'township',
  writes: false,
  input: z
    .object({
      q: z.string().trim().max(50).optional(),
      township: z.string().max(15).optional(),
      village: z.string().max(15).optional(),
      status: povertyStatus.optional(),
      ...paging,
    })
    .strict(),
  async run({ db, actor }, input): Promise<Page<HouseholdListItem>> {
    let q = db
      .selectFrom('households as h')
      .innerJoin('regions as v', (j) =>
        j.onRef('v.region_code', '=', 'h.region_code').onRef('v.code', '=', 'h.village_code'),
      )
      .innerJoin('regions as t', (j) =>
        j.onRef('t.region_code', '=', 'h.region_code').onRef('t.code', '=', 'h.township_code'),
      )
      .where('h.region_code', '=', actor.regionCode);
    const limit = townshipLimit(actor);
    if (limit) q = q.where('h.township_code', 'in', limit);
    if (input.township) q = q.where('h.township_code', '=', input.township);
    if (input.village) q = q.where('h.village_code', '=', input.village);
    if (input.status) q = q.where('h.poverty_status', '=', input.status);
    if (input.q) {
      const term = input.q;
      // Only roles that may see resident IDs may look a household up by one; for the
      // others a search by ID would confirm who is on the poverty register.
      const byId = PII_READERS.includes(actor.role);
      q = q.where((eb) =>
        eb.or([
          eb('h.head_name', 'like', `${term}%`),
          eb('h.household_no', '=', term),
          ...(byId ? [eb('h.head_id_number', '=', term.toUpperCase())] : []),
        ]),
      );
    }
    const [{ total }] = (await q
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .execute()) as [{ total: number }];
    const rows = await q
      .select([
        'h.id',
        'h.household_no',
        'h.head_name',
        'h.head_id_number',
        'h.phone',
        'h.village_code',
        'v.name_zh as village_name',
        'h.township_code',
        't.name_zh as township_name',
        'h.member_count',
        'h.poverty_status',
      ])
      .orderBy('h.township_code')
      .orderBy('h.village_code')
      .orderBy('h.household_no')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        householdNo: r.household_no,
        headName: r.head_name,
        headIdNumber: maskResidentId(r.head_id_number),
        phone: r.phone === null ? null : maskPhone(r.phone),
        villageCode: r.village_code,
        villageName: r.village_name,
        townshipCode: r.township_code,
        townshipName: r.township_name,
        memberCount: r.member_count,
        povertyStatus: r.poverty_status,
      })),
      total: Number(total),
      page: input.page,
      pageSize: input.pageSize,
    };
  },
});

export interface HouseholdDetail {
  id: string;
  householdNo: string;
  headName: string;
  headIdNumber: string;
  phone: string | null;
  address: string | null;
  villageCode: string;
  villageName: string;
  groupCode: string | null;
  townshipCode: string;
  townshipName: string;
  subsidyAccount: string | null;
  members: { id: string; name: string; idNumber: string; relation: string; birthDate: string }[];
  povertyHistory: {
    status: PovertyStatus;
    effectiveFrom: string;
    source: string;
    recordedAt: string;
  }[];
  povertyStatus: PovertyStatus;
  version: number;
}

async function loadVisible(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<HouseholdTable> {
  const row = await db
    .selectFrom('households')
    .selectAll()
    .where('region_code', '=', actor.regionCode)
    .where('id', '=', id)
    .executeTakeFirst();
  return assertTownshipVisible(actor, 'household', row);
}

async function detailOf(
  db: Kysely<Database>,
  actor: Actor,
  h: HouseholdTable,
): Promise<HouseholdDetail> {
  const full = PII_READERS.includes(actor.role);
  const [members, history, village, township] = await Promise.all([
    db
      .selectFrom('household_members')
      .selectAll()
      .where('region_code', '=', h.region_code)
      .where('household_id', '=', h.id)
      .orderBy('birth_date')
      .execute(),
    db
      .selectFrom('poverty_status_history')
      .selectAll()
      .where('region_code', '=', h.region_code)
      .where('household_id', '=', h.id)
      .orderBy('effective_from')
      .orderBy('recorded_at')
      .execute(),
    regionOf(db, h.region_code, h.village_code),
    regionOf(db, h.region_code, h.township_code),
  ]);
  const id = (v: string): string => (full ? v : maskResidentId(v));
  return {
    id: h.id,
    householdNo: h.household_no,
    headName: h.head_name,
    headIdNumber: id(h.head_id_number),
    phone: h.phone === null ? null : full ? h.phone : maskPhone(h.phone),
    address: h.address,
    villageCode: h.village_code,
    villageName: village?.name_zh ?? h.village_code,
    groupCode: h.group_code,
    townshipCode: h.township_code,
    townshipName: township?.name_zh ?? h.township_code,
    subsidyAccount:
      h.subsidy_account === null ? null : full ? h.subsidy_account : maskAccount(h.subsidy_account),
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      idNumber: id(m.id_number),
      relation: m.relation,
      birthDate: m.birth_date,
    })),
    povertyHistory: history.map((p) => ({
      status: p.status,
      effectiveFrom: p.effective_from,
      source: p.source,
      recordedAt: p.recorded_at,
    })),
    povertyStatus: h.poverty_status,
    version: h.version,
  };
}

const byId = z.object({ id: z.string().min(1).max(64) }).strict();

/** The detail view shows full identifiers to roles that need them; that access is audited. */
export const getHousehold = defineUseCase({
  name: 'household.get',
  roles: REGISTER_READERS,
  scope: 'township',
  writes: false,
  input: byId,
  async run({ db, actor, audit }, input): Promise<HouseholdDetail> {
    const h = await loadVisible(db, actor, input.id);
    if (PII_READERS.includes(actor.role)) {
      await audit({ action: 'household.view-pii', entity: 'household', entityId: h.id });
    }
    return detailOf(db, actor, h);
  },
});

export const householdHistory = defineUseCase({
  name: 'household.history',
  roles: REGISTER_READERS,
  scope: 'township',
  writes: false,
  input: byId,
  async run({ db, actor }, input) {
    const h = await loadVisible(db, actor, input.id);
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .where('entity', '=', 'household')
      .where('entity_id', '=', h.id)
      .where('action', '!=', 'household.view-pii')
      .orderBy('id', 'desc')
      .limit(200)
      .execute();
    return { items: rows.map(auditView) };
  },
});

const memberInput = z
  .object({
    name,
    idNumber: residentId,
    relation: z.string().trim().min(1).max(20),
  })
  .strict();

export const householdInput = z
  .object({
    householdNo: z
      .string()
      .trim()
      .regex(
        /^[0-9A-Za-z-]{4,32}$/,
        bilingual('户编号应为4–32位字母或数字', 'household number must be 4–32 letters or digits'),
      ),
    villageCode: regionCode,
    groupCode: regionCode.optional(),
    headName: name,
    headIdNumber: residentId,
    phone: phone.optional(),
    address: z.string().trim().max(200).optional(),
    subsidyAccount: z.string().trim().max(40).optional(),
    members: z.array(memberInput).max(30).default([]),
    povertyStatus,
    statusEffectiveFrom: isoDate,
    statusSource: z.string().trim().min(1).max(100),
  })
  .strict();
export type HouseholdInput = z.infer<typeof householdInput>;

export const createHousehold = defineUseCase({
  name: 'household.create',
  roles: REGISTER_WRITERS,
  scope: 'township',
  writes: true,
  input: householdInput,
  async run(ctx, input) {
    const { db, actor, now, audit } = ctx;
    const village = await villageInScope(db, actor, input.villageCode);
    const ids = [input.headIdNumber, ...input.members.map((m) => m.idNumber)];
    if (new Set(ids).size !== ids.length) {
      throw invalid(
        'members',
        '同一户内身份证号重复',
        'the same resident ID appears twice in the household',
        'duplicate_id',
      );
    }
    const taken = await db
      .selectFrom('household_members')
      .select('id_number')
      .where('region_code', '=', actor.regionCode)
      .where('id_number', 'in', ids)
      .executeTakeFirst();
    if (taken) {
      const pos = ids.indexOf(taken.id_number);
      throw conflict(
        'duplicate_id',
        '该身份证号已登记在其他农户中',
        'this resident ID is already registered in another household',
        pos <= 0 ? 'headIdNumber' : `members.${pos - 1}.idNumber`,
      );
    }
    const dupNo = await db
      .selectFrom('households')
      .select('id')
      .where('region_code', '=', actor.regionCode)
      .where('household_no', '=', input.householdNo)
      .executeTakeFirst();
    if (dupNo)
      throw conflict(
        'duplicate_household_no',
        '户编号已存在',
        'household number already exists',
        'householdNo',
      );

    const at = now.toISOString();
    const id = newId(now.getTime());
    const row: HouseholdTable = {
      region_code: actor.regionCode,
      id,
      household_no: input.householdNo,
      township_code: village.township_code,
      village_code: input.villageCode,
      group_code: input.groupCode ?? null,
      head_name: input.headName,
      head_id_number: input.headIdNumber,
      phone: input.phone ?? null,
      address: input.address ?? null,
      subsidy_account: input.subsidyAccount ?? null,
      member_count: 1 + input.members.length,
      poverty_status: input.povertyStatus,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await db.insertInto('households').values(row).execute();
    const members = [
      { name: input.headName, idNumber: input.headIdNumber, relation: '户主' },
      ...input.members,
    ];
    await db
      .insertInto('household_members')
      .values(
        members.map((m) => ({
          region_code: actor.regionCode,
          id: newId(now.getTime()),
          household_id: id,
          name: m.name,
          id_number: m.idNumber,
          relation: m.relation,
          birth_date: `${m.idNumber.slice(6, 10)}-${m.idNumber.slice(10, 12)}-${m.idNumber.slice(12, 14)}`,
        })),
      )
      .execute();
    await db
      .insertInto('poverty_status_history')
      .values({
        region_code: actor.regionCode,
        id: newId(now.getTime()),
        household_id: id,
        status: input.povertyStatus,
        effective_from: input.statusEffectiveFrom,
        source: input.statusSource,
        recorded_by: actor.username,
        recorded_at: at,
      })
      .execute();
    await audit({
      action: 'household.create',
      entity: 'household',
      entityId: id,
      after: redact(row),
    });
    return detailOf(db, actor, row);
  },
});

/** The audit log keeps identifiers masked: it is read by auditors who need no PII. */
function redact(row: HouseholdTable): Record<string, unknown> {
  return {
    ...row,
    head_id_number: maskResidentId(row.head_id_number),
    phone: row.phone === null ? null : maskPhone(row.phone),
  };
}

export const updateHousehold = defineUseCase({
  name: 'household.update',
  roles: REGISTER_WRITERS,
  scope: 'township',
  writes: true,
  input: z
    .object({
      id: z.string().min(1).max(64),
      version: z.coerce.number().int().min(1),
      headName: name.optional(),
      phone: phone.nullable().optional(),
      address: z.string().trim().max(200).nullable().optional(),
      villageCode: regionCode.optional(),
      groupCode: regionCode.nullable().optional(),
      subsidyAccount: z.string().trim().max(40).nullable().optional(),
    })
    .strict(),
  async run({ db, actor, now, audit }, input) {
    const before = await loadVisible(db, actor, input.id);
    if (before.version !== input.version) {
      throw staleVersion();
    }
    let townshipCode = before.township_code;
    if (input.villageCode && input.villageCode !== before.village_code) {
      // Moving a household out of one's own township is a district-level act.
      const village = await villageInScope(db, actor, input.villageCode);
      townshipCode = village.township_code;
    }
    const after: HouseholdTable = {
      ...before,
      head_name: input.headName ?? before.head_name,
      phone: input.phone === undefined ? before.phone : input.phone,
      address: input.address === undefined ? before.address : input.address,
      village_code: input.villageCode ?? before.village_code,
      township_code: townshipCode,
      group_code: input.groupCode === undefined ? before.group_code : input.groupCode,
      subsidy_account:
        input.subsidyAccount === undefined ? before.subsidy_account : input.subsidyAccount,
      updated_at: now.toISOString(),
      version: before.version + 1,
    };
    const { numUpdatedRows } = await db
      .updateTable('households')
      .set({
        head_name: after.head_name,
        phone: after.phone,
        address: after.address,
        village_code: after.village_code,
        township_code: after.township_code,
        group_code: after.group_code,
        subsidy_account: after.subsidy_account,
        updated_at: after.updated_at,
        version: after.version,
      })
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', before.id)
      .where('version', '=', before.version)
      .executeTakeFirstOrThrow();
    if (Number(numUpdatedRows) !== 1) {
      throw staleVersion();
    }
    await audit({
      action: 'household.update',
      entity: 'household',
      entityId: before.id,
      before: redact(before),
      after: redact(after),
    });
    return detailOf(db, actor, after);
  },
});

export const recordPovertyStatus = defineUseCase({
  name: 'household.poverty-status',
  roles: ['district_admin', 'poverty_office', 'township_clerk'],
  scope: 'township',
  writes: true,
  input: z
    .object({
      id: z.string().min(1).max(64),
      status: povertyStatus,
      effectiveFrom: isoDate,
      source: z
        .string()
        .trim()
        .min(1, bilingual('请填写依据（来源）', 'source is required'))
        .max(100),
    })
    .strict(),
  async run({ db, actor, now, audit }, input) {
    const before = await loadVisible(db, actor, input.id);
    const at = now.toISOString();
    await db
      .insertInto('poverty_status_history')
      .values({
        region_code: actor.regionCode,
        id: newId(now.getTime()),
        household_id: before.id,
        status: input.status,
        effective_from: input.effectiveFrom,
        source: input.source,
        recorded_by: actor.username,
        recorded_at: at,
      })
      .execute();
    const current = await statusOn(db, actor.regionCode, before.id, '9999-12-31');
    const after = {
      ...before,
      poverty_status: current ?? input.status,
      updated_at: at,
      version: before.version + 1,
    };
    await db
      .updateTable('households')
      .set({ poverty_status: after.poverty_status, updated_at: at, version: after.version })
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', before.id)
      .execute();
    await audit({
      action: 'household.poverty-status',
      entity: 'household',
      entityId: before.id,
      before: { poverty_status: before.poverty_status },
      after: { poverty_status: after.poverty_status },
      detail: input,
    });
    return detailOf(db, actor, after);
  },
});

/**
 * The household's poverty status in force on a date: the latest entry effective on or
 * before it (ties broken by the later record). Undefined before the first entry.
 */
export async function statusOn(
  db: Kysely<Database>,
  regionCode: string,
  householdId: string,
  date: string,
): Promise<PovertyStatus | undefined> {
  const row = await db
    .selectFrom('poverty_status_history')
    .select('status')
    .where('region_code', '=', regionCode)
    .where('household_id', '=', householdId)
    .where('effective_from', '<=', date)
    .orderBy('effective_from', 'desc')
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.status;
}

export const povertyStatusOn = defineUseCase({
  name: 'household.poverty-status-on',
  roles: REGISTER_READERS,
  scope: 'township',
  writes: false,
  input: z.object({ id: z.string().min(1).max(64), date: isoDate }).strict(),
  async run({ db, actor }, input) {
    const h = await loadVisible(db, actor, input.id);
    const status = (await statusOn(db, actor.regionCode, h.id, input.date)) ?? null;
    return { id: h.id, date: input.date, status, registeredPoor: status === 'registered_poor' };
  },
});

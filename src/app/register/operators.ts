import { z } from 'zod';
import type { OperatorTable } from '../../store/schema.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import { conflict, invalid, type AppError, staleVersion } from '../errors.ts';
import { newId } from '../ids.ts';
import { REGISTER_READERS, REGISTER_WRITERS } from '../roles.ts';
import { assertTownshipVisible, townshipLimit } from '../scope.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual, paging, type Page } from '../validation.ts';
import { count, name, regionCode, uscc } from './fields.ts';
import { regionOf, villageInScope } from './regionOf.ts';

export const OPERATOR_KINDS = [
  'cooperative',
  'family_farm',
  'large_grower',
  'leading_enterprise',
] as const;

export interface OperatorView {
  id: string;
  name: string;
  kind: OperatorTable['kind'];
  uscc: string;
  villageCode: string;
  villageName: string;
  townshipCode: string;
  townshipName: string;
  legalRepresentative: string | null;
  workforce: number;
  poorWorkforce: number;
  version: number;
}

export const listOperators = defineUseCase({
  name: 'operator.list',
  roles: REGISTER_READERS,
  scope: 'township',
  writes: false,
  input: z
    .object({
      q: z.string().trim().max(50).optional(),
      township: z.string().max(15).optional(),
      kind: z.enum(OPERATOR_KINDS).optional(),
      ...paging,
    })
    .strict(),
  async run({ db, actor }, input): Promise<Page<OperatorView>> {
    let q = db
      .selectFrom('operators as o')
      .innerJoin('regions as v', (j) =>
        j.onRef('v.region_code', '=', 'o.region_code').onRef('v.code', '=', 'o.village_code'),
      )
      .innerJoin('regions as t', (j) =>
        j.onRef('t.region_code', '=', 'o.region_code').onRef('t.code', '=', 'o.township_code'),
      )
      .where('o.region_code', '=', actor.regionCode);
    const limit = townshipLimit(actor);
    if (limit) q = q.where('o.township_code', 'in', limit);
    if (input.township) q = q.where('o.township_code', '=', input.township);
    if (input.kind) q = q.where('o.kind', '=', input.kind);
    if (input.q) {
      const term = input.q;
      q = q.where((eb) =>
        eb.or([eb('o.name', 'like', `%${term}%`), eb('o.uscc', '=', term.toUpperCase())]),
      );
    }
    const [{ total }] = (await q
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .execute()) as [{ total: number }];
    const rows = await q
      .selectAll('o')
      .select(['v.name_zh as village_name', 't.name_zh as township_name'])
      .orderBy('o.township_code')
      .orderBy('o.name')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute();
    return {
      items: rows.map((r) => view(r, r.village_name, r.township_name)),
      total: Number(total),
      page: input.page,
      pageSize: input.pageSize,
    };
  },
});

function view(r: OperatorTable, villageName: string, townshipName: string): OperatorView {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    uscc: r.uscc,
    villageCode: r.village_code,
    villageName,
    townshipCode: r.township_code,
    townshipName,
    legalRepresentative: r.legal_representative,
    workforce: r.workforce,
    poorWorkforce: r.poor_workforce,
    version: r.version,
  };
}

async function loadVisible(db: Kysely<Database>, actor: Actor, id: string): Promise<OperatorTable> {
  const row = await db
    .selectFrom('operators')
    .selectAll()
    .where('region_code', '=', actor.regionCode)
    .where('id', '=', id)
    .executeTakeFirst();
  return assertTownshipVisible(actor, 'operator', row);
}

async function viewWithNames(db: Kysely<Database>, r: OperatorTable): Promise<OperatorView> {
  const [v, t] = await Promise.all([
    regionOf(db, r.region_code, r.village_code),
    regionOf(db, r.region_code, r.township_code),
  ]);
  return view(r, v?.name_zh ?? r.village_code, t?.name_zh ?? r.township_code);
}

export const getOperator = defineUseCase({
  name: 'operator.get',
  roles: REGISTER_READERS,
  scope: 'township',
  writes: false,
  input: z.object({ id: z.string().min(1).max(64) }).strict(),
  async run({ db, actor }, input): Promise<OperatorView> {
    return viewWithNames(db, await loadVisible(db, actor, input.id));
  },
});

const TOO_MANY_POOR = {
  zh: '贫困劳动力人数不能超过劳动力总数',
  en: 'poor workforce cannot exceed the workforce',
};

/**
 * Edits what changes over an operator's life (name, village, headcounts — the art. 15
 * 20% test reads them); the unified social credit code is its identity and stays.
 */
export const updateOperator = defineUseCase({
  name: 'operator.update',
  roles: REGISTER_WRITERS,
  scope: 'township',
  writes: true,
  input: z
    .object({
      id: z.string().min(1).max(64),
      version: z.coerce.number().int().min(1),
      kind: z.enum(OPERATOR_KINDS).optional(),
      name: z.string().trim().min(1).max(100).optional(),
      villageCode: regionCode.optional(),
      legalRepresentative: name.nullable().optional(),
      workforce: count.optional(),
      poorWorkforce: count.optional(),
    })
    .strict(),
  async run({ db, actor, now, audit }, input) {
    const before = await loadVisible(db, actor, input.id);
    const stale = (): AppError => staleVersion();
    if (before.version !== input.version) throw stale();
    const village =
      input.villageCode && input.villageCode !== before.village_code
        ? await villageInScope(db, actor, input.villageCode)
        : null;
    const after: OperatorTable = {
      ...before,
      kind: input.kind ?? before.kind,
      name: input.name ?? before.name,
      village_code: village?.code ?? before.village_code,
      township_code: village?.township_code ?? before.township_code,
      legal_representative:
        input.legalRepresentative === undefined
          ? before.legal_representative
          : input.legalRepresentative,
      workforce: input.workforce ?? before.workforce,
      poor_workforce: input.poorWorkforce ?? before.poor_workforce,
      updated_at: now.toISOString(),
      version: before.version + 1,
    };
    if (after.poor_workforce > after.workforce) {
      throw invalid('poorWorkforce', TOO_MANY_POOR.zh, TOO_MANY_POOR.en);
    }
    const { numUpdatedRows } = await db
      .updateTable('operators')
      .set({
        kind: after.kind,
        name: after.name,
        village_code: after.village_code,
        township_code: after.township_code,
        legal_representative: after.legal_representative,
        workforce: after.workforce,
        poor_workforce: after.poor_workforce,
        updated_at: after.updated_at,
        version: after.version,
      })
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', before.id)
      .where('version', '=', before.version)
      .executeTakeFirstOrThrow();
    if (Number(numUpdatedRows) !== 1) throw stale();
    await audit({
      action: 'operator.update',
      entity: 'operator',
      entityId: before.id,
      before,
      after,
    });
    return viewWithNames(db, after);
  },
});

export const operatorInput = z
  .object({
    kind: z.enum(OPERATOR_KINDS),
    name: z.string().trim().min(1).max(100),
    uscc,
    villageCode: regionCode,
    legalRepresentative: name.optional(),
    workforce: count,
    poorWorkforce: count,
  })
  .strict()
  .refine((o) => o.poorWorkforce <= o.workforce, {
    path: ['poorWorkforce'],
    message: bilingual(TOO_MANY_POOR.zh, TOO_MANY_POOR.en),
  });

export const createOperator = defineUseCase({
  name: 'operator.create',
  roles: REGISTER_WRITERS,
  scope: 'township',
  writes: true,
  input: operatorInput,
  async run({ db, actor, now, audit }, input) {
    const village = await villageInScope(db, actor, input.villageCode);
    const dup = await db
      .selectFrom('operators')
      .select('id')
      .where('region_code', '=', actor.regionCode)
      .where('uscc', '=', input.uscc)
      .executeTakeFirst();
    if (dup)
      throw conflict(
        'duplicate_uscc',
        '统一社会信用代码已登记',
        'this unified social credit code is already registered',
        'uscc',
      );
    const at = now.toISOString();
    const row: OperatorTable = {
      region_code: actor.regionCode,
      id: newId(now.getTime()),
      kind: input.kind,
      name: input.name,
      uscc: input.uscc,
      township_code: village.township_code,
      village_code: input.villageCode,
      legal_representative: input.legalRepresentative ?? null,
      workforce: input.workforce,
      poor_workforce: input.poorWorkforce,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await db.insertInto('operators').values(row).execute();
    await audit({ action: 'operator.create', entity: 'operator', entityId: row.id, after: row });
    const township = await regionOf(db, actor.regionCode, village.township_code);
    return view(row, village.name_zh, township?.name_zh ?? village.township_code);
  },
});

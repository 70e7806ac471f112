import { z } from 'zod';
import type { InstitutionTable } from '../../store/schema.ts';
import { notFound } from '../errors.ts';
import { ROLES } from '../roles.ts';
import { defineUseCase } from '../useCase.ts';

/**
 * Institutions and government units are public facts of the district's financial
 * landscape: every role may list them (a bank still sees only its own loans).
 */
export interface InstitutionView {
  id: string;
  code: string;
  kind: InstitutionTable['kind'];
  nameZh: string;
  nameEn: string;
  servedTownships: string[];
}

const view = (r: InstitutionTable): InstitutionView => ({
  id: r.id,
  code: r.code,
  kind: r.kind,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  servedTownships: JSON.parse(r.served_townships) as string[],
});

export const listInstitutions = defineUseCase({
  name: 'institution.list',
  roles: ROLES,
  scope: 'district',
  writes: false,
  input: z.object({ kind: z.string().max(20).optional() }).strict(),
  async run({ db, actor }, input) {
    let q = db.selectFrom('institutions').selectAll().where('region_code', '=', actor.regionCode);
    if (input.kind) q = q.where('kind', '=', input.kind as InstitutionTable['kind']);
    return { items: (await q.orderBy('code').execute()).map(view) };
  },
});

export const getInstitution = defineUseCase({
  name: 'institution.get',
  roles: ROLES,
  scope: 'district',
  writes: false,
  input: z.object({ id: z.string().min(1).max(64) }).strict(),
  async run({ db, actor }, input) {
    const row = await db
      .selectFrom('institutions')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!row) throw notFound('institution');
    return view(row);
  },
});

export const listGovUnits = defineUseCase({
  name: 'gov-unit.list',
  roles: ROLES,
  scope: 'district',
  writes: false,
  input: z.object({}).strict(),
  async run({ db, actor }) {
    const rows = await db
      .selectFrom('gov_units')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .orderBy('code')
      .execute();
    return {
      items: rows.map((r) => ({ id: r.id, code: r.code, nameZh: r.name_zh, nameEn: r.name_en })),
    };
  },
});

import { z } from 'zod';
import { defineUseCase } from '../useCase.ts';
import { ROLES } from '../roles.ts';

export interface RegionView {
  code: string;
  level: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
}

/** Region names are public administrative facts: every role may read them. */
export const listRegions = defineUseCase({
  name: 'region.list',
  roles: ROLES,
  scope: 'district',
  writes: false,
  input: z
    .object({
      level: z.enum(['district', 'township', 'village', 'group']).optional(),
      parent: z.string().max(32).optional(),
    })
    .strict(),
  async run({ db, actor }, input): Promise<{ items: RegionView[] }> {
    let q = db.selectFrom('regions').selectAll().where('region_code', '=', actor.regionCode);
    if (input.level) q = q.where('level', '=', input.level);
    if (input.parent) q = q.where('parent_code', '=', input.parent);
    const rows = await q.orderBy('code').execute();
    return {
      items: rows.map((r) => ({
        code: r.code,
        level: r.level,
        parentCode: r.parent_code,
        nameZh: r.name_zh,
        nameEn: r.name_en,
      })),
    };
  },
});

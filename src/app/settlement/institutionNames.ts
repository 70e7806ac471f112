import type { SourceContext } from './lineSource.ts';

/** The district's institutions' Chinese names by id, to name the payee of a line. */
export async function institutionNames(ctx: SourceContext): Promise<Map<string, string>> {
  const rows = await ctx.db
    .selectFrom('institutions')
    .select(['id', 'name_zh'])
    .where('region_code', '=', ctx.regionCode)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name_zh]));
}

import type { IsoDate } from '../../core/calendarDate.ts';
import type { SourceContext } from './lineSource.ts';

/** A household's register entries in date order, as `statusOn` reads them. */
export type RegisterEntries = { status: string; from: IsoDate }[];

/** The register history of each of the households, for a rule that asks "贫困户 on a date". */
export async function povertyRegisters(
  ctx: SourceContext,
  householdIds: readonly string[],
): Promise<Map<string, RegisterEntries>> {
  const history = await ctx.db
    .selectFrom('poverty_status_history')
    .select(['household_id', 'status', 'effective_from'])
    .where('region_code', '=', ctx.regionCode)
    .where('household_id', 'in', [...new Set(householdIds)])
    .orderBy('effective_from')
    .execute();
  const out = new Map<string, RegisterEntries>();
  for (const h of history) {
    const list = out.get(h.household_id) ?? [];
    list.push({ status: h.status, from: h.effective_from as IsoDate });
    out.set(h.household_id, list);
  }
  return out;
}

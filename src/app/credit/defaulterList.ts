import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import type { FailedCondition } from '../../core/rules/rule.ts';
import type { Database } from '../../store/schema.ts';

/**
 * The defaulters list (失信惩戒, art. 10 and 33) as of a day: listed on or before it and
 * not cleared by then. A listed household gets no new subsidised loan.
 */
export async function activeDefaulters(
  db: Kysely<Database>,
  regionCode: string,
  asOf: IsoDate,
  filter: { householdId: string } | { villageCode: string } | Record<string, never> = {},
): Promise<Set<string>> {
  let q = db
    .selectFrom('credit_defaulters')
    .select('household_id')
    .where('region_code', '=', regionCode)
    .where('listed_on', '<=', asOf)
    .where((eb) => eb.or([eb('cleared_on', 'is', null), eb('cleared_on', '>', asOf)]));
  if ('householdId' in filter) q = q.where('household_id', '=', filter.householdId);
  if ('villageCode' in filter) q = q.where('village_code', '=', filter.villageCode);
  return new Set((await q.execute()).map((r) => r.household_id));
}

/**
 * The condition a loan application fails when the household is on the defaulters list
 * on the application day (none otherwise): the loans' eligibility check adds it.
 */
export async function defaulterConditions(
  db: Kysely<Database>,
  regionCode: string,
  householdId: string,
  appliedOn: IsoDate,
): Promise<FailedCondition[]> {
  const listed = await activeDefaulters(db, regionCode, appliedOn, { householdId });
  if (!listed.has(householdId)) return [];
  return [
    {
      condition: 'not-on-defaulters-list',
      article: 'art. 10',
      message_zh: '该农户在失信名单上（未解除），不能申请新的贴息贷款',
      message_en: 'The household is on the defaulters list (not cleared): no new subsidised loan',
    },
  ];
}

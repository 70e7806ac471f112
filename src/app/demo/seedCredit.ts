import type { Kysely } from 'kysely';
import { addDays } from '../../core/calendarDate.ts';
import { rate } from '../../core/credit/rating.ts';
import { CREDIT_SECTIONS, scorecardOn } from '../../core/credit/scorecard.ts';
import { buildParameterSnapshot } from '../../core/policy/parameterSet.ts';
import type { Database } from '../../store/schema.ts';
import { WULONG } from '../actor.ts';
import { businessDayOf } from '../businessDay.ts';
import { newId } from '../ids.ts';
import { shippedDefinitions } from '../policy/parameterVersions.ts';

/**
 * Demo credit data (synthetic): in 白马镇's last village without loans, a month ago,
 * the clerk collected and rated all but the last households needed for a credit village
 * (one short of 70 %), and the PBOC sub-branch approved them as credit households — so
 * one more collected, rated and approved household turns the village into a credit
 * village, which the walkthrough and the browser test show.
 */
export async function seedDemoCredit(db: Kysely<Database>, now: Date): Promise<number> {
  const lent = new Set(
    (
      await db
        .selectFrom('loans')
        .select('village_code')
        .where('region_code', '=', WULONG)
        .execute()
    ).map((l) => l.village_code),
  );
  const village = (
    await db
      .selectFrom('regions')
      .select('code')
      .where('region_code', '=', WULONG)
      .where('level', '=', 'village')
      .where('township_code', '=', '500156003')
      .orderBy('code', 'desc')
      .execute()
  ).find((v) => !lent.has(v.code));
  if (!village) return 0;
  const households = await db
    .selectFrom('households')
    .select(['id', 'township_code', 'village_code'])
    .where('region_code', '=', WULONG)
    .where('village_code', '=', village.code)
    .orderBy('household_no')
    .execute();
  // ceil(70 % of n) − 1: one household short of the default credit-village share
  const count = Math.ceil((households.length * 7) / 10) - 1;
  if (count <= 0) return 0;
  const on = addDays(businessDayOf(now), -30);
  const card = scorecardOn(buildParameterSnapshot(shippedDefinitions()), on);
  const at = now.toISOString();
  const sections = Object.fromEntries(CREDIT_SECTIONS.map((s) => [s, { score: 85 }]));
  const scores = Object.fromEntries(CREDIT_SECTIONS.map((s) => [s, 85])) as Record<
    (typeof CREDIT_SECTIONS)[number],
    number
  >;
  const rating = rate(card, scores, null);
  for (const h of households.slice(0, count)) {
    const base = {
      region_code: WULONG,
      township_code: h.township_code,
      village_code: h.village_code,
    };
    const collectionId = newId(now.getTime());
    const proposalId = newId(now.getTime());
    await db
      .insertInto('credit_collections')
      .values({
        ...base,
        id: collectionId,
        subject_kind: 'household',
        subject_id: h.id,
        status: 'submitted',
        sections_json: JSON.stringify(sections),
        collected_on: on,
        collected_by: 'baima',
        collector_role: 'township_clerk',
        created_at: at,
        updated_at: at,
        submitted_at: at,
        version: 1,
      })
      .execute();
    await db
      .insertInto('credit_ratings')
      .values({
        ...base,
        id: newId(now.getTime()),
        subject_kind: 'household',
        subject_id: h.id,
        collection_id: collectionId,
        rated_on: on,
        valid_until: rating.validUntil,
        points: rating.points,
        grade: rating.grade,
        lines_json: JSON.stringify({ s: CREDIT_SECTIONS.map((s) => scores[s]), b: null }),
        rated_by: 'baima',
        rated_at: at,
      })
      .execute();
    await db
      .insertInto('credit_proposals')
      .values({
        ...base,
        id: proposalId,
        level: 'household',
        subject_code: h.id,
        as_of: on,
        action: 'grant',
        evidence_json: JSON.stringify({ grade: rating.grade, ratedOn: on }),
        status: 'approved',
        proposed_by: 'baima',
        proposed_at: at,
        decided_by: 'rh',
        decided_at: at,
        decision_note: null,
        version: 2,
      })
      .execute();
    await db
      .insertInto('credit_designations')
      .values({
        ...base,
        id: newId(now.getTime()),
        level: 'household',
        subject_code: h.id,
        status: 'granted',
        effective_on: on,
        proposal_id: proposalId,
        approved_by: 'rh',
        recorded_at: at,
      })
      .execute();
  }
  return count;
}

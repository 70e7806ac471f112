import { z } from 'zod';
import { pointsText } from '../../core/credit/rating.ts';
import { canSeeTownship } from '../actor.ts';
import { businessDayOf } from '../businessDay.ts';
import { notFound } from '../errors.ts';
import { businessDate, id } from '../loans/loanFields.ts';
import { defineUseCase } from '../useCase.ts';
import { CREDIT_READERS } from './creditFields.ts';

/**
 * A village's worklist for the clerk: every household and new agricultural operator,
 * with its latest form (draft or submitted) and its rating valid on the day, so the
 * clerk walks down the list collecting what is missing.
 */

export interface WorkItem {
  subjectKind: 'household' | 'operator';
  subjectId: string;
  label: string;
  name: string;
  collectionId: string | null;
  collectionStatus: 'draft' | 'submitted' | null;
  collectionVersion: number | null;
  collectedOn: string | null;
  grade: string | null;
  points: string | null;
  validUntil: string | null;
  /** todo: nothing collected; draft; collected (not rated or expired); rated. */
  stage: 'todo' | 'draft' | 'collected' | 'rated';
}

export const creditWorklist = defineUseCase({
  name: 'credit.worklist',
  roles: CREDIT_READERS,
  scope: 'township',
  writes: false,
  input: z.object({ villageCode: id, asOf: businessDate.optional() }).strict(),
  async run(
    { db, actor, now },
    input,
  ): Promise<{ villageCode: string; asOf: string; items: WorkItem[] }> {
    const asOf = input.asOf ?? businessDayOf(now);
    const village = await db
      .selectFrom('regions')
      .select(['code', 'township_code'])
      .where('region_code', '=', actor.regionCode)
      .where('code', '=', input.villageCode)
      .where('level', '=', 'village')
      .executeTakeFirst();
    if (!village?.township_code || !canSeeTownship(actor, village.township_code))
      throw notFound('village');
    const [households, operators, forms, ratings] = await Promise.all([
      db
        .selectFrom('households')
        .select(['id', 'household_no', 'head_name'])
        .where('region_code', '=', actor.regionCode)
        .where('village_code', '=', village.code)
        .orderBy('household_no')
        .execute(),
      db
        .selectFrom('operators')
        .select(['id', 'uscc', 'name'])
        .where('region_code', '=', actor.regionCode)
        .where('village_code', '=', village.code)
        .orderBy('name')
        .execute(),
      db
        .selectFrom('credit_collections')
        .select(['id', 'subject_id', 'status', 'version', 'collected_on', 'updated_at'])
        .where('region_code', '=', actor.regionCode)
        .where('village_code', '=', village.code)
        .orderBy('updated_at')
        .execute(),
      db
        .selectFrom('credit_ratings')
        .select(['subject_id', 'grade', 'points', 'valid_until', 'rated_on'])
        .where('region_code', '=', actor.regionCode)
        .where('village_code', '=', village.code)
        .where('rated_on', '<=', asOf)
        .orderBy('rated_on')
        .orderBy('rated_at')
        .execute(),
    ]);
    const formOf = new Map<string, (typeof forms)[number]>();
    // A draft in progress shows before an older submitted form.
    for (const f of forms) {
      const prev = formOf.get(f.subject_id);
      if (!prev || prev.status !== 'draft') formOf.set(f.subject_id, f);
    }
    const ratingOf = new Map(ratings.map((r) => [r.subject_id, r]));
    const item = (
      subjectKind: WorkItem['subjectKind'],
      subjectId: string,
      label: string,
      name: string,
    ): WorkItem => {
      const f = formOf.get(subjectId);
      const r = ratingOf.get(subjectId);
      const valid = r !== undefined && asOf < r.valid_until;
      return {
        subjectKind,
        subjectId,
        label,
        name,
        collectionId: f?.id ?? null,
        collectionStatus: f?.status ?? null,
        collectionVersion: f?.version ?? null,
        collectedOn: f?.collected_on ?? null,
        grade: valid ? r.grade : null,
        points: valid ? pointsText(r.points) : null,
        validUntil: valid ? r.valid_until : null,
        stage: !f ? 'todo' : f.status === 'draft' ? 'draft' : valid ? 'rated' : 'collected',
      };
    };
    return {
      villageCode: village.code,
      asOf,
      items: [
        ...households.map((h) => item('household', h.id, h.household_no, h.head_name)),
        ...operators.map((o) => item('operator', o.id, o.uscc, o.name)),
      ],
    };
  },
});

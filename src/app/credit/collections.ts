import { z } from 'zod';
import type { IsoDate } from '../../core/calendarDate.ts';
import { CREDIT_SECTIONS } from '../../core/credit/scorecard.ts';
import type { CreditCollectionTable } from '../../store/schema.ts';
import { canSeeTownship } from '../actor.ts';
import { notAfterToday } from '../businessDay.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { businessDate, id } from '../loans/loanFields.ts';
import { defineUseCase } from '../useCase.ts';
import {
  CREDIT_COLLECTORS,
  CREDIT_READERS,
  sectionsSchema,
  subjectKind,
  type Sections,
} from './creditFields.ts';
import { creditParameters, scorecardFor } from './scorecardOf.ts';
import { loadSubjectVisible } from './subjects.ts';

/**
 * Credit information collection (art. 10 信用信息采集): a form per household or new
 * agricultural operator, saved as a draft as often as needed and submitted once complete.
 * Each save records who collected it and on which day.
 */

export interface CollectionOut {
  id: string;
  subjectKind: string;
  subjectId: string;
  townshipCode: string;
  villageCode: string;
  status: 'draft' | 'submitted';
  sections: Sections;
  collectedOn: string;
  collectedBy: string;
  collectorRole: string;
  submittedAt: string | null;
  version: number;
}

export function collectionOut(r: CreditCollectionTable): CollectionOut {
  return {
    id: r.id,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    townshipCode: r.township_code,
    villageCode: r.village_code,
    status: r.status,
    sections: JSON.parse(r.sections_json) as Sections,
    collectedOn: r.collected_on,
    collectedBy: r.collected_by,
    collectorRole: r.collector_role,
    submittedAt: r.submitted_at,
    version: r.version,
  };
}

export const saveCollection = defineUseCase({
  name: 'credit.collection.save',
  roles: CREDIT_COLLECTORS,
  scope: 'township',
  writes: true,
  input: z
    .object({
      /** Omitted: a new form; given: the draft being continued (with its version). */
      id: id.optional(),
      version: z.number().int().min(1).optional(),
      subjectKind,
      subjectId: id,
      collectedOn: businessDate,
      sections: sectionsSchema,
      submit: z.boolean().default(false),
    })
    .strict(),
  async run({ app, db, actor, now, audit }, input): Promise<CollectionOut> {
    const subject = await loadSubjectVisible(db, actor, input.subjectKind, input.subjectId);
    notAfterToday('collectedOn', input.collectedOn, now);
    if (input.submit) {
      const card = scorecardFor(
        await creditParameters(app, db, actor.regionCode),
        input.collectedOn,
      );
      for (const s of CREDIT_SECTIONS) {
        if (card.weights[s] > 0 && input.sections[s]?.score === undefined) {
          throw invalid(
            `sections.${s}.score`,
            '提交前须为每个计分板块评分',
            'every scored section needs its score before the form is submitted',
          );
        }
      }
    }
    const at = now.toISOString();
    let before: CreditCollectionTable | undefined;
    if (input.id !== undefined) {
      before = await db
        .selectFrom('credit_collections')
        .selectAll()
        .where('region_code', '=', actor.regionCode)
        .where('id', '=', input.id)
        .executeTakeFirst();
      if (
        !before ||
        !canSeeTownship(actor, before.township_code) ||
        before.subject_id !== subject.id
      ) {
        throw notFound('credit collection');
      }
      if (before.status !== 'draft') {
        throw conflict(
          'collection_submitted',
          '该采集表已提交，不能再修改',
          'This form was submitted and cannot change',
          'id',
        );
      }
      if (input.version !== before.version) {
        throw conflict(
          'stale',
          '采集表已被他人修改，请刷新',
          'The form changed meanwhile; reload',
          'version',
        );
      }
    } else {
      const draft = await db
        .selectFrom('credit_collections')
        .select('id')
        .where('region_code', '=', actor.regionCode)
        .where('subject_id', '=', subject.id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      if (draft) {
        throw conflict(
          'draft_exists',
          '该主体已有未提交的采集草稿，请继续填写',
          'This subject has a draft form already; continue it',
          'id',
        );
      }
    }
    const row: CreditCollectionTable = {
      region_code: actor.regionCode,
      id: before?.id ?? newId(now.getTime()),
      subject_kind: subject.kind,
      subject_id: subject.id,
      township_code: subject.townshipCode,
      village_code: subject.villageCode,
      status: input.submit ? 'submitted' : 'draft',
      sections_json: JSON.stringify(input.sections),
      collected_on: input.collectedOn,
      collected_by: actor.username,
      collector_role: actor.role,
      created_at: before?.created_at ?? at,
      updated_at: at,
      submitted_at: input.submit ? at : null,
      version: (before?.version ?? 0) + 1,
    };
    if (before) {
      await db
        .updateTable('credit_collections')
        .set(row)
        .where('region_code', '=', actor.regionCode)
        .where('id', '=', before.id)
        .execute();
    } else {
      await db.insertInto('credit_collections').values(row).execute();
    }
    const out = collectionOut(row);
    await audit({
      action: 'credit.collection.save',
      entity: 'credit_collection',
      entityId: row.id,
      ...(before ? { before: collectionOut(before) } : {}),
      after: out,
    });
    return out;
  },
});

export const getCollection = defineUseCase({
  name: 'credit.collection.get',
  roles: CREDIT_READERS,
  scope: 'township',
  writes: false,
  input: z.object({ id }).strict(),
  async run({ db, actor }, input): Promise<CollectionOut> {
    const row = await db
      .selectFrom('credit_collections')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!row || !canSeeTownship(actor, row.township_code)) throw notFound('credit collection');
    return collectionOut(row);
  },
});

/** The latest submitted form of a subject collected on or before `on`. */
export async function latestSubmitted(
  db: Parameters<typeof loadSubjectVisible>[0],
  regionCode: string,
  subjectId: string,
  on: IsoDate,
): Promise<CreditCollectionTable | undefined> {
  return db
    .selectFrom('credit_collections')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('subject_id', '=', subjectId)
    .where('status', '=', 'submitted')
    .where('collected_on', '<=', on)
    .orderBy('collected_on', 'desc')
    .orderBy('submitted_at', 'desc')
    .executeTakeFirst();
}

import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { IsoDate } from '../../core/calendarDate.ts';
import { repaymentBehaviour } from '../../core/credit/portfolio.ts';
import {
  pointsText,
  rate,
  type Rating,
  type RepaymentBehaviour,
} from '../../core/credit/rating.ts';
import {
  CREDIT_SECTIONS,
  type CreditSection,
  type Scorecard,
} from '../../core/credit/scorecard.ts';
import type { CreditRatingTable, CreditSubjectKind, Database } from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import type { App } from '../app.ts';
import { businessDayOf, notAfterToday } from '../businessDay.ts';
import { invalid } from '../errors.ts';
import { newId } from '../ids.ts';
import { businessDate, id } from '../loans/loanFields.ts';
import { loadParameterSnapshot } from '../policy/parameterVersions.ts';
import { regionCode as regionCodeField } from '../register/fields.ts';
import { townshipLimit } from '../scope.ts';
import { defineUseCase } from '../useCase.ts';
import { insertRows, type ColumnType } from '../../store/insertRows.ts';
import { latestSubmitted } from './collections.ts';
import {
  CREDIT_COLLECTORS,
  CREDIT_READERS,
  scoresOf,
  subjectKind,
  type Sections,
} from './creditFields.ts';
import { loadPortfolio, type HouseholdLoan } from './portfolio.ts';
import { creditParameters, scorecardFor } from './scorecardOf.ts';
import { loadSubjectVisible } from './subjects.ts';

/**
 * Ratings (art. 10 信用评级): the scorecard in force on the rating day applied to the
 * subject's latest submitted form, with the repayment record taken from the loan
 * portfolio. A rating holds for the card's validity period; then the subject is re-rated.
 * A stored rating keeps only its inputs (scores and repayment behaviour): its
 * explanation is rebuilt with the parameter versions recorded when it was made.
 */

/** What a rating row stores to re-explain itself. */
interface RatingInputs {
  s: number[];
  b: [number, number, number] | null;
}

const RATING_COLUMNS: Readonly<Record<keyof CreditRatingTable & string, ColumnType>> = {
  region_code: 'text',
  id: 'text',
  subject_kind: 'text',
  subject_id: 'text',
  township_code: 'text',
  village_code: 'text',
  collection_id: 'text',
  rated_on: 'text',
  valid_until: 'text',
  points: 'integer',
  grade: 'text',
  lines_json: 'text',
  rated_by: 'text',
  rated_at: 'text',
};

function behaviourOf(
  loans: readonly HouseholdLoan[] | undefined,
  on: IsoDate,
): RepaymentBehaviour | null {
  return loans === undefined ? null : repaymentBehaviour(loans, on);
}

interface ToRate {
  kind: CreditSubjectKind;
  subjectId: string;
  townshipCode: string;
  villageCode: string;
  collectionId: string;
  sections: Sections;
}

function ratingRow(
  actor: Actor,
  now: Date,
  card: Scorecard,
  subject: ToRate,
  behaviour: RepaymentBehaviour | null,
): { row: CreditRatingTable; rating: Rating } {
  const scores = scoresOf(subject.sections);
  const rating = rate(card, scores, behaviour);
  const inputs: RatingInputs = {
    s: CREDIT_SECTIONS.map((s) => scores[s]),
    b: behaviour && [behaviour.loans, behaviour.instalmentsDue, behaviour.overdueInstalments],
  };
  return {
    rating,
    row: {
      region_code: actor.regionCode,
      id: newId(now.getTime()),
      subject_kind: subject.kind,
      subject_id: subject.subjectId,
      township_code: subject.townshipCode,
      village_code: subject.villageCode,
      collection_id: subject.collectionId,
      rated_on: rating.ratedOn,
      valid_until: rating.validUntil,
      points: rating.points,
      grade: rating.grade,
      lines_json: JSON.stringify(inputs),
      rated_by: actor.username,
      rated_at: now.toISOString(),
    },
  };
}

export interface RatingCard {
  id: string;
  subjectKind: string;
  subjectId: string;
  ratedOn: string;
  validUntil: string;
  /** Valid on the date asked about (rated on or before it, not yet expired). */
  valid: boolean;
  points: string;
  grade: string;
  ratedBy: string;
  lines: {
    section: CreditSection;
    weight: number;
    score: number;
    points: string;
    source: 'collected' | 'loan-portfolio';
    loans: number | null;
    instalmentsDue: number | null;
    overdueInstalments: number | null;
  }[];
  thresholds: { AAA: number; AA: number; A: number };
  totalPoints: number;
}

/** A stored rating explained indicator by indicator, with the parameters recorded when it was made. */
export async function explainRating(
  app: App,
  row: CreditRatingTable,
  asOf: IsoDate,
): Promise<RatingCard> {
  const snapshot = await loadParameterSnapshot(app, row.region_code, new Date(row.rated_at));
  const card = scorecardFor(snapshot, row.rated_on as IsoDate);
  const inputs = JSON.parse(row.lines_json) as RatingInputs;
  const scores = Object.fromEntries(CREDIT_SECTIONS.map((s, i) => [s, inputs.s[i] ?? 0])) as Record<
    CreditSection,
    number
  >;
  const b = inputs.b && {
    loans: inputs.b[0],
    instalmentsDue: inputs.b[1],
    overdueInstalments: inputs.b[2],
  };
  const rating = rate(card, scores, b);
  return {
    id: row.id,
    subjectKind: row.subject_kind,
    subjectId: row.subject_id,
    ratedOn: row.rated_on,
    validUntil: row.valid_until,
    valid: row.rated_on <= asOf && asOf < row.valid_until,
    points: pointsText(row.points),
    grade: row.grade,
    ratedBy: row.rated_by,
    lines: rating.lines.map((l) => ({
      section: l.section,
      weight: l.weight,
      score: l.score,
      points: pointsText(l.points),
      source: l.source,
      loans: l.behaviour?.loans ?? null,
      instalmentsDue: l.behaviour?.instalmentsDue ?? null,
      overdueInstalments: l.behaviour?.overdueInstalments ?? null,
    })),
    thresholds: { ...card.thresholds },
    totalPoints: card.totalPoints,
  };
}

async function latestRating(
  db: Kysely<Database>,
  regionCode: string,
  subjectId: string,
  on?: IsoDate,
): Promise<CreditRatingTable | undefined> {
  let q = db
    .selectFrom('credit_ratings')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('subject_id', '=', subjectId);
  if (on !== undefined) q = q.where('rated_on', '<=', on);
  return q.orderBy('rated_on', 'desc').orderBy('rated_at', 'desc').executeTakeFirst();
}

export const rateSubject = defineUseCase({
  name: 'credit.rating.rate',
  roles: CREDIT_COLLECTORS,
  scope: 'township',
  writes: true,
  input: z.object({ subjectKind, subjectId: id, ratedOn: businessDate }).strict(),
  async run({ app, db, actor, now, audit }, input): Promise<RatingCard> {
    const subject = await loadSubjectVisible(db, actor, input.subjectKind, input.subjectId);
    notAfterToday('ratedOn', input.ratedOn, now);
    const last = await latestRating(db, actor.regionCode, subject.id);
    if (last && last.rated_on > input.ratedOn) {
      throw invalid(
        'ratedOn',
        `不能早于上次评级日 ${last.rated_on}`,
        `cannot be before the last rating day ${last.rated_on}`,
      );
    }
    const form = await latestSubmitted(db, actor.regionCode, subject.id, input.ratedOn);
    if (!form) {
      throw invalid(
        'subjectId',
        '该主体在评级日前没有已提交的信用信息采集表',
        'this subject has no submitted credit form collected by the rating day',
      );
    }
    const card = scorecardFor(await creditParameters(app, db, actor.regionCode), input.ratedOn);
    const loans =
      subject.kind === 'household'
        ? await loadPortfolio(db, actor.regionCode, { householdId: subject.id }, input.ratedOn)
        : [];
    const { row } = ratingRow(
      actor,
      now,
      card,
      {
        kind: subject.kind,
        subjectId: subject.id,
        townshipCode: subject.townshipCode,
        villageCode: subject.villageCode,
        collectionId: form.id,
        sections: JSON.parse(form.sections_json) as Sections,
      },
      behaviourOf(loans.length ? loans : undefined, input.ratedOn),
    );
    await db.insertInto('credit_ratings').values(row).execute();
    const out = await explainRating({ ...app, store: { ...app.store, db } }, row, input.ratedOn);
    await audit({
      action: 'credit.rating.rate',
      entity: 'credit_rating',
      entityId: row.id,
      after: {
        subjectId: row.subject_id,
        ratedOn: row.rated_on,
        points: out.points,
        grade: row.grade,
      },
    });
    return out;
  },
});

export interface RatingRunResult {
  asOf: string;
  rated: number;
  /** Subjects skipped: a rating still valid on the day. */
  stillValid: number;
  byGrade: Record<string, number>;
}

/** Subjects read, rated and written per step of a run: bounds its memory at any size. */
const PAGE = 5000;

/**
 * Rates, as of a day, every subject in scope with a submitted form and no rating valid
 * that day: the first ratings and the yearly re-rating of expired ones. Walks the
 * subjects in id order, a page at a time (their forms, ratings and loans in a few set
 * queries per page, the ratings written in bound statements), so a whole district rates
 * in one call in bounded memory, and the new ratings land in index order.
 */
export async function rateAll(
  app: App,
  db: Kysely<Database>,
  actor: Actor,
  now: Date,
  asOf: IsoDate,
  townshipCode?: string,
): Promise<RatingRunResult> {
  const limit = townshipLimit(actor);
  const towns =
    townshipCode === undefined
      ? limit
      : (limit ?? [townshipCode]).filter((t) => t === townshipCode);
  const list = towns === null ? null : towns.length ? [...towns] : ['-'];
  const formsAfter = (after: string, only?: string) => {
    let q = db
      .selectFrom('credit_collections')
      .select([
        'id',
        'subject_kind',
        'subject_id',
        'township_code',
        'village_code',
        'sections_json',
        'collected_on',
        'submitted_at',
      ])
      .where('region_code', '=', actor.regionCode)
      .where('status', '=', 'submitted')
      .where('collected_on', '<=', asOf);
    if (list !== null) q = q.where('township_code', 'in', list);
    if (only !== undefined) return q.where('subject_id', '=', only).execute();
    return q.where('subject_id', '>', after).orderBy('subject_id').limit(PAGE).execute();
  };
  if (app.store.sqlite === undefined) {
    // The run pages through the forms and ratings in subject order. Without fresh
    // statistics (a bulk collection, autovacuum off or behind) PostgreSQL reads the
    // forms by village and sorts them all for every page; sampling them first keeps
    // each page an index range scan (one page of 5,000: 300 ms → a few ms at 200,000).
    await sql`analyze credit_collections, credit_ratings`.execute(db);
  }
  const card = scorecardFor(await creditParameters(app, db, actor.regionCode), asOf);
  const byGrade: Record<string, number> = { AAA: 0, AA: 0, A: 0, unrated: 0 };
  let stillValid = 0;
  let count = 0;
  for (let after = ''; ;) {
    let formRows = await formsAfter(after);
    if (formRows.length === 0) break;
    if (formRows.length === PAGE) {
      // The page may end inside the last subject's forms: leave it to the next page,
      // or, when one subject fills the page, read all of its forms.
      const last = formRows[PAGE - 1]!.subject_id;
      const cut = formRows.findIndex((f) => f.subject_id === last);
      formRows = cut > 0 ? formRows.slice(0, cut) : await formsAfter(after, last);
    }
    const upTo = formRows.at(-1)!.subject_id;
    let rated = db
      .selectFrom('credit_ratings')
      .select([
        'subject_id',
        (eb) => eb.fn.max('rated_on').as('last'),
        (eb) => eb.fn.max('valid_until').as('until'),
      ])
      .where('region_code', '=', actor.regionCode)
      .where('subject_id', '>', after)
      .where('subject_id', '<=', upTo)
      .groupBy('subject_id');
    if (list !== null) rated = rated.where('township_code', 'in', list);
    const [ratedRows, portfolio] = await Promise.all([
      rated.execute(),
      loadPortfolio(db, actor.regionCode, { householdIdsIn: [after, upTo] }, asOf),
    ]);
    const latest = new Map<string, (typeof formRows)[number]>();
    for (const f of formRows) {
      const prev = latest.get(f.subject_id);
      if (
        !prev ||
        f.collected_on > prev.collected_on ||
        (f.collected_on === prev.collected_on && (f.submitted_at ?? '') > (prev.submitted_at ?? ''))
      ) {
        latest.set(f.subject_id, f);
      }
    }
    const skip = new Map(ratedRows.map((r) => [r.subject_id, r]));
    const loansOf = new Map<string, HouseholdLoan[]>();
    for (const l of portfolio) {
      // A township's run counts only the loans recorded in that township.
      if (townshipCode !== undefined && l.townshipCode !== townshipCode) continue;
      const loans = loansOf.get(l.householdId) ?? [];
      loans.push(l);
      loansOf.set(l.householdId, loans);
    }
    const batch: CreditRatingTable[] = [];
    for (const f of latest.values()) {
      const r = skip.get(f.subject_id);
      if (r && (String(r.last) > asOf || String(r.until) > asOf)) {
        stillValid++;
        continue;
      }
      const { row } = ratingRow(
        actor,
        now,
        card,
        {
          kind: f.subject_kind,
          subjectId: f.subject_id,
          townshipCode: f.township_code,
          villageCode: f.village_code,
          collectionId: f.id,
          sections: JSON.parse(f.sections_json) as Sections,
        },
        behaviourOf(loansOf.get(f.subject_id), asOf),
      );
      byGrade[row.grade] = (byGrade[row.grade] ?? 0) + 1;
      batch.push(row);
    }
    await insertRows(db, app.store.sqlite, 'credit_ratings', RATING_COLUMNS, batch);
    count += batch.length;
    after = upTo;
  }
  return { asOf, rated: count, stillValid, byGrade };
}

export const runRatings = defineUseCase({
  name: 'credit.rating.run',
  roles: CREDIT_COLLECTORS,
  scope: 'township',
  writes: true,
  input: z.object({ asOf: businessDate, townshipCode: regionCodeField.optional() }).strict(),
  async run({ app, db, actor, now, audit }, input): Promise<RatingRunResult> {
    notAfterToday('asOf', input.asOf, now);
    const result = await rateAll(app, db, actor, now, input.asOf, input.townshipCode);
    await audit({
      action: 'credit.rating.run',
      entity: 'credit_rating_run',
      entityId: input.asOf,
      detail: { townshipCode: input.townshipCode ?? null, ...result },
    });
    return result;
  },
});

export const ratingCard = defineUseCase({
  name: 'credit.rating.card',
  roles: CREDIT_READERS,
  scope: 'township',
  writes: false,
  input: z.object({ subjectKind, subjectId: id, asOf: businessDate.optional() }).strict(),
  async run(
    { app, db, actor, now },
    input,
  ): Promise<{
    subject: { name: string; townshipCode: string; villageCode: string };
    rating: RatingCard | null;
    history: { ratedOn: string; grade: string; points: string }[];
  }> {
    const subject = await loadSubjectVisible(db, actor, input.subjectKind, input.subjectId);
    const asOf = input.asOf ?? businessDayOf(now);
    const row = await latestRating(db, actor.regionCode, subject.id, asOf);
    const history = await db
      .selectFrom('credit_ratings')
      .select(['rated_on', 'grade', 'points'])
      .where('region_code', '=', actor.regionCode)
      .where('subject_id', '=', subject.id)
      .orderBy('rated_on', 'desc')
      .execute();
    return {
      subject: {
        name: subject.name,
        townshipCode: subject.townshipCode,
        villageCode: subject.villageCode,
      },
      rating: row ? await explainRating(app, row, asOf) : null,
      history: history.map((h) => ({
        ratedOn: h.rated_on,
        grade: h.grade,
        points: pointsText(h.points),
      })),
    };
  },
});

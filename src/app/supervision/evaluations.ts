import { z } from 'zod';
import { DomainError } from '../../core/errors.ts';
import {
  applyScores,
  evaluate,
  formatPoints,
  GRADES,
  parsePoints,
  schemeProblems,
  type Centipoints,
  type Evaluation,
  type EvaluationScheme,
  type Grade,
} from '../../core/supervision/evaluationScheme.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { conflict, invalid, notFound, type AppError } from '../errors.ts';
import type { Role } from '../roles.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual } from '../validation.ts';
import { SUPERVISORS } from './supervisionRoles.ts';

/**
 * The yearly evaluation of financial institutions (art. 35), first part: versioned
 * schemes and the scores evaluators enter, validated by core/supervision/evaluationScheme.
 * Quantitative items are entered by hand until the dashboard's indicators compute them.
 */

/** Art. 35 names 人行武隆支行 first; the district offices evaluate with it. */
export const EVALUATORS: readonly Role[] = ['district_admin', 'financial_office', 'pboc'];
const INSTITUTION_ROLES: readonly Role[] = ['bank_officer', 'insurer', 'guarantor'];

const points = z.union([z.string(), z.number()]).transform((v, ctx): Centipoints => {
  try {
    return parsePoints(String(v), '');
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    ctx.addIssue({ code: 'custom', message: bilingual(e.message_zh, e.message_en) });
    return z.NEVER;
  }
});
const itemId = z
  .string()
  .regex(
    /^[a-z0-9-]{1,40}$/,
    bilingual('编号为小写字母、数字或-', 'ids are lowercase letters, digits or -'),
  );
const title = z.string().trim().min(1).max(100);
const adjustment = z.object({ id: itemId, titleZh: title, titleEn: title, max: points }).strict();
const year = z.coerce.number().int().min(2015).max(2100);

/** The bands as the API names them (ASCII keys), in the order of GRADES. */
const BAND_KEYS = ['excellent', 'good', 'average', 'encouraged'] as const;
const bandKey = (g: Grade) => BAND_KEYS[GRADES.indexOf(g)]!;

/** A core problem as the platform's field error, the field named as the input names it. */
function asInvalid(e: DomainError): AppError {
  // 'items[0].weight' → 'items.0.weight', the path the input validation names too
  const field = (e.field ?? '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^bands\.(.+)$/, (_, g: string) => `bands.${bandKey(g as Grade)}`);
  return invalid(
    field,
    `${field}：${e.message_zh}`,
    `${field}: ${e.message_en}`,
    e.code.toLowerCase(),
  );
}

export const createScheme = defineUseCase({
  name: 'evaluation.scheme.create',
  roles: EVALUATORS,
  scope: 'district',
  writes: true,
  input: z
    .object({
      year,
      total: points,
      items: z
        .array(
          z
            .object({
              id: itemId,
              kind: z.enum(['quantitative', 'qualitative']),
              titleZh: title,
              titleEn: title,
              weight: points,
              indicatorId: z.string().trim().min(1).max(100).optional(),
            })
            .strict(),
        )
        .min(1)
        .max(50),
      bonuses: z.array(adjustment).max(20).default([]),
      penalties: z.array(adjustment).max(20).default([]),
      bands: z
        .object({ excellent: points, good: points, average: points, encouraged: points })
        .strict(),
    })
    .strict(),
  async run({ db, actor, now, audit }, input) {
    const last = await db
      .selectFrom('evaluation_schemes')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('region_code', '=', actor.regionCode)
      .where('year', '=', input.year)
      .executeTakeFirst();
    const scheme: EvaluationScheme = {
      year: input.year,
      version: Number(last?.v ?? 0) + 1,
      total: input.total,
      items: input.items,
      bonuses: input.bonuses,
      penalties: input.penalties,
      bands: Object.fromEntries(GRADES.map((g) => [g, input.bands[bandKey(g)]])) as Record<
        Grade,
        Centipoints
      >,
    };
    const [problem] = schemeProblems(scheme);
    if (problem) throw asInvalid(problem);
    await db
      .insertInto('evaluation_schemes')
      .values({
        region_code: actor.regionCode,
        year: scheme.year,
        version: scheme.version,
        scheme_json: JSON.stringify(scheme),
        created_by: actor.username,
        created_at: now.toISOString(),
      })
      .execute();
    const id = `${String(scheme.year)}v${String(scheme.version)}`;
    await audit({
      action: 'evaluation.scheme.create',
      entity: 'evaluation_scheme',
      entityId: id,
      after: scheme,
    });
    return { year: scheme.year, version: scheme.version };
  },
});

async function schemeOf(
  db: Kysely<Database>,
  regionCode: string,
  y: number,
  version?: number,
): Promise<EvaluationScheme | undefined> {
  let q = db
    .selectFrom('evaluation_schemes')
    .select('scheme_json')
    .where('region_code', '=', regionCode)
    .where('year', '=', y);
  if (version !== undefined) q = q.where('version', '=', version);
  const row = await q.orderBy('version', 'desc').executeTakeFirst();
  return row ? (JSON.parse(row.scheme_json) as EvaluationScheme) : undefined;
}

const evaluationKey = z.object({ year, institutionId: z.string().trim().min(1).max(64) });

async function stored(db: Kysely<Database>, regionCode: string, y: number, institutionId: string) {
  return db
    .selectFrom('evaluations')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('year', '=', y)
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
}

const finishedError = () =>
  conflict(
    'evaluation_finished',
    'status：该评价已完成，不能再修改',
    'status: this evaluation is finished and cannot be changed',
    'status',
  );

export const enterScores = defineUseCase({
  name: 'evaluation.scores.enter',
  roles: EVALUATORS,
  scope: 'district',
  writes: true,
  input: evaluationKey
    .extend({
      scores: z
        .array(
          z.object({ kind: z.enum(['item', 'bonus', 'penalty']), id: itemId, points }).strict(),
        )
        .min(1)
        .max(100),
    })
    .strict(),
  async run({ db, actor, now, audit }, input) {
    const institution = await db
      .selectFrom('institutions')
      .select('id')
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', input.institutionId)
      .executeTakeFirst();
    if (!institution) throw notFound('institution');
    const row = await stored(db, actor.regionCode, input.year, input.institutionId);
    if (row?.status === 'finished') throw finishedError();
    // An evaluation keeps the scheme version it was started under.
    const scheme = await schemeOf(db, actor.regionCode, input.year, row?.scheme_version);
    if (!scheme) throw notFound('evaluation scheme');
    const before: Evaluation = row
      ? { status: 'draft', ...(JSON.parse(row.scores_json) as Omit<Evaluation, 'status'>) }
      : { status: 'draft', scores: {}, bonuses: {}, penalties: {} };
    let after: Evaluation;
    try {
      after = applyScores(scheme, before, input.scores);
    } catch (e) {
      if (e instanceof DomainError) throw asInvalid(e);
      throw e;
    }
    const values = {
      scheme_version: scheme.version,
      status: 'draft',
      scores_json: JSON.stringify({
        scores: after.scores,
        bonuses: after.bonuses,
        penalties: after.penalties,
      }),
      updated_by: actor.username,
      updated_at: now.toISOString(),
    };
    if (row) {
      await db
        .updateTable('evaluations')
        .set(values)
        .where('region_code', '=', actor.regionCode)
        .where('year', '=', input.year)
        .where('institution_id', '=', input.institutionId)
        .execute();
    } else {
      await db
        .insertInto('evaluations')
        .values({
          region_code: actor.regionCode,
          year: input.year,
          institution_id: input.institutionId,
          finished_by: null,
          finished_at: null,
          ...values,
        })
        .execute();
    }
    const result = evaluate(scheme, after);
    await audit({
      action: 'evaluation.scores.enter',
      entity: 'evaluation',
      entityId: `${String(input.year)}:${input.institutionId}`,
      before: row ? before : undefined,
      after,
    });
    return { total: formatPoints(result.total), grade: result.grade };
  },
});

export const finishEvaluation = defineUseCase({
  name: 'evaluation.finish',
  roles: EVALUATORS,
  scope: 'district',
  writes: true,
  input: evaluationKey.strict(),
  async run({ db, actor, now, audit }, input) {
    const row = await stored(db, actor.regionCode, input.year, input.institutionId);
    if (!row) throw notFound('evaluation');
    if (row.status === 'finished') throw finishedError();
    await db
      .updateTable('evaluations')
      .set({ status: 'finished', finished_by: actor.username, finished_at: now.toISOString() })
      .where('region_code', '=', actor.regionCode)
      .where('year', '=', input.year)
      .where('institution_id', '=', input.institutionId)
      .execute();
    await audit({
      action: 'evaluation.finish',
      entity: 'evaluation',
      entityId: `${String(input.year)}:${input.institutionId}`,
    });
    return { status: 'finished' as const };
  },
});

/** The year's evaluations, ranked; an institution's user sees only its own. */
export const listEvaluations = defineUseCase({
  name: 'evaluation.list',
  roles: [...SUPERVISORS, ...INSTITUTION_ROLES],
  scope: 'institution',
  writes: false,
  input: z.object({ year }).strict(),
  async run({ db, actor }, input) {
    let q = db
      .selectFrom('evaluations as e')
      .innerJoin('institutions as i', (j) =>
        j.onRef('i.region_code', '=', 'e.region_code').onRef('i.id', '=', 'e.institution_id'),
      )
      .select([
        'e.institution_id',
        'e.scheme_version',
        'e.status',
        'e.scores_json',
        'i.name_zh',
        'i.name_en',
      ])
      .where('e.region_code', '=', actor.regionCode)
      .where('e.year', '=', input.year);
    const own = INSTITUTION_ROLES.includes(actor.role);
    if (own) q = q.where('e.institution_id', '=', actor.institutionId ?? '-');
    const rows = await q.execute();
    const schemes = new Map<number, EvaluationScheme | undefined>();
    const items = [];
    for (const r of rows) {
      if (!schemes.has(r.scheme_version)) {
        schemes.set(
          r.scheme_version,
          await schemeOf(db, actor.regionCode, input.year, r.scheme_version),
        );
      }
      const scheme = schemes.get(r.scheme_version)!;
      const result = evaluate(scheme, {
        status: r.status as Evaluation['status'],
        ...(JSON.parse(r.scores_json) as Omit<Evaluation, 'status'>),
      });
      items.push({
        institutionId: r.institution_id,
        nameZh: r.name_zh,
        nameEn: r.name_en,
        schemeVersion: r.scheme_version,
        status: r.status,
        total: result.total,
        grade: result.grade,
        lines: result.lines.map((l) => ({
          ...l,
          points: formatPoints(l.points),
          of: formatPoints(l.of),
        })),
      });
    }
    items.sort((a, b) => b.total - a.total || (a.nameZh < b.nameZh ? -1 : 1));
    return {
      year: input.year,
      // The ranking is the district's; an institution sees its own result without it.
      items: items.map((x, i) => ({
        ...x,
        rank: own ? null : i + 1,
        total: formatPoints(x.total as Centipoints),
      })),
    };
  },
});

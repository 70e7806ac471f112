import { z } from 'zod';
import { DomainError } from '../../core/errors.ts';
import { parsePercent, ruleReads, type Basis } from '../../core/supervision/evaluationRule.ts';
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
import { evaluationLines } from './evaluationLines.ts';
import { institutionIndicator } from './institutionIndicators.ts';
import { SUPERVISORS } from './supervisionRoles.ts';

/**
 * The yearly evaluation of financial institutions (art. 35): versioned schemes and the
 * scores evaluators enter, validated by core/supervision/evaluationScheme. Quantitative
 * items are computed from the data (evaluationCompute.ts, decision 0018).
 */

/** Art. 35 names 人行武隆支行 first; the district offices evaluate with it. */
export const EVALUATORS: readonly Role[] = ['district_admin', 'financial_office', 'pboc'];
export const INSTITUTION_ROLES: readonly Role[] = ['bank_officer', 'insurer', 'guarantor'];

/** A number as text (or a number) read by a core parser, its error as the field's. */
const parsed = <T>(parse: (text: string, field: string) => T) =>
  z.union([z.string(), z.number()]).transform((v, ctx): T => {
    try {
      return parse(String(v), '');
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      ctx.addIssue({ code: 'custom', message: bilingual(e.message_zh, e.message_en) });
      return z.NEVER;
    }
  });
const points = parsed<Centipoints>(parsePoints);
const percent = parsed<Basis>(parsePercent);
const rule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('linear'), floor: percent, target: percent }).strict(),
  z.object({ kind: z.literal('per-unit'), points }).strict(),
]);
const indicatorId = z.string().trim().min(1).max(100);
const itemId = z
  .string()
  .regex(
    /^[a-z0-9-]{1,40}$/,
    bilingual('编号为小写字母、数字或-', 'ids are lowercase letters, digits or -'),
  );
const title = z.string().trim().min(1).max(100);
const adjustment = z
  .object({
    id: itemId,
    titleZh: title,
    titleEn: title,
    max: points,
    indicatorId: indicatorId.optional(),
    rule: rule.optional(),
  })
  .strict();
export const year = z.coerce.number().int().min(2015).max(2100);

/** The bands as the API names them (ASCII keys), in the order of GRADES. */
const BAND_KEYS = ['excellent', 'good', 'average', 'encouraged'] as const;
const bandKey = (g: Grade) => BAND_KEYS[GRADES.indexOf(g)]!;

/** A core problem as the platform's field error, the field named as the input names it. */
export function asInvalid(e: DomainError): AppError {
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
              indicatorId: indicatorId.optional(),
              rule: rule.optional(),
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
    const [problem] = [...schemeProblems(scheme), ...catalogueProblems(scheme)];
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

/**
 * Every quantitative item is computed: it has a rule, and names an indicator of the
 * catalogue read the way its rule reads.
 */
function catalogueProblems(scheme: EvaluationScheme): DomainError[] {
  const named = [
    ...scheme.items.map((x, i) => ({ x, field: `items[${String(i)}]` })),
    ...scheme.bonuses.map((x, i) => ({ x, field: `bonuses[${String(i)}]` })),
    ...scheme.penalties.map((x, i) => ({ x, field: `penalties[${String(i)}]` })),
  ];
  return named.flatMap(({ x, field }) => {
    if ('kind' in x && x.kind === 'quantitative' && x.rule === undefined) {
      return [
        new DomainError({
          code: 'SCHEME_RULE',
          message_zh: '定量指标须给出计分规则',
          message_en: 'A quantitative item needs a scoring rule',
          field: `${field}.rule`,
        }),
      ];
    }
    if (x.indicatorId === undefined || x.rule === undefined) return [];
    const indicator = institutionIndicator(x.indicatorId);
    if (!indicator) {
      return [
        new DomainError({
          code: 'SCHEME_INDICATOR',
          message_zh: `没有机构指标 ${x.indicatorId}`,
          message_en: `There is no institution indicator ${x.indicatorId}`,
          field: `${field}.indicatorId`,
        }),
      ];
    }
    if (ruleReads(x.rule) !== indicator.reads) {
      return [
        new DomainError({
          code: 'SCHEME_RULE',
          message_zh: `指标 ${x.indicatorId} 为${indicator.reads === 'ratio' ? '比率，应按线性计分' : '计数，应按每项计分'}`,
          message_en: `Indicator ${x.indicatorId} is a ${indicator.reads}: score it with a ${indicator.reads === 'ratio' ? 'linear' : 'per-unit'} rule`,
          field: `${field}.rule.kind`,
        }),
      ];
    }
    return [];
  });
}

/** A year's scheme (a version, else the latest); with no year, the latest year's. */
export async function schemeOf(
  db: Kysely<Database>,
  regionCode: string,
  y: number | undefined,
  version?: number,
): Promise<EvaluationScheme | undefined> {
  let q = db
    .selectFrom('evaluation_schemes')
    .select('scheme_json')
    .where('region_code', '=', regionCode);
  if (y !== undefined) q = q.where('year', '=', y);
  if (version !== undefined) q = q.where('version', '=', version);
  const row = await q.orderBy('year', 'desc').orderBy('version', 'desc').executeTakeFirst();
  return row ? (JSON.parse(row.scheme_json) as EvaluationScheme) : undefined;
}

const evaluationKey = z.object({ year, institutionId: z.string().trim().min(1).max(64) });

export async function stored(
  db: Kysely<Database>,
  regionCode: string,
  y: number,
  institutionId: string,
) {
  return db
    .selectFrom('evaluations')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('year', '=', y)
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
}

export const finishedError = () =>
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
      ? { status: 'draft', ...storedScores(row.scores_json) }
      : { status: 'draft', scores: {}, bonuses: {}, penalties: {} };
    let after: Evaluation;
    try {
      after = applyScores(scheme, before, input.scores);
    } catch (e) {
      if (e instanceof DomainError) throw asInvalid(e);
      throw e;
    }
    await saveEvaluation(
      db,
      { regionCode: actor.regionCode, year: input.year, institutionId: input.institutionId },
      row !== undefined,
      {
        scheme_version: scheme.version,
        scores_json: JSON.stringify({ ...storedScores(row?.scores_json), ...scoresOf(after) }),
        updated_by: actor.username,
        updated_at: now.toISOString(),
      },
    );
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

/** What scores_json keeps: the scores, how computed ones were computed, and on which day. */
export interface StoredScores extends Omit<Evaluation, 'status'> {
  readonly asOf?: string;
}

export function storedScores(json: string | undefined): StoredScores {
  return json === undefined
    ? { scores: {}, bonuses: {}, penalties: {} }
    : (JSON.parse(json) as StoredScores);
}

const scoresOf = (e: Evaluation): Omit<Evaluation, 'status'> => ({
  scores: e.scores,
  bonuses: e.bonuses,
  penalties: e.penalties,
  ...(e.computed ? { computed: e.computed } : {}),
});

/** Inserts or updates an institution's evaluation row. */
export async function saveEvaluation(
  db: Kysely<Database>,
  key: { regionCode: string; year: number; institutionId: string },
  exists: boolean,
  values: {
    scheme_version: number;
    scores_json: string;
    updated_by: string;
    updated_at: string;
  },
): Promise<void> {
  if (exists) {
    await db
      .updateTable('evaluations')
      .set(values)
      .where('region_code', '=', key.regionCode)
      .where('year', '=', key.year)
      .where('institution_id', '=', key.institutionId)
      .where('status', '=', 'draft')
      .execute();
  } else {
    await db
      .insertInto('evaluations')
      .values({
        region_code: key.regionCode,
        year: key.year,
        institution_id: key.institutionId,
        status: 'draft',
        finished_by: null,
        finished_at: null,
        ...values,
      })
      .execute();
  }
}

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
      const saved = storedScores(r.scores_json);
      const result = evaluate(scheme, { status: r.status as Evaluation['status'], ...saved });
      items.push({
        institutionId: r.institution_id,
        nameZh: r.name_zh,
        nameEn: r.name_en,
        schemeVersion: r.scheme_version,
        status: r.status,
        total: result.total,
        grade: result.grade,
        asOf: saved.asOf ?? null,
        lines: evaluationLines(scheme, result),
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

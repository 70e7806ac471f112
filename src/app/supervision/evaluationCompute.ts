import { z } from 'zod';
import {
  applyReadings,
  evaluate,
  formatPoints,
  type EvaluationScheme,
} from '../../core/supervision/evaluationScheme.ts';
import { notFound } from '../errors.ts';
import { defineUseCase } from '../useCase.ts';
import {
  EVALUATORS,
  finishedError,
  saveEvaluation,
  schemeOf,
  stored,
  storedScores,
  year,
} from './evaluations.ts';
import { evaluationDay, readInstitutionIndicators } from './institutionIndicators.ts';

/**
 * Art. 35's computed items (decision 0018): every quantitative item (and any bonus or
 * penalty naming an indicator) of each bank's evaluation scored from that bank's
 * indicators for the year. Entered scores stay; a finished evaluation is never computed
 * again — named, it is refused; when computing every bank, it is left as it is.
 */

/** The institutions art. 35's lending indicators apply to. */
const BANK_KINDS = ['bank', 'policy_bank', 'village_bank'] as const;

export const computeEvaluation = defineUseCase({
  name: 'evaluation.compute',
  roles: EVALUATORS,
  scope: 'district',
  writes: true,
  input: z.object({ year, institutionId: z.string().trim().min(1).max(64).optional() }).strict(),
  async run(ctx, input) {
    const { app, db, actor, now, audit } = ctx;
    let q = db
      .selectFrom('institutions')
      .select(['id', 'served_townships'])
      .where('region_code', '=', actor.regionCode)
      .where('kind', 'in', [...BANK_KINDS])
      .orderBy('code');
    if (input.institutionId !== undefined) q = q.where('id', '=', input.institutionId);
    const banks = await q.execute();
    if (input.institutionId !== undefined && banks.length === 0) throw notFound('bank');
    const latest = await schemeOf(db, actor.regionCode, input.year);
    if (!latest) throw notFound('evaluation scheme');
    const asOf = evaluationDay(input.year, now);
    const computed = [];
    const finished = [];
    for (const bank of banks) {
      const row = await stored(db, actor.regionCode, input.year, bank.id);
      if (row?.status === 'finished') {
        if (input.institutionId !== undefined) throw finishedError();
        finished.push(bank.id);
        continue;
      }
      // An evaluation keeps the scheme version it was started under.
      const scheme: EvaluationScheme =
        row && row.scheme_version !== latest.version
          ? ((await schemeOf(db, actor.regionCode, input.year, row.scheme_version)) ?? latest)
          : latest;
      const readings = await readInstitutionIndicators(
        app,
        db,
        actor.regionCode,
        { id: bank.id, townships: JSON.parse(bank.served_townships) as string[] },
        input.year,
        asOf,
      );
      const saved = storedScores(row?.scores_json);
      const before = { status: 'draft' as const, ...saved };
      const after = applyReadings(scheme, before, readings);
      const { status: _status, ...scores } = after;
      await saveEvaluation(
        db,
        { regionCode: actor.regionCode, year: input.year, institutionId: bank.id },
        row !== undefined,
        {
          scheme_version: scheme.version,
          scores_json: JSON.stringify({ ...scores, asOf }),
          updated_by: actor.username,
          updated_at: now.toISOString(),
        },
      );
      await audit({
        action: 'evaluation.compute',
        entity: 'evaluation',
        entityId: `${String(input.year)}:${bank.id}`,
        before: row ? before : undefined,
        after: { ...after, asOf },
      });
      const result = evaluate(scheme, after);
      computed.push({
        institutionId: bank.id,
        total: formatPoints(result.total),
        grade: result.grade,
      });
    }
    return { year: input.year, asOf, computed, finished };
  },
});

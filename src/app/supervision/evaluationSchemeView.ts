import { z } from 'zod';
import { describeRule, formatPercent } from '../../core/supervision/evaluationRule.ts';
import {
  formatPoints,
  GRADES,
  type AdjustmentItem,
  type Centipoints,
  type SchemeItem,
} from '../../core/supervision/evaluationScheme.ts';
import { notFound } from '../errors.ts';
import { defineUseCase } from '../useCase.ts';
import { EVALUATORS, INSTITUTION_ROLES, schemeOf, year } from './evaluations.ts';
import { institutionIndicator } from './institutionIndicators.ts';
import { SUPERVISORS } from './supervisionRoles.ts';

/**
 * A year's scheme (its latest version, or the version asked for) as evaluators and the evaluated read it: each item
 * with its weight, whether it is computed or entered, its indicator and rule in words.
 */
export const getScheme = defineUseCase({
  name: 'evaluation.scheme.get',
  roles: [...new Set([...SUPERVISORS, ...EVALUATORS, ...INSTITUTION_ROLES])],
  scope: 'institution',
  writes: false,
  // No year: the latest year's scheme (what the evaluation page opens on).
  input: z
    .object({ year: year.optional(), version: z.coerce.number().int().min(1).optional() })
    .strict(),
  async run({ db, actor }, input) {
    const s = await schemeOf(db, actor.regionCode, input.year, input.version);
    if (!s) throw notFound('evaluation scheme');
    const line = (
      x: SchemeItem | AdjustmentItem,
      kind: 'quantitative' | 'qualitative' | 'bonus' | 'penalty',
      of: Centipoints,
    ) => {
      const indicator =
        x.indicatorId === undefined ? undefined : institutionIndicator(x.indicatorId);
      return {
        id: x.id,
        kind,
        titleZh: x.titleZh,
        titleEn: x.titleEn,
        of: formatPoints(of),
        computed: x.rule !== undefined,
        indicatorId: x.indicatorId ?? null,
        indicatorZh: indicator?.zh ?? null,
        indicatorEn: indicator?.en ?? null,
        rule:
          x.rule === undefined
            ? null
            : x.rule.kind === 'linear'
              ? {
                  kind: x.rule.kind,
                  floor: formatPercent(x.rule.floor),
                  target: formatPercent(x.rule.target),
                }
              : { kind: x.rule.kind, points: formatPoints(x.rule.points) },
        ruleZh: x.rule === undefined ? null : describeRule(x.rule, of).zh,
        ruleEn: x.rule === undefined ? null : describeRule(x.rule, of).en,
      };
    };
    return {
      year: s.year,
      version: s.version,
      total: formatPoints(s.total),
      items: [
        ...s.items.map((x) => line(x, x.kind, x.weight)),
        ...s.bonuses.map((x) => line(x, 'bonus', x.max)),
        ...s.penalties.map((x) => line(x, 'penalty', x.max)),
      ],
      bands: GRADES.map((g) => ({ grade: g, from: formatPoints(s.bands[g]) })),
    };
  },
});

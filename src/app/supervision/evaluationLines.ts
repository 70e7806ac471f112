import { fenToYuanString, type Fen } from '../../core/money.ts';
import { describeRule, formatPercent } from '../../core/supervision/evaluationRule.ts';
import {
  formatPoints,
  type EvaluationResult,
  type EvaluationScheme,
} from '../../core/supervision/evaluationScheme.ts';
import { institutionIndicator } from './institutionIndicators.ts';

/**
 * An evaluation's lines as users read them: each item, bonus and penalty with its title
 * and points out of its weight (or cap); a computed one also says what it was computed
 * from — the indicator, its numerator and denominator, its value and the rule.
 */
export function evaluationLines(scheme: EvaluationScheme, result: EvaluationResult) {
  const all = [...scheme.items, ...scheme.bonuses, ...scheme.penalties];
  return result.lines.map((l) => {
    const item = all.find((x) => x.id === l.id);
    const c = l.computed;
    const indicator = c && institutionIndicator(c.indicatorId);
    const amount = (v: string | null) =>
      v === null ? null : indicator?.unit === 'fen' ? fenToYuanString(Number(v) as Fen) : v;
    return {
      id: l.id,
      kind: l.kind,
      titleZh: item?.titleZh ?? l.id,
      titleEn: item?.titleEn ?? l.id,
      points: formatPoints(l.points),
      of: formatPoints(l.of),
      computed:
        c && item?.rule
          ? {
              indicatorId: c.indicatorId,
              indicatorZh: indicator?.zh ?? c.indicatorId,
              indicatorEn: indicator?.en ?? c.indicatorId,
              unit: indicator?.unit ?? 'count',
              numerator: amount(c.numerator),
              numeratorZh: indicator?.numerator.zh ?? '',
              numeratorEn: indicator?.numerator.en ?? '',
              denominator: amount(c.denominator),
              denominatorZh: indicator?.denominator?.zh ?? null,
              denominatorEn: indicator?.denominator?.en ?? null,
              /** '12.34%' for a ratio, the count for a count; null: no data. */
              value:
                c.value === null
                  ? null
                  : c.denominator === null
                    ? String(c.value)
                    : formatPercent(c.value),
              ruleZh: describeRule(item.rule, l.of).zh,
              ruleEn: describeRule(item.rule, l.of).en,
            }
          : null,
    };
  });
}

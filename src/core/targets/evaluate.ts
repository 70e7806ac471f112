import type { IsoDate } from '../calendarDate.ts';
import { yuanToFen } from '../money.ts';
import { paramValue, type ParameterSnapshot } from '../policy/parameterSet.ts';
import { RATE_UNITS_PER_PERCENT } from '../rate.ts';
import { percentRatio, ratio, ratioToDecimal, type Ratio } from './ratio.ts';
import { targetStatus, type TargetStatus } from './status.ts';
import type { Metric, TargetDefinition } from './target.ts';

/** An indicator's value as of a day: a count or fen, or null for "no data". */
export type IndicatorLookup = (id: string) => bigint | null;

export interface TargetResult {
  readonly id: string;
  readonly status: TargetStatus;
  readonly actual: Ratio | null;
  readonly goal: Ratio | null;
  readonly deadline: IsoDate | null;
  /** The parameter the goal comes from, with the version in force. */
  readonly goalParam: { id: string; version: number } | null;
}

/** A metric's value: numerator / denominator, or null when either is missing or 0 below. */
export function metricValue(metric: Metric, lookup: IndicatorLookup): Ratio | null {
  const num = lookup(metric.numerator);
  if (num === null) return null;
  if (metric.denominator === undefined) return ratio(num);
  const den = lookup(metric.denominator);
  return den === null || den <= 0n ? null : ratio(num, den);
}

const PERCENT_UNITS = BigInt(100 * RATE_UNITS_PER_PERCENT);

function goalOf(
  def: TargetDefinition,
  params: ParameterSnapshot,
  asOf: IsoDate,
  lookup: IndicatorLookup,
): { goal: Ratio | null; param: { id: string; version: number } | null } {
  const g = def.goal;
  if ('exceeds' in g) return { goal: metricValue(g.exceeds, lookup), param: null };
  if ('value' in g.atLeast) {
    const v = g.atLeast.value;
    const goal =
      def.unit === 'percent'
        ? percentRatio(v)
        : def.unit === 'CNY'
          ? ratio(yuanToFen(v))
          : ratio(BigInt(v));
    return { goal, param: null };
  }
  const l = paramValue(params, g.atLeast.param, asOf);
  const goal =
    l.unit === 'percent' ? ratio(l.value as number, PERCENT_UNITS) : ratio(l.value as number);
  return { goal, param: { id: l.id, version: l.version } };
}

export function evaluateTarget(
  def: TargetDefinition,
  params: ParameterSnapshot,
  asOf: IsoDate,
  now: IndicatorLookup,
  atStart: IndicatorLookup,
): TargetResult {
  const actual = metricValue(def.metric, now);
  const { goal, param } = goalOf(def, params, asOf, now);
  const deadline =
    def.deadline === null
      ? null
      : 'date' in def.deadline
        ? def.deadline.date
        : (paramValue(params, def.deadline.param, asOf).value as IsoDate);
  const status = targetStatus({
    kind: 'exceeds' in def.goal ? 'exceeds' : 'at-least',
    asOf,
    start: def.start,
    deadline,
    actual,
    goal,
    baseline: metricValue(def.metric, atStart),
  });
  return { id: def.id, status, actual, goal, deadline, goalParam: param };
}

/** A value as people read it: a count, yuan with 2 decimals, or a percentage. */
export function formatValue(unit: TargetDefinition['unit'], r: Ratio): string {
  if (unit === 'percent') return `${ratioToDecimal({ num: r.num * 100n, den: r.den }, 2)}%`;
  if (unit === 'CNY') return ratioToDecimal({ num: r.num, den: r.den * 100n }, 2);
  return ratioToDecimal(r, 0);
}

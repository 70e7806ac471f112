import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { IsoDate } from '../../core/calendarDate.ts';
import { evaluateTarget, formatValue } from '../../core/targets/evaluate.ts';
import type { TargetStatus } from '../../core/targets/status.ts';
import type { Database } from '../../store/schema.ts';
import type { App } from '../app.ts';
import { businessDayOf } from '../businessDay.ts';
import { businessDate } from '../loans/loanFields.ts';
import { loadParameterSnapshot } from '../policy/parameterVersions.ts';
import { DISTRICT_ROLES } from '../roles.ts';
import { defineUseCase } from '../useCase.ts';
import { INDICATORS, indicatorReader, type IndicatorValues } from './indicators.ts';
import { shippedTargets } from './loadTargets.ts';

/**
 * Every target of the policy with its actual value computed from the data as of a day,
 * its goal, deadline and status (decision 0015), and the definitions that make it up.
 */

export interface MetricOut {
  numerator: { id: string; zh: string; en: string; value: string | null };
  denominator: { id: string; zh: string; en: string; value: string | null } | null;
}

export interface TargetOut {
  id: string;
  article: string;
  titleZh: string;
  titleEn: string;
  quote: string;
  interpretation: string | null;
  unit: 'count' | 'CNY' | 'percent';
  status: TargetStatus;
  actual: string | null;
  goal: string | null;
  goalKind: 'at-least' | 'exceeds';
  goalParam: { id: string; version: number } | null;
  deadline: string | null;
  metric: MetricOut;
  /** The metric the actual value must exceed, for a comparison. */
  compareTo: MetricOut | null;
}

const DEF = new Map(INDICATORS.map((i) => [i.id, i]));

/** Every target as of `asOf`; `read` and `now` may be shared with other figures. */
export async function targetsOn(
  app: App,
  db: Kysely<Database>,
  regionCode: string,
  asOf: IsoDate,
  read = indicatorReader(app, db, regionCode),
  today?: IndicatorValues,
): Promise<TargetOut[]> {
  const defs = shippedTargets();
  const starts = [...new Set(defs.map((d) => d.start))];
  const [params, now, ...atStarts] = await Promise.all([
    loadParameterSnapshot({ ...app, store: { ...app.store, db } }, regionCode),
    today ?? read(asOf),
    ...starts.map((s) => read(s)),
  ]);
  const atStart = new Map(starts.map((s, i) => [s, atStarts[i]!]));
  const get = (m: ReadonlyMap<string, bigint | null>) => (id: string) => m.get(id) ?? null;
  const shown = (id: string) => {
    const d = DEF.get(id)!;
    const v = now.get(id) ?? null;
    const value =
      v === null ? null : d.unit === 'fen' ? formatValue('CNY', { num: v, den: 1n }) : v.toString();
    return { id, zh: d.zh, en: d.en, value };
  };
  const metricOut = (m: { numerator: string; denominator?: string | undefined }): MetricOut => ({
    numerator: shown(m.numerator),
    denominator: m.denominator === undefined ? null : shown(m.denominator),
  });
  return defs.map((def) => {
    const r = evaluateTarget(def, params, asOf, get(now), get(atStart.get(def.start)!));
    const comparison = 'exceeds' in def.goal ? def.goal.exceeds : null;
    return {
      id: def.id,
      article: def.article === 'general' ? 'general' : `art. ${String(def.article)}`,
      titleZh: def.title_zh,
      titleEn: def.title_en,
      quote: def.quote,
      interpretation: def.interpretation ?? null,
      unit: def.unit,
      status: r.status,
      actual: r.actual === null ? null : formatValue(def.unit, r.actual),
      goal: r.goal === null ? null : formatValue(def.unit, r.goal),
      goalKind: comparison === null ? 'at-least' : 'exceeds',
      goalParam: r.goalParam,
      deadline: r.deadline,
      metric: metricOut(def.metric),
      compareTo: comparison === null ? null : metricOut(comparison),
    };
  });
}

export const listTargets = defineUseCase({
  name: 'target.list',
  roles: DISTRICT_ROLES,
  scope: 'district',
  writes: false,
  input: z.object({ asOf: businessDate.optional() }).strict(),
  async run({ app, db, actor, now }, input): Promise<{ asOf: string; items: TargetOut[] }> {
    const asOf = input.asOf ?? businessDayOf(now);
    return { asOf, items: await targetsOn(app, db, actor.regionCode, asOf) };
  },
});

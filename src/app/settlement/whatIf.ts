import { z } from 'zod';
import { addMonthsClamped, type IsoDate } from '../../core/calendarDate.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { parsePeriod, type SettlementPeriod } from '../../core/settlement/period.ts';
import type { App } from '../app.ts';
import { businessDayOf } from '../businessDay.ts';
import { asInvalid, businessDate } from '../loans/loanFields.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual } from '../validation.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { SETTLEMENT_READERS } from './settlementRoles.ts';
import { allLines, sourceContext, type SourceOptions } from './sources.ts';

/**
 * What-if and forecast (issue 5 §5), computed like a run but never stored: a period
 * re-priced with changed parameters beside the recorded ones, and the next quarters'
 * subsidies from the current portfolio's schedules, as if every instalment were paid on
 * time.
 */

interface Totals {
  total: number;
  byArticle: Map<string, number>;
  byTownship: Map<string, number>;
}

async function totalsOf(
  app: App,
  db: Kysely<Database>,
  regionCode: string,
  period: SettlementPeriod,
  now: Date,
  options: SourceOptions,
): Promise<Totals> {
  const ctx = await sourceContext(app, db, regionCode, period, now, options);
  const out: Totals = { total: 0, byArticle: new Map(), byTownship: new Map() };
  for await (const batch of allLines(ctx)) {
    for (const l of batch) {
      if (l.excluded_reason !== null) continue;
      out.total += l.amount;
      out.byArticle.set(l.article, (out.byArticle.get(l.article) ?? 0) + l.amount);
      out.byTownship.set(l.township_code, (out.byTownship.get(l.township_code) ?? 0) + l.amount);
    }
  }
  return out;
}

const y = (fen: number): string => fenToYuanString(fen as Fen);

export interface Comparison {
  key: string;
  baseline: string;
  scenario: string;
  delta: string;
}

function compare(base: Map<string, number>, scenario: Map<string, number>): Comparison[] {
  return [...new Set([...base.keys(), ...scenario.keys()])].sort().map((key) => {
    const b = base.get(key) ?? 0;
    const s = scenario.get(key) ?? 0;
    return { key, baseline: y(b), scenario: y(s), delta: y(s - b) };
  });
}

export interface WhatIf {
  period: string;
  overrides: Record<string, unknown>;
  total: Comparison;
  byArticle: Comparison[];
  byTownship: Comparison[];
}

export const whatIf = defineUseCase({
  name: 'settlement.what-if',
  roles: SETTLEMENT_READERS,
  scope: 'district',
  writes: false,
  input: z
    .object({
      period: z.string().trim().min(1).max(40),
      params: z.record(z.string().max(100), z.unknown()).refine((p) => Object.keys(p).length > 0, {
        message: bilingual('请至少修改一个参数', 'change at least one parameter'),
      }),
    })
    .strict(),
  async run({ app, db, actor, now }, input): Promise<WhatIf> {
    let period: SettlementPeriod;
    try {
      period = parsePeriod(input.period);
    } catch (e) {
      return asInvalid(e);
    }
    const base = await totalsOf(app, db, actor.regionCode, period, now, {});
    const scenario = await totalsOf(app, db, actor.regionCode, period, now, {
      overrides: input.params,
    });
    return {
      period: period.key,
      overrides: input.params,
      total: {
        key: 'total',
        baseline: y(base.total),
        scenario: y(scenario.total),
        delta: y(scenario.total - base.total),
      },
      byArticle: compare(base.byArticle, scenario.byArticle),
      byTownship: compare(base.byTownship, scenario.byTownship),
    };
  },
});

export interface ForecastQuarter {
  period: string;
  total: string;
  byArticle: { key: string; total: string }[];
}

/** The quarter containing `date`, then the following ones. */
function quartersFrom(date: IsoDate, count: number): SettlementPeriod[] {
  const year = Number(date.slice(0, 4));
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  return Array.from({ length: count }, (_, i) =>
    parsePeriod(`${String(year + Math.floor((q + i) / 4))}-Q${String(((q + i) % 4) + 1)}`),
  );
}

export const forecast = defineUseCase({
  name: 'settlement.forecast',
  roles: SETTLEMENT_READERS,
  scope: 'district',
  writes: false,
  input: z
    .object({
      /** The first quarter is the one after this date's (default: today's). */
      from: businessDate.optional(),
      quarters: z.coerce.number().int().min(1).max(8).default(4),
    })
    .strict(),
  async run({ app, db, actor, now }, input): Promise<ForecastQuarter[]> {
    const start = addMonthsClamped(input.from ?? businessDayOf(now), 3);
    const out: ForecastQuarter[] = [];
    for (const period of quartersFrom(start, input.quarters)) {
      const t = await totalsOf(app, db, actor.regionCode, period, now, { assumeOnTime: true });
      out.push({
        period: period.key,
        total: y(t.total),
        byArticle: [...t.byArticle.entries()].map(([key, v]) => ({ key, total: y(v) })),
      });
    }
    return out;
  },
});

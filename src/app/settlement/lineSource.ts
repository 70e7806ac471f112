import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import type { RuleContext } from '../../core/rules/rule.ts';
import type { SettlementPeriod } from '../../core/settlement/period.ts';
import type { Database, SettlementLineTable } from '../../store/schema.ts';

/** A line before it is numbered and stored with its run. */
export type DraftLine = Omit<SettlementLineTable, 'region_code' | 'run_id' | 'n' | 'excluded_by'>;

export interface SourceContext {
  readonly db: Kysely<Database>;
  readonly regionCode: string;
  readonly period: SettlementPeriod;
  /** Payments on record up to this day decide whether an instalment was paid on time. */
  readonly decidedOn: IsoDate;
  readonly rules: RuleContext;
  /** Subjects (loans) read per batch. */
  readonly chunkSize: number;
  /** Forecasts assume every instalment is paid on its due date. */
  readonly assumeOnTime: boolean;
}

/**
 * What a settlement run is made of: each source walks the subjects one rule pays for
 * and yields their lines in batches, so a run over a province never holds its whole
 * portfolio in memory.
 */
export type LineSource = (ctx: SourceContext) => AsyncGenerator<DraftLine[]>;

import type { Kysely } from 'kysely';
import { overrideParameters } from '../../core/policy/parameterSet.ts';
import type { SettlementPeriod } from '../../core/settlement/period.ts';
import type { Database } from '../../store/schema.ts';
import type { App } from '../app.ts';
import { businessDayOf } from '../businessDay.ts';
import { asInvalid } from '../loans/loanFields.ts';
import { policyData } from '../policy/evaluate.ts';
import { loadParameterSnapshot, POLICY_ROOT } from '../policy/parameterVersions.ts';
import { art11Pricer } from './art11Lines.ts';
import { art12Lines } from './art12Lines.ts';
import { art14Pricer } from './art14Lines.ts';
import { art15Lines } from './art15Lines.ts';
import { art16Pricer } from './art16Lines.ts';
import { art17Pricer } from './art17Lines.ts';
import { art22EntrustedLines } from './art22EntrustedLines.ts';
import { art6Lines } from './art6Lines.ts';
import { art20Lines, art22Lines } from './guaranteeFeeLines.ts';
import { insuranceLines } from './insuranceLines.ts';
import type { DraftLine, LineSource, SourceContext } from './lineSource.ts';
import { loanInterestLines } from './loanInterestLines.ts';
import { lossClaimLines } from './lossClaimLines.ts';

/** The rules a run pays, each walking its own subjects. */
export const SOURCES: readonly LineSource[] = [
  loanInterestLines([art11Pricer, art14Pricer, art16Pricer, art17Pricer]),
  art12Lines,
  art15Lines,
  art20Lines,
  art22Lines,
  art22EntrustedLines,
  insuranceLines,
  art6Lines,
  lossClaimLines,
];

export interface SourceOptions {
  /** Loans read per batch. */
  readonly chunkSize?: number;
  /** What-if: parameter values that replace the recorded ones, `{ id: value }`. */
  readonly overrides?: Readonly<Record<string, unknown>>;
  /** Forecast: treat every instalment as paid on its due date. */
  readonly assumeOnTime?: boolean;
}

/**
 * Everything the line sources need for one period: the parameter snapshot as recorded
 * now (read through the caller's transaction: on SQLite another connection would wait
 * for it), optionally overridden, and the rate tables.
 */
export async function sourceContext(
  app: App,
  db: Kysely<Database>,
  regionCode: string,
  period: SettlementPeriod,
  now: Date,
  options: SourceOptions = {},
): Promise<SourceContext> {
  const recorded = await loadParameterSnapshot({ ...app, store: { ...app.store, db } }, regionCode);
  let params = recorded;
  try {
    params = overrideParameters(recorded, options.overrides ?? {}, 'what-if');
  } catch (e) {
    asInvalid(e);
  }
  const data = policyData(POLICY_ROOT);
  return {
    db,
    regionCode,
    period,
    decidedOn: businessDayOf(now),
    rules: { params, rates: { benchmark: data.benchmark, lpr: data.lpr }, trace: false },
    chunkSize: options.chunkSize ?? 1_000,
    assumeOnTime: options.assumeOnTime ?? false,
  };
}

/** Every line every source yields for the context, batch by batch. */
export async function* allLines(ctx: SourceContext): AsyncGenerator<DraftLine[]> {
  for (const source of SOURCES) yield* source(ctx);
}

import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import { scorecardOn, type Scorecard } from '../../core/credit/scorecard.ts';
import type { ParameterSnapshot } from '../../core/policy/parameterSet.ts';
import type { Database } from '../../store/schema.ts';
import type { App } from '../app.ts';
import { asInvalid } from '../loans/loanFields.ts';
import { loadParameterSnapshot } from '../policy/parameterVersions.ts';

/**
 * The parameter snapshot read through `db` (inside a write's transaction SQLite would
 * otherwise wait on itself), and the scorecard in force on `on`. A card whose weights do
 * not add up to its total is refused as invalid input naming the parameter.
 */
export async function creditParameters(
  app: App,
  db: Kysely<Database>,
  regionCode: string,
): Promise<ParameterSnapshot> {
  return loadParameterSnapshot({ ...app, store: { ...app.store, db } }, regionCode);
}

export function scorecardFor(snapshot: ParameterSnapshot, on: IsoDate): Scorecard {
  try {
    return scorecardOn(snapshot, on);
  } catch (e) {
    return asInvalid(e);
  }
}

import { canSeeTownship, type Actor } from './actor.ts';
import { notFound } from './errors.ts';

/**
 * The townships a register query must be limited to: null when the actor sees the
 * whole district. An empty list (an institution serving no township) matches nothing.
 */
export function townshipLimit(actor: Actor): readonly string[] | null {
  return actor.townships === 'all' ? null : actor.townships.length ? actor.townships : ['-'];
}

/** A record outside scope answers exactly like a missing one, so nothing leaks. */
export function assertTownshipVisible<R extends { township_code: string }>(
  actor: Actor,
  entity: string,
  record: R | undefined,
): R {
  if (!record || !canSeeTownship(actor, record.township_code)) throw notFound(entity);
  return record;
}

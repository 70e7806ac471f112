import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../store/schema.ts';
import type { Actor } from './actor.ts';
import type { App } from './app.ts';
import { appendAudit, type AuditEntry } from './audit.ts';
import { forbidden } from './errors.ts';
import type { Role } from './roles.ts';
import { parseInput } from './validation.ts';

/**
 * How far a use case's data reaches for its caller; the use case enforces it on every
 * row it reads or writes, and the scope tests walk the registry to prove it.
 */
export type ScopeRule = 'district' | 'township' | 'institution' | 'own-account';

export interface UseCaseContext {
  readonly app: App;
  /** The transaction for writes, the plain connection for reads. */
  readonly db: Kysely<Database>;
  readonly actor: Actor;
  readonly now: Date;
  audit(entry: AuditEntry): Promise<void>;
}

export interface UseCase<I, O> {
  readonly name: string;
  readonly roles: readonly Role[];
  readonly scope: ScopeRule;
  /** Writes run in one transaction and must leave at least one audit entry. */
  readonly writes: boolean;
  readonly input: z.ZodType<I>;
  run(ctx: UseCaseContext, input: I): Promise<O>;
}

export function defineUseCase<I, O>(useCase: UseCase<I, O>): UseCase<I, O> {
  return useCase;
}

export class MissingAuditError extends Error {}

/** The one door into the application: role check, input validation, transaction, audit. */
export async function execute<I, O>(
  app: App,
  actor: Actor,
  useCase: UseCase<I, O>,
  raw: unknown,
): Promise<O> {
  if (!useCase.roles.includes(actor.role)) throw forbidden();
  const input = parseInput(useCase.input, raw ?? {});
  const now = app.now();
  if (!useCase.writes) {
    const db = app.store.db;
    return useCase.run(
      { app, db, actor, now, audit: (e) => appendAudit(db, actor, now, e) },
      input,
    );
  }
  return app.store.db.transaction().execute(async (trx) => {
    let audited = 0;
    const audit = async (entry: AuditEntry): Promise<void> => {
      audited++;
      await appendAudit(trx, actor, now, entry);
    };
    const result = await useCase.run({ app, db: trx, actor, now, audit }, input);
    if (audited === 0) throw new MissingAuditError(`${useCase.name} wrote without an audit entry`);
    return result;
  });
}

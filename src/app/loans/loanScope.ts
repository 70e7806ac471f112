import type { Kysely } from 'kysely';
import type { Database, HouseholdTable, LoanTable } from '../../store/schema.ts';
import { canSeeTownship, type Actor } from '../actor.ts';
import { notFound } from '../errors.ts';

/**
 * Who sees which loans: a bank officer only its institution's; a township clerk its
 * township's; district roles all. Anything else answers exactly like a missing loan.
 */
export function canSeeLoan(
  actor: Actor,
  loan: Pick<LoanTable, 'institution_id' | 'township_code'>,
): boolean {
  if (actor.role === 'bank_officer')
    return actor.institutionId !== null && loan.institution_id === actor.institutionId;
  return canSeeTownship(actor, loan.township_code);
}

export async function loadLoanVisible(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<LoanTable> {
  const row = await db
    .selectFrom('loans')
    .selectAll()
    .where('region_code', '=', actor.regionCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !canSeeLoan(actor, row)) throw notFound('loan');
  return row;
}

/** A household the actor's scope reaches (bank officers: the townships their bank serves). */
export async function loadHouseholdVisible(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<HouseholdTable> {
  const row = await db
    .selectFrom('households')
    .selectAll()
    .where('region_code', '=', actor.regionCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !canSeeTownship(actor, row.township_code)) throw notFound('household');
  return row;
}

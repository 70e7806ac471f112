import type { Kysely } from 'kysely';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import type { Database } from '../../store/schema.ts';

/** What an approved write-off (核销) took off the books, and what was recovered since. */
export interface WriteOffOut {
  eventId: string;
  on: string;
  principal: string;
  interest: string;
  penalty: string;
  total: string;
  /** Recoveries after write-off (核销后收回) approved and dated by asOf. */
  recovered: string;
}

/** The parts written off, as the approved event's after_json stores them (fen). */
export interface WrittenOff {
  principal: number;
  interest: number;
  penalty: number;
}

/** The approved write-off dated by `asOf`, with the recoveries dated by then; null if none. */
export async function writeOffOf(
  db: Kysely<Database>,
  regionCode: string,
  loanId: string,
  asOf: string,
): Promise<WriteOffOut | null> {
  const events = await db
    .selectFrom('loan_events')
    .select(['id', 'kind', 'effective_on', 'amount', 'after_json'])
    .where('region_code', '=', regionCode)
    .where('loan_id', '=', loanId)
    .where('status', '=', 'approved')
    .where('kind', 'in', ['write-off', 'recovery'])
    .where('effective_on', '<=', asOf)
    .execute();
  const writeOff = events.find((e) => e.kind === 'write-off');
  if (!writeOff) return null;
  const parts = (JSON.parse(writeOff.after_json ?? '{}') as { writtenOff: WrittenOff }).writtenOff;
  const y = (v: number): string => fenToYuanString(v as Fen);
  return {
    eventId: writeOff.id,
    on: writeOff.effective_on,
    principal: y(parts.principal),
    interest: y(parts.interest),
    penalty: y(parts.penalty),
    total: y(Number(writeOff.amount)),
    recovered: y(
      events.filter((e) => e.kind === 'recovery').reduce((s, e) => s + Number(e.amount), 0),
    ),
  };
}

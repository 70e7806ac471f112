import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../store/uniqueViolation.ts';
import type { Database } from '../../store/schema.ts';
import { conflict } from '../errors.ts';
import type { DraftLine } from './lineSource.ts';

/**
 * Claims make a line payable once: approving a run inserts one claim per included line,
 * and the claim's primary key (region, line key) refuses a second claim of the same
 * (rule, subject, accrual period, payer), whichever run carries it and however many
 * approvals race.
 */
export async function claimLines(
  db: Kysely<Database>,
  regionCode: string,
  runId: string,
  now: Date,
): Promise<void> {
  const taken = await db
    .selectFrom('settlement_lines as l')
    .innerJoin('settlement_claims as c', (j) =>
      j.onRef('c.region_code', '=', 'l.region_code').onRef('c.line_key', '=', 'l.line_key'),
    )
    .select(['l.n', 'c.run_id'])
    .where('l.region_code', '=', regionCode)
    .where('l.run_id', '=', runId)
    .where('l.excluded_reason', 'is', null)
    .limit(1)
    .executeTakeFirst();
  if (taken !== undefined) {
    throw conflict(
      'line_already_claimed',
      `第 ${String(taken.n)} 行已由结算批次 ${taken.run_id} 审批支付，不能重复支付`,
      `Line ${String(taken.n)} was already approved for payment by run ${taken.run_id}; it cannot be paid twice`,
    );
  }
  // Two approvals of overlapping runs can both pass the check above at once; the key
  // then refuses the later one (PostgreSQL waits for the first to commit to say so).
  await claimAll(db, regionCode, runId, now).catch((e: unknown) => {
    if (isUniqueViolation(e)) {
      throw conflict(
        'line_already_claimed',
        '本批次中有结算行刚刚已由另一批次审批支付，不能重复支付',
        'A line of this run was approved for payment by another run just now; it cannot be paid twice',
      );
    }
    throw e;
  });
}

async function claimAll(
  db: Kysely<Database>,
  regionCode: string,
  runId: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('settlement_claims')
    .columns(['region_code', 'line_key', 'run_id', 'amount', 'claimed_at'])
    .expression((eb) =>
      eb
        .selectFrom('settlement_lines')
        .select((s) => [
          'region_code',
          'line_key',
          'run_id',
          'amount',
          s.val(now.toISOString()).as('claimed_at'),
        ])
        .where('region_code', '=', regionCode)
        .where('run_id', '=', runId)
        .where('excluded_reason', 'is', null)
        .where('amount', '<>', 0),
    )
    .execute();
}

/**
 * What approved runs of a period claimed, per base line key (an adjustment's key is the
 * base key # its run), with the latest claimed line to reverse it from.
 */
export async function claimedAmounts(
  db: Kysely<Database>,
  regionCode: string,
  periodKey: string,
): Promise<Map<string, { amount: number; line: DraftLine }>> {
  const rows = await db
    .selectFrom('settlement_claims as c')
    .innerJoin('settlement_runs as r', (j) =>
      j.onRef('r.region_code', '=', 'c.region_code').onRef('r.id', '=', 'c.run_id'),
    )
    .innerJoin('settlement_lines as l', (j) =>
      j
        .onRef('l.region_code', '=', 'c.region_code')
        .onRef('l.run_id', '=', 'c.run_id')
        .onRef('l.line_key', '=', 'c.line_key'),
    )
    .selectAll('l')
    .where('c.region_code', '=', regionCode)
    .where('r.period_key', '=', periodKey)
    .orderBy('c.claimed_at')
    .execute();
  const out = new Map<string, { amount: number; line: DraftLine }>();
  for (const row of rows) {
    const { region_code: _r, run_id: _run, n: _n, excluded_by: _by, ...line } = row;
    const base = line.line_key.split('#')[0]!;
    const amount = (out.get(base)?.amount ?? 0) + Number(line.amount);
    out.set(base, { amount, line: { ...line, line_key: base, amount: Number(line.amount) } });
  }
  return out;
}

import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { parsePeriod, type SettlementPeriod } from '../../core/settlement/period.ts';
import { insertRows } from '../../store/insertRows.ts';
import type { Database, SettlementRunTable } from '../../store/schema.ts';
import { conflict } from '../errors.ts';
import { newId } from '../ids.ts';
import { asInvalid } from '../loans/loanFields.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual } from '../validation.ts';
import { claimedAmounts } from './claims.ts';
import type { DraftLine } from './lineSource.ts';
import { runOut, type RunSummary } from './runOut.ts';
import { runLines } from './runLines.ts';
import { SETTLEMENT_MAKERS } from './settlementRoles.ts';

/**
 * Prepares a settlement run (issue 5 §1–2): every line the policy owes for the period,
 * computed from the portfolio as it stands, in one transaction, so a run that dies half
 * way leaves nothing behind. A new regular run replaces the period's open draft (the
 * previous run is kept, marked superseded, for the difference); once a period is
 * approved, only an adjustment run (the differences from what was claimed) can follow.
 */

/** Lines per call to insertRows (one JSON parameter each on PostgreSQL). */
const INSERT_BATCH = 2_000;

const LINE_COLUMNS = {
  region_code: 'text',
  run_id: 'text',
  n: 'integer',
  line_key: 'text',
  rule_id: 'text',
  article: 'text',
  subject_type: 'text',
  subject_id: 'text',
  accrual_key: 'text',
  payer: 'text',
  fund_code: 'text',
  payee_kind: 'text',
  payee_id: 'text',
  payee_name: 'text',
  via_institution_id: 'text',
  township_code: 'text',
  village_code: 'text',
  amount: 'bigint',
  excluded_reason: 'text',
  excluded_by: 'text',
  input_json: 'text',
} as const;

const OPEN: SettlementRunTable['status'][] = ['draft', 'submitted', 'reviewed'];
const SETTLED: SettlementRunTable['status'][] = ['approved', 'paid'];

export const prepareRun = defineUseCase({
  name: 'settlement.run.prepare',
  roles: SETTLEMENT_MAKERS,
  scope: 'district',
  writes: true,
  input: z
    .object({
      period: z
        .string()
        .trim()
        .min(1, bilingual('请填写结算期', 'is required'))
        .max(40, bilingual('结算期过长', 'is too long')),
      kind: z.enum(['regular', 'adjustment']).default('regular'),
      /** Loans read per batch (the crash test makes it small to stop a run half way). */
      chunkSize: z.number().int().min(1).max(10_000).default(1_000),
      /** Price in a worker thread (see runLines); by default for a large portfolio. */
      inWorker: z.boolean().optional(),
      onProgress: z.custom<(lines: number) => void>((v) => typeof v === 'function').optional(),
    })
    .strict(),
  async run({ app, db, actor, now, audit }, input): Promise<RunSummary> {
    let period: SettlementPeriod;
    try {
      period = parsePeriod(input.period);
    } catch (e) {
      return asInvalid(e);
    }
    const region = actor.regionCode;
    await lockPeriod(db, region, period.key);
    const runs = await db
      .selectFrom('settlement_runs')
      .select(['id', 'status', 'kind', 'created_at'])
      .where('region_code', '=', region)
      .where('period_key', '=', period.key)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const settled = runs.find((r) => SETTLED.includes(r.status));
    if (input.kind === 'regular' && settled !== undefined) {
      throw conflict(
        'period_settled',
        `结算期 ${period.key} 已审批，更正只能通过调整结算`,
        `Period ${period.key} is approved; correct it with an adjustment run`,
        'kind',
      );
    }
    if (input.kind === 'adjustment' && settled === undefined) {
      throw conflict(
        'period_not_settled',
        `结算期 ${period.key} 尚未审批，无需调整结算，请直接重新结算`,
        `Period ${period.key} is not approved yet; re-run it instead of adjusting`,
        'kind',
      );
    }
    const open = runs.filter((r) => OPEN.includes(r.status)).map((r) => r.id);
    if (open.length > 0) {
      await db
        .updateTable('settlement_runs')
        .set((eb) => ({ status: 'superseded', version: eb('version', '+', 1) }))
        .where('region_code', '=', region)
        .where('id', 'in', open)
        .execute();
    }

    const id = newId(now.getTime());
    await db
      .insertInto('settlement_runs')
      .values({
        region_code: region,
        id,
        period_key: period.key,
        period_from: period.from,
        period_to: period.to,
        kind: input.kind,
        status: 'draft',
        parameters_at: now.toISOString(),
        previous_run_id: runs[0]?.id ?? null,
        line_count: 0,
        total_amount: 0,
        created_by: actor.username,
        created_at: now.toISOString(),
        submitted_by: null,
        submitted_at: null,
        reviewed_by: null,
        reviewed_at: null,
        approved_by: null,
        approved_at: null,
        paid_by: null,
        paid_at: null,
        payment_reference: null,
        rejected_by: null,
        rejected_at: null,
        rejection_reason: null,
        version: 1,
      })
      .execute();

    const claimed =
      input.kind === 'adjustment' ? await claimedAmounts(db, region, period.key) : undefined;
    const lines = await runLines(app, db, region, period, now, {
      chunkSize: input.chunkSize,
      inWorker: input.inWorker,
    });
    let n = 0;
    let total = 0;
    const keys = new Set<string>();
    const store = async (lines: readonly DraftLine[]): Promise<void> => {
      for (let i = 0; i < lines.length; i += INSERT_BATCH) {
        // The drafts are this run's own: numbered in place rather than copied.
        const rows = lines.slice(i, i + INSERT_BATCH).map((l) => {
          if (keys.has(l.line_key)) throw new Error(`duplicate settlement line ${l.line_key}`);
          keys.add(l.line_key);
          if (l.excluded_reason === null) total += l.amount;
          return Object.assign(l, {
            region_code: region,
            run_id: id,
            n: ++n,
            excluded_by: l.excluded_reason === null ? null : 'system',
          });
        });
        await insertRows(db, app.store.sqlite, 'settlement_lines', LINE_COLUMNS, rows);
      }
      input.onProgress?.(n);
    };
    for await (const batch of lines) {
      await store(claimed === undefined ? batch : adjustments(batch, claimed, id));
    }
    if (claimed !== undefined) await store(reversals(claimed, id));

    await db
      .updateTable('settlement_runs')
      .set({ line_count: n, total_amount: total })
      .where('region_code', '=', region)
      .where('id', '=', id)
      .execute();
    const row = await db
      .selectFrom('settlement_runs')
      .selectAll()
      .where('region_code', '=', region)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await audit({
      action: 'settlement.run.prepare',
      entity: 'settlement_run',
      entityId: id,
      after: { period: period.key, kind: input.kind, lines: n, total },
      detail: { superseded: open },
    });
    return runOut(row);
  },
});

/**
 * Serialises runs of one period: the UPDATE holds the period's row lock on PostgreSQL
 * until the transaction ends (SQLite serialises every write transaction anyway), so a
 * second run of the same period waits and then sees, and supersedes, the first.
 */
export async function lockPeriod(
  db: Kysely<Database>,
  regionCode: string,
  periodKey: string,
): Promise<void> {
  await db
    .insertInto('settlement_periods')
    .values({ region_code: regionCode, period_key: periodKey, runs: 0 })
    .onConflict((oc) => oc.columns(['region_code', 'period_key']).doNothing())
    .execute();
  await db
    .updateTable('settlement_periods')
    .set({ runs: sql`runs + 1` })
    .where('region_code', '=', regionCode)
    .where('period_key', '=', periodKey)
    .execute();
}

/**
 * An adjustment pays the difference between what the rules owe now and what earlier
 * approved runs claimed for the same line; a line with no difference is left out. Each
 * adjustment has its own key (base key # run), so it is claimable once too.
 */
function adjustments(
  lines: readonly DraftLine[],
  claimed: Map<string, { amount: number; line: DraftLine }>,
  runId: string,
): DraftLine[] {
  const out: DraftLine[] = [];
  for (const l of lines) {
    const before = claimed.get(l.line_key);
    claimed.delete(l.line_key);
    const owed = l.excluded_reason === null ? l.amount : 0;
    const delta = owed - (before?.amount ?? 0);
    if (delta === 0) continue;
    out.push({ ...l, line_key: `${l.line_key}#${runId}`, amount: delta, excluded_reason: null });
  }
  return out;
}

/** Lines claimed before that the rules no longer owe are reversed in full. */
function reversals(
  claimed: Map<string, { amount: number; line: DraftLine }>,
  runId: string,
): DraftLine[] {
  return [...claimed.entries()]
    .filter(([, c]) => c.amount !== 0)
    .map(([key, c]) => ({ ...c.line, line_key: `${key}#${runId}`, amount: -c.amount }));
}

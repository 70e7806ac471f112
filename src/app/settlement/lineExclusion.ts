import { sql } from 'kysely';
import { z } from 'zod';
import { conflict, notFound } from '../errors.ts';
import { id, shortText } from '../loans/loanFields.ts';
import { defineUseCase, type UseCaseContext } from '../useCase.ts';
import { loadRun } from './runLifecycle.ts';
import { lineOut, type LineOut } from './runQueries.ts';
import { SETTLEMENT_MAKERS } from './settlementRoles.ts';

/**
 * The maker can leave a line out of a draft with a reason (a disputed contract, a
 * household whose account is closed) and put it back; the run's total follows. Lines
 * the rules themselves priced at nothing (late interest) stay out.
 */

const lineRef = { id, n: z.coerce.number().int().min(1) };

async function setExclusion(
  ctx: UseCaseContext,
  input: { id: string; n: number },
  reason: string | null,
): Promise<LineOut> {
  const { db, actor } = ctx;
  const run = await loadRun(db, actor, input.id);
  if (run.status !== 'draft') {
    throw conflict(
      'run_status',
      '只能在草稿状态下排除或恢复结算行',
      'Lines can be excluded or restored only while the run is a draft',
      'status',
    );
  }
  const where = { region: actor.regionCode, run: run.id, n: input.n };
  const line = await db
    .selectFrom('settlement_lines')
    .selectAll()
    .where('region_code', '=', where.region)
    .where('run_id', '=', where.run)
    .where('n', '=', where.n)
    .executeTakeFirst();
  if (line === undefined) throw notFound('settlement line');
  if (line.excluded_by === 'system') {
    throw conflict(
      'line_priced_by_rule',
      '该行由政策规则判定不予支付，不能恢复',
      'The policy rule priced this line at nothing; it cannot be restored',
      'n',
    );
  }
  if ((line.excluded_reason === null) === (reason === null)) {
    throw conflict(
      'line_unchanged',
      reason === null ? '该行未被排除' : '该行已被排除',
      reason === null ? 'The line is not excluded' : 'The line is already excluded',
      'n',
    );
  }
  await db
    .updateTable('settlement_lines')
    .set({ excluded_reason: reason, excluded_by: reason === null ? null : actor.username })
    .where('region_code', '=', where.region)
    .where('run_id', '=', where.run)
    .where('n', '=', where.n)
    .execute();
  const delta = reason === null ? Number(line.amount) : -Number(line.amount);
  await db
    .updateTable('settlement_runs')
    .set({ total_amount: sql`total_amount + ${delta}`, version: run.version + 1 })
    .where('region_code', '=', where.region)
    .where('id', '=', run.id)
    .execute();
  await ctx.audit({
    action: reason === null ? 'settlement.line.include' : 'settlement.line.exclude',
    entity: 'settlement_line',
    entityId: `${run.id}#${String(input.n)}`,
    before: { excludedReason: line.excluded_reason },
    after: { excludedReason: reason },
  });
  const loan = await db
    .selectFrom('loans')
    .select('contract_no')
    .where('region_code', '=', where.region)
    .where('id', '=', line.subject_id)
    .executeTakeFirst();
  return lineOut(
    { ...line, excluded_reason: reason, excluded_by: reason && actor.username },
    loan?.contract_no ?? null,
  );
}

export const excludeLine = defineUseCase({
  name: 'settlement.line.exclude',
  roles: SETTLEMENT_MAKERS,
  scope: 'district',
  writes: true,
  input: z.object({ ...lineRef, reason: shortText }).strict(),
  run: (ctx, input) => setExclusion(ctx, input, input.reason),
});

export const includeLine = defineUseCase({
  name: 'settlement.line.include',
  roles: SETTLEMENT_MAKERS,
  scope: 'district',
  writes: true,
  input: z.object(lineRef).strict(),
  run: (ctx, input) => setExclusion(ctx, input, null),
});

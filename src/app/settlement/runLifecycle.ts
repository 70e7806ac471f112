import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Posting } from '../../core/ledger/journal.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { getRule } from '../../core/rules/registry.ts';
import type { Database, SettlementRunTable } from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import type { Role } from '../roles.ts';
import { AppError, conflict, invalid, notFound } from '../errors.ts';
import { businessDate, id, shortText } from '../loans/loanFields.ts';
import { defineUseCase, type UseCaseContext } from '../useCase.ts';
import { ensureAccounts, expenseOf, FUNDS, payableOf, type FundCode } from './accounts.ts';
import { claimLines } from './claims.ts';
import { accountBalances, availableIn, postEntry } from './ledger.ts';
import { lockPeriod } from './prepareRun.ts';
import { runOut, type RunSummary } from './runOut.ts';
import {
  SETTLEMENT_APPROVERS,
  SETTLEMENT_MAKERS,
  SETTLEMENT_REVIEWERS,
} from './settlementRoles.ts';
import { businessDayOf } from '../businessDay.ts';

/**
 * The life of a run (issue 5 §2): draft → submitted (maker) → reviewed (poverty office)
 * → approved (finance bureau, never the maker) → paid; or rejected with a reason.
 * Approval claims every included line (paid once, ever), checks that each fund can
 * cover its share and posts the obligation to the ledger; payment moves it out of the
 * fund.
 */

type Status = SettlementRunTable['status'];

export const STATUS_ZH: Record<Status, string> = {
  draft: '草稿',
  submitted: '已提交',
  reviewed: '已复核',
  approved: '已审批',
  paid: '已支付',
  rejected: '已退回',
  superseded: '已被新批次取代',
};

export async function loadRun(
  db: Kysely<Database>,
  actor: Actor,
  runId: string,
): Promise<SettlementRunTable> {
  const run = await db
    .selectFrom('settlement_runs')
    .selectAll()
    .where('region_code', '=', actor.regionCode)
    .where('id', '=', runId)
    .executeTakeFirst();
  if (run === undefined) throw notFound('settlement run');
  return run;
}

function requireStatus(run: SettlementRunTable, ...allowed: Status[]): void {
  if (!allowed.includes(run.status)) {
    throw conflict(
      'run_status',
      `结算批次当前状态为"${STATUS_ZH[run.status]}"，不能执行此操作（需为：${allowed.map((s) => STATUS_ZH[s]).join('、')}）`,
      `The run is ${run.status}; this needs it to be ${allowed.join(' or ')}`,
      'status',
    );
  }
}

async function transition(
  ctx: UseCaseContext,
  action: string,
  run: SettlementRunTable,
  set: Partial<SettlementRunTable> & { status: Status },
  detail?: unknown,
): Promise<RunSummary> {
  const { db, actor } = ctx;
  // The status in the WHERE makes two racing transitions of one run succeed once.
  const result = await db
    .updateTable('settlement_runs')
    .set({ ...set, version: run.version + 1 })
    .where('region_code', '=', actor.regionCode)
    .where('id', '=', run.id)
    .where('status', '=', run.status)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) requireStatus(await loadRun(db, actor, run.id));
  await ctx.audit({
    action,
    entity: 'settlement_run',
    entityId: run.id,
    before: { status: run.status },
    after: { status: set.status },
    detail,
  });
  return runOut(await loadRun(db, actor, run.id));
}

const runRef = z.object({ id }).strict();

/** A sign-off that only moves the run on and records who and when. */
const signOff = (
  name: string,
  roles: readonly Role[],
  from: Status,
  to: 'submitted' | 'reviewed',
) =>
  defineUseCase({
    name,
    roles,
    scope: 'district',
    writes: true,
    input: runRef,
    async run(ctx, input): Promise<RunSummary> {
      const run = await loadRun(ctx.db, ctx.actor, input.id);
      requireStatus(run, from);
      return transition(ctx, name, run, {
        status: to,
        [`${to}_by`]: ctx.actor.username,
        [`${to}_at`]: ctx.now.toISOString(),
      });
    },
  });

export const submitRun = signOff('settlement.run.submit', SETTLEMENT_MAKERS, 'draft', 'submitted');
export const reviewRun = signOff(
  'settlement.run.review',
  SETTLEMENT_REVIEWERS,
  'submitted',
  'reviewed',
);

export const rejectRun = defineUseCase({
  name: 'settlement.run.reject',
  roles: [...SETTLEMENT_REVIEWERS, ...SETTLEMENT_APPROVERS],
  scope: 'district',
  writes: true,
  input: z.object({ id, reason: shortText }).strict(),
  async run(ctx, input): Promise<RunSummary> {
    const run = await loadRun(ctx.db, ctx.actor, input.id);
    // The reviewer sends back what was submitted, the approver what was reviewed.
    requireStatus(run, ctx.actor.role === 'poverty_office' ? 'submitted' : 'reviewed');
    return transition(ctx, 'settlement.run.reject', run, {
      status: 'rejected',
      rejected_by: ctx.actor.username,
      rejected_at: ctx.now.toISOString(),
      rejection_reason: input.reason,
    });
  },
});

/** Included amounts of a run per fund and rule. */
async function totalsByFundAndRule(
  db: Kysely<Database>,
  regionCode: string,
  runId: string,
): Promise<{ fund: FundCode; ruleId: string; total: Fen }[]> {
  const rows = await db
    .selectFrom('settlement_lines')
    .select((eb) => ['fund_code', 'rule_id', eb.fn.sum<string>('amount').as('total')])
    .where('region_code', '=', regionCode)
    .where('run_id', '=', runId)
    .where('excluded_reason', 'is', null)
    .groupBy(['fund_code', 'rule_id'])
    .execute();
  return rows
    .map((r) => ({
      fund: r.fund_code as FundCode,
      ruleId: r.rule_id,
      total: Number(r.total) as Fen,
    }))
    .filter((r) => r.total !== 0);
}

/** Sums postings per account, dropping accounts that net to zero. */
function netted(postings: readonly Posting[]): Posting[] {
  const by = new Map<string, number>();
  for (const p of postings) by.set(p.account, (by.get(p.account) ?? 0) + p.amount);
  return [...by.entries()]
    .filter(([, amount]) => amount !== 0)
    .map(([account, amount]) => ({ account, amount: amount as Fen }));
}

export const approveRun = defineUseCase({
  name: 'settlement.run.approve',
  roles: SETTLEMENT_APPROVERS,
  scope: 'district',
  writes: true,
  input: runRef,
  async run(ctx, input): Promise<RunSummary> {
    const { db, actor, now } = ctx;
    const region = actor.regionCode;
    const first = await loadRun(db, actor, input.id);
    if (first.created_by === actor.username || first.submitted_by === actor.username) {
      throw new AppError(
        'forbidden',
        'maker_cannot_approve',
        '制单人不能审批自己制作或提交的结算批次',
        'The maker of a run cannot approve it',
      );
    }
    await lockPeriod(db, region, first.period_key);
    // Re-read under the period lock: a racing approval may have got there first.
    const run = await loadRun(db, actor, input.id);
    requireStatus(run, 'reviewed');

    const totals = await totalsByFundAndRule(db, region, run.id);
    const balances = await accountBalances(db, region);
    for (const fund of FUNDS) {
      const need = totals.filter((t) => t.fund === fund.code).reduce((s, t) => s + t.total, 0);
      const available = availableIn(balances, fund.code);
      if (need > 0 && need > available) {
        throw conflict(
          'fund_insufficient',
          `${fund.zh}可用余额 ${fenToYuanString(available)} 元，不足以支付本批次的 ${fenToYuanString(need as Fen)} 元`,
          `${fund.en} has ${fenToYuanString(available)} available, less than this run's ${fenToYuanString(need as Fen)}`,
          'fund',
        );
      }
    }
    await claimLines(db, region, run.id, now);
    const postings = netted(
      totals.flatMap((t) => [
        { account: expenseAccount(t.ruleId).code, amount: t.total },
        { account: payableOf(t.fund).code, amount: -t.total as Fen },
      ]),
    );
    if (postings.length > 0) {
      await ensureAccounts(
        db,
        region,
        [
          ...[...new Set(totals.map((t) => t.ruleId))].map(expenseAccount),
          ...[...new Set(totals.map((t) => t.fund))].map(payableOf),
        ],
        now,
      );
      await postEntry(db, actor, now, {
        kind: 'approval',
        postedOn: businessDayOf(now),
        memo: `结算批次 ${run.period_key} 审批 / Run ${run.period_key} approved`,
        refId: run.id,
        postings,
      });
    }
    return transition(ctx, 'settlement.run.approve', run, {
      status: 'approved',
      approved_by: actor.username,
      approved_at: now.toISOString(),
    });
  },
});

function expenseAccount(ruleId: string): ReturnType<typeof expenseOf> {
  const rule = getRule(ruleId);
  return expenseOf(ruleId, rule.title_zh, rule.title_en);
}

export const payRun = defineUseCase({
  name: 'settlement.run.pay',
  roles: SETTLEMENT_APPROVERS,
  scope: 'district',
  writes: true,
  input: z
    .object({
      id,
      paymentReference: shortText,
      paidOn: businessDate,
    })
    .strict(),
  async run(ctx, input): Promise<RunSummary> {
    const { db, actor, now } = ctx;
    const run = await loadRun(db, actor, input.id);
    requireStatus(run, 'approved');
    const approvedOn = businessDayOf(new Date(run.approved_at ?? now.toISOString()));
    if (input.paidOn < approvedOn) {
      throw invalid(
        'paidOn',
        `支付日期 ${input.paidOn} 早于审批日期 ${approvedOn}`,
        `The payment date ${input.paidOn} is before the approval date ${approvedOn}`,
        'date_order',
      );
    }
    const totals = await totalsByFundAndRule(db, actor.regionCode, run.id);
    const postings = netted(
      totals.flatMap((t) => [
        { account: payableOf(t.fund).code, amount: t.total },
        { account: t.fund, amount: -t.total as Fen },
      ]),
    );
    if (postings.length > 0) {
      await postEntry(db, actor, now, {
        kind: 'payment',
        postedOn: input.paidOn,
        memo: `结算批次 ${run.period_key} 支付 ${input.paymentReference} / Run ${run.period_key} paid`,
        refId: run.id,
        postings,
      });
    }
    return transition(
      ctx,
      'settlement.run.pay',
      run,
      {
        status: 'paid',
        paid_by: actor.username,
        paid_at: now.toISOString(),
        payment_reference: input.paymentReference,
      },
      { paidOn: input.paidOn },
    );
  },
});

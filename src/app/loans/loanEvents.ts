import { z } from 'zod';
import type { IsoDate } from '../../core/calendarDate.ts';
import {
  LOAN_EVENT_KINDS,
  LOAN_EVENT_NAMES_ZH,
  type LoanEventKind,
} from '../../core/loans/loanEvents.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { parseRate, rateToString } from '../../core/rate.ts';
import type { LoanEventTable, LoanTable } from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import { AppError, conflict, invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Role } from '../roles.ts';
import { defineUseCase, type UseCaseContext } from '../useCase.ts';
import { planEvent, type EventParams } from './loanEventsPlan.ts';
import {
  annualRate,
  businessDate,
  id,
  LOAN_READERS,
  positiveYuan,
  shortText,
  termMonths,
} from './loanFields.ts';
import { loadLoanVisible } from './loanScope.ts';

/**
 * Loan events, never edits (issue 4 item 6, ADR 0008). A bank officer of the lender, or
 * the district financial office or poverty office, requests one; the financial office or
 * the poverty office approves or rejects it, never the person who requested it (maker–
 * checker). Only an approved event changes the loan: a new schedule version from its
 * date, a new maturity, or the write-off; the request, the decision and the loan's
 * standing before and after are kept.
 */

export const EVENT_REQUESTERS: readonly Role[] = [
  'bank_officer',
  'financial_office',
  'poverty_office',
];
export const EVENT_APPROVERS: readonly Role[] = ['financial_office', 'poverty_office'];

export interface LoanEventOut {
  id: string;
  loanId: string;
  kind: LoanEventKind;
  kindZh: string;
  status: LoanEventTable['status'];
  effectiveOn: string;
  reason: string;
  termMonths: number | null;
  annualRate: string | null;
  amount: string | null;
  /** The requester's attestation that the arrears are not malicious (art. 32). */
  nonMalicious: boolean | null;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  before: unknown;
  after: unknown;
  /** The schedule version an approved extension, renewal or additional loan created. */
  scheduleVersion: number | null;
  version: number;
}

interface StoredParams {
  termMonths?: number;
  annualRate?: string;
  amount?: number;
  nonMalicious?: boolean;
}

function eventOut(e: LoanEventTable): LoanEventOut {
  const p = JSON.parse(e.params_json) as StoredParams;
  const kind = e.kind as LoanEventKind;
  return {
    id: e.id,
    loanId: e.loan_id,
    kind,
    kindZh: LOAN_EVENT_NAMES_ZH[kind],
    status: e.status,
    effectiveOn: e.effective_on,
    reason: e.reason,
    termMonths: p.termMonths ?? null,
    annualRate: p.annualRate ?? null,
    amount: p.amount === undefined ? null : fenToYuanString(p.amount as Fen),
    nonMalicious: p.nonMalicious ?? null,
    requestedBy: e.requested_by,
    requestedAt: e.requested_at,
    decidedBy: e.decided_by,
    decidedAt: e.decided_at,
    decisionNote: e.decision_note,
    before: e.before_json === null ? null : JSON.parse(e.before_json),
    after: e.after_json === null ? null : JSON.parse(e.after_json),
    scheduleVersion: e.schedule_version,
    version: e.version,
  };
}

function paramsOf(e: LoanEventTable): EventParams {
  const p = JSON.parse(e.params_json) as StoredParams;
  return {
    kind: e.kind as LoanEventKind,
    effectiveOn: e.effective_on as IsoDate,
    ...(p.termMonths === undefined ? {} : { termMonths: p.termMonths }),
    ...(p.annualRate === undefined ? {} : { annualRate: parseRate(p.annualRate) }),
    ...(p.amount === undefined ? {} : { amount: p.amount as Fen }),
  };
}

/** Which fields each kind needs (true), may take (false) or must not be given (absent). */
const FIELDS: Record<LoanEventKind, Partial<Record<keyof StoredParams, boolean>>> = {
  extension: { termMonths: true, nonMalicious: true },
  renewal: { termMonths: true, annualRate: false, nonMalicious: true },
  'additional-loan': { termMonths: true, annualRate: false, amount: true },
  'write-off': {},
  recovery: { amount: true },
};

function checkFields(kind: LoanEventKind, given: StoredParams): void {
  const rule = FIELDS[kind];
  for (const field of ['termMonths', 'annualRate', 'amount', 'nonMalicious'] as const) {
    const needed = rule[field];
    if (needed === true && given[field] === undefined) {
      throw invalid(
        field,
        `${LOAN_EVENT_NAMES_ZH[kind]}必须填写 ${field}`,
        `${field} is required for ${kind}`,
      );
    }
    if (needed === undefined && given[field] !== undefined) {
      throw invalid(
        field,
        `${LOAN_EVENT_NAMES_ZH[kind]}不能指定 ${field}`,
        `${field} does not apply to ${kind}`,
      );
    }
  }
  // Art. 32 covers arrears the household did not incur in bad faith only.
  if (rule.nonMalicious && given.nonMalicious !== true) {
    throw invalid(
      'nonMalicious',
      `${LOAN_EVENT_NAMES_ZH[kind]}须确认欠款非主观恶意（第三十二条：剔除主观恶意欠款不还的情况）`,
      `${kind} needs the attestation that the arrears are not malicious (art. 32)`,
    );
  }
}

async function loadEvent(
  ctx: UseCaseContext,
  loan: LoanTable,
  eventId: string,
): Promise<LoanEventTable> {
  const row = await ctx.db
    .selectFrom('loan_events')
    .selectAll()
    .where('region_code', '=', ctx.actor.regionCode)
    .where('id', '=', eventId)
    .where('loan_id', '=', loan.id)
    .executeTakeFirst();
  if (!row) throw notFound('loan event');
  return row;
}

const actorId = (actor: Actor): string => actor.userId ?? actor.username;

export const requestLoanEvent = defineUseCase({
  name: 'loan.event.request',
  roles: EVENT_REQUESTERS,
  scope: 'institution',
  writes: true,
  input: z
    .object({
      id,
      kind: z.enum(LOAN_EVENT_KINDS),
      effectiveOn: businessDate,
      reason: shortText,
      termMonths: termMonths.optional(),
      annualRate: annualRate.optional(),
      amount: positiveYuan.optional(),
      nonMalicious: z.boolean().optional(),
    })
    .strict(),
  async run({ app, db, actor, now, audit }, input): Promise<LoanEventOut> {
    const loan = await loadLoanVisible(db, actor, input.id);
    const stored: StoredParams = {
      ...(input.termMonths === undefined ? {} : { termMonths: input.termMonths }),
      ...(input.annualRate === undefined ? {} : { annualRate: rateToString(input.annualRate) }),
      ...(input.amount === undefined ? {} : { amount: input.amount }),
      ...(input.nonMalicious === undefined ? {} : { nonMalicious: input.nonMalicious }),
    };
    checkFields(input.kind, stored);
    const pending = await db
      .selectFrom('loan_events')
      .select('id')
      .where('region_code', '=', actor.regionCode)
      .where('loan_id', '=', loan.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (pending) {
      throw conflict(
        'event_pending',
        '该贷款已有待审批的事件，请先审批或驳回',
        'This loan has an event awaiting a decision; decide it first',
        'id',
      );
    }
    // Refuse now what approval would refuse against the loan as it is.
    await planEvent(app, db, actor.regionCode, loan, {
      kind: input.kind,
      effectiveOn: input.effectiveOn,
      ...(input.termMonths === undefined ? {} : { termMonths: input.termMonths }),
      ...(input.annualRate === undefined ? {} : { annualRate: input.annualRate }),
      ...(input.amount === undefined ? {} : { amount: input.amount }),
    });
    const row: LoanEventTable = {
      region_code: actor.regionCode,
      id: newId(now.getTime()),
      loan_id: loan.id,
      institution_id: loan.institution_id,
      kind: input.kind,
      status: 'pending',
      effective_on: input.effectiveOn,
      reason: input.reason,
      params_json: JSON.stringify(stored),
      requested_by: actor.username,
      requested_by_id: actorId(actor),
      requested_at: now.toISOString(),
      decided_by: null,
      decided_at: null,
      decision_note: null,
      before_json: null,
      after_json: null,
      schedule_version: null,
      annual_rate: null,
      amount: null,
      version: 1,
    };
    await db.insertInto('loan_events').values(row).execute();
    const out = eventOut(row);
    await audit({
      action: 'loan.event.request',
      entity: 'loan_event',
      entityId: row.id,
      after: out,
    });
    return out;
  },
});

const decisionInput = z.object({ id, eventId: id, note: shortText.optional() }).strict();

/** The pending event a decision is about, refused to its own requester (maker–checker). */
async function pendingFor(
  ctx: UseCaseContext,
  input: { id: string; eventId: string },
): Promise<{ loan: LoanTable; event: LoanEventTable }> {
  const loan = await loadLoanVisible(ctx.db, ctx.actor, input.id);
  const event = await loadEvent(ctx, loan, input.eventId);
  if (event.status !== 'pending') {
    throw conflict(
      'event_decided',
      `该事件已${event.status === 'approved' ? '批准' : '驳回'}`,
      `This event is already ${event.status}`,
      'eventId',
    );
  }
  if (event.requested_by_id === actorId(ctx.actor)) {
    throw new AppError(
      'forbidden',
      'maker_checker',
      '申请人不能审批自己提出的贷款事件，须由另一人审批',
      'The person who requested a loan event cannot decide it; another person must',
      'eventId',
    );
  }
  return { loan, event };
}

async function decide(
  ctx: UseCaseContext,
  event: LoanEventTable,
  set: Partial<LoanEventTable>,
): Promise<LoanEventTable> {
  const after: LoanEventTable = {
    ...event,
    ...set,
    decided_by: ctx.actor.username,
    decided_at: ctx.now.toISOString(),
    version: event.version + 1,
  };
  const res = await ctx.db
    .updateTable('loan_events')
    .set({
      ...set,
      decided_by: after.decided_by,
      decided_at: after.decided_at,
      version: after.version,
    })
    .where('region_code', '=', event.region_code)
    .where('id', '=', event.id)
    .where('version', '=', event.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) {
    throw conflict(
      'stale',
      '事件已被他人处理，请刷新',
      'The event changed meanwhile; reload',
      'eventId',
    );
  }
  return after;
}

export const approveLoanEvent = defineUseCase({
  name: 'loan.event.approve',
  roles: EVENT_APPROVERS,
  scope: 'district',
  writes: true,
  input: decisionInput,
  async run(ctx, input): Promise<LoanEventOut> {
    const { db, actor, now } = ctx;
    const { loan, event } = await pendingFor(ctx, input);
    const plan = await planEvent(ctx.app, db, actor.regionCode, loan, paramsOf(event));
    if (plan.rows !== null) {
      const rows = plan.rows.map((r) => ({
        region_code: actor.regionCode,
        loan_id: loan.id,
        schedule_version: plan.scheduleVersion!,
        n: r.n,
        period_start: r.periodStart,
        due_date: r.dueDate,
        principal: r.principal,
        interest: r.interest,
        total: r.total,
        balance_after: r.balanceAfter,
      }));
      for (let i = 0; i < rows.length; i += 200) {
        await db
          .insertInto('loan_schedule_rows')
          .values(rows.slice(i, i + 200))
          .execute();
      }
    }
    // The loan's version guards against a payment or another decision in between.
    const res = await db
      .updateTable('loans')
      .set({ ...plan.loanSet, updated_at: now.toISOString(), version: loan.version + 1 })
      .where('region_code', '=', actor.regionCode)
      .where('id', '=', loan.id)
      .where('version', '=', loan.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      throw conflict(
        'stale',
        '贷款已被他人修改，请重试',
        'The loan changed meanwhile; retry',
        'id',
      );
    }
    const after = await decide(ctx, event, {
      status: 'approved',
      decision_note: input.note ?? null,
      before_json: JSON.stringify(plan.before),
      after_json: JSON.stringify(plan.after),
      schedule_version: plan.scheduleVersion,
      annual_rate: plan.rate === null ? null : rateToString(plan.rate),
      amount: plan.amount,
    });
    const out = eventOut(after);
    await ctx.audit({
      action: 'loan.event.approve',
      entity: 'loan_event',
      entityId: event.id,
      before: { status: event.status, loan: plan.before },
      after: { status: after.status, loan: plan.after },
      detail: { loanId: loan.id, kind: event.kind },
    });
    return out;
  },
});

export const rejectLoanEvent = defineUseCase({
  name: 'loan.event.reject',
  roles: EVENT_APPROVERS,
  scope: 'district',
  writes: true,
  input: decisionInput.required({ note: true }),
  async run(ctx, input): Promise<LoanEventOut> {
    const { event } = await pendingFor(ctx, input);
    const after = await decide(ctx, event, { status: 'rejected', decision_note: input.note });
    const out = eventOut(after);
    await ctx.audit({
      action: 'loan.event.reject',
      entity: 'loan_event',
      entityId: event.id,
      before: { status: event.status },
      after: { status: after.status, note: input.note },
    });
    return out;
  },
});

export const listLoanEvents = defineUseCase({
  name: 'loan.events',
  roles: LOAN_READERS,
  scope: 'institution',
  writes: false,
  input: z.object({ id }).strict(),
  async run({ db, actor }, input): Promise<LoanEventOut[]> {
    const loan = await loadLoanVisible(db, actor, input.id);
    const rows = await db
      .selectFrom('loan_events')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .where('loan_id', '=', loan.id)
      .orderBy('requested_at')
      .orderBy('id')
      .execute();
    return rows.map(eventOut);
  },
});

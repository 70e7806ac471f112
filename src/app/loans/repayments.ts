import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import { allocatePayment, type DueRow } from '../../core/loans/servicing.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import type { Database, RepaymentTable } from '../../store/schema.ts';
import { conflict, invalid } from '../errors.ts';
import { newId } from '../ids.ts';
import { defineUseCase } from '../useCase.ts';
import { bilingual } from '../validation.ts';
import { businessDate, id, positiveYuan } from './loanFields.ts';
import { loadLoanVisible } from './loanScope.ts';

/** Repayments recorded by hand by the lending bank (issue 4 §5, first part). */

export interface Repayment {
  id: string;
  loanId: string;
  paidOn: string;
  amount: string;
  principal: string;
  interest: string;
  penalty: string;
  bankTxnId: string;
  recordedBy: string;
  recordedAt: string;
}

export function repaymentOut(r: RepaymentTable): Repayment {
  const y = (v: number): string => fenToYuanString(v as Fen);
  return {
    id: r.id,
    loanId: r.loan_id,
    paidOn: r.paid_on,
    amount: y(r.amount),
    principal: y(r.principal),
    interest: y(r.interest),
    penalty: y(r.penalty),
    bankTxnId: r.bank_txn_id,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  };
}

/** The rows of the loan's current schedule version, in instalment order. */
export async function currentSchedule(
  db: Kysely<Database>,
  regionCode: string,
  loanId: string,
): Promise<(DueRow & { periodStart: IsoDate; total: Fen; balanceAfter: Fen })[]> {
  const rows = await db
    .selectFrom('loan_schedule_rows')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('loan_id', '=', loanId)
    .orderBy('schedule_version', 'desc')
    .orderBy('n')
    .execute();
  const version = rows[0]?.schedule_version;
  return rows
    .filter((r) => r.schedule_version === version)
    .map((r) => ({
      n: r.n,
      periodStart: r.period_start as IsoDate,
      dueDate: r.due_date as IsoDate,
      principal: Number(r.principal) as Fen,
      interest: Number(r.interest) as Fen,
      total: Number(r.total) as Fen,
      balanceAfter: Number(r.balance_after) as Fen,
    }));
}

export async function repaymentsOf(
  db: Kysely<Database>,
  regionCode: string,
  loanId: string,
): Promise<RepaymentTable[]> {
  return db
    .selectFrom('repayments')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('loan_id', '=', loanId)
    .orderBy('paid_on')
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
}

export const recordRepayment = defineUseCase({
  name: 'loan.repay',
  roles: ['bank_officer'],
  scope: 'institution',
  writes: true,
  input: z
    .object({
      id,
      paidOn: businessDate,
      amount: positiveYuan,
      bankTxnId: z
        .string()
        .trim()
        .min(1, bilingual('不能为空', 'must not be empty'))
        .max(64, bilingual('不能超过64个字符', 'must be at most 64 characters')),
    })
    .strict(),
  async run({ db, actor, now, audit }, input): Promise<Repayment> {
    const loan = await loadLoanVisible(db, actor, input.id);
    if (loan.status !== 'disbursed' || loan.disbursed_on === null) {
      throw conflict(
        'loan_not_disbursed',
        loan.status === 'closed' ? '贷款已结清，不能再还款' : '贷款尚未放款，不能还款',
        loan.status === 'closed'
          ? 'The loan is closed; no more payments'
          : 'The loan has not been disbursed; no payment can be recorded',
        'id',
      );
    }
    if (input.paidOn < loan.disbursed_on) {
      throw invalid(
        'paidOn',
        `还款日期不能早于放款日期 ${loan.disbursed_on}`,
        `must not be before the disbursement date ${loan.disbursed_on}`,
      );
    }
    const dup = await db
      .selectFrom('repayments')
      .select('id')
      .where('region_code', '=', actor.regionCode)
      .where('institution_id', '=', loan.institution_id)
      .where('bank_txn_id', '=', input.bankTxnId)
      .executeTakeFirst();
    if (dup) {
      throw conflict(
        'duplicate_bank_txn',
        '该银行流水号已登记过',
        'This bank transaction id has already been recorded',
        'bankTxnId',
      );
    }
    const schedule = await currentSchedule(db, actor.regionCode, loan.id);
    const earlier = await repaymentsOf(db, actor.regionCode, loan.id);
    const paidInterest = earlier.reduce((s, r) => s + Number(r.interest), 0) as Fen;
    const paidPrincipal = earlier.reduce((s, r) => s + Number(r.principal), 0) as Fen;
    const split = allocatePayment(schedule, paidInterest, paidPrincipal, input.amount);
    if (split.unallocated > 0) {
      throw invalid(
        'amount',
        `还款金额超过尚欠的本息，多出 ${fenToYuanString(split.unallocated)} 元`,
        `exceeds everything still owed by ${fenToYuanString(split.unallocated)} yuan`,
      );
    }
    const row: RepaymentTable = {
      region_code: actor.regionCode,
      id: newId(now.getTime()),
      loan_id: loan.id,
      institution_id: loan.institution_id,
      paid_on: input.paidOn,
      amount: input.amount,
      principal: split.principal,
      interest: split.interest,
      penalty: split.penalty,
      bank_txn_id: input.bankTxnId,
      recorded_by: actor.username,
      recorded_at: now.toISOString(),
    };
    await db.insertInto('repayments').values(row).execute();
    const owedPrincipal =
      schedule.reduce((s, r) => s + r.principal, 0) - paidPrincipal - split.principal;
    const owedInterest =
      schedule.reduce((s, r) => s + r.interest, 0) - paidInterest - split.interest;
    const closes = owedPrincipal === 0 && owedInterest === 0;
    // Every payment bumps the loan's version, so two payments allocated against the same
    // earlier state cannot both commit: the second one answers 'stale'.
    const res = await db
      .updateTable('loans')
      .set({
        ...(closes ? { status: 'closed' as const } : {}),
        updated_at: now.toISOString(),
        version: loan.version + 1,
      })
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
    const out = repaymentOut(row);
    await audit({
      action: 'loan.repay',
      entity: 'loan',
      entityId: loan.id,
      after: out,
      ...(closes ? { detail: { closed: true } } : {}),
    });
    return out;
  },
});

import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import {
  penaltyAcrossVersions,
  type PenaltyVersion,
  type PrincipalPaid,
} from '../../core/loans/penalty.ts';
import { allocatePayment, type Allocation, type DueRow } from '../../core/loans/servicing.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import type { Database, LoanTable, RepaymentTable } from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import { AppError, conflict } from '../errors.ts';
import { newId } from '../ids.ts';
import { defineUseCase } from '../useCase.ts';
import { penaltyVersions, scheduleVersions } from './loanEventsVersions.ts';
import { bankTxnId, businessDate, id, positiveYuan } from './loanFields.ts';
import { loadLoanVisible } from './loanScope.ts';
import { loadProduct, servicingOf, type ProductServicing } from './products.ts';

/**
 * Repayments: recorded by hand by the lending bank, or imported from its file
 * (repaymentImport.ts). Both allocate through `allocateOnto` and save through
 * `saveBooks`, so a payment is split and checked the same way whichever door it came in.
 */

export interface Repayment {
  id: string;
  loanId: string;
  paidOn: string;
  amount: string;
  principal: string;
  interest: string;
  penalty: string;
  bankTxnId: string;
  /** The bank's note from its repayment file; null when none. */
  note: string | null;
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
    note: r.note,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  };
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

export type ScheduleRow = DueRow & { periodStart: IsoDate; total: Fen; balanceAfter: Fen };

/** A loan with its schedule and what earlier payments covered: what allocation works on. */
export interface LoanBook {
  readonly loan: LoanTable;
  readonly schedule: readonly ScheduleRow[];
  paidInterest: Fen;
  paidPrincipal: Fen;
  /** Payments allocated onto this book and not yet saved. */
  added: number;
  // Servicing (ADR 0008). A book without them allocates penalty → interest → principal
  // and charges no penalty, as before products had these settings.
  servicing?: ProductServicing;
  /** The schedule versions with their penalty terms; null when the product has no penalty. */
  penalty?: PenaltyVersion[] | null;
  /** The principal parts of the payments so far, dated: what stops penalty accruing. */
  principalPaid?: PrincipalPaid[];
  paidPenalty?: Fen;
  /** Penalty still owed after the last payment allocated onto the book. */
  penaltyLeft?: Fen;
  /** The latest approved event's date: a payment dated before it is refused. */
  notBefore?: IsoDate;
}

export async function loadBook(
  db: Kysely<Database>,
  regionCode: string,
  loan: LoanTable,
): Promise<LoanBook> {
  const [versions, earlier, product, lastEvent] = await Promise.all([
    scheduleVersions(db, regionCode, loan),
    db
      .selectFrom('repayments')
      .select(['paid_on', 'principal', 'interest', 'penalty'])
      .where('region_code', '=', regionCode)
      .where('loan_id', '=', loan.id)
      .execute(),
    loadProduct(db, regionCode, loan.product_id),
    db
      .selectFrom('loan_events')
      .select('effective_on')
      .where('region_code', '=', regionCode)
      .where('loan_id', '=', loan.id)
      .where('status', '=', 'approved')
      .orderBy('effective_on', 'desc')
      .executeTakeFirst(),
  ]);
  const servicing = servicingOf(product);
  const sum = (key: 'principal' | 'interest' | 'penalty'): Fen =>
    earlier.reduce((s, r) => s + Number(r[key]), 0) as Fen;
  return {
    loan,
    schedule: versions.at(-1)?.rows ?? [],
    paidInterest: sum('interest'),
    paidPrincipal: sum('principal'),
    added: 0,
    servicing,
    penalty: penaltyVersions(versions, servicing),
    principalPaid: earlier.map((r) => ({
      paidOn: r.paid_on as IsoDate,
      principal: Number(r.principal) as Fen,
    })),
    paidPenalty: sum('penalty'),
    ...(lastEvent ? { notBefore: lastEvent.effective_on as IsoDate } : {}),
  };
}

/** Why a payment cannot be taken, naming the payment's field at fault. */
export interface PaymentRefusal {
  kind: 'conflict' | 'invalid';
  code: string;
  field: 'id' | 'paidOn' | 'amount';
  zh: string;
  en: string;
}

const owedOf = (book: LoanBook): number =>
  book.schedule.reduce((s, r) => s + r.principal + r.interest, 0) -
  book.paidPrincipal -
  book.paidInterest;

/** A payment dated before the loan's disbursement (null when it is not, or not yet lent). */
export function paidBeforeDisbursement(loan: LoanTable, paidOn: IsoDate): PaymentRefusal | null {
  if (loan.disbursed_on === null || paidOn >= loan.disbursed_on) return null;
  return {
    kind: 'invalid',
    code: 'before_disbursement',
    field: 'paidOn',
    zh: `还款日期不能早于放款日期 ${loan.disbursed_on}`,
    en: `must not be before the disbursement date ${loan.disbursed_on}`,
  };
}

/**
 * The one allocation of a payment onto a loan, in the product's order (default penalty →
 * interest → principal, instalment by instalment), with the penalty interest accrued by
 * the payment date: refused before disbursement, once closed or written off, dated
 * before the disbursement or the latest event, or larger than everything still owed;
 * otherwise the split, already counted into the book so the next payment onto it
 * allocates after this one.
 */
export function allocateOnto(
  book: LoanBook,
  paidOn: IsoDate,
  amount: Fen,
): { split: Allocation } | { refusal: PaymentRefusal } {
  const { loan } = book;
  if (loan.status === 'written_off') {
    return {
      refusal: {
        kind: 'conflict',
        code: 'loan_written_off',
        field: 'id',
        zh: '贷款已核销；核销后收到的款项请登记为“核销后收回”事件',
        en: 'The loan is written off; money received now is a "recovery after write-off" event',
      },
    };
  }
  if (loan.status !== 'disbursed' || loan.disbursed_on === null) {
    const closed = loan.status === 'closed';
    return {
      refusal: {
        kind: 'conflict',
        code: 'loan_not_disbursed',
        field: 'id',
        zh: closed ? '贷款已结清，不能再还款' : '贷款尚未放款，不能还款',
        en: closed
          ? 'The loan is closed; no more payments'
          : 'The loan has not been disbursed; no payment can be recorded',
      },
    };
  }
  const early = paidBeforeDisbursement(loan, paidOn);
  if (early) return { refusal: early };
  if (book.notBefore !== undefined && paidOn < book.notBefore) {
    return {
      refusal: {
        kind: 'invalid',
        code: 'before_event',
        field: 'paidOn',
        zh: `还款日期不能早于已批准的贷款事件日期 ${book.notBefore}（此后的还款计划已变更）`,
        en: `must not be before ${book.notBefore}, the date of an approved loan event (the schedule changed from then)`,
      },
    };
  }
  const accrued = book.penalty
    ? penaltyAcrossVersions(book.penalty, book.principalPaid ?? [], paidOn)
    : 0;
  const penaltyDue = Math.max(0, accrued - (book.paidPenalty ?? 0)) as Fen;
  const split = allocatePayment(
    book.schedule,
    book.paidInterest,
    book.paidPrincipal,
    amount,
    penaltyDue,
    { paidOn, ...(book.servicing ? { order: book.servicing.order } : {}) },
  );
  if (split.unallocated > 0) {
    const over = fenToYuanString(split.unallocated);
    return {
      refusal: {
        kind: 'invalid',
        code: 'exceeds_owed',
        field: 'amount',
        zh: `还款金额超过尚欠的本息，多出 ${over} 元`,
        en: `exceeds everything still owed by ${over} yuan`,
      },
    };
  }
  book.paidInterest = (book.paidInterest + split.interest) as Fen;
  book.paidPrincipal = (book.paidPrincipal + split.principal) as Fen;
  book.paidPenalty = ((book.paidPenalty ?? 0) + split.penalty) as Fen;
  book.penaltyLeft = (penaltyDue - split.penalty) as Fen;
  book.principalPaid = [...(book.principalPaid ?? []), { paidOn, principal: split.principal }];
  book.added++;
  return { split };
}

/** The repayments row for a payment allocated onto `book`. */
export function repaymentRow(
  actor: Actor,
  now: Date,
  book: LoanBook,
  payment: { paidOn: IsoDate; amount: Fen; bankTxnId: string; note?: string | null },
  split: Allocation,
): RepaymentTable {
  return {
    region_code: actor.regionCode,
    id: newId(now.getTime()),
    loan_id: book.loan.id,
    institution_id: book.loan.institution_id,
    paid_on: payment.paidOn,
    amount: payment.amount,
    principal: split.principal,
    interest: split.interest,
    penalty: split.penalty,
    bank_txn_id: payment.bankTxnId,
    note: payment.note ?? null,
    recorded_by: actor.username,
    recorded_at: now.toISOString(),
  };
}

/**
 * Writes the payments allocated onto the books, then, per loan that took any, bumps its
 * version (so two writers allocating against the same earlier state cannot both commit:
 * the second answers 'stale') and closes it when nothing is owed any more. Returns the
 * ids of the loans closed.
 */
export async function saveBooks(
  db: Kysely<Database>,
  regionCode: string,
  now: Date,
  books: Iterable<LoanBook>,
  rows: readonly RepaymentTable[],
): Promise<Set<string>> {
  // 13 columns a row: 500 rows stay far below SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('repayments')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  const closed = new Set<string>();
  for (const book of books) {
    if (book.added === 0) continue;
    const closes = owedOf(book) === 0 && (book.penaltyLeft ?? 0) === 0;
    const res = await db
      .updateTable('loans')
      .set({
        ...(closes ? { status: 'closed' as const } : {}),
        updated_at: now.toISOString(),
        version: book.loan.version + 1,
      })
      .where('region_code', '=', regionCode)
      .where('id', '=', book.loan.id)
      .where('version', '=', book.loan.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      throw conflict(
        'stale',
        '贷款已被他人修改，请重试',
        'The loan changed meanwhile; retry',
        'id',
      );
    }
    if (closes) closed.add(book.loan.id);
  }
  return closed;
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
      bankTxnId,
    })
    .strict(),
  async run({ db, actor, now, audit }, input): Promise<Repayment> {
    const loan = await loadLoanVisible(db, actor, input.id);
    const book = await loadBook(db, actor.regionCode, loan);
    const allocated = allocateOnto(book, input.paidOn, input.amount);
    if ('refusal' in allocated) {
      const r = allocated.refusal;
      throw new AppError(
        r.kind,
        r.kind === 'conflict' ? r.code : 'invalid_input',
        r.zh,
        r.en,
        r.field,
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
    const row = repaymentRow(actor, now, book, input, allocated.split);
    const closed = await saveBooks(db, actor.regionCode, now, [book], [row]);
    const out = repaymentOut(row);
    await audit({
      action: 'loan.repay',
      entity: 'loan',
      entityId: loan.id,
      after: out,
      ...(closed.size ? { detail: { closed: true } } : {}),
    });
    return out;
  },
});

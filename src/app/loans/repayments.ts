import type SQLite from 'better-sqlite3';
import { z } from 'zod';
import { sql, type Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import { penaltyAcrossVersions } from '../../core/loans/penalty.ts';
import { allocatePayment, type Allocation } from '../../core/loans/servicing.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { insertRows, preparedStatement, type ColumnType } from '../../store/insertRows.ts';
import type { Database, LoanTable, RepaymentTable } from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import { AppError, conflict } from '../errors.ts';
import { newId } from '../ids.ts';
import { defineUseCase } from '../useCase.ts';
import { loadBooks, type LoanBook } from './bookLoader.ts';
import { bankTxnId, businessDate, id, positiveYuan } from './loanFields.ts';
import { loadLoanVisible } from './loanScope.ts';

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

/** One loan's book, read as `loadBooks` reads many. */
export async function loadBook(
  db: Kysely<Database>,
  regionCode: string,
  loan: LoanTable,
): Promise<LoanBook> {
  return (await loadBooks(db, regionCode, [loan])).get(loan.id)!;
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

const REPAYMENT_COLUMNS = {
  region_code: 'text',
  id: 'text',
  loan_id: 'text',
  institution_id: 'text',
  paid_on: 'text',
  amount: 'bigint',
  principal: 'bigint',
  interest: 'bigint',
  penalty: 'bigint',
  bank_txn_id: 'text',
  note: 'text',
  recorded_by: 'text',
  recorded_at: 'text',
} as const satisfies Record<keyof RepaymentTable, ColumnType>;

/** One loan's compare-and-set: the version it was read at, and whether it closes. */
interface VersionBump {
  id: string;
  version: number;
  closes: boolean;
}

/**
 * Writes the payments allocated onto the books, then, per loan that took any, bumps its
 * version (so two writers allocating against the same earlier state cannot both commit:
 * the second answers 'stale') and closes it when nothing is owed any more. Returns the
 * ids of the loans closed. Rows and bumps go in bound statements (a prepared statement
 * per row on SQLite, one JSON parameter on PostgreSQL), not one query per loan.
 */
export async function saveBooks(
  db: Kysely<Database>,
  sqlite: SQLite.Database | undefined,
  regionCode: string,
  now: Date,
  books: Iterable<LoanBook>,
  rows: readonly RepaymentTable[],
): Promise<Set<string>> {
  await insertRows(db, sqlite, 'repayments', REPAYMENT_COLUMNS, rows);
  const bumps: VersionBump[] = [];
  for (const book of books) {
    if (book.added === 0) continue;
    const closes = owedOf(book) === 0 && (book.penaltyLeft ?? 0) === 0;
    bumps.push({ id: book.loan.id, version: book.loan.version, closes });
  }
  const updated = await bumpVersions(db, sqlite, regionCode, now.toISOString(), bumps);
  if (updated !== bumps.length) {
    throw conflict('stale', '贷款已被他人修改，请重试', 'The loan changed meanwhile; retry', 'id');
  }
  return new Set(bumps.filter((b) => b.closes).map((b) => b.id));
}

/** Applies the bumps whose loan is still at its version; returns how many were. */
async function bumpVersions(
  db: Kysely<Database>,
  sqlite: SQLite.Database | undefined,
  regionCode: string,
  at: string,
  bumps: readonly VersionBump[],
): Promise<number> {
  if (bumps.length === 0) return 0;
  if (sqlite !== undefined) {
    const update = preparedStatement(
      sqlite,
      `update loans set version = version + 1, updated_at = ?,
         status = case when ? then 'closed' else status end
       where region_code = ? and id = ? and version = ?`,
    );
    let updated = 0;
    for (const b of bumps) {
      updated += update.run(at, b.closes ? 1 : 0, regionCode, b.id, b.version).changes;
    }
    return updated;
  }
  const res = await sql`update loans as l
    set version = l.version + 1, updated_at = ${at},
      status = case when x.closes then 'closed' else l.status end
    from json_to_recordset(${JSON.stringify(bumps)}::json) as x(id text, version integer, closes boolean)
    where l.region_code = ${regionCode} and l.id = x.id and l.version = x.version`.execute(db);
  return Number(res.numAffectedRows ?? 0);
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
  async run({ app, db, actor, now, audit }, input): Promise<Repayment> {
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
    const closed = await saveBooks(db, app.store.sqlite, actor.regionCode, now, [book], [row]);
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

import type { Kysely } from 'kysely';
import type { IsoDate } from '../../core/calendarDate.ts';
import { DomainError } from '../../core/errors.ts';
import { accruedInterestTo } from '../../core/loans/accruedInterest.ts';
import {
  LOAN_EVENT_NAMES_ZH,
  latestExtendedMaturity,
  maxExtensionMonths,
  type LoanEventKind,
} from '../../core/loans/loanEvents.ts';
import { penaltyAcrossVersions } from '../../core/loans/penalty.ts';
import { rescheduleFrom } from '../../core/loans/reschedule.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { rateToString, type Rate } from '../../core/rate.ts';
import type { InterestPeriod } from '../../core/schedule/index.ts';
import type { ScheduleRow } from '../../core/schedule/types.ts';
import type { Database, LoanStatus, LoanTable } from '../../store/schema.ts';
import type { App } from '../app.ts';
import { AppError, conflict, invalid } from '../errors.ts';
import { checkAdditionalLoan, checkedByArt11 } from './eligibility.ts';
import type { WrittenOff } from './loanEventsWriteOff.ts';
import { penaltyVersions, scheduleVersions } from './loanEventsVersions.ts';
import { loadProduct, servicingOf } from './products.ts';

/**
 * What an event would do to a loan today: checked when it is requested (so bad input is
 * refused at once) and computed again when it is approved, against the loan as it is
 * then (payments may have come in meanwhile). ADR 0008.
 */

export interface EventParams {
  readonly kind: LoanEventKind;
  readonly effectiveOn: IsoDate;
  /** extension, renewal, additional loan: months from the event date to the new maturity. */
  readonly termMonths?: number;
  /** renewal, additional loan: a new annual rate (default: the rate in force). */
  readonly annualRate?: Rate;
  /** additional loan: principal lent; recovery: amount recovered. */
  readonly amount?: Fen;
}

/** The loan's standing on the event date, as the event's before/after shows it. */
export interface Standing {
  status: LoanStatus;
  maturityDate: string | null;
  scheduleVersion: number;
  annualRate: string;
  outstandingPrincipal: string;
  interestOwed: string;
  penaltyOwed: string;
}

export interface EventPlan {
  readonly before: Standing;
  readonly after: Record<string, unknown>;
  /** The new schedule version's rows (extension, renewal, additional loan). */
  readonly rows: ScheduleRow[] | null;
  readonly scheduleVersion: number | null;
  readonly rate: Rate | null;
  /** Additional principal, amount written off, or amount recovered. */
  readonly amount: Fen | null;
  readonly loanSet: Partial<Pick<LoanTable, 'maturity_date' | 'status'>>;
}

const y = (v: number): string => fenToYuanString(v as Fen);

/** A core refusal (e.g. a new term of 0 months) named by the request's field. */
function refused(e: unknown): never {
  if (e instanceof DomainError) {
    const field =
      e.field === 'months' ? 'termMonths' : e.field === 'principal' ? 'amount' : e.field;
    throw new AppError('invalid', 'invalid_input', e.message_zh, e.message_en, field);
  }
  throw e;
}

export async function planEvent(
  app: App,
  db: Kysely<Database>,
  regionCode: string,
  loan: LoanTable,
  p: EventParams,
): Promise<EventPlan> {
  const wanted: LoanStatus = p.kind === 'recovery' ? 'written_off' : 'disbursed';
  if (loan.status !== wanted || loan.disbursed_on === null) {
    throw conflict(
      'loan_status',
      `贷款状态为“${loan.status}”，${LOAN_EVENT_NAMES_ZH[p.kind]}需要“${wanted}”`,
      `The loan is ${loan.status}; ${p.kind} needs it ${wanted}`,
      'id',
    );
  }
  const [versions, repayments, product, decided] = await Promise.all([
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
      .select(['kind', 'effective_on', 'amount'])
      .where('region_code', '=', regionCode)
      .where('loan_id', '=', loan.id)
      .where('status', '=', 'approved')
      .execute(),
  ]);
  const on = p.effectiveOn;
  // The schedule changes from the event date, so it cannot come before what already
  // happened under the old one: the disbursement, a payment, an earlier event.
  const latest = [
    loan.disbursed_on,
    ...repayments.map((r) => r.paid_on),
    ...decided.map((e) => e.effective_on),
  ].reduce((a, b) => (b > a ? b : a));
  if (on < latest) {
    throw invalid(
      'effectiveOn',
      `事件日期不能早于 ${latest}（放款、最近一次还款或上一个贷款事件的日期）`,
      `must not be before ${latest} (the disbursement, the latest payment or the latest event)`,
    );
  }

  const servicing = servicingOf(product);
  const current = versions.at(-1)!;
  const paid = (key: 'principal' | 'interest' | 'penalty'): number =>
    repayments.reduce((s, r) => s + Number(r[key]), 0);
  const lent = current.rows.reduce((s, r) => s + r.principal, 0);
  const accrual = {
    rate: current.rate,
    dayCount: servicing.dayCount,
    rounding: servicing.rounding,
  };
  const principalOwed = lent - paid('principal');
  const interestOwed = Math.max(0, accruedInterestTo(current.rows, on, accrual) - paid('interest'));
  const penalty = penaltyVersions(versions, servicing);
  const penaltyOwed = penalty
    ? Math.max(
        0,
        penaltyAcrossVersions(
          penalty,
          repayments.map((r) => ({
            paidOn: r.paid_on as IsoDate,
            principal: Number(r.principal) as Fen,
          })),
          on,
        ) - paid('penalty'),
      )
    : 0;
  const before: Standing = {
    status: loan.status,
    maturityDate: loan.maturity_date,
    scheduleVersion: current.version,
    annualRate: rateToString(current.rate),
    outstandingPrincipal: y(principalOwed),
    interestOwed: y(interestOwed),
    penaltyOwed: y(penaltyOwed),
  };
  const plan = { before, rows: null, scheduleVersion: null, rate: null, amount: null };

  switch (p.kind) {
    case 'extension':
    case 'renewal':
    case 'additional-loan': {
      if (p.kind === 'additional-loan' && p.amount !== undefined && checkedByArt11(product)) {
        await checkAdditionalLoan(app, db, regionCode, product, {
          householdId: loan.household_id,
          amount: p.amount,
          termMonths: p.termMonths ?? 0,
          on,
        });
      }
      const rate = p.annualRate ?? current.rate;
      let out;
      try {
        out = rescheduleFrom({
          rows: current.rows,
          paidPrincipal: paid('principal') as Fen,
          paidInterest: paid('interest') as Fen,
          effectiveOn: on,
          accrual,
          ...(p.amount === undefined ? {} : { additionalPrincipal: p.amount }),
          terms: {
            annualRate: rate,
            months: p.termMonths ?? 0,
            method: loan.method,
            // A grace period's interest period is for the original grace months only:
            // the new schedule from the event has no grace (ADR 0012).
            ...(product.interest_period === null || loan.method !== 'interest-only'
              ? {}
              : { interestPeriod: product.interest_period as InterestPeriod }),
            dayCount: servicing.dayCount,
            rounding: servicing.rounding,
          },
        });
      } catch (e) {
        return refused(e);
      }
      if (p.kind !== 'additional-loan' && loan.maturity_date !== null) {
        if (out.maturityDate <= loan.maturity_date) {
          throw invalid(
            'termMonths',
            `新的到期日 ${out.maturityDate} 必须晚于现在的到期日 ${loan.maturity_date}`,
            `the new maturity ${out.maturityDate} must be after the current one, ${loan.maturity_date}`,
          );
        }
        const limit = latestExtendedMaturity(loan.disbursed_on as IsoDate, loan.term_months);
        if (p.kind === 'extension' && out.maturityDate > limit) {
          const months = String(maxExtensionMonths(loan.term_months));
          throw invalid(
            'termMonths',
            `展期累计不得超过 ${months} 个月（《贷款通则》第十二条），到期日最晚 ${limit}`,
            `extensions may add at most ${months} months in all (General Rules on Loans, art. 12): maturity no later than ${limit}`,
          );
        }
      }
      return {
        ...plan,
        rows: out.rows,
        scheduleVersion: current.version + 1,
        rate,
        amount: p.amount ?? null,
        after: {
          status: loan.status,
          maturityDate: out.maturityDate,
          scheduleVersion: current.version + 1,
          annualRate: rateToString(rate),
          scheduledPrincipal: y(out.newPrincipal),
          carriedInterest: y(out.carriedInterest),
          penaltyOwed: y(penaltyOwed),
        },
        loanSet: { maturity_date: out.maturityDate },
      };
    }
    case 'write-off': {
      const writtenOff: WrittenOff = {
        principal: principalOwed,
        interest: interestOwed,
        penalty: penaltyOwed,
      };
      const total = principalOwed + interestOwed + penaltyOwed;
      return {
        ...plan,
        amount: total as Fen,
        after: { status: 'written_off', writtenOff, total: y(total) },
        loanSet: { status: 'written_off' },
      };
    }
    case 'recovery': {
      const writtenOff = decided
        .filter((e) => e.kind === 'write-off')
        .reduce((s, e) => s + Number(e.amount), 0);
      const recovered = decided
        .filter((e) => e.kind === 'recovery')
        .reduce((s, e) => s + Number(e.amount), 0);
      const amount = p.amount ?? 0;
      if (amount > writtenOff - recovered) {
        throw invalid(
          'amount',
          `收回金额超过核销后尚未收回的 ${y(writtenOff - recovered)} 元`,
          `exceeds the ${y(writtenOff - recovered)} yuan written off and not yet recovered`,
        );
      }
      return {
        ...plan,
        amount: amount as Fen,
        after: {
          status: loan.status,
          recovered: y(recovered + amount),
          notRecovered: y(writtenOff - recovered - amount),
        },
        loanSet: {},
      };
    }
  }
}

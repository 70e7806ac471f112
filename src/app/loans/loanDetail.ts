import { z } from 'zod';
import {
  classifyByDaysPastDue,
  daysPastDue,
  delinquencyBucket,
  type DelinquencyBucket,
  LOAN_CLASS_NAMES_ZH,
  type LoanClass,
} from '../../core/loans/servicing.ts';
import { accruedInterestTo } from '../../core/loans/accruedInterest.ts';
import { instalmentCoverage } from '../../core/loans/onTime.ts';
import { penaltyAcrossVersions } from '../../core/loans/penalty.ts';
import type { IsoDate } from '../../core/calendarDate.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import { parseRate, rateToString } from '../../core/rate.ts';
import type { LoanStatus } from '../../store/schema.ts';
import { invalid } from '../errors.ts';
import { defineUseCase } from '../useCase.ts';
import { paging, type Page } from '../validation.ts';
import { creditTermsOfLoan, creditTermsOut, type CreditTermsOut } from '../credit/creditTerms.ts';
import { writeOffOf, type WriteOffOut } from './loanEventsWriteOff.ts';
import { penaltyVersions, scheduleVersions, versionOn } from './loanEventsVersions.ts';
import { businessDate, id, LOAN_READERS } from './loanFields.ts';
import { loadLoanVisible } from './loanScope.ts';
import { loanOut, type LoanSummary } from './loanOut.ts';
import { loadProduct, servicingOf, type ProductServicing } from './products.ts';
import { repaymentOut, repaymentsOf, type Repayment } from './repayments.ts';

export interface ScheduleRowOut {
  n: number;
  periodStart: string;
  dueDate: string;
  principal: string;
  interest: string;
  total: string;
  balanceAfter: string;
}

/** Whether an instalment (interest period) was paid on time, as of the detail's asOf. */
export interface InstalmentOut {
  n: number;
  dueDate: string;
  /** The day payments first covered it in full (principal + interest); null if not by asOf. */
  coveredOn: string | null;
  /** By the due date, or the next working day when that is a weekend; null = not yet decided. */
  onTime: boolean | null;
}

export interface LoanDetail {
  loan: LoanSummary;
  /** The version shown: the one asked for, else the one in force on asOf (0: none yet). */
  scheduleVersion: number;
  /** Every version, with the date it took effect and the event that made it. */
  scheduleVersions: { version: number; effectiveOn: string; eventId: string | null }[];
  schedule: ScheduleRowOut[];
  repayments: Repayment[];
  instalments: InstalmentOut[];
  asOf: string;
  /** Principal not yet repaid by payments made on or before asOf (0 before disbursement). */
  outstandingPrincipal: string;
  daysPastDue: number;
  /** 逾期账龄: M0, M1 (1–30 days) … M7+ (over 180). */
  bucket: DelinquencyBucket;
  classification: LoanClass;
  classificationZh: string;
  /** Interest the schedule in force earned by asOf (计提), and what payments by then left of it. */
  accruedInterest: string;
  interestOwed: string;
  /** Penalty interest (罚息) accrued by asOf less penalty paid by then. */
  penaltyOwed: string;
  /** The annual rate in force on asOf, and the penalty rate (null: the product has none). */
  rateInForce: string;
  penaltyRate: string | null;
  servicing: Pick<ProductServicing, 'order' | 'penaltyFactor' | 'classBounds'>;
  /** What was written off and recovered since, once a write-off is approved. */
  writeOff: WriteOffOut | null;
  /** A credit household's better terms applied to the application (art. 10, 33). */
  creditTerms: CreditTermsOut | null;
}

const y = (v: number): string => fenToYuanString(v as Fen);

export const getLoan = defineUseCase({
  name: 'loan.get',
  roles: LOAN_READERS,
  scope: 'institution',
  writes: false,
  input: z
    .object({
      id,
      asOf: businessDate,
      scheduleVersion: z.coerce.number().int().min(1).max(10_000).optional(),
    })
    .strict(),
  async run({ db, actor }, input): Promise<LoanDetail> {
    const loan = await loadLoanVisible(db, actor, input.id);
    const [versions, repayments, product, writeOff, terms] = await Promise.all([
      scheduleVersions(db, actor.regionCode, loan),
      repaymentsOf(db, actor.regionCode, loan.id),
      loadProduct(db, actor.regionCode, loan.product_id),
      writeOffOf(db, actor.regionCode, loan.id, input.asOf),
      creditTermsOfLoan(db, actor.regionCode, loan.id),
    ]);
    const servicing = servicingOf(product);
    const inForce = versionOn(versions, input.asOf);
    const shown =
      input.scheduleVersion === undefined
        ? inForce
        : versions.find((v) => v.version === input.scheduleVersion);
    if (input.scheduleVersion !== undefined && shown === undefined) {
      throw invalid(
        'scheduleVersion',
        '该贷款没有这个还款计划版本',
        'no such schedule version of this loan',
      );
    }
    const schedule = inForce?.rows ?? [];
    const byDate = repayments.filter((r) => r.paid_on <= input.asOf);
    const paid = (key: 'principal' | 'interest' | 'penalty'): number =>
      byDate.reduce((s, r) => s + Number(r[key]), 0);
    const principalPaid = paid('principal');
    const covered = (principalPaid + paid('interest')) as Fen;
    const lentBy = loan.disbursed_on !== null && loan.disbursed_on <= input.asOf;
    const dpd = lentBy ? daysPastDue(schedule, covered, input.asOf) : 0;
    const cls = classifyByDaysPastDue(dpd, servicing.classBounds);
    const accrual = inForce && {
      rate: inForce.rate,
      dayCount: servicing.dayCount,
      rounding: servicing.rounding,
    };
    const accrued = lentBy && accrual ? accruedInterestTo(schedule, input.asOf, accrual) : 0;
    const penalty = penaltyVersions(versions, servicing);
    const penaltyAccrued =
      lentBy && penalty
        ? penaltyAcrossVersions(
            penalty,
            byDate.map((r) => ({
              paidOn: r.paid_on as IsoDate,
              principal: Number(r.principal) as Fen,
            })),
            input.asOf,
          )
        : 0;
    const penaltyInForce = penalty?.findLast((v) => v.effectiveOn <= input.asOf) ?? penalty?.[0];
    // Every version's principal rows add up to what was lent by its date (the contract
    // amount and the additional loans), so the version in force says what was lent by asOf.
    const lent = schedule.reduce((s, r) => s + r.principal, 0);
    return {
      loan: loanOut(loan),
      scheduleVersion: shown?.version ?? 0,
      scheduleVersions: versions.map((v) => ({
        version: v.version,
        effectiveOn: v.effectiveOn,
        eventId: v.eventId,
      })),
      schedule: (shown?.rows ?? []).map((r) => ({
        n: r.n,
        periodStart: r.periodStart,
        dueDate: r.dueDate,
        principal: y(r.principal),
        interest: y(r.interest),
        total: y(r.total),
        balanceAfter: y(r.balanceAfter),
      })),
      repayments: repayments.map(repaymentOut),
      instalments: instalmentCoverage(
        schedule,
        repayments.map((r) => ({
          paidOn: r.paid_on as IsoDate,
          principal: Number(r.principal) as Fen,
          interest: Number(r.interest) as Fen,
        })),
        input.asOf,
      ).map((c) => ({ n: c.n, dueDate: c.dueDate, coveredOn: c.coveredOn, onTime: c.onTime })),
      asOf: input.asOf,
      outstandingPrincipal: y(lentBy ? lent - principalPaid : 0),
      daysPastDue: dpd,
      bucket: delinquencyBucket(dpd),
      classification: cls,
      classificationZh: LOAN_CLASS_NAMES_ZH[cls],
      accruedInterest: y(accrued),
      interestOwed: y(Math.max(0, accrued - paid('interest'))),
      penaltyOwed: y(Math.max(0, penaltyAccrued - paid('penalty'))),
      rateInForce: rateToString(inForce?.rate ?? parseRate(loan.annual_rate)),
      penaltyRate: penaltyInForce ? rateToString(penaltyInForce.terms.rate) : null,
      servicing: {
        order: servicing.order,
        penaltyFactor: servicing.penaltyFactor,
        classBounds: servicing.classBounds,
      },
      writeOff,
      creditTerms: terms ? creditTermsOut(terms) : null,
    };
  },
});

export const listLoans = defineUseCase({
  name: 'loan.list',
  roles: LOAN_READERS,
  scope: 'institution',
  writes: false,
  input: z
    .object({
      householdId: z.string().max(64).optional(),
      institutionId: z.string().max(64).optional(),
      township: z.string().max(15).optional(),
      village: z.string().max(15).optional(),
      status: z
        .enum(['applied', 'refused', 'approved', 'disbursed', 'closed', 'written_off'])
        .optional(),
      ...paging,
    })
    .strict(),
  async run({ db, actor }, input): Promise<Page<LoanSummary>> {
    let q = db.selectFrom('loans').where('region_code', '=', actor.regionCode);
    if (actor.role === 'bank_officer')
      q = q.where('institution_id', '=', actor.institutionId ?? '-');
    else if (actor.townships !== 'all') {
      q = q.where('township_code', 'in', actor.townships.length ? actor.townships : ['-']);
    }
    if (input.householdId) q = q.where('household_id', '=', input.householdId);
    if (input.institutionId) q = q.where('institution_id', '=', input.institutionId);
    if (input.township) q = q.where('township_code', '=', input.township);
    if (input.village) q = q.where('village_code', '=', input.village);
    if (input.status) q = q.where('status', '=', input.status as LoanStatus);
    const [{ total }] = (await q
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .execute()) as [{ total: number }];
    const rows = await q
      .selectAll()
      .orderBy('applied_on', 'desc')
      .orderBy('id')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute();
    return {
      items: rows.map(loanOut),
      total: Number(total),
      page: input.page,
      pageSize: input.pageSize,
    };
  },
});

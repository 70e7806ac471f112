import { z } from 'zod';
import {
  classifyByDaysPastDue,
  daysPastDue,
  LOAN_CLASS_NAMES_ZH,
  type LoanClass,
} from '../../core/loans/servicing.ts';
import { instalmentCoverage } from '../../core/loans/onTime.ts';
import type { IsoDate } from '../../core/calendarDate.ts';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import type { LoanStatus } from '../../store/schema.ts';
import { defineUseCase } from '../useCase.ts';
import { paging, type Page } from '../validation.ts';
import { businessDate, id, LOAN_READERS } from './loanFields.ts';
import { loadLoanVisible } from './loanScope.ts';
import { loanOut, type LoanSummary } from './loanOut.ts';
import { currentSchedule, repaymentOut, repaymentsOf, type Repayment } from './repayments.ts';

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
  schedule: ScheduleRowOut[];
  repayments: Repayment[];
  instalments: InstalmentOut[];
  asOf: string;
  /** Principal not yet repaid by payments made on or before asOf (0 before disbursement). */
  outstandingPrincipal: string;
  daysPastDue: number;
  classification: LoanClass;
  classificationZh: string;
}

const y = (v: number): string => fenToYuanString(v as Fen);

export const getLoan = defineUseCase({
  name: 'loan.get',
  roles: LOAN_READERS,
  scope: 'institution',
  writes: false,
  input: z.object({ id, asOf: businessDate }).strict(),
  async run({ db, actor }, input): Promise<LoanDetail> {
    const loan = await loadLoanVisible(db, actor, input.id);
    const [schedule, repayments] = await Promise.all([
      currentSchedule(db, actor.regionCode, loan.id),
      repaymentsOf(db, actor.regionCode, loan.id),
    ]);
    const byDate = repayments.filter((r) => r.paid_on <= input.asOf);
    const principalPaid = byDate.reduce((s, r) => s + Number(r.principal), 0);
    const covered = byDate.reduce((s, r) => s + Number(r.principal) + Number(r.interest), 0) as Fen;
    const lentBy = loan.disbursed_on !== null && loan.disbursed_on <= input.asOf;
    const dpd = lentBy ? daysPastDue(schedule, covered, input.asOf) : 0;
    const cls = classifyByDaysPastDue(dpd);
    return {
      loan: loanOut(loan),
      schedule: schedule.map((r) => ({
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
      outstandingPrincipal: y(lentBy ? Number(loan.amount) - principalPaid : 0),
      daysPastDue: dpd,
      classification: cls,
      classificationZh: LOAN_CLASS_NAMES_ZH[cls],
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
      status: z.enum(['applied', 'refused', 'approved', 'disbursed', 'closed']).optional(),
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

import type { Kysely } from 'kysely';
import { z } from 'zod';
import { fenToYuanString, type Fen } from '../../core/money.ts';
import type { Database, StatisticsReportTable } from '../../store/schema.ts';
import type { Actor } from '../actor.ts';
import { businessDayOf } from '../businessDay.ts';
import { conflict, invalid, notFound, staleVersion } from '../errors.ts';
import { newId } from '../ids.ts';
import { id, shortText } from '../loans/loanFields.ts';
import { defineUseCase } from '../useCase.ts';
import { paging, type Page } from '../validation.ts';
import { STATISTICS_CATEGORIES } from './categories.ts';
import { consistencyProblem } from './consistency.ts';
import {
  STATISTICS_APPROVERS,
  STATISTICS_READERS,
  STATISTICS_REPORTERS,
  statisticsLine,
  type StatisticsLineInput,
} from './statisticsFields.ts';
import { statisticsPeriod, type StatisticsPeriod } from './statisticsPeriod.ts';

/**
 * The banks' periodic loan statistics (issue 7 §3): a bank submits its own figures for a
 * month or a quarter, checked for internal consistency; the PBOC sub-branch approves or
 * rejects. One live report per bank and period; a rejected one may be corrected and
 * submitted again; an approved one stands.
 */

export interface ReportLineOut {
  category: string;
  balance: string;
  newLending: string;
  repaid: string;
  borrowers: number;
  npl: string;
}

export interface ReportOut {
  id: string;
  institutionId: string;
  period: string;
  from: string;
  to: string;
  status: StatisticsReportTable['status'];
  submittedBy: string;
  submittedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  version: number;
}

const reportOut = (r: StatisticsReportTable): ReportOut => ({
  id: r.id,
  institutionId: r.institution_id,
  period: r.period_key,
  from: r.period_from,
  to: r.period_to,
  status: r.status,
  submittedBy: r.submitted_by,
  submittedAt: r.submitted_at,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  decisionNote: r.decision_note,
  version: r.version,
});

const y = (v: number | string) => fenToYuanString(Number(v) as Fen);

export const reportInput = z
  .object({
    /** Banks report for themselves; naming another bank is refused. */
    institutionId: id.optional(),
    period: statisticsPeriod,
    lines: z
      .array(statisticsLine)
      .min(1)
      .max(STATISTICS_CATEGORIES.length + 1),
  })
  .strict();

/** Live (not rejected) reports of the bank whose period overlaps `p`. */
async function overlapping(db: Kysely<Database>, actor: Actor, bank: string, p: StatisticsPeriod) {
  return db
    .selectFrom('statistics_reports')
    .selectAll()
    .where('region_code', '=', actor.regionCode)
    .where('institution_id', '=', bank)
    .where('status', '<>', 'rejected')
    .where('period_from', '<=', p.to)
    .where('period_to', '>=', p.from)
    .execute();
}

/** Checks and stores a bank's report; shared by the form and the Excel upload. */
export async function storeReport(
  db: Kysely<Database>,
  actor: Actor,
  now: Date,
  input: {
    institutionId?: string | undefined;
    period: StatisticsPeriod;
    lines: StatisticsLineInput[];
  },
): Promise<ReportOut> {
  if (input.institutionId !== undefined && input.institutionId !== actor.institutionId) {
    throw invalid(
      'institutionId',
      '只能报送本机构的统计数据',
      'a bank may report its own statistics only',
    );
  }
  const bank = actor.institutionId;
  if (bank === null)
    throw invalid('institutionId', '账号未关联金融机构', 'your account has no institution');
  const p = input.period;
  if (p.to >= businessDayOf(now)) {
    throw invalid('period', `统计期 ${p.key} 尚未结束`, `period ${p.key} has not ended yet`);
  }
  const live = await overlapping(db, actor, bank, p);
  const approved = live.find((r) => r.status === 'approved');
  if (approved !== undefined) {
    throw conflict(
      'period_approved',
      `统计期 ${approved.period_key} 的报表已审批，不能再报送`,
      `the report for ${approved.period_key} is approved; it cannot be submitted again`,
      'period',
    );
  }
  if (live.length > 0) {
    throw conflict(
      'period_submitted',
      `统计期 ${live[0]!.period_key} 已有待审批的报表，请等待审批或退回后再报`,
      `a report for ${live[0]!.period_key} awaits approval; wait for it or for its rejection`,
      'period',
    );
  }
  const previous = await db
    .selectFrom('statistics_reports as r')
    .innerJoin('statistics_lines as l', (j) =>
      j.onRef('l.region_code', '=', 'r.region_code').onRef('l.report_id', '=', 'r.id'),
    )
    .select(['l.category', 'l.balance'])
    .where('r.region_code', '=', actor.regionCode)
    .where('r.institution_id', '=', bank)
    .where('r.period_key', '=', p.previousKey)
    .where('r.status', '<>', 'rejected')
    .execute();
  const problem = consistencyProblem(
    input.lines,
    previous.length === 0
      ? null
      : new Map(previous.map((r) => [r.category, Number(r.balance) as Fen])),
  );
  if (problem !== null) throw problem;
  const row: StatisticsReportTable = {
    region_code: actor.regionCode,
    id: newId(now.getTime()),
    institution_id: bank,
    period_key: p.key,
    period_from: p.from,
    period_to: p.to,
    status: 'submitted',
    submitted_by: actor.username,
    submitted_at: now.toISOString(),
    decided_by: null,
    decided_at: null,
    decision_note: null,
    version: 1,
  };
  await db.insertInto('statistics_reports').values(row).execute();
  await db
    .insertInto('statistics_lines')
    .values(
      input.lines.map((l) => ({
        region_code: actor.regionCode,
        report_id: row.id,
        category: l.category,
        balance: l.balance,
        new_lending: l.newLending,
        repaid: l.repaid,
        borrowers: l.borrowers,
        npl_balance: l.npl,
      })),
    )
    .execute();
  return reportOut(row);
}

export const submitReport = defineUseCase({
  name: 'statistics.report.submit',
  roles: STATISTICS_REPORTERS,
  scope: 'institution',
  writes: true,
  input: reportInput,
  async run({ db, actor, now, audit }, input): Promise<ReportOut> {
    const report = await storeReport(db, actor, now, input);
    await audit({
      action: 'statistics.report.submit',
      entity: 'statistics_report',
      entityId: report.id,
      after: { period: report.period, lines: input.lines.length },
    });
    return report;
  },
});

async function loadReport(db: Kysely<Database>, actor: Actor, reportId: string) {
  const row = await db
    .selectFrom('statistics_reports')
    .selectAll()
    .where('region_code', '=', actor.regionCode)
    .where('id', '=', reportId)
    .executeTakeFirst();
  const own = actor.role !== 'bank_officer' || row?.institution_id === actor.institutionId;
  if (row === undefined || !own) throw notFound('statistics report');
  return row;
}

function decide(status: 'approved' | 'rejected') {
  const verb = status === 'approved' ? 'approve' : 'reject';
  return defineUseCase({
    name: `statistics.report.${verb}`,
    roles: STATISTICS_APPROVERS,
    scope: 'district',
    writes: true,
    input: z
      .object({
        id,
        version: z.coerce.number().int().min(1),
        note: status === 'rejected' ? shortText : shortText.optional(),
      })
      .strict(),
    async run({ db, actor, now, audit }, input): Promise<ReportOut> {
      const before = await loadReport(db, actor, input.id);
      if (before.status !== 'submitted') {
        throw conflict(
          'report_decided',
          `该报表已${before.status === 'approved' ? '审批' : '退回'}`,
          `this report is already ${before.status}`,
          'id',
        );
      }
      const after: StatisticsReportTable = {
        ...before,
        status,
        decided_by: actor.username,
        decided_at: now.toISOString(),
        decision_note: input.note ?? null,
        version: before.version + 1,
      };
      const { numUpdatedRows } = await db
        .updateTable('statistics_reports')
        .set({
          status,
          decided_by: after.decided_by,
          decided_at: after.decided_at,
          decision_note: after.decision_note,
          version: after.version,
        })
        .where('region_code', '=', actor.regionCode)
        .where('id', '=', before.id)
        .where('version', '=', input.version)
        .executeTakeFirstOrThrow();
      if (Number(numUpdatedRows) !== 1) {
        throw staleVersion();
      }
      await audit({
        action: `statistics.report.${verb}`,
        entity: 'statistics_report',
        entityId: before.id,
        before: { status: before.status },
        after: { status, note: after.decision_note },
      });
      return reportOut(after);
    },
  });
}

export const approveReport = decide('approved');
export const rejectReport = decide('rejected');

export const listReports = defineUseCase({
  name: 'statistics.report.list',
  roles: STATISTICS_READERS,
  scope: 'institution',
  writes: false,
  input: z
    .object({
      institutionId: id.optional(),
      status: z.enum(['submitted', 'approved', 'rejected']).optional(),
      period: z.string().max(10).optional(),
      ...paging,
    })
    .strict(),
  async run({ db, actor }, input): Promise<Page<ReportOut>> {
    let q = db.selectFrom('statistics_reports').where('region_code', '=', actor.regionCode);
    if (actor.role === 'bank_officer')
      q = q.where('institution_id', '=', actor.institutionId ?? '-');
    if (input.institutionId) q = q.where('institution_id', '=', input.institutionId);
    if (input.status) q = q.where('status', '=', input.status);
    if (input.period) q = q.where('period_key', '=', input.period);
    const { total } = await q
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('period_to', 'desc')
      .orderBy('institution_id')
      .orderBy('id')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute();
    return {
      items: rows.map(reportOut),
      total: Number(total),
      page: input.page,
      pageSize: input.pageSize,
    };
  },
});

export const getReport = defineUseCase({
  name: 'statistics.report.get',
  roles: STATISTICS_READERS,
  scope: 'institution',
  writes: false,
  input: z.object({ id }).strict(),
  async run({ db, actor }, input): Promise<ReportOut & { lines: ReportLineOut[] }> {
    const row = await loadReport(db, actor, input.id);
    const lines = await db
      .selectFrom('statistics_lines')
      .selectAll()
      .where('region_code', '=', actor.regionCode)
      .where('report_id', '=', row.id)
      .execute();
    const order = (c: string) => STATISTICS_CATEGORIES.indexOf(c as 'all');
    return {
      ...reportOut(row),
      lines: lines
        .sort((a, b) => order(a.category) - order(b.category))
        .map((l) => ({
          category: l.category,
          balance: y(l.balance),
          newLending: y(l.new_lending),
          repaid: y(l.repaid),
          borrowers: l.borrowers,
          npl: y(l.npl_balance),
        })),
    };
  },
});

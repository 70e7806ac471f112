import { z } from 'zod';
import { parseQuarter, type Quarter } from '../../core/supervision/quarter.ts';
import { fenToYuanString, yuanToFen, type Fen } from '../../core/money.ts';
import { businessDayOf } from '../businessDay.ts';
import { creditOverview } from '../credit/overview.ts';
import { invalid } from '../errors.ts';
import { ExportTarget } from '../register/exportRegister.ts';
import { getDashboard, type Dashboard } from '../targets/dashboard.ts';
import { defineUseCase, execute, type UseCaseContext } from '../useCase.ts';
import { bilingual } from '../validation.ts';
import { supervisionOverview } from './overview.ts';
import { SUPERVISORS } from './supervisionRoles.ts';
import { quarterField } from './tasks.ts';

/**
 * The quarterly report to the district government (art. 36 "及时将相关情况报区政府",
 * issue 8 §4) as of the quarter's last day. Every figure is taken from the answers of
 * the dashboard, the supervision view and the credit overview for that day — the same
 * use cases those screens call — so the report equals them by construction; this file
 * only selects and arranges (and adds up the dashboard's quarters into a cumulative sum).
 */

type CreditOverview = Awaited<ReturnType<typeof creditOverview.run>>;
type SupervisionOverview = Awaited<ReturnType<typeof supervisionOverview.run>>;

export interface SubsidyRow {
  article: string;
  /** Yuan paid in the quarter (payment posted in it). */
  inQuarter: string;
  /** Yuan paid up to the quarter's last day. */
  cumulative: string;
}

export interface QuarterlyReport {
  district: { code: string; nameZh: string };
  quarter: string;
  from: string;
  asOf: string;
  targets: Dashboard['targets'];
  lending: Dashboard['growth'];
  subsidies: { rows: SubsidyRow[]; total: Omit<SubsidyRow, 'article'> };
  funds: Dashboard['funds'];
  credit: { targets: CreditOverview['targets']; townships: CreditOverview['townships'] };
  tasks: {
    total: number;
    counts: SupervisionOverview['counts'];
    /** Tasks with at least one overdue quarterly report. */
    overdue: number;
    atRisk: SupervisionOverview['atRisk'];
    late: SupervisionOverview['late'];
  };
}

export const quarterInput = z.object({ quarter: quarterField }).strict();

/** The quarter and the file the .xlsx or .pdf download is written to. */
export const quarterFileInput = quarterInput.extend({
  target: z.custom<ExportTarget>((v) => v instanceof ExportTarget, {
    message: bilingual('请指定导出文件', 'an export target is required'),
  }),
});

/** A quarter that has not ended has no last day to report as of. */
function endedQuarter(quarter: Quarter, now: Date) {
  const range = parseQuarter(quarter, 'quarter');
  const today = businessDayOf(now);
  if (range.to >= today) {
    throw invalid(
      'quarter',
      `quarter：${quarter} 尚未结束（至 ${range.to}），季度报告在季度结束后编制`,
      `quarter: ${quarter} has not ended (it runs to ${range.to}); the report is made after its last day`,
      'future_period',
    );
  }
  return range;
}

function subsidiesOf(dashboard: Dashboard, quarter: string): QuarterlyReport['subsidies'] {
  // The dashboard as of the quarter's last day lists every earlier quarter too: its
  // rows add up to what was paid so far.
  const sums = new Map<string, { inQuarter: Fen; cumulative: Fen }>();
  const total = { inQuarter: 0 as Fen, cumulative: 0 as Fen };
  for (const s of dashboard.subsidies) {
    const amount = yuanToFen(s.amount);
    const row = sums.get(s.article) ?? { inQuarter: 0 as Fen, cumulative: 0 as Fen };
    const paidIn = s.quarter === quarter ? amount : 0;
    row.cumulative = (row.cumulative + amount) as Fen;
    row.inQuarter = (row.inQuarter + paidIn) as Fen;
    total.cumulative = (total.cumulative + amount) as Fen;
    total.inQuarter = (total.inQuarter + paidIn) as Fen;
    sums.set(s.article, row);
  }
  const y = fenToYuanString;
  return {
    rows: [...sums.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
      .map(([article, r]) => ({ article, inQuarter: y(r.inQuarter), cumulative: y(r.cumulative) })),
    total: { inQuarter: y(total.inQuarter), cumulative: y(total.cumulative) },
  };
}

/** The report of `quarter` for the actor's district, through the screens' own use cases. */
export async function quarterlyReportOf(
  { app, db, actor, now }: Pick<UseCaseContext, 'app' | 'db' | 'actor' | 'now'>,
  quarter: Quarter,
): Promise<QuarterlyReport> {
  const range = endedQuarter(quarter, now);
  const asOf = range.to;
  const [dashboard, supervision, credit, district] = await Promise.all([
    execute(app, actor, getDashboard, { asOf }),
    execute(app, actor, supervisionOverview, { asOf }),
    execute(app, actor, creditOverview, { asOf }),
    db
      .selectFrom('regions')
      .select('name_zh')
      .where('region_code', '=', actor.regionCode)
      .where('level', '=', 'district')
      .executeTakeFirst(),
  ]);
  return {
    district: { code: actor.regionCode, nameZh: district?.name_zh ?? actor.regionCode },
    quarter,
    from: range.from,
    asOf,
    targets: dashboard.targets,
    lending: dashboard.growth,
    subsidies: subsidiesOf(dashboard, quarter),
    funds: dashboard.funds,
    credit: { targets: credit.targets, townships: credit.townships },
    tasks: {
      total: supervision.tasks,
      counts: supervision.counts,
      overdue: supervision.atRisk.filter((t) => t.risks.includes('overdue_reports')).length,
      atRisk: supervision.atRisk,
      late: supervision.late,
    },
  };
}

export const quarterlyReport = defineUseCase({
  name: 'supervision.quarterly-report',
  roles: SUPERVISORS,
  scope: 'district',
  writes: false,
  input: quarterInput,
  run: (ctx, input): Promise<QuarterlyReport> => quarterlyReportOf(ctx, input.quarter),
});

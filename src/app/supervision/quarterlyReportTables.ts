import type { QuarterlyReport } from './quarterlyReport.ts';

/**
 * The quarterly report laid out once, as titled sections of tables with Chinese headers
 * (the report goes to the district government): the printable page and PDF render these
 * tables as HTML, the Excel download writes one sheet per section. A money cell is kept
 * apart so the workbook can hold it as a number; its text is the report's own figure.
 */

export type Cell = string | number | { yuan: string };

export interface ReportTable {
  caption: string | null;
  headers: string[];
  rows: Cell[][];
}

export interface ReportSection {
  /** Worksheet name (at most 31 characters). */
  sheet: string;
  title: string;
  tables: ReportTable[];
}

const TARGET_STATUS_ZH: Record<string, string> = {
  met: '已完成',
  'on-track': '进度正常',
  'at-risk': '有风险',
  missed: '未完成',
  'no-data': '暂无数据',
};
const TASK_STATUS_ZH: Record<string, string> = {
  not_started: '未开始',
  in_progress: '推进中',
  completed: '已完成',
};
const RISK_ZH: Record<string, string> = {
  overdue_reports: '报告逾期',
  deadline_passed: '已过期限',
  deadline_near: '期限临近',
  blocked: '受阻',
  unassigned: '责任单位未落实',
};
const NO_DATA = '暂无数据';

const CN_DIGITS = ['', '一', '二', '三', '四'];

/** '2017-Q4' → '2017年第四季度'. */
export const quarterZh = (quarter: string): string =>
  `${quarter.slice(0, 4)}年第${CN_DIGITS[Number(quarter.slice(6))]!}季度`;

const money = (v: string | null): Cell => (v === null ? NO_DATA : { yuan: v });
const text = (v: string | null): string => v ?? NO_DATA;
const yesNo = (v: boolean): string => (v ? '是' : '否');

export function reportSections(r: QuarterlyReport): ReportSection[] {
  const t = r.tasks;
  return [
    {
      sheet: '目标',
      title: '一、政策目标完成情况',
      tables: [
        {
          caption: null,
          headers: ['条款', '目标', '实际值', '目标值', '期限', '状态'],
          rows: r.targets.map((x) => [
            x.article,
            x.titleZh,
            text(x.actual),
            x.goal === null ? NO_DATA : `${x.goalKind === 'exceeds' ? '高于 ' : ''}${x.goal}`,
            x.deadline ?? '',
            TARGET_STATUS_ZH[x.status] ?? x.status,
          ]),
        },
      ],
    },
    {
      sheet: '信贷投放',
      title: '二、信贷投放',
      tables: [
        {
          caption: null,
          headers: ['贷款', '余额（元）', '上年同期余额（元）', '同比增速', '对应目标'],
          rows: r.lending.map((g) => [
            g.zh,
            money(g.balance),
            money(g.balanceYearAgo),
            text(g.growth),
            g.target,
          ]),
        },
      ],
    },
    {
      sheet: '财政补贴',
      title: '三、财政补贴兑付',
      tables: [
        {
          caption: null,
          headers: ['条款', '本季度兑付（元）', '累计兑付（元）'],
          rows: [
            ...r.subsidies.rows.map((s) => [
              s.article,
              { yuan: s.inQuarter },
              { yuan: s.cumulative },
            ]),
            ['合计', { yuan: r.subsidies.total.inQuarter }, { yuan: r.subsidies.total.cumulative }],
          ],
        },
      ],
    },
    {
      sheet: '资金',
      title: '四、资金余额',
      tables: [
        {
          caption: null,
          headers: ['资金', '账面余额（元）', '可用余额（元）'],
          rows: r.funds.map((f) => [f.nameZh, { yuan: f.balance }, { yuan: f.available }]),
        },
      ],
    },
    {
      sheet: '信用体系',
      title: '五、农村信用体系建设',
      tables: [
        {
          caption: `目标：信息采集率不低于 ${r.credit.targets.collectionRateMin}，评级率不低于 ${r.credit.targets.ratingRateMin}，创建覆盖率 ${r.credit.targets.creationCoverage}`,
          headers: [
            '乡镇',
            '农户和新型农业经营主体',
            '已采集',
            '采集率',
            '已评级',
            '评级率',
            '信用村',
            '行政村',
            '创建覆盖率',
            '已命名信用乡镇',
          ],
          rows: r.credit.townships.map((c) => [
            c.nameZh,
            c.coverage.subjects,
            c.coverage.collected,
            c.coverage.collectionRate,
            c.coverage.rated,
            c.coverage.ratingRate,
            c.coverage.created,
            c.coverage.createdOf,
            c.coverage.creationRate,
            yesNo(c.designated),
          ]),
        },
      ],
    },
    {
      sheet: '工作任务',
      title: '六、工作任务督查',
      tables: [
        {
          caption: null,
          headers: ['任务总数', '已完成', '推进中', '未开始', '有逾期报告', '有风险'],
          rows: [
            [
              t.total,
              t.counts.completed,
              t.counts.in_progress,
              t.counts.not_started,
              t.overdue,
              t.atRisk.length,
            ],
          ],
        },
        {
          caption: '逾期未报单位',
          headers: ['单位', '逾期报告数', '逾期报告（任务 / 季度 / 应报日）'],
          rows: t.late.map((u) => [
            u.name,
            u.overdue.length,
            u.overdue.map((o) => `${o.taskId} / ${o.period} / ${o.dueOn}`).join('；'),
          ]),
        },
        {
          caption: '有风险的任务',
          headers: ['任务', '条款', '状态', '风险', '期限', '未落实的责任单位'],
          rows: t.atRisk.map((x) => [
            x.taskId,
            `第${String(x.article)}条`,
            TASK_STATUS_ZH[x.status] ?? x.status,
            x.risks.map((k) => RISK_ZH[k] ?? k).join('、'),
            x.deadline ?? '',
            x.unassigned.join('、'),
          ]),
        },
      ],
    },
  ];
}

/** A cell as printed. */
export const cellText = (c: Cell): string =>
  typeof c === 'object' ? c.yuan : typeof c === 'number' ? String(c) : c;

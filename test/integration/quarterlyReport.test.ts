import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import { prepareRun } from '../../src/app/settlement/prepareRun.ts';
import { getRun, type RunDetail } from '../../src/app/settlement/runQueries.ts';
import { approveRun, payRun, reviewRun, submitRun } from '../../src/app/settlement/runLifecycle.ts';
import type { QuarterlyReport } from '../../src/app/supervision/quarterlyReport.ts';
import { fileReport } from '../../src/app/supervision/reports.ts';
import type { Dashboard } from '../../src/app/targets/dashboard.ts';
import { execute } from '../../src/app/useCase.ts';
import { buildServer } from '../../src/http/server.ts';
import { actorFor, seedSmallDistrict } from '../support/demoDistrict.ts';
import { REPORT_SHEETS, tableUnder } from '../support/reportBook.ts';
import { describeEachDialect, openTestApp, type TestApp } from '../support/testApp.ts';
import { call, Clock, cookieFor, dump, expectBilingual, expectFieldError } from './helpers.ts';

/**
 * The art. 36 quarterly report (issue 8 §4) against the screens it must agree with. The
 * small demo district is seeded on 2017-05-02 (its tasks are reported on from 2017-Q2); a
 * 2017-Q1 settlement run is paid on 2017-05-02, i.e. in 2017-Q2; 人行武隆支行 reports its
 * own task art29.1 completed for 2017-Q2. The report of a quarter is as of its last day
 * (2017-Q2 → 2017-06-30, 2019-Q1 → 2019-03-31), so each figure is compared with the
 * dashboard, supervision and credit APIs asked for that day. Today is 2019-04-02.
 */

const QUARTERS = [
  { quarter: '2017-Q2', asOf: '2017-06-30' },
  { quarter: '2019-Q1', asOf: '2019-03-31' },
] as const;

/** Yuan text → fen, exactly. */
const fen = (yuan: string): bigint => {
  const [int, dec = ''] = yuan.split('.');
  const v = BigInt(int!.replace('-', '')) * 100n + BigInt(dec.padEnd(2, '0'));
  return yuan.startsWith('-') ? -v : v;
};

describeEachDialect('the quarterly report to the district government', (dialect) => {
  const clock = new Clock('2017-05-02T01:00:00.000Z');
  let t: TestApp;
  let server: FastifyInstance;
  let cookie: string;
  let run: RunDetail;
  const a: Record<string, Actor> = {};

  beforeAll(async () => {
    t = await openTestApp(dialect, clock.now);
    await seedSmallDistrict(t.app);
    for (const name of ['admin', 'fpb', 'czj', 'jrzx', 'rh'])
      a[name] = (await actorFor(t.app, name)).actor;
    const prepared = await execute(t.app, a.admin!, prepareRun, { period: '2017-Q1' });
    await execute(t.app, a.admin!, submitRun, { id: prepared.id });
    await execute(t.app, a.fpb!, reviewRun, { id: prepared.id });
    await execute(t.app, a.czj!, approveRun, { id: prepared.id });
    await execute(t.app, a.czj!, payRun, {
      id: prepared.id,
      paymentReference: 'QR-1',
      paidOn: '2017-05-02',
    });
    run = await execute(t.app, a.czj!, getRun, { id: prepared.id });
    clock.current = new Date('2017-07-03T01:00:00.000Z');
    await execute(t.app, a.rh!, fileReport, {
      taskId: 'art29.1',
      period: '2017-Q2',
      status: 'completed',
      text: '已向上争取扶贫再贷款指标',
    });
    clock.current = new Date('2019-04-02T01:00:00.000Z');
    server = await buildServer(t.app);
    cookie = await cookieFor(server, 'jrzx');
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  const get = async <T>(url: string, as = cookie): Promise<T> => {
    const answer = await call(server, as, 'GET', `/api/v1${url}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as T;
  };

  for (const { quarter, asOf } of QUARTERS) {
    describe(quarter, () => {
      let report: QuarterlyReport;
      let dashboard: Dashboard;
      beforeAll(async () => {
        report = await get(`/supervision/quarterly-report?quarter=${quarter}`);
        dashboard = await get(`/dashboard?asOf=${asOf}`);
      });

      it('is as of the quarter’s last day', () => {
        expect([report.quarter, report.asOf, dashboard.asOf]).toEqual([quarter, asOf, asOf]);
      });

      it('targets, lending and funds equal the dashboard’s, field by field', () => {
        expect(report.targets.map((x) => x.id)).toEqual(dashboard.targets.map((x) => x.id));
        for (const [i, target] of report.targets.entries())
          expect(target, target.id).toEqual(dashboard.targets[i]);
        expect(report.lending).toEqual(dashboard.growth);
        expect(report.funds).toEqual(dashboard.funds);
      });

      it('subsidies: the dashboard’s quarter, and its quarters so far added up', () => {
        const inQuarter = new Map<string, bigint>();
        const cumulative = new Map<string, bigint>();
        for (const s of dashboard.subsidies) {
          expect(s.quarter <= quarter).toBe(true);
          cumulative.set(s.article, (cumulative.get(s.article) ?? 0n) + fen(s.amount));
          if (s.quarter === quarter)
            inQuarter.set(s.article, (inQuarter.get(s.article) ?? 0n) + fen(s.amount));
        }
        expect(report.subsidies.rows.map((r) => r.article).sort()).toEqual(
          [...cumulative.keys()].sort(),
        );
        for (const row of report.subsidies.rows) {
          expect(fen(row.inQuarter), row.article).toBe(inQuarter.get(row.article) ?? 0n);
          expect(fen(row.cumulative), row.article).toBe(cumulative.get(row.article));
        }
        const sum = (m: Map<string, bigint>) => [...m.values()].reduce((x, y) => x + y, 0n);
        expect(fen(report.subsidies.total.inQuarter)).toBe(sum(inQuarter));
        expect(fen(report.subsidies.total.cumulative)).toBe(sum(cumulative));
      });

      it('subsidies: the one paid run, by article, paid in 2017-Q2', () => {
        const paid = run.byArticle.filter((b) => fen(b.total) !== 0n);
        expect(paid.length).toBeGreaterThan(1);
        const shown = report.subsidies.rows.filter((r) => fen(r.cumulative) !== 0n);
        const byKey = (x: string[], y: string[]) => (x[0]! < y[0]! ? -1 : 1);
        expect(shown.map((r) => [r.article, r.cumulative]).sort(byKey)).toEqual(
          paid.map((b) => [b.key, b.total]).sort(byKey),
        );
        for (const r of report.subsidies.rows)
          expect(r.inQuarter).toBe(quarter === '2017-Q2' ? r.cumulative : '0.00');
      });

      it('credit system equals the credit overview', async () => {
        const credit = await get<{ targets: unknown; townships: unknown[] }>(
          `/credit/overview?asOf=${asOf}`,
        );
        expect(credit.townships.length).toBeGreaterThan(0);
        expect(report.credit).toEqual({ targets: credit.targets, townships: credit.townships });
      });

      it('tasks equal the supervision view: counts, who is late, what is at risk', async () => {
        const sup = await get<{
          tasks: number;
          counts: QuarterlyReport['tasks']['counts'];
          late: QuarterlyReport['tasks']['late'];
          atRisk: QuarterlyReport['tasks']['atRisk'];
        }>(`/supervision/overview?asOf=${asOf}`);
        expect(report.tasks.total).toBe(sup.tasks);
        expect(report.tasks.counts).toEqual(sup.counts);
        expect(report.tasks.late).toEqual(sup.late);
        expect(report.tasks.atRisk).toEqual(sup.atRisk);
        expect(report.tasks.overdue).toBe(
          sup.atRisk.filter((x) => x.risks.includes('overdue_reports')).length,
        );
        // 90 measures; art29.1 (人行武隆支行 alone) reported completed for 2017-Q2.
        expect(report.tasks.total).toBe(90);
        expect(report.tasks.counts.completed).toBe(1);
        // On 2017-06-30 no report is due yet (2017-Q2's fall due on 2017-07-15); by
        // 2019-03-31 every unfinished task owes its reports.
        expect(report.tasks.late.length > 0).toBe(quarter === '2019-Q1');
      });

      it('the Excel download: one sheet per section, Chinese headers, the same figures', async () => {
        const res = await server.inject({
          method: 'GET',
          url: `/api/v1/supervision/quarterly-report.xlsx?quarter=${quarter}`,
          headers: { cookie },
        });
        expect(res.statusCode, res.body).toBe(200);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
        expect(wb.worksheets.map((s) => s.name)).toEqual(REPORT_SHEETS);
        const table = (sheet: string, headers: string[]) => tableUnder(wb, sheet, headers);
        const targets = table('目标', ['条款', '目标', '实际值', '目标值', '期限', '状态']);
        expect(targets.map((r) => [r[1], r[2]])).toEqual(
          report.targets.map((x) => [x.titleZh, x.actual ?? '暂无数据']),
        );
        const lending = table('信贷投放', [
          '贷款',
          '余额（元）',
          '上年同期余额（元）',
          '同比增速',
          '对应目标',
        ]);
        expect(lending.map((r) => [r[0], r[1] ?? null, r[3]])).toEqual(
          report.lending.map((g) => [
            g.zh,
            g.balance === null ? '暂无数据' : Number(g.balance),
            g.growth ?? '暂无数据',
          ]),
        );
        const subsidies = table('财政补贴', ['条款', '本季度兑付（元）', '累计兑付（元）']);
        expect(subsidies).toEqual([
          ...report.subsidies.rows.map((s) => [
            s.article,
            Number(s.inQuarter),
            Number(s.cumulative),
          ]),
          [
            '合计',
            Number(report.subsidies.total.inQuarter),
            Number(report.subsidies.total.cumulative),
          ],
        ]);
        expect(table('资金', ['资金', '账面余额（元）', '可用余额（元）'])).toEqual(
          report.funds.map((f) => [f.nameZh, Number(f.balance), Number(f.available)]),
        );
        const credit = table('信用体系', [
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
        ]);
        expect(credit.map((r) => [r[0], r[1], r[3]])).toEqual(
          report.credit.townships.map((c) => [
            c.nameZh,
            c.coverage.subjects,
            c.coverage.collectionRate,
          ]),
        );
        const c = report.tasks.counts;
        expect(
          table('工作任务', ['任务总数', '已完成', '推进中', '未开始', '有逾期报告', '有风险']),
        ).toEqual([
          [
            report.tasks.total,
            c.completed,
            c.in_progress,
            c.not_started,
            report.tasks.overdue,
            report.tasks.atRisk.length,
          ],
        ]);
        expect(
          table('工作任务', ['单位', '逾期报告数', '逾期报告（任务 / 季度 / 应报日）']).map((r) => [
            r[0],
            r[1],
          ]),
        ).toEqual(report.tasks.late.map((u) => [u.name, u.overdue.length]));
      });
    });
  }

  it('the printable page carries the sections and the figures; the PDF is an A4 document', async () => {
    const print = await get<{ html: string; pdf: { available: boolean } }>(
      '/supervision/quarterly-report/print?quarter=2019-Q1',
    );
    const report = await get<QuarterlyReport>('/supervision/quarterly-report?quarter=2019-Q1');
    for (const heading of [
      '2019年第一季度',
      '一、政策目标完成情况',
      '二、信贷投放',
      '三、财政补贴兑付',
      '四、资金余额',
      '五、农村信用体系建设',
      '六、工作任务督查',
      '@page { size: A4',
    ])
      expect(print.html).toContain(heading);
    for (const f of report.funds) expect(print.html).toContain(`<td class="num">${f.balance}</td>`);
    expect(print.pdf.available).toBe(true);
    const res = await server.inject({
      method: 'GET',
      url: '/api/v1/supervision/quarterly-report.pdf?quarter=2019-Q1',
      headers: { cookie },
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // A4 is 595.28 × 841.89 points; Chromium sizes its page box in whole CSS pixels.
    const boxes = [
      ...res.rawPayload.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g),
    ];
    expect(boxes.length).toBeGreaterThan(0);
    for (const [, w, h] of boxes) {
      expect(Math.abs(Number(w) - 595.28)).toBeLessThan(2);
      expect(Math.abs(Number(h) - 841.89)).toBeLessThan(2);
    }
  });

  it('without Chromium the page says how to get a PDF, and the PDF route refuses bilingually', async () => {
    const before = process.env.JINFU_CHROMIUM;
    process.env.JINFU_CHROMIUM = '/nonexistent/chromium';
    try {
      const print = await get<{
        html: string;
        pdf: { available: boolean; messageZh: string; messageEn: string };
      }>('/supervision/quarterly-report/print?quarter=2019-Q1');
      expect(print.pdf.available).toBe(false);
      expect(print.pdf.messageZh).toContain('安装 Chromium');
      expect(print.pdf.messageZh).toContain('另存为 PDF');
      expect(print.pdf.messageEn).toContain('install');
      expect(print.pdf.messageEn).toContain('Save as PDF');
      expect(print.html).toContain('六、工作任务督查');
      const refused = await call(
        server,
        cookie,
        'GET',
        '/api/v1/supervision/quarterly-report.pdf?quarter=2019-Q1',
      );
      expect(refused.status).toBe(409);
      expectBilingual(refused.body, 'pdf_unavailable');
      expect((refused.body as { message_zh: string }).message_zh).toBe(print.pdf.messageZh);
    } finally {
      if (before === undefined) delete process.env.JINFU_CHROMIUM;
      else process.env.JINFU_CHROMIUM = before;
    }
  });

  it('refuses a malformed or unfinished quarter and other roles, bilingually, changing nothing', async () => {
    const before = await dump(t.app);
    const urls = [
      '/supervision/quarterly-report',
      '/supervision/quarterly-report/print',
      '/supervision/quarterly-report.xlsx',
      '/supervision/quarterly-report.pdf',
    ];
    for (const url of urls) {
      for (const bad of ['2017-Q5', '2017Q4', '2017-12', '', '2017-Q4;1'])
        expectFieldError(
          await call(server, cookie, 'GET', `/api/v1${url}?quarter=${encodeURIComponent(bad)}`),
          400,
          'quarter',
        );
      expectFieldError(await call(server, cookie, 'GET', `/api/v1${url}`), 400, 'quarter');
      // 2019-Q2 is under way on 2019-04-02; 2020-Q1 has not begun.
      for (const future of ['2019-Q2', '2020-Q1'])
        expectFieldError(
          await call(server, cookie, 'GET', `/api/v1${url}?quarter=${future}`),
          400,
          'quarter',
          'future_period',
        );
    }
    for (const user of ['icbc', 'baima', 'fgw', 'picc']) {
      const other = await cookieFor(server, user);
      for (const url of urls) {
        const answer = await call(server, other, 'GET', `/api/v1${url}?quarter=2019-Q1`);
        expect(answer.status, `${user} ${url}`).toBe(403);
        expectBilingual(answer.body, 'forbidden');
      }
    }
    const auditor = await cookieFor(server, 'audit');
    await get(`/supervision/quarterly-report?quarter=2019-Q1`, auditor);
    const after = await dump(t.app);
    // Logging in opens sessions; nothing else moves.
    expect({ ...after, sessions: [] }).toEqual({ ...before, sessions: [] });
  });
});

// Excel export of the dashboard as shown: one sheet per figure, built in the browser from
// the same answer the page draws, so the file and the screen cannot disagree.
import type { Messages } from '../../i18n/zh.ts';
import type { DashboardData } from './dashboardApi.ts';

export async function exportDashboard(
  data: DashboardData,
  t: Messages['dashboard'],
  lang: 'zh' | 'en',
): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const sheet = (name: string, header: string[], rows: (string | number | null)[][]) => {
    const s = book.addWorksheet(name);
    s.addRow([`${t.asOf} ${data.asOf}`]);
    s.addRow(header).font = { bold: true };
    for (const r of rows) s.addRow(r);
    s.columns.forEach((c) => (c.width = 22));
  };
  const name = (r: { zh?: string; en?: string; nameZh?: string; nameEn?: string }) =>
    lang === 'zh' ? (r.nameZh ?? r.zh ?? '') : (r.nameEn ?? r.en ?? '');
  sheet(
    t.targets,
    [t.article, t.target, t.actual, t.goal, t.deadline, t.status, t.quote],
    data.targets.map((x) => [
      x.article,
      lang === 'zh' ? x.titleZh : x.titleEn,
      x.actual,
      x.goal,
      x.deadline,
      t.statuses[x.status] ?? x.status,
      x.quote,
    ]),
  );
  sheet(
    t.growth,
    [t.target, t.balance, t.balanceYearAgo, t.growthRate],
    data.growth.map((g) => [name(g), g.balance, g.balanceYearAgo, g.growth]),
  );
  sheet(
    t.subsidies,
    ['quarter', t.article, 'yuan'],
    data.subsidies.map((s) => [s.quarter, s.article, s.amount]),
  );
  sheet(
    t.funds,
    [t.fund, t.balance, t.available],
    data.funds.map((f) => [name(f), f.balance, f.available]),
  );
  sheet(
    t.coverage,
    [t.place, t.outlets, t.atms, t.pos, t.villages, t.villagesServed],
    [data.coverage.district, ...data.coverage.places].map((p) => [
      name(p),
      p.points.bank_outlet ?? 0,
      p.points.atm ?? 0,
      p.points.pos ?? 0,
      p.villages,
      p.villagesWithBasicServices,
    ]),
  );
  const buffer = await book.xlsx.writeBuffer();
  const url = URL.createObjectURL(
    new Blob([buffer], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = `dashboard-${data.asOf}.xlsx`;
  a.click();
  URL.revokeObjectURL(url);
}

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { QuarterlyReport } from '../../src/app/supervision/quarterlyReport.ts';
import type { Dashboard } from '../../src/app/targets/dashboard.ts';
import { platformForSuite } from '../support/browser.ts';
import { REPORT_SHEETS, tableUnder } from '../support/reportBook.ts';
import { eventually, loginAs } from '../support/ui.ts';

const ARTIFACTS = 'test-artifacts';
const QUARTER = '2017-Q4';
const HEADINGS = [
  '武隆区金融精准扶贫工作季度报告（2017年第四季度）',
  '一、政策目标完成情况',
  '二、信贷投放',
  '三、财政补贴兑付',
  '四、资金余额',
  '五、农村信用体系建设',
  '六、工作任务督查',
];

/**
 * Issue 8, Must show: the art. 36 quarterly report of the demo district, opened by the
 * financial office (jrzx) in a real browser, downloaded as PDF and as Excel. The PDF's
 * pages are read with poppler-utils (apt package): pdftoppm renders page 1 to the PNG
 * artifact (and to a plain greyscale PGM whose pixels this test can count), pdftotext
 * gives the text.
 */
describe('the financial office prints the quarterly report to the district government', () => {
  const platform = platformForSuite();

  it('shows the report, downloads an A4 PDF and an Excel with the dashboard’s figures', async () => {
    const page = await loginAs(
      platform.browser,
      `${platform.server.url}/supervision?tab=report&quarter=${QUARTER}`,
      'jrzx',
    );
    await page.getByTestId('quarterly-report-frame').waitFor();
    // The print page before printing: the document in the frame carries every section.
    const printed = page.frameLocator('[data-testid="quarterly-report-frame"]').locator('main');
    await eventually(() => printed.getAttribute('data-report-quarter')).toBe(QUARTER);
    const onScreen = await printed.innerText();
    for (const h of HEADINGS) expect(onScreen).toContain(h);

    mkdirSync(ARTIFACTS, { recursive: true });
    const pdfDownload = page.waitForEvent('download');
    await page.getByTestId('quarterly-report-pdf').click();
    const pdfPath = `${ARTIFACTS}/quarterly-report-${QUARTER}.pdf`;
    await (await pdfDownload).saveAs(pdfPath);
    expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-']).toString('utf8');
    for (const h of HEADINGS) expect(text.replace(/\s+/g, '')).toContain(h);

    // Page 1 at 60 dpi: the PNG kept for people, a PGM of the same render to check.
    const base = `${ARTIFACTS}/quarterly-report-page1`;
    execFileSync('pdftoppm', [
      '-f',
      '1',
      '-l',
      '1',
      '-r',
      '60',
      '-png',
      '-singlefile',
      pdfPath,
      base,
    ]);
    execFileSync('pdftoppm', [
      '-f',
      '1',
      '-l',
      '1',
      '-r',
      '60',
      '-gray',
      '-singlefile',
      pdfPath,
      base,
    ]);
    const png = readFileSync(`${base}.png`);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(statSync(`${base}.png`).size).toBeGreaterThan(5_000);
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    // A4 is 210 × 297 mm: 297 / 210 = 1.414.
    expect(height / width).toBeGreaterThan(1.4);
    expect(height / width).toBeLessThan(1.43);
    const pgm = readFileSync(`${base}.pgm`);
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
    expect([Number(header[1]), Number(header[2])]).toEqual([width, height]);
    const pixels = pgm.subarray(header[0].length);
    const dark = pixels.reduce((n, v) => n + (v < 128 ? 1 : 0), 0);
    // Printed text and table rules, not a blank page.
    expect(dark / pixels.length).toBeGreaterThan(0.01);

    // The same figures as the APIs of the day (the browser's session asks).
    const api = async <T>(path: string): Promise<T> => {
      const res = await page.request.get(`${platform.server.url}/api/v1${path}`);
      expect(res.status()).toBe(200);
      return (await res.json()) as T;
    };
    const report = await api<QuarterlyReport>(`/supervision/quarterly-report?quarter=${QUARTER}`);
    const dashboard = await api<Dashboard>(`/dashboard?asOf=${report.asOf}`);
    expect(report.asOf).toBe('2017-12-31');
    expect(report.targets).toEqual(dashboard.targets);
    expect(report.funds).toEqual(dashboard.funds);
    expect(report.lending).toEqual(dashboard.growth);

    const xlsxDownload = page.waitForEvent('download');
    await page.getByTestId('quarterly-report-xlsx').click();
    const xlsxPath = `${ARTIFACTS}/quarterly-report-${QUARTER}.xlsx`;
    await (await xlsxDownload).saveAs(xlsxPath);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxPath);
    expect(wb.worksheets.map((s) => s.name)).toEqual(REPORT_SHEETS);
    const after = (sheet: string, headers: string[]) => tableUnder(wb, sheet, headers);
    expect(after('资金', ['资金', '账面余额（元）', '可用余额（元）'])).toEqual(
      report.funds.map((f) => [f.nameZh, Number(f.balance), Number(f.available)]),
    );
    expect(
      after('目标', ['条款', '目标', '实际值', '目标值', '期限', '状态']).map((r) => [r[1], r[2]]),
    ).toEqual(report.targets.map((x) => [x.titleZh, x.actual ?? '暂无数据']));
    expect(after('财政补贴', ['条款', '本季度兑付（元）', '累计兑付（元）']).at(-1)).toEqual([
      '合计',
      Number(report.subsidies.total.inQuarter),
      Number(report.subsidies.total.cumulative),
    ]);
  });
});

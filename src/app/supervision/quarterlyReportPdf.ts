import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import type { Browser } from 'playwright-core';
import { AppError } from '../errors.ts';
import { defineUseCase } from '../useCase.ts';
import { quarterFileInput, quarterInput, quarterlyReportOf } from './quarterlyReport.ts';
import { reportHtml } from './quarterlyReportHtml.ts';
import { SUPERVISORS } from './supervisionRoles.ts';

/**
 * The quarterly report's printable HTML, and the same document printed to an A4 PDF by
 * headless Chromium (playwright-core driving the system's Chromium, as the browser tests
 * do). Chromium is optional on a server: without it the page says how to get a PDF —
 * install Chromium, or print the page to PDF from the browser — and the PDF route
 * refuses with that message instead of failing.
 */

/** Read on every call, so an operator can point at another Chromium without a restart. */
const chromiumPath = (): string => process.env.JINFU_CHROMIUM ?? '/usr/bin/chromium';

export type PdfSupport =
  { available: true } | { available: false; messageZh: string; messageEn: string };

const PRINT_INSTEAD_ZH = '或在浏览器中打开本报告，选择“打印 → 另存为 PDF”（纸张 A4）';
const PRINT_INSTEAD_EN =
  'or open this report in a browser and choose Print → Save as PDF (A4 paper)';

export async function pdfSupport(): Promise<PdfSupport> {
  const path = chromiumPath();
  try {
    await access(path, constants.X_OK);
  } catch {
    return {
      available: false,
      messageZh: `服务器未安装 Chromium（${path}），无法生成 PDF。请管理员安装 Chromium（Debian/Ubuntu：apt-get install chromium，或以环境变量 JINFU_CHROMIUM 指定其路径），${PRINT_INSTEAD_ZH}。`,
      messageEn: `Chromium is not installed on the server (${path}), so no PDF can be made. Ask the administrator to install it (Debian/Ubuntu: apt-get install chromium, or set JINFU_CHROMIUM to its path), ${PRINT_INSTEAD_EN}.`,
    };
  }
  try {
    await import('playwright-core');
  } catch {
    return {
      available: false,
      messageZh: `服务器缺少 playwright-core 组件，无法驱动 Chromium 生成 PDF。请管理员安装（npm install playwright-core），${PRINT_INSTEAD_ZH}。`,
      messageEn: `The server lacks the playwright-core package that drives Chromium, so no PDF can be made. Ask the administrator to install it (npm install playwright-core), ${PRINT_INSTEAD_EN}.`,
    };
  }
  return { available: true };
}

// One Chromium, one page at a time: a report is rare and a second browser would only
// compete for the same cores. The browser stays up for a minute after a print (several
// offices tend to ask at once) and then closes, so an idle server holds no Chromium.
const IDLE_MS = 60_000;
let browser: Promise<Browser> | undefined;
let idle: ReturnType<typeof setTimeout> | undefined;
let printing: Promise<unknown> = Promise.resolve();

function launch(): Promise<Browser> {
  const launched = import('playwright-core').then(({ chromium }) =>
    chromium.launch({
      executablePath: chromiumPath(),
      // The document has no external resources; keep Chromium off the network.
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      // Playwright's own signal handlers would keep the server alive after SIGTERM/SIGINT
      // (they only close the browser); the server's default exit takes Chromium with it.
      handleSIGTERM: false,
      handleSIGINT: false,
      handleSIGHUP: false,
    }),
  );
  // A browser that failed to start or went away is forgotten, not one launched since.
  const forget = () => {
    if (browser === launched) browser = undefined;
  };
  launched.then((b) => b.on('disconnected', forget), forget);
  return launched;
}

async function printToPdf(html: string): Promise<Buffer> {
  clearTimeout(idle);
  const page = await (await (browser ??= launch())).newPage();
  try {
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  } finally {
    await page.close();
    idle = setTimeout(() => {
      // Forget it first: a print starting now launches a new one rather than use this.
      const closing = browser;
      browser = undefined;
      void closing?.then((b) => b.close());
    }, IDLE_MS);
    idle.unref();
  }
}

export const quarterlyReportPrint = defineUseCase({
  name: 'supervision.quarterly-report.print',
  roles: SUPERVISORS,
  scope: 'district',
  writes: false,
  input: quarterInput,
  async run(ctx, input): Promise<{ quarter: string; html: string; pdf: PdfSupport }> {
    const [report, pdf] = await Promise.all([quarterlyReportOf(ctx, input.quarter), pdfSupport()]);
    return { quarter: report.quarter, html: reportHtml(report), pdf };
  },
});

/**
 * Not in USE_CASES: the registry walk runs every read once per role, and seven Chromium
 * prints overrun its time limit on a loaded machine. Only its file route calls it, through
 * execute(); test/integration/quarterlyReport.test.ts checks its roles, input and output.
 */
export const quarterlyReportPdf = defineUseCase({
  name: 'supervision.quarterly-report.pdf',
  roles: SUPERVISORS,
  scope: 'district',
  writes: false,
  input: quarterFileInput,
  async run(ctx, input): Promise<{ quarter: string; bytes: number }> {
    const report = await quarterlyReportOf(ctx, input.quarter);
    const support = await pdfSupport();
    if (!support.available) {
      throw new AppError('conflict', 'pdf_unavailable', support.messageZh, support.messageEn);
    }
    const run = printing.then(() => printToPdf(reportHtml(report)));
    printing = run.catch(() => undefined);
    const pdf = await run;
    await input.target.write(async ({ filename, stream }) => {
      if (filename !== undefined) return writeFile(filename, pdf);
      stream!.end(pdf);
      await once(stream!, 'finish');
    });
    return { quarter: report.quarter, bytes: pdf.length };
  },
});

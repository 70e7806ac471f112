import { mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { platformForSuite } from '../support/browser.ts';
import { eventually, fen, inputOf, loginAs, pickDate, pickOption } from '../support/ui.ts';

const ARTIFACTS = 'test-artifacts';
// The demo's poverty loans pay quarterly interest on time up to 2020-06-30, so a 2019
// quarter has subsidy lines to pay.
const YEAR = '2019';
const QUARTER = 4;
const PERIOD = `${YEAR}-Q${QUARTER}`;

const yuanText = (f: number): string =>
  `${Math.trunc(f / 100)}.${String(f % 100).padStart(2, '0')}`;

/** Today in Wulong (UTC+8), the server's business day. */
function wulongToday(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Prepares a run of the quarter from the runs list; returns the new run's address. */
async function prepareQuarter(page: Page, quarter = QUARTER): Promise<string> {
  await page.getByTestId('nav-settlement-runs').click();
  await page.getByTestId('runs-page').waitFor();
  await page.getByTestId('run-prepare').click();
  await page.getByTestId('run-prepare-form').waitFor();
  await pickOption(page, 'run-period-year', YEAR);
  await page.getByTestId(`run-period-q${quarter}`).click();
  await page.getByTestId('run-prepare-submit').click();
  await page.waitForURL((u) => /^\/settlement\/runs\/[^/]+$/.test(u.pathname), {
    timeout: 60_000,
  });
  await page.getByTestId('run-total').waitFor();
  return page.url();
}

/** Clicks a button guarded by a Popconfirm, then the confirmation's OK. */
async function confirmClick(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.ant-popconfirm .ant-btn-primary').filter({ visible: true }).click();
}

const runStatus = (page: Page) => page.getByTestId('run-steps').getAttribute('data-status');
const runTotal = async (page: Page) => fen(await page.getByTestId('run-total').innerText());

const fundRow = (page: Page, code: string) =>
  page.locator(`[data-testid="fund-row"][data-code="${code}"]`);

async function fundFigures(row: Locator): Promise<{ balance: number; available: number }> {
  return {
    balance: fen(await row.getByTestId('fund-balance').innerText()),
    available: fen(await row.getByTestId('fund-available').innerText()),
  };
}

/** A cell's value as fen, whether the workbook stores a number, text or a formula. */
function cellFen(cell: ExcelJS.Cell): number {
  const v = cell.value;
  if (typeof v === 'number' || typeof v === 'string') return fen(v);
  if (v && typeof v === 'object' && 'result' in v) {
    const r = v.result;
    if (typeof r === 'number' || typeof r === 'string') return fen(r);
  }
  throw new Error(`cell ${cell.address} holds no amount: ${JSON.stringify(v)}`);
}

/**
 * The amount in the 合计 row of a sheet, read under the column whose header names the
 * amount (金额…), wherever the sheet puts its title, headers and totals.
 */
function sheetTotal(sheet: ExcelJS.Worksheet): number {
  let amountCol: number | undefined;
  let total: number | undefined;
  sheet.eachRow((row) => {
    const texts: string[] = [];
    row.eachCell((c, col) => (texts[col] = c.text.trim()));
    // The header row: several headings, one of them the amount's.
    if (amountCol === undefined) {
      const col = texts.findIndex((t) => t?.includes('金额'));
      if (col > 0 && texts.filter(Boolean).length >= 3) amountCol = col;
      return;
    }
    if (total === undefined && texts.some((t) => t === '合计')) {
      total = cellFen(row.getCell(amountCol));
    }
  });
  if (amountCol === undefined) throw new Error(`sheet ${sheet.name}: no 金额 column`);
  if (total === undefined) throw new Error(`sheet ${sheet.name}: no 合计 row`);
  return total;
}

function sheetText(sheet: ExcelJS.Worksheet): string {
  const parts: string[] = [];
  sheet.eachRow((row) => row.eachCell((c) => parts.push(c.text)));
  return parts.join('|');
}

describe('a quarter is settled, signed off and paid', () => {
  const platform = platformForSuite();

  // Three people, a re-run, the funds and a download: longer than the default timeout.
  it('maker prepares, reviewer and approver sign off, the payment list adds up', async () => {
    // ---- 1. the financial office prepares the quarter ---------------------------------
    const maker = await loginAs(platform.browser, `${platform.server.url}/settlement`, 'jrzx');
    const firstUrl = await prepareQuarter(maker);
    expect(await maker.getByTestId('page-title').innerText()).toContain(PERIOD);
    expect(await runStatus(maker)).toBe('draft');
    expect(await maker.getByTestId('run-step-0').innerText()).toContain('jrzx');
    const prepared = await runTotal(maker);
    expect(prepared).toBeGreaterThan(0);
    expect(Number(await maker.getByTestId('run-line-count').innerText())).toBeGreaterThan(0);

    // The breakdowns each add up to the run total.
    for (const by of ['article', 'township', 'fund', 'bank']) {
      const amounts = await maker
        .getByTestId(`run-by-${by}-row`)
        .getByTestId('breakdown-total')
        .allInnerTexts();
      expect(amounts.length).toBeGreaterThan(0);
      expect(amounts.reduce((s, a) => s + fen(a), 0)).toBe(prepared);
    }

    // Leaving a line out lowers the total by its amount; restoring it brings it back.
    const line = maker.locator('[data-testid="line-row"][data-excluded="no"]').filter({
      has: maker.getByTestId('line-exclude'),
    });
    await line.first().waitFor();
    const n = await line.first().getAttribute('data-n');
    const row = maker.locator(`[data-testid="line-row"][data-n="${n}"]`);
    const lineAmount = fen(await row.getByTestId('line-amount').innerText());
    expect(lineAmount).toBeGreaterThan(0);
    const exclude = async () => {
      await row.getByTestId('line-exclude').click();
      await maker.getByTestId('line-exclude-form-reason').fill('农户一卡通账户已销户，待核实');
      await maker.getByTestId('line-exclude-form-submit').click();
      await maker.getByTestId('line-exclude-form').waitFor({ state: 'detached' });
      await eventually(() => runTotal(maker)).toBe(prepared - lineAmount);
      await eventually(() => row.getAttribute('data-excluded')).toBe('yes');
    };
    await exclude();
    await row.getByTestId('line-include').click();
    await eventually(() => runTotal(maker)).toBe(prepared);
    await eventually(() => row.getAttribute('data-excluded')).toBe('no');
    await exclude();

    // A re-run of the open quarter is a new draft (the line is owed again) that shows
    // the difference from the run it replaces.
    const runUrl = await prepareQuarter(maker);
    expect(runUrl).not.toBe(firstUrl);
    expect(await runTotal(maker)).toBe(prepared);
    const diff = maker.getByTestId('run-diff');
    await eventually(async () => fen(await diff.getByTestId('run-diff-total').innerText())).toBe(
      lineAmount,
    );
    expect(await diff.locator('a').first().getAttribute('href')).toBe(new URL(firstUrl).pathname);
    await maker.goto(`${platform.server.url}/settlement?period=${PERIOD}`);
    const runRows = maker.getByTestId('run-row');
    await eventually(() => runRows.count()).toBe(2);
    expect(await runRows.nth(0).getAttribute('data-status')).toBe('draft');
    expect(await runRows.nth(1).getAttribute('data-status')).toBe('superseded');
    await runRows.nth(0).getByTestId('run-link').click();
    await maker.waitForURL(runUrl);
    await maker.getByTestId('run-total').waitFor();

    await confirmClick(maker, 'run-submit');
    await eventually(() => runStatus(maker)).toBe('submitted');
    expect(await maker.getByTestId('run-step-1').innerText()).toContain('jrzx');
    // Once submitted the lines are fixed.
    expect(await maker.getByTestId('line-exclude').count()).toBe(0);

    // ---- 2. the poverty office reviews --------------------------------------------------
    const reviewer = await loginAs(platform.browser, runUrl, 'fpb');
    await reviewer.getByTestId('run-review').waitFor();
    expect(await reviewer.getByTestId('run-approve').count()).toBe(0);
    await confirmClick(reviewer, 'run-review');
    await eventually(() => runStatus(reviewer)).toBe('reviewed');
    expect(await reviewer.getByTestId('run-step-2').innerText()).toContain('fpb');

    // ---- 3. the finance bureau funds the quarter, approves and pays --------------------
    const approver = await loginAs(platform.browser, runUrl, 'czj');
    await approver.getByTestId('run-approve').waitFor();
    // What the run needs from each fund, as its page shows it.
    const needs = new Map<string, number>();
    for (const r of await approver.getByTestId('run-by-fund-row').all()) {
      needs.set(
        (await r.getAttribute('data-key')) ?? '',
        fen(await r.getByTestId('breakdown-total').innerText()),
      );
    }
    expect([...needs.values()].reduce((s, v) => s + v, 0)).toBe(prepared);

    // The bureau appropriates the quarter's money into each fund the run draws on.
    await approver.getByTestId('nav-funds').click();
    await approver.getByTestId('funds-page').waitFor();
    const before = new Map<string, { balance: number; available: number }>();
    for (const [code, need] of needs) {
      const row = fundRow(approver, code);
      await row.waitFor();
      const was = await fundFigures(row);
      before.set(code, was);
      const fundName = (await row.locator('td').first().innerText()).trim();
      await approver.getByTestId('fund-top-up').click();
      await approver.getByTestId('fund-top-up-form').waitFor();
      await pickOption(approver, 'fund-top-up-fund', fundName);
      await pickOption(approver, 'fund-top-up-source', '区级预算安排');
      await inputOf(approver, 'fund-top-up-amount').fill(yuanText(need));
      await pickDate(approver, 'fund-top-up-date', wulongToday());
      await inputOf(approver, 'fund-top-up-memo').fill(`${PERIOD} 贴息资金拨付`);
      await approver.getByTestId('fund-top-up-submit').click();
      await approver.getByTestId('fund-top-up-form').waitFor({ state: 'detached' });
      await eventually(() => fundFigures(row)).toEqual({
        balance: was.balance + need,
        available: was.available + need,
      });
    }
    expect(await approver.getByTestId('funds-trial-balance').innerText()).toContain('0.00');

    await approver.goto(runUrl);
    await confirmClick(approver, 'run-approve');
    await expect
      .poll(
        async () =>
          (await approver.getByTestId('run-action-error').count()) > 0
            ? await approver.getByTestId('run-action-error').innerText()
            : await runStatus(approver),
        { timeout: 30_000 },
      )
      .toBe('approved');
    expect(await approver.getByTestId('run-step-3').innerText()).toContain('czj');

    await approver.getByTestId('run-pay').click();
    await approver.getByTestId('run-pay-form').waitFor();
    const reference = `CZJ-ZF-${Date.now()}`;
    await inputOf(approver, 'run-pay-reference').fill(reference);
    await pickDate(approver, 'run-pay-date', wulongToday());
    await approver.getByTestId('run-pay-submit').click();
    await approver.getByTestId('run-pay-form').waitFor({ state: 'detached' });
    await eventually(() => runStatus(approver)).toBe('paid');
    expect(await approver.getByTestId('run-step-4').innerText()).toContain(reference);

    // Paid: each fund holds what it held before the quarter's appropriation.
    await approver.getByTestId('nav-funds').click();
    await approver.getByTestId('funds-page').waitFor();
    for (const [code, was] of before) {
      await eventually(() => fundFigures(fundRow(approver, code))).toEqual(was);
    }
    expect(await approver.getByTestId('funds-trial-balance').innerText()).toContain('0.00');
    await approver.goto(runUrl);
    await approver.getByTestId('run-total').waitFor();

    // ---- 4. the payment list: downloaded from the page, opened, its 合计 is the run's ---
    const shown = await runTotal(approver);
    expect(shown).toBe(prepared);
    const [download] = await Promise.all([
      approver.waitForEvent('download'),
      approver.getByTestId('run-payment-list').click(),
    ]);
    expect(await download.failure()).toBeNull();
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = `${ARTIFACTS}/settlement-payment-list.xlsx`;
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const summary = book.getWorksheet('汇总');
    if (!summary) throw new Error(`no 汇总 sheet in ${book.worksheets.map((w) => w.name)}`);
    expect(sheetTotal(summary)).toBe(shown);
    for (const sign of ['制表', '复核', '审批']) expect(sheetText(summary)).toContain(sign);
    // One sheet per paying bank; together they pay what the summary says.
    const banks = book.worksheets.filter((w) => w.name !== '汇总');
    expect(banks.length).toBeGreaterThan(0);
    expect(banks.reduce((s, w) => s + sheetTotal(w), 0)).toBe(shown);

    await approver.screenshot({ path: `${ARTIFACTS}/settlement-run.png`, fullPage: true });

    // The printable summary shows the same total and who signed each step.
    await approver.getByTestId('run-print-link').click();
    await approver.getByTestId('run-print').waitFor();
    expect(fen(await approver.getByTestId('run-print-total').innerText())).toBe(shown);
    const signatures = await approver.getByTestId('run-signatures').innerText();
    for (const who of ['jrzx', 'fpb', 'czj']) expect(signatures).toContain(who);
    await approver.emulateMedia({ media: 'print' });
    expect(await approver.getByTestId('side-nav').isVisible()).toBe(false);
    await approver.screenshot({ path: `${ARTIFACTS}/settlement-print.png`, fullPage: true });
    await approver.emulateMedia({ media: 'screen' });
    await approver.goBack();
    await approver.getByTestId('run-total').waitFor();

    // ---- 5. a paid loan's page lists the subsidy under 贴息记录 -------------------------
    const paidLine = approver.locator('[data-testid="line-row"][data-excluded="no"]').first();
    await paidLine.locator('a[href^="/loans/"]').click();
    await approver.getByTestId('loan-facts').waitFor();
    const subsidy = approver.getByTestId('loan-subsidy-row').filter({ hasText: PERIOD });
    await subsidy.first().waitFor();
    expect(await subsidy.first().innerText()).toContain('已支付');

    for (const p of [maker, reviewer, approver]) await p.context().close();
  }, 240_000);

  it('the poverty office sends a submitted run back with its reason', async () => {
    const maker = await loginAs(platform.browser, `${platform.server.url}/settlement`, 'jrzx');
    const runUrl = await prepareQuarter(maker, 3);
    await confirmClick(maker, 'run-submit');
    await eventually(() => runStatus(maker)).toBe('submitted');

    const reviewer = await loginAs(platform.browser, runUrl, 'fpb');
    await reviewer.getByTestId('run-reject').click();
    // A reason is required.
    await reviewer.getByTestId('run-reject-form-submit').click();
    await reviewer
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: '请填写原因' })
      .waitFor();
    const reason = '部分农户计息期间与银行对账单不符，请核实后重新生成';
    await reviewer.getByTestId('run-reject-form-reason').fill(reason);
    await reviewer.getByTestId('run-reject-form-submit').click();
    await reviewer.getByTestId('run-reject-form').waitFor({ state: 'detached' });
    await eventually(() => runStatus(reviewer)).toBe('rejected');
    expect(await reviewer.getByTestId('run-step-2').innerText()).toContain('fpb');
    expect(await reviewer.getByTestId('run-step-2-extra').innerText()).toContain(reason);
    await reviewer.getByTestId('run-closed').waitFor();
    expect(await reviewer.getByTestId('run-review').count()).toBe(0);

    // The maker sees why, and has nothing left to do on this run.
    await maker.reload();
    await maker.getByTestId('run-step-2-extra').waitFor();
    expect(await maker.getByTestId('run-step-2-extra').innerText()).toContain(reason);
    expect(await maker.getByTestId('run-submit').count()).toBe(0);
    for (const p of [maker, reviewer]) await p.context().close();
  });
});

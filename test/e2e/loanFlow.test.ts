import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { platformForSuite } from '../support/browser.ts';
import { fen, inputOf, pickDate, pickOption } from '../support/ui.ts';

const ARTIFACTS = 'test-artifacts';
const PASSWORD = 'Jinfu-demo-2017';

// Dates inside the chosen household's registered-poor window (it was registered in 2014
// and, as checked below, has no lift date before the end of 2016).
const NEED_DATE = '2016-03-01';
const APPLIED_ON = '2016-03-10';
const CONTRACT_DATE = '2016-03-15';
const DISBURSED_ON = '2016-03-20';
const AMOUNT = '30000';
const RATE = '4.75';
const TERM = 36;

interface Product {
  id: string;
  category: string;
  nameZh: string;
  minAmount: string;
  maxAmount: string;
  minTermMonths: number;
  maxTermMonths: number;
  method: string;
  interestPeriod: string;
  dayCount: string;
  active: boolean;
}
interface PovertyEvent {
  status: string;
  effectiveFrom: string;
}

function yuan(f: number): string {
  const int = String(Math.trunc(f / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${int}.${String(f % 100).padStart(2, '0')}`;
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

async function login(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').waitFor();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
}

async function cells(row: Locator): Promise<string[]> {
  return (await row.locator('td').allInnerTexts()).map((s) => s.trim());
}

describe('a financing need becomes a disbursed loan repaid through a bank file', () => {
  const platform = platformForSuite();

  it('clerk records the need; bank lends and imports its repayment file; pages show it', async () => {
    // ---- 1. the 白马镇 clerk records a financing need -------------------------------
    const clerkCtx = await platform.browser.newContext({
      viewport: { width: 1400, height: 900 },
      locale: 'zh-CN',
      baseURL: platform.server.url,
    });
    const clerk = await clerkCtx.newPage();
    await login(clerk, `${platform.server.url}/loans/needs`, 'baima');
    await clerk.getByTestId('needs-page').waitFor();

    // A 白马镇 household registered poor, with no lift before our dates.
    const list = await clerk.request.get(
      '/api/v1/households?township=500156003&status=registered_poor&pageSize=50',
    );
    expect(list.ok()).toBe(true);
    const candidates = (await list.json()) as {
      items: { id: string; householdNo: string; headName: string; townshipName: string }[];
    };
    let household: (typeof candidates.items)[number] | undefined;
    for (const h of candidates.items) {
      expect(h.townshipName).toBe('白马镇');
      const res = await clerk.request.get(`/api/v1/households/${h.id}`);
      const detail = (await res.json()) as { povertyHistory: PovertyEvent[] };
      const history = [...detail.povertyHistory].sort((a, b) =>
        a.effectiveFrom.localeCompare(b.effectiveFrom),
      );
      const poorFrom = history.find((e) => e.status === 'registered_poor')?.effectiveFrom;
      const changed = history.some(
        (e) => e.status !== 'registered_poor' && e.effectiveFrom <= '2016-12-31',
      );
      if (poorFrom && poorFrom < NEED_DATE && !changed) {
        household = h;
        break;
      }
    }
    if (!household) throw new Error('no 白马镇 household registered poor through 2016');

    const products = (await (await clerk.request.get('/api/v1/loan-products')).json()) as Product[];
    const product = products.find((p) => p.category === 'poverty_micro_credit' && p.active);
    if (!product) throw new Error('no active poverty micro-credit product');
    expect(Number(product.minAmount)).toBeLessThanOrEqual(Number(AMOUNT));
    expect(Number(product.maxAmount)).toBeGreaterThanOrEqual(Number(AMOUNT));
    expect(product.maxTermMonths).toBeGreaterThanOrEqual(TERM);

    await clerk.getByTestId('need-create').click();
    await clerk.getByTestId('need-form').waitFor();
    await pickOption(clerk, 'need-household', household.householdNo, household.householdNo);
    await inputOf(clerk, 'need-amount').fill(AMOUNT);
    const purpose = `肉牛养殖扩栏 ${Date.now()}`;
    await inputOf(clerk, 'need-purpose').fill(purpose);
    await inputOf(clerk, 'need-industry').fill('畜牧业');
    await pickDate(clerk, 'need-recorded-on', NEED_DATE);
    const [created] = await Promise.all([
      clerk.waitForResponse(
        (r) => r.url().endsWith('/api/v1/needs') && r.request().method() === 'POST',
      ),
      clerk.getByTestId('need-submit').click(),
    ]);
    expect(created.status()).toBe(201);
    const needId = ((await created.json()) as { id: string }).id;
    await clerk.getByTestId('need-form').waitFor({ state: 'detached' });

    const clerkRow = clerk.locator(`[data-testid="need-row"][data-need-id="${needId}"]`);
    await clerkRow.waitFor();
    expect(await clerkRow.getAttribute('data-status')).toBe('open');
    const clerkCells = await cells(clerkRow);
    expect(clerkCells).toContain('白马镇');
    expect(clerkCells).toContain('30,000.00');
    expect(clerkCells).toContain(purpose);
    expect(clerkCells).toContain('畜牧业');
    expect(clerkCells).toContain(NEED_DATE);
    await expect
      .poll(() => clerkRow.getByTestId('household-link').innerText())
      .toBe(`${household.headName}（${household.householdNo}）`);

    // ---- 2. the ABC officer responds and lends ---------------------------------------
    const bankCtx = await platform.browser.newContext({
      viewport: { width: 1400, height: 900 },
      locale: 'zh-CN',
      baseURL: platform.server.url,
    });
    const bank = await bankCtx.newPage();
    await login(bank, `${platform.server.url}/loans/needs?household=${household.id}`, 'abc');
    const row = bank.locator(`[data-testid="need-row"][data-need-id="${needId}"]`);
    await row.waitFor();
    expect(await cells(row)).toContain(purpose);

    await row.getByTestId('need-respond').click();
    const response = '农行武隆支行可提供扶贫小额信贷，请户主携带身份证到网点办理';
    await bank.getByTestId('need-respond-text').fill(response);
    await bank.getByTestId('need-respond-submit').click();
    await bank.getByTestId('need-respond-form').waitFor({ state: 'detached' });
    await expect.poll(() => row.getAttribute('data-status')).toBe('responded');
    await expect.poll(async () => (await cells(row)).join('|')).toContain(response);

    await row.getByTestId('loan-apply').click();
    await bank.getByTestId('loan-apply-form').waitFor();
    // Prefilled from the need.
    expect(await inputOf(bank, 'loan-apply-amount').inputValue()).toMatch(/^30000(\.00)?$/);
    expect(await bank.getByTestId('loan-apply-form').innerText()).toContain(household.householdNo);
    await pickOption(bank, 'loan-apply-product', product.nameZh);
    await inputOf(bank, 'loan-apply-amount').fill(AMOUNT);
    await inputOf(bank, 'loan-apply-rate').fill(RATE);
    await inputOf(bank, 'loan-apply-term').fill(String(TERM));
    await pickDate(bank, 'loan-apply-date', APPLIED_ON);
    const contractNo = `ABC-WL-E2E-${Date.now()}`;
    await inputOf(bank, 'loan-apply-contract').fill(contractNo);
    await bank.getByTestId('loan-apply-submit').click();

    // The form takes us to the new loan's page.
    await bank.waitForURL((u) => /^\/loans\/(?!needs$|board$)[^/]+$/.test(u.pathname));
    const loanUrl = bank.url();
    await bank.getByTestId('loan-facts').waitFor();
    const facts = await bank.getByTestId('loan-facts').innerText();
    expect(facts).toContain(contractNo);
    expect(facts).toContain(product.nameZh);
    expect(facts).toContain(APPLIED_ON);
    expect(await bank.getByTestId('loan-amount').innerText()).toBe('30,000.00');

    await bank.getByTestId('loan-approve').click();
    await bank.locator('.ant-popconfirm .ant-btn-primary').click();
    await bank.getByTestId('loan-disburse').waitFor();

    await bank.getByTestId('loan-disburse').click();
    await bank.getByTestId('loan-disburse-form').waitFor();
    await pickDate(bank, 'loan-disburse-contract-date', CONTRACT_DATE);
    await pickDate(bank, 'loan-disburse-date', DISBURSED_ON);
    await bank.getByTestId('loan-disburse-submit').click();
    await bank.getByTestId('loan-disburse-form').waitFor({ state: 'detached' });
    await bank.getByTestId('loan-repay').waitFor();
    await expect.poll(() => bank.getByTestId('loan-facts').innerText()).toContain(DISBURSED_ON);
    expect(await bank.getByTestId('loan-facts').innerText()).toContain(CONTRACT_DATE);

    // The schedule as the page shows it.
    const scheduleRows = bank.getByTestId('loan-schedule-row');
    // Interest-only products pay interest each interest period, principal at maturity.
    const perPeriod = { monthly: 1, quarterly: 3 }[product.interestPeriod] ?? 0;
    const expectedRows = product.method === 'interest-only' && perPeriod ? TERM / perPeriod : TERM;
    await expect.poll(() => scheduleRows.count()).toBe(Math.min(expectedRows, 24));
    const [n1, due1, principal1, interest1, total1, balance1] = await cells(scheduleRows.first());
    expect(n1).toBe('1');
    expect(due1).toMatch(/^2016-\d\d-\d\d$/);
    expect(fen(total1!)).toBe(fen(principal1!) + fen(interest1!));
    expect(fen(balance1!)).toBe(fen('30,000.00') - fen(principal1!));
    if (product.dayCount === 'actual/360') {
      // 30000 × 4.75% × days / 360, rounded half-up to the fen.
      const days = daysBetween(DISBURSED_ON, due1!);
      const num = 3_000_000 * 475 * days;
      const den = 10_000 * 360;
      expect(fen(interest1!)).toBe(Math.floor((2 * num + den) / (2 * den)));
    }
    // The principal of all rows adds up to the loan.
    let principalSum = 0;
    const pages = Math.ceil(expectedRows / 24);
    for (let p = 1; p <= pages; p++) {
      if (p > 1) {
        await bank.getByTestId('loan-schedule').locator(`.ant-pagination-item-${p}`).click();
        await expect
          .poll(async () => (await cells(scheduleRows.first()))[0])
          .toBe(String((p - 1) * 24 + 1));
      }
      for (const r of await scheduleRows.all()) principalSum += fen((await cells(r))[2]!);
    }
    expect(principalSum).toBe(fen('30,000.00'));
    if (pages > 1)
      await bank.getByTestId('loan-schedule').locator('.ant-pagination-item-1').click();

    const outstandingBefore = fen(await bank.getByTestId('loan-outstanding').innerText());
    expect(outstandingBefore).toBe(fen('30,000.00'));
    expect(await bank.getByTestId('loan-repayment-row').count()).toBe(0);

    // The bank's repayment file pays the first instalment on its due date: uploaded on
    // the repayment import page (POST /imports/repayments), dry run, then commit.
    const txn = `ABC-TXN-${Date.now()}`;
    const note = '批量代扣';
    const csv = [
      '合同编号,交易流水号,还款日期,还款金额,备注',
      `${contractNo},${txn},${due1!},${yuan(fen(total1!)).replaceAll(',', '')},${note}`,
    ].join('\r\n');
    await bank.goto(`${platform.server.url}/loans/repayments/import`);
    await bank.getByTestId('repayment-import-page').waitFor();
    await bank
      .getByTestId('repayment-import-page')
      .locator('input[type="file"]')
      .setInputFiles({
        name: 'abc-repayments.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv, 'utf8'),
      });
    const [dry] = await Promise.all([
      bank.waitForResponse((r) => r.url().includes('/api/v1/imports/repayments')),
      bank.getByTestId('import-dry-run').click(),
    ]);
    expect(dry.status()).toBe(200);
    const report = bank.getByTestId('import-report');
    await expect.poll(() => report.getAttribute('data-mode')).toBe('dry-run');
    expect(await bank.getByTestId('import-count-new').getAttribute('data-value')).toBe('1');
    expect(await bank.getByTestId('import-count-errors').getAttribute('data-value')).toBe('0');
    const [commit] = await Promise.all([
      bank.waitForResponse((r) => r.url().includes('/api/v1/imports/repayments')),
      bank.getByTestId('import-commit').click(),
    ]);
    expect(commit.status()).toBe(200);
    await expect.poll(() => report.getAttribute('data-mode')).toBe('commit');
    expect(await report.getAttribute('data-committed')).toBe('true');
    expect(await bank.getByTestId('import-count-new').getAttribute('data-value')).toBe('1');

    // The same file again changes nothing: the transaction id is already recorded.
    await bank.getByTestId('import-dry-run').click();
    await expect.poll(() => report.getAttribute('data-mode')).toBe('dry-run');
    await expect
      .poll(() => bank.getByTestId('import-count-unchanged').getAttribute('data-value'))
      .toBe('1');
    expect(await bank.getByTestId('import-count-new').getAttribute('data-value')).toBe('0');
    await bank.goto(loanUrl);

    // ---- 3. what the pages show -------------------------------------------------------
    const payment = bank.getByTestId('loan-repayment-row');
    await payment.first().waitFor();
    expect(await payment.count()).toBe(1);
    const [paidOn, paid, paidPrincipal, paidInterest, penalty, paidTxn, paidNote, by] = await cells(
      payment.first(),
    );
    expect(paidOn).toBe(due1);
    expect(paid).toBe(total1);
    expect(paidPrincipal).toBe(principal1);
    expect(paidInterest).toBe(interest1);
    expect(penalty).toBe('0.00');
    expect(paidTxn).toBe(txn);
    expect(paidNote).toBe(note);
    expect(by).toBe('abc');
    // Paid on its due date: instalment 1 is on time (the art. 11 subsidy depends on it).
    await expect
      .poll(() => scheduleRows.first().getByTestId('loan-on-time').getAttribute('data-on-time'))
      .toBe('yes');
    await expect
      .poll(async () => fen(await bank.getByTestId('loan-outstanding').innerText()))
      .toBe(outstandingBefore - fen(principal1!));

    // Reload: it is stored, not just in the client cache.
    await bank.goto(loanUrl);
    await bank.getByTestId('loan-repayment-row').first().waitFor();
    expect(fen(await bank.getByTestId('loan-outstanding').innerText())).toBe(
      outstandingBefore - fen(principal1!),
    );
    await expect
      .poll(() => bank.getByTestId('loan-schedule-row').count())
      .toBe(Math.min(expectedRows, 24));

    // The household page lists the loan in its 贷款 section (seen by the clerk).
    await clerk.goto(`${platform.server.url}/register/households/${household.id}`);
    const loans = clerk.getByTestId('household-loans');
    const link = loans.getByTestId('loan-link').filter({ hasText: contractNo });
    await link.waitFor();
    const loanRow = loans.locator('tr.ant-table-row').filter({ hasText: contractNo });
    expect(await loanRow.count()).toBe(1);
    const loanCells = await cells(loanRow);
    expect(loanCells).toContain('30,000.00');
    expect(loanCells).toContain(APPLIED_ON);
    expect(loanCells).toContain(DISBURSED_ON);
    expect(loanCells.join('|')).toContain('农行');
    expect(loanCells).toContain('已放款');
    await link.click();
    await clerk.waitForURL(loanUrl);
    // …and from it, the loan with its schedule and the imported payment.
    const clerkPayment = clerk.getByTestId('loan-repayment-row');
    await clerkPayment.first().waitFor();
    expect(await clerk.getByTestId('loan-facts').innerText()).toContain(contractNo);
    expect(await clerkPayment.count()).toBe(1);
    const clerkPaid = await cells(clerkPayment.first());
    expect([clerkPaid[0], clerkPaid[1], clerkPaid[5]]).toEqual([due1, total1, txn]);
    const clerkSchedule = clerk.getByTestId('loan-schedule-row');
    await expect.poll(() => clerkSchedule.count()).toBe(Math.min(expectedRows, 24));
    expect((await cells(clerkSchedule.first())).slice(0, 6)).toEqual([
      n1,
      due1,
      principal1,
      interest1,
      total1,
      balance1,
    ]);
    await expect
      .poll(() => clerkSchedule.first().getByTestId('loan-on-time').getAttribute('data-on-time'))
      .toBe('yes');

    mkdirSync(ARTIFACTS, { recursive: true });
    await bank.screenshot({ path: `${ARTIFACTS}/loan-flow.png`, fullPage: true });
    await clerkCtx.close();
    await bankCtx.close();
  });

  it('the financial office creates and edits a product with a grace period in the form', async () => {
    const ctx = await platform.browser.newContext({
      viewport: { width: 1400, height: 1000 },
      locale: 'zh-CN',
      baseURL: platform.server.url,
    });
    const page = await ctx.newPage();
    await login(page, `${platform.server.url}/loans/products`, 'jrzx');
    await page.getByTestId('loan-products-page').waitFor();
    await page.getByTestId('product-create').click();
    await page.getByTestId('product-form').waitFor();

    const code = `GRACE-E2E-${Date.now()}`;
    await inputOf(page, 'product-code').fill(code);
    await pickOption(page, 'product-category', '产业扶贫贷款');
    await inputOf(page, 'product-name-zh').fill('宽限期产业贷款（测试）');
    await inputOf(page, 'product-name-en').fill('Industry loan with grace (test)');
    await pickOption(page, 'product-collateral', '抵押');
    await inputOf(page, 'product-min-amount').fill('10000');
    await inputOf(page, 'product-max-amount').fill('500000');
    await inputOf(page, 'product-min-term').fill('12');
    await inputOf(page, 'product-max-term').fill('60');
    await pickOption(page, 'product-method', '等额本息');
    await pickOption(page, 'product-interest-period', '按季');
    // 12 months of grace leave the shortest loan no repayment month: the API refuses,
    // and its message appears under the grace field, in Chinese first.
    await inputOf(page, 'product-grace-months').fill('12');
    const [refused] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/loan-products') && r.request().method() === 'POST',
      ),
      page.getByTestId('product-submit').click(),
    ]);
    expect(refused.status()).toBe(400);
    expect(((await refused.json()) as { field: string }).field).toBe('graceMonths');
    const graceItem = page
      .locator('.ant-form-item')
      .filter({ has: page.getByTestId('product-grace-months') });
    await expect
      .poll(() => graceItem.locator('.ant-form-item-explain-error').innerText())
      .toContain('宽限期必须短于最短期限 12 个月');

    await inputOf(page, 'product-grace-months').fill('3');
    const [created] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/loan-products') && r.request().method() === 'POST',
      ),
      page.getByTestId('product-submit').click(),
    ]);
    expect(created.status()).toBe(201);
    expect(await created.json()).toMatchObject({
      code,
      category: 'industry',
      method: 'equal-instalment',
      interestPeriod: 'quarterly',
      graceMonths: 3,
      minAmount: '10000.00',
      collateral: 'mortgage',
    });
    await page.getByTestId('product-form').waitFor({ state: 'detached' });
    const row = page.locator(`[data-testid="product-row"][data-code="${code}"]`);
    await row.waitFor();
    expect(await cells(row)).toContain('宽限期产业贷款（测试）');

    // Edit: the form comes back filled in; a new name and 6 grace months are saved.
    await row.getByTestId('product-edit').click();
    await page.getByTestId('product-form').waitFor();
    expect(await inputOf(page, 'product-grace-months').inputValue()).toBe('3');
    expect(await inputOf(page, 'product-code').isDisabled()).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/loan-product-form.png` });
    await inputOf(page, 'product-name-zh').fill('宽限期产业贷款（已修改）');
    await inputOf(page, 'product-grace-months').fill('6');
    const [edited] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PATCH'),
      page.getByTestId('product-submit').click(),
    ]);
    expect(edited.status()).toBe(200);
    expect(await edited.json()).toMatchObject({ graceMonths: 6, version: 2 });
    await page.getByTestId('product-form').waitFor({ state: 'detached' });
    await expect
      .poll(async () => (await cells(row)).join('|'))
      .toContain('宽限期产业贷款（已修改）');
    expect(await cells(row)).toContain('6');
    await ctx.close();
  });
});

import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

// Helpers the browser tests share: logging in as a demo account, reading money and
// driving antd controls.

const PASSWORD = 'Jinfu-demo-2017';

/** "1,234.56" (or a number of yuan) -> 123456 integer fen. */
export function fen(value: string | number): number {
  const text = typeof value === 'number' ? value.toFixed(2) : value.trim();
  const m = /^(-?)([\d,]+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) throw new Error(`not a yuan amount: ${JSON.stringify(value)}`);
  const v = Number((m[2] ?? '').replaceAll(',', '')) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -v : v;
}

/** Opens `url` in a fresh browser context and logs in as a demo account. */
export async function loginAs(browser: Browser, url: string, username: string): Promise<Page> {
  const ctx: BrowserContext = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: 'zh-CN',
    // The browser's "today" is then the server's business day.
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  const page = await ctx.newPage();
  await page.goto(url);
  await page.getByTestId('login-username').waitFor();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  return page;
}

/** The page catches up within seconds (vitest's default of one second is too short here). */
export const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

/** antd puts data-testid on the <input> or on a wrapper depending on the control. */
export function inputOf(page: Page, testId: string): Locator {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

/**
 * Chooses an option of an antd Select, opening it (and typing `search` into its box) if
 * no list is open — a caller may have opened and scrolled it already. A click that lands
 * while the list (or the modal around it) is still animating in is dropped, so it is
 * tried again until the list closes, which means the choice was taken; so the next pick
 * never finds this list still fading out.
 */
export async function pickOption(
  page: Page,
  testId: string,
  option: string,
  search?: string,
): Promise<void> {
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  for (let attempt = 1; ; attempt++) {
    if ((await open.count()) === 0) {
      await inputOf(page, testId).click();
      if (search) await inputOf(page, testId).fill(search);
    }
    await open.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
    try {
      await expect.poll(() => open.count(), { timeout: 2_000 }).toBe(0);
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/** Types a date into an antd DatePicker; Tab, not Enter, which would submit the form. */
export async function pickDate(page: Page, testId: string, date: string): Promise<void> {
  const input = inputOf(page, testId);
  await input.click();
  await input.fill(date);
  await input.press('Tab');
  await eventually(() => input.inputValue()).toBe(date);
}

/** GETs an API path as the page's logged-in user; the answer must be 200. */
export async function json<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(new URL(`/api/v1${path}`, page.url()).href);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

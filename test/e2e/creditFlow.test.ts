import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { platformForSuite } from '../support/browser.ts';
import { eventually, loginAs } from '../support/ui.ts';

/**
 * The demo seeds one village of 白马镇 one credit household short of a credit village
 * (src/app/demo/seedCredit.ts: ⌈70 % of n⌉ − 1 credit households). The clerk collects one
 * more household, which gets its grade with the explanation; the PBOC sub-branch
 * approves it as a credit household; the village then qualifies, the clerk proposes it,
 * the PBOC approves, and the grid shows the village designated.
 */

const seededVillage = (page: Page) =>
  page
    .locator('[data-testid="credit-village"]')
    .filter({ has: page.getByText(/信用户 [1-9]\d*\//) })
    .first();

async function approveAll(page: Page): Promise<void> {
  await page.getByRole('tab', { name: '待审批' }).click();
  await page.getByTestId('credit-approvals').waitFor();
  await page.getByTestId('credit-proposal').first().waitFor();
  await page.locator('[data-testid="credit-approvals"] thead .ant-checkbox-input').check();
  await page.getByTestId('credit-approve').click();
  await eventually(() => page.getByTestId('credit-proposal').count()).toBe(0);
}

describe('a clerk collects, the household is rated, the village is designated', () => {
  const platform = platformForSuite();

  it('collect → grade with explanation → approvals → credit village', async () => {
    const url = `${platform.server.url}/credit`;
    const clerk = await loginAs(platform.browser, url, 'baima');
    await clerk.getByTestId('credit-grid').waitFor();
    const tile = seededVillage(clerk);
    await tile.waitFor();
    const code = await tile.getAttribute('data-code');
    expect(await tile.getAttribute('data-qualifies')).toBe('false');
    await tile.click();

    // ---- collect one household from the worklist, keyboard only ---------------------
    await clerk.getByTestId('credit-worklist').waitFor();
    const todo = clerk.locator('[data-testid="credit-work-row"][data-stage="todo"]').first();
    await todo.waitFor();
    const subject = await todo.getAttribute('data-subject');
    await todo.getByTestId('credit-collect').click();
    await clerk.getByTestId('credit-form').waitFor();
    const first = clerk.locator('[data-testid="credit-score-family-labour"]');
    await eventually(() =>
      first.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)),
    ).toBe(true);
    // 7 sections × 90 → 90.00 points → AAA; Tab walks from score to score
    for (let i = 0; i < 7; i++) {
      await clerk.keyboard.type('90');
      if (i < 6) await clerk.keyboard.press('Tab');
    }
    await clerk.keyboard.press('Control+Enter');
    const row = clerk.locator(`[data-testid="credit-work-row"][data-subject="${subject}"]`);
    await eventually(() => row.getAttribute('data-stage')).toBe('collected');

    // ---- rate it and read the explanation --------------------------------------------
    await row.getByTestId('credit-rate').click();
    await eventually(() => row.getAttribute('data-stage')).toBe('rated');
    await row.getByTestId('credit-card').click();
    await clerk.getByTestId('credit-rating-card').waitFor();
    expect(await clerk.getByTestId('credit-card-grade').innerText()).toBe('AAA');
    expect(await clerk.getByTestId('credit-card-points').innerText()).toBe('90.00');
    // each indicator explains itself: weight × 90 % (10 → 9.00, 15 → 13.50, 20 → 18.00 …)
    const lines = clerk.getByTestId('credit-card-line');
    expect(await lines.count()).toBe(7);
    expect(await clerk.locator('[data-section="land-assets"]').innerText()).toContain('13.50');
    await clerk.keyboard.press('Escape');

    // ---- propose the village's credit households --------------------------------------
    await clerk.getByRole('tab', { name: '行政村创建情况' }).click();
    const villageTile = clerk.locator(`[data-testid="credit-village"][data-code="${code}"]`);
    await villageTile.getByTestId('credit-propose-households').click();

    // ---- the PBOC sub-branch approves --------------------------------------------------
    const pboc = await loginAs(platform.browser, url, 'rh');
    await pboc.getByTestId('credit-page').waitFor();
    await approveAll(pboc);

    // ---- the village now qualifies; the clerk proposes it; the PBOC approves -----------
    await clerk.reload();
    const tile2 = clerk.locator(`[data-testid="credit-village"][data-code="${code}"]`);
    await eventually(() => tile2.getAttribute('data-qualifies')).toBe('true');
    expect(await tile2.getAttribute('data-designated')).toBe('false');
    await tile2.getByTestId('credit-propose-village').click();
    await eventually(() => tile2.getByTestId('credit-propose-village').count()).toBe(0);
    await pboc.reload();
    await approveAll(pboc);
    await clerk.reload();
    await eventually(() =>
      clerk
        .locator(`[data-testid="credit-village"][data-code="${code}"]`)
        .getAttribute('data-designated'),
    ).toBe('true');
  });
});

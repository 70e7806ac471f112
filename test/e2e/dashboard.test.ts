import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { platformForSuite } from '../support/browser.ts';
import { eventually, loginAs } from '../support/ui.ts';

const ARTIFACTS = 'test-artifacts';

/**
 * The dashboard (issue 7 §5) in a real browser over the demo district, whose seed holds
 * 24 bank outlets, 20 ATMs, 2 village financial service stations (2017-09-01) and three
 * banks' year-end statistics in which poverty-alleviation loans grow 25 % a year and all
 * loans 10 %.
 */
describe('the financial office reads where the district stands', () => {
  const platform = platformForSuite();

  it('renders targets, charts and coverage as of a day, drills down and exports', async () => {
    const page = await loginAs(
      platform.browser,
      `${platform.server.url}/targets?asOf=2019-03-31`,
      'jrzx',
    );
    await page.getByTestId('dashboard-page').waitFor();
    await eventually(() => page.getByTestId('target-row').count()).toBe(25);

    const row = (id: string) => page.locator(`[data-target="${id}"]`);
    expect(await row('art6.bank-outlets').getByTestId('target-actual').innerText()).toBe('24');
    expect(
      await row('art6.bank-outlets').getByTestId('target-status').getAttribute('data-status'),
    ).toBe('missed');
    expect(
      await row('art8.village-service-stations')
        .getByTestId('target-status')
        .getAttribute('data-status'),
    ).toBe('met');
    expect(
      await row('general.poverty-loan-growth')
        .getByTestId('target-status')
        .getAttribute('data-status'),
    ).toBe('met');
    expect(
      await row('art10.credit-rating').getByTestId('target-status').getAttribute('data-status'),
    ).toBe('no-data');
    expect(await page.getByTestId('growth-rate').allInnerTexts()).toEqual([
      '25.00%',
      '10.00%',
      '20.00%',
      '12.00%',
    ]);

    // Every figure opens its definition and the article behind it.
    await row('art6.bank-outlets').locator('.ant-table-row-expand-icon').click();
    const definition = page.getByTestId('target-definition').first();
    await definition.waitFor();
    expect(await definition.innerText()).toContain('network.bank-outlets');
    expect(await definition.innerText()).toContain('全区银行机构网点达到69个');

    // Charts are drawn (ECharts renders into a canvas).
    for (const chart of ['chart-growth', 'chart-coverage']) {
      await page.getByTestId(chart).locator('canvas').first().waitFor();
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/dashboard.png`, fullPage: true });

    // District → township → village.
    expect(await page.getByTestId('coverage-row').count()).toBe(26);
    const first = page.getByTestId('coverage-row').first();
    const township = await first.getAttribute('data-code');
    await first.click();
    await eventually(() =>
      page.getByTestId('coverage-row').first().getAttribute('data-code'),
    ).toMatch(new RegExp(`^${township!}\\d{3}$`));
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-township.png`, fullPage: true });
    await page.getByTestId('dashboard-back').click();
    await eventually(() => page.getByTestId('coverage-row').count()).toBe(26);

    const download = page.waitForEvent('download');
    await page.getByTestId('dashboard-export').click();
    expect((await download).suggestedFilename()).toBe('dashboard-2019-03-31.xlsx');
  });
});

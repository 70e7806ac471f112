import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { platformForSuite } from '../support/browser.ts';
import { eventually, fen, inputOf, loginAs, pickOption } from '../support/ui.ts';

const ARTIFACTS = 'test-artifacts';
const LATE_PAYMENT = 'art11.interest-subsidy.late-payment-subsidised';

describe('the finance bureau tries a parameter change and reads the forecast', () => {
  const platform = platformForSuite();

  it('re-prices 2016-Q2 with late payments subsidised and shows four forecast quarters', async () => {
    const page = await loginAs(platform.browser, `${platform.server.url}/settlement`, 'czj');
    await page.getByTestId('nav-what-if').click();
    await page.getByTestId('what-if-page').waitFor();

    // The demo's micro-credit loans pay quarterly interest 2015–2020.
    // 2016 is low in the (virtualised) year list: scroll it into the rendered rows.
    await inputOf(page, 'run-period-year').click();
    await page.locator('.ant-select-dropdown-list-holder').first().hover();
    await page.mouse.wheel(0, 1000);
    await pickOption(page, 'run-period-year', '2016');
    await page.getByTestId('run-period-q2').click();
    // The parameter list is long and virtualised: narrow it by typing the id first.
    await inputOf(page, 'override-param-0').click();
    await inputOf(page, 'override-param-0').fill(LATE_PAYMENT);
    await pickOption(page, 'override-param-0', LATE_PAYMENT);
    await pickOption(page, 'override-value-0', '是');
    await page.getByTestId('what-if-run').click();

    const result = page.getByTestId('what-if-result');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.innerText()).toContain('2016-Q2');
    const baseline = fen(await page.getByTestId('what-if-baseline').innerText());
    const scenario = fen(await page.getByTestId('what-if-scenario').innerText());
    // An increase is written with a leading '+'.
    const delta = fen((await page.getByTestId('what-if-delta').innerText()).replace(/^\+/, ''));
    expect(scenario - baseline).toBe(delta);
    expect(delta).toBeGreaterThanOrEqual(0);

    await eventually(() => page.getByTestId('forecast-row').count()).toBe(4);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/settlement-what-if.png`, fullPage: true });
  });
});

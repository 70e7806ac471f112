import { describe, expect, it } from 'vitest';
import { platformForSuite } from '../support/browser.ts';
import { eventually, loginAs } from '../support/ui.ts';

/**
 * Issue 8, Must show (first part): a responsible unit files its quarterly progress in
 * the browser and the district sees it. The 区发改委 (demo account fgw) owns art. 10's
 * first measure ("力争到2018年年底前，完成全区26个乡镇的农村信用体系建设").
 */
describe('a unit reports its quarterly progress and the district sees it', () => {
  const platform = platformForSuite();

  it('fgw files 2017-Q3 for art10.1; a second report of that quarter is refused; admin sees it', async () => {
    const unit = await loginAs(
      platform.browser,
      `${platform.server.url}/supervision?tab=mine`,
      'fgw',
    );
    await unit.getByTestId('supervision-mine').waitFor();
    const row = unit.locator('[data-testid="my-task"][data-id="art10.1"]');
    await row.waitFor();
    // the demo reports from 2017-Q3 and nobody has reported yet: overdue quarters show
    expect(await row.getByTestId('task-overdue').innerText()).toContain('2017-Q3');

    const file = async (text: string) => {
      await row.getByTestId('task-report').click();
      await unit.getByTestId('report-form').waitFor();
      await unit.getByTestId('report-period').fill('2017-Q3');
      await unit.getByTestId('report-text').fill(text);
      await unit.getByTestId('report-attachments').fill('武隆发改〔2017〕88号');
      await unit.getByTestId('report-indicators').fill('credit.townships-built');
      await unit.getByTestId('report-submit').click();
    };
    await file('已完成8个乡镇信用体系建设');
    await unit.getByTestId('report-form').waitFor({ state: 'detached' });
    await eventually(() => row.getByTestId('task-reports').innerText()).toContain('2017-Q3');
    await eventually(() => row.getByTestId('task-overdue').innerText()).not.toContain('2017-Q3');

    // the same quarter again: the form names the period and says why
    await file('重复报告');
    await eventually(() => unit.getByTestId('report-form').innerText()).toContain(
      '已报告过任务 art10.1 在 2017-Q3 的进展',
    );
    await unit.keyboard.press('Escape');

    const district = await loginAs(
      platform.browser,
      `${platform.server.url}/supervision?tab=overview`,
      'admin',
    );
    await district.getByTestId('supervision-overview').waitFor();
    const report = district.locator('[data-testid="recent-report"][data-task="art10.1"]');
    await eventually(() => report.count()).toBe(1);
    const text = await report.innerText();
    expect(text).toContain('区发改委');
    expect(text).toContain('2017-Q3');
    expect(text).toContain('已完成8个乡镇信用体系建设');
    expect(text).toContain('fgw');
    // units that have not reported are listed as late
    expect(await district.getByTestId('late-unit').count()).toBeGreaterThan(0);

    // the matrix shows art. 34's units as the text writes them, without the label
    await district.getByTestId('supervision-tab-matrix').click();
    const art34 = district.locator('[data-testid="matrix-article"][data-article="34"]');
    await art34.waitFor();
    expect(await art34.getByTestId('matrix-units').innerText()).toBe('区级有关部门、区内金融机构');
    expect(await art34.innerText()).toContain('原文未标“责任单位：”');
    // and art10.1 is in progress
    const measure = district.locator('[data-testid="matrix-measure"][data-id="art10.1"]');
    expect(await measure.getByTestId('task-status').getAttribute('data-status')).toBe(
      'in_progress',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { platformForSuite } from '../support/browser.ts';
import { eventually, loginAs } from '../support/ui.ts';

/**
 * Issue 8, Must show: the district computes the art. 35 evaluation in the browser and a
 * bank officer sees only its own score — no ranking, no other bank (decision 0018).
 */
describe('the district computes an evaluation and a bank sees only its own score', () => {
  const platform = platformForSuite();

  it('admin computes 2017; icbc sees 工行武隆支行 and not 农行武隆支行', async () => {
    const district = await loginAs(
      platform.browser,
      `${platform.server.url}/supervision?tab=evaluation`,
      'admin',
    );
    await district.getByTestId('supervision-evaluation').waitFor();
    // the demo's 2017 scheme: computed items name their indicator and rule
    const scheme = district.getByTestId('evaluation-scheme');
    await eventually(() => scheme.innerText()).toContain('扶贫类贷款余额增速');
    expect(await scheme.innerText()).toContain('评价人员打分');
    await district.getByTestId('evaluation-compute').click();
    const results = district.getByTestId('evaluation-results');
    await eventually(() => results.innerText()).toContain('农行武隆支行');
    const ranking = await results.innerText();
    expect(ranking).toContain('工行武隆支行');
    expect(ranking).toContain('排名');

    const bank = await loginAs(
      platform.browser,
      `${platform.server.url}/supervision?tab=evaluation`,
      'icbc',
    );
    await bank.getByTestId('supervision-evaluation').waitFor();
    const own = bank.getByTestId('evaluation-results');
    await eventually(() => own.innerText()).toContain('工行武隆支行');
    const text = await own.innerText();
    expect(text).not.toContain('农行武隆支行');
    expect(text).not.toContain('排名');
    expect(await bank.getByTestId('evaluation-compute').count()).toBe(0);
  });
});

import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { platformForSuite } from '../support/browser.ts';
import { eventually, inputOf, json, loginAs, pickDate, pickOption } from '../support/ui.ts';

/**
 * The art. 19 pilot register in the browser (decision 0024): the financial office sees
 * the demo's pilot institutions under the loss claims, adds ICBC as a pilot from
 * 2016-01-01, and a period overlapping it is refused on its field in Chinese, saving
 * nothing.
 */

interface Pilot {
  institutionName: string;
  fromDate: string;
  toDate: string | null;
}

describe('the art. 19 pilot register in the browser', () => {
  const platform = platformForSuite();

  it('the financial office adds a pilot bank; an overlapping period is refused', async () => {
    const page = await loginAs(
      platform.browser,
      `${platform.server.url}/settlement/losses`,
      'jrzx',
    );
    const table = page.getByTestId('property-pilots-table');
    await table.waitFor();
    const before = (await json<{ items: Pilot[] }>(page, '/losses/pilots')).items;
    expect(before.map((p) => p.fromDate)).toEqual(['2016-01-01', '2016-01-01']);
    await eventually(() => table.innerText()).toContain('兴农');

    const add = async (from: string, document: string) => {
      await pickOption(page, 'property-pilot-institution', '工行武隆支行');
      await pickDate(page, 'property-pilot-from', from);
      await inputOf(page, 'property-pilot-document').fill(document);
      await page.getByTestId('property-pilot-submit').click();
    };
    await add('2016-01-01', '武隆区试点方案（浏览器测试）');
    await eventually(() => table.innerText()).toContain('武隆区试点方案（浏览器测试）');

    await add('2017-01-01', '重复登记');
    await eventually(() => page.getByTestId('property-pilot-error').innerText()).toContain(
      '期间不能重叠',
    );
    const after = (await json<{ items: Pilot[] }>(page, '/losses/pilots')).items;
    expect(after).toHaveLength(before.length + 1);
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/loss-pilots.png', fullPage: true });
  });
});

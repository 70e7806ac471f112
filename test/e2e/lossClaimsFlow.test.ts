import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { platformForSuite } from '../support/browser.ts';
import { eventually, inputOf, json, loginAs, pickDate, pickOption } from '../support/ui.ts';

/**
 * Loss claims in the browser (decisions 0023, 0024). The financial office sees the demo's
 * art. 19 pilot institutions under the claims, adds ICBC as a pilot from 2016-01-01, and
 * a period overlapping it is refused on its field in Chinese, saving nothing. ABC's
 * officer claims the loss on one of its non-performing loans from the loan's own page
 * (the demo's loans stop paying after mid-2020), and the district sees the claim.
 */

interface Pilot {
  institutionName: string;
  fromDate: string;
  toDate: string | null;
}

describe('loss claims and the art. 19 pilot register in the browser', () => {
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

  it('a bank claims the loss on its non-performing loan from the loan page; the district sees it', async () => {
    const url = platform.server.url;
    const bank = await loginAs(platform.browser, `${url}/loans`, 'abc');
    await bank.getByTestId('loans-page').waitFor();
    const loans = await json<{ items: { id: string; contractNo: string }[] }>(
      bank,
      '/loans?status=disbursed&pageSize=100',
    );
    // Today in Wulong (UTC+8), the server's business day.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    let target: { id: string; contractNo: string } | undefined;
    for (const l of loans.items) {
      const d = await json<{ classification: string }>(bank, `/loans/${l.id}?asOf=${today}`);
      if (['substandard', 'doubtful', 'loss'].includes(d.classification)) {
        target = l;
        break;
      }
    }
    expect(target, 'a non-performing ABC loan in the demo').toBeDefined();
    const { id, contractNo } = target!;
    await bank.goto(`${url}/loans/${encodeURIComponent(id)}`);
    await bank.getByTestId('loan-claim-loss').click();
    await bank.getByTestId('loss-claim-form').waitFor();
    await pickDate(bank, 'loss-claim-date', today);
    await inputOf(bank, 'loss-claim-amount').fill('1000');
    await bank
      .locator(
        'textarea[data-testid="loss-claim-evidence"], [data-testid="loss-claim-evidence"] textarea',
      )
      .first()
      .fill('催收无果，已起诉');
    await bank.getByTestId('loss-claim-submit').click();

    const claims = async (page: typeof bank) =>
      (
        await json<{ items: { loanContractNo: string; status: string; collateral: string }[] }>(
          page,
          '/losses/claims',
        )
      ).items.filter((c) => c.loanContractNo === contractNo);
    await eventually(async () => (await claims(bank)).length).toBe(1);
    expect(await claims(bank)).toMatchObject([{ status: 'filed', collateral: 'none' }]);

    const office = await loginAs(platform.browser, `${url}/settlement/losses`, 'jrzx');
    await eventually(() => office.getByTestId('loss-claim-table').innerText()).toContain(
      contractNo,
    );
  });
});

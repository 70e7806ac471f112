import { describe, expect, it } from 'vitest';
import { platformForSuite } from '../support/browser.ts';
import { eventually, inputOf, json, loginAs, pickDate, pickOption } from '../support/ui.ts';

/**
 * What settlement pays besides loans is captured by the institutions themselves (issue 5
 * §1): the insurer records a policy and a claim in the form, the guarantor a guarantee
 * contract of a bank loan and its year's new amount, and the district offices read both.
 * Bad input shows the field's error and saves nothing.
 */

interface Listed<T> {
  items: T[];
  total: number;
}

describe('institutions capture policies and guarantees in the browser', () => {
  const platform = platformForSuite();

  it('the insurer records a policy and a claim; a bad share is refused on its field', async () => {
    const url = `${platform.server.url}/settlement/insurance`;
    const office = await loginAs(platform.browser, url, 'jrzx');
    await office.getByTestId('insurance-page').waitFor();
    const households = await json<Listed<{ householdNo: string }>>(
      office,
      '/households?status=registered_poor&pageSize=1',
    );
    const householdNo = households.items[0]!.householdNo;

    const insurer = await loginAs(platform.browser, url, 'picc');
    await insurer.getByTestId('insurance-page').waitFor();
    const before = (await json<Listed<unknown>>(insurer, '/insurance/policies')).total;
    await insurer.getByTestId('policy-add').click();
    await insurer.getByTestId('policy-form').waitFor();
    await inputOf(insurer, 'policy-no').fill('E2E-PICC-001');
    await inputOf(insurer, 'policy-household-no').fill(householdNo);
    await pickOption(insurer, 'policy-scheme', '收入保险');
    await pickOption(insurer, 'policy-product', '生猪');
    await inputOf(insurer, 'policy-premium').fill('600');
    // the levels' shares add up to more than the premium: refused on districtShare
    await inputOf(insurer, 'policy-cityShare').fill('400');
    await inputOf(insurer, 'policy-districtShare').fill('300');
    await pickDate(insurer, 'policy-premiumDate', '2017-05-10');
    await pickDate(insurer, 'policy-startDate', '2017-05-01');
    await pickDate(insurer, 'policy-endDate', '2018-04-30');
    await insurer.getByTestId('policy-submit').click();
    await eventually(() =>
      insurer.locator('.ant-form-item-explain-error').filter({ hasText: '超过保费总额' }).count(),
    ).toBe(1);
    expect((await json<Listed<unknown>>(insurer, '/insurance/policies')).total).toBe(before);

    await inputOf(insurer, 'policy-districtShare').fill('150');
    await insurer.getByTestId('policy-submit').click();
    const row = insurer.locator('[data-testid="policy-row"][data-policy-no="E2E-PICC-001"]');
    await row.waitFor();
    await expect.poll(() => row.innerText()).toContain('50.00'); // 600 − 400 − 150
    await row.click();
    await insurer.getByTestId('claim-form').waitFor();
    await pickDate(insurer, 'claim-date', '2017-09-03');
    await inputOf(insurer, 'claim-amount').fill('1800');
    await inputOf(insurer, 'claim-note').fill('生猪疫病死亡');
    await insurer.getByTestId('claim-submit').click();
    await eventually(() => insurer.getByTestId('claim-table').innerText()).toContain('1,800.00');

    // the financial office reads the policy with its claim
    await office.reload();
    const seen = office.locator('[data-testid="policy-row"][data-policy-no="E2E-PICC-001"]');
    await seen.waitFor();
    await expect.poll(() => seen.innerText()).toMatch(/收入保险[\s\S]*生猪[\s\S]*600\.00/);
    expect(await office.getByTestId('policy-add').count()).toBe(0);
  });

  it('the guarantor records a guarantee of a bank loan and its new amount for a year', async () => {
    const office = await loginAs(
      platform.browser,
      `${platform.server.url}/settlement/guarantees`,
      'jrzx',
    );
    await office.getByTestId('guarantees-page').waitFor();
    const loans = await json<
      Listed<{ id: string; contractNo: string; institutionId: string; amount: string }>
    >(office, '/loans?status=disbursed&pageSize=50');
    const banks = (await json<{ items: { id: string; nameZh: string }[] }>(office, '/institutions'))
      .items;
    const guarantor = await loginAs(
      platform.browser,
      `${platform.server.url}/settlement/guarantees`,
      'xndb',
    );
    await guarantor.getByTestId('guarantees-page').waitFor();
    const taken = new Set(
      (await json<Listed<{ loanId: string }>>(guarantor, '/guarantees?pageSize=200')).items.map(
        (g) => g.loanId,
      ),
    );
    const loan = loans.items.find((l) => !taken.has(l.id) && Number(l.amount) >= 10_000)!;
    const bank = banks.find((b) => b.id === loan.institutionId)!;

    await guarantor.getByTestId('guarantee-add').click();
    await guarantor.getByTestId('guarantee-form').waitFor();
    await inputOf(guarantor, 'guarantee-contract-no').fill('E2E-XN-001');
    await pickOption(guarantor, 'guarantee-lender', bank.nameZh);
    await inputOf(guarantor, 'guarantee-loan-contract-no').fill(loan.contractNo);
    await inputOf(guarantor, 'guarantee-fee-rate').fill('1');
    await inputOf(guarantor, 'guarantee-amount').fill('10000');
    await pickDate(guarantor, 'guarantee-start', '2017-03-01');
    await pickDate(guarantor, 'guarantee-end', '2019-03-01');
    await guarantor.getByTestId('guarantee-submit').click();
    const row = guarantor.getByTestId('guarantee-row').filter({ hasText: 'E2E-XN-001' });
    await row.waitFor();
    await row.click();
    await guarantor.getByTestId('guarantee-records').waitFor();
    // a year outside the guarantee's term is refused; 2018 is recorded
    await inputOf(guarantor, 'guarantee-year').fill('2020');
    await inputOf(guarantor, 'guarantee-new-amount').fill('10000');
    await guarantor.getByTestId('guarantee-year-submit').click();
    await eventually(() => guarantor.locator('.ant-form-item-explain-error').count()).toBe(1);
    await inputOf(guarantor, 'guarantee-year').fill('2018');
    await guarantor.getByTestId('guarantee-year-submit').click();
    await eventually(() => guarantor.getByTestId('guarantee-years').innerText()).toContain('2018');

    const list = await json<
      Listed<{ id: string; contractNo: string; loanId: string; amount: string }>
    >(office, '/guarantees?pageSize=200');
    const recorded = list.items.find((g) => g.contractNo === 'E2E-XN-001')!;
    expect(recorded).toMatchObject({ loanId: loan.id, amount: '10000.00' });
    const detail = await json<{ years: { year: number; newAmount: string }[] }>(
      office,
      `/guarantees/${recorded.id}`,
    );
    expect(detail.years).toEqual([{ year: 2018, newAmount: '10000.00' }]);
  });
});

import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { platformForSuite } from '../support/browser.ts';

const ARTIFACTS = 'test-artifacts';

describe('a township clerk logs in and sees their households', () => {
  const platform = platformForSuite();

  it('prints the demo accounts on first start', () => {
    expect(platform.server.output()).toContain('baima');
    expect(platform.server.output()).toContain('Jinfu-demo-2017');
  });

  it('logs in as the 白马镇 clerk and lists only 白马镇 households, in a CJK font', async () => {
    const page = await platform.browser.newPage({
      viewport: { width: 1400, height: 900 },
      locale: 'zh-CN',
    });
    await page.goto(`${platform.server.url}/register/households`);
    // Not logged in: the app sends us to the login page.
    await page.getByTestId('login-username').waitFor();
    await page.getByTestId('login-username').fill('baima');
    await page.getByTestId('login-password').fill('Jinfu-demo-2017');
    await page.getByTestId('login-submit').click();

    const table = page.getByTestId('household-table');
    await table.waitFor();
    await page.getByTestId('household-township').first().waitFor();
    const townships = await page.getByTestId('household-township').allInnerTexts();
    expect(townships.length).toBeGreaterThan(0);
    expect(new Set(townships)).toEqual(new Set(['白马镇']));
    expect(await page.getByTestId('current-scope').innerText()).toContain('白马镇');
    // Lists mask resident IDs.
    const masked = await page.getByTestId('household-id-masked').first().innerText();
    expect(masked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);

    // The text was drawn with a real CJK font, not tofu boxes: ask the renderer.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', {
      nodeId: root.nodeId,
      selector: '[data-testid="household-township"]',
    });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    expect(fonts.map((f) => f.familyName).join(',')).toMatch(
      /CJK|Noto Sans SC|WenQuanYi|Droid Sans Fallback/,
    );

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/households-baima.png`, fullPage: true });
    await page.close();
  });
});

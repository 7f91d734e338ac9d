import type { Browser, Page } from 'playwright-core';
import { eventually } from '../helpers/fixtures';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { captureServerLog, launchChromium, openPage, type PageWatch } from './browser-kit';

/** How long the page gets to show what a provider call brings: generous, the machine is shared. */
export const WAIT_MS = 60_000;

/** The mapping card of one account, found by its heading. */
export const card = (page: Page, title: string) => page.locator('article', { has: page.getByRole('heading', { name: title, exact: true }) });

/** The page's visible text, with white space collapsed. */
export const text = async (page: Page) => (await page.locator('body').innerText()).replace(/\s+/g, ' ');

export async function waitForText(page: Page, pattern: RegExp, timeoutMs = WAIT_MS): Promise<string> {
  return eventually(async () => {
    const body = await text(page);
    return pattern.test(body) && body;
  }, timeoutMs, `the page to show ${pattern}`);
}

/** Waits until a mapping card says it points at a record whose name matches. */
export const waitForMapped = (page: Page, title: string, current: RegExp) =>
  eventually(async () => current.test(await card(page, title).innerText()), WAIT_MS, `${title} to be mapped`);

/** Every write's status badge, as the activity section shows it. */
export const statuses = (page: Page) => page.locator('.operations .badge').allInnerTexts();

export interface SettingsPageSuite {
  readonly t: TestGateway;
  readonly browser: Browser;
  readonly base: string;
  /** Opens /settings with the fragment given; the page is checked for console errors and token-bearing URLs after the test. */
  open(fragment: string, options?: Parameters<typeof openPage>[1]): Promise<PageWatch>;
  /** Remembers a token, so no request URL and no server log line may contain it. */
  keepSecret(token: string): void;
  /** Every token remembered so far. */
  readonly tokens: readonly string[];
}

/**
 * One gateway with its sandboxes and one Chromium for a describe block, with the checks every
 * settings-page test shares: after each test no console error and no token in a request URL, after
 * all of them no token in the server log (which must have logged the GraphQL requests).
 */
export function useSettingsPageSuite(env: Record<string, string> = {}): SettingsPageSuite {
  let t: TestGateway;
  let browser: Browser;
  let serverLog: () => string;
  const tokens: string[] = [];
  const watches: PageWatch[] = [];

  beforeAll(async () => {
    t = await startTestGateway({ skipDemo: true, env: { PROVIDER_WRITE_WAIT_MS: '30000', ...env } });
    serverLog = captureServerLog(t);
    browser = await launchChromium();
  });
  afterEach(async () => {
    for (const w of watches.splice(0)) {
      expect(w.consoleErrors).toEqual([]);
      for (const token of tokens) expect(w.requestUrls.filter((u) => u.includes(token))).toEqual([]);
      await w.close();
    }
  });
  afterAll(async () => {
    await browser?.close();
    if (t) {
      const log = serverLog();
      expect(log).toMatch(/graphql request/);
      for (const token of tokens) expect(log).not.toContain(token);
      await t.close();
    }
  });

  return {
    get t() {
      return t;
    },
    get browser() {
      return browser;
    },
    get base() {
      return `http://127.0.0.1:${t.gw.port}`;
    },
    tokens,
    keepSecret: (token) => void tokens.push(token),
    async open(fragment, options = {}) {
      const w = await openPage(browser, options);
      watches.push(w);
      const response = await w.page.goto(`http://127.0.0.1:${t.gw.port}/settings${fragment}`);
      expect(response!.status()).toBe(200);
      return w;
    },
  };
}

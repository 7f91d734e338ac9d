/// <reference lib="dom" />
// Functions passed to page.evaluate run in the page, with its DOM.
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { TestGateway } from '../helpers/test-gateway';

/** Debian's chromium package; playwright-core drives it, it downloads no browser of its own. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
export const SCREENSHOTS = path.resolve(__dirname, '../../docs/screenshots');

/**
 * `describe` when Chromium is installed. Without it the suite is skipped with a loud warning on a
 * developer's machine, and fails in CI (CI=true), where .ci/run installs it.
 */
export function describeInBrowser(name: string, fn: () => void): void {
  if (hasChromium) return describe(name, fn);
  if (process.env.CI && !/^(false|0)$/i.test(process.env.CI)) {
    describe(name, () => {
      it('has Chromium to run in', () => {
        throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install -y chromium) or set CHROMIUM_PATH`);
      });
    });
    return;
  }
  process.stderr.write(`\n${'!'.repeat(80)}\n!! BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM}.\n!! Install it (apt-get install -y chromium) or set CHROMIUM_PATH; CI fails instead of skipping.\n${'!'.repeat(80)}\n\n`);
  describe.skip(name, fn);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
}

/** What a page did that a borrower would not want: console errors, uncaught exceptions, and every URL it requested. */
export interface PageWatch {
  page: Page;
  context: BrowserContext;
  consoleErrors: string[];
  requestUrls: string[];
  close(): Promise<void>;
}

export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<PageWatch> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 }, ...options });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const requestUrls: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
  page.on('request', (r) => requestUrls.push(r.url()));
  return { page, context, consoleErrors, requestUrls, close: () => context.close() };
}

/** Everything the gateway logs from now on, kept instead of printed (at debug level, so nothing is left out). */
export function captureServerLog(t: TestGateway): () => string {
  const log = t.gw.services.log;
  log.level = 'debug';
  const stream = (log as unknown as Record<symbol, { write: (s: string) => unknown }>)[pino.symbols.streamSym];
  let text = '';
  stream.write = (s: string) => {
    text += s;
    return true;
  };
  return () => text;
}

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe-core violations on the page as it is now (WCAG 2.1 A and AA rules and best practices). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP (no inline script) stays in force for the page itself.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/**
 * Presses Tab (only the keyboard) until the focused element is the one `matches` describes, checking on
 * every stop that the focus is visible. Returns the number of presses.
 */
export async function tabTo(page: Page, describe: string, matches: (el: { name: string; tag: string; type: string }) => boolean, max = 120): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      if (!a || a === document.body) return null;
      const labels = (a as HTMLInputElement).labels;
      const labelledBy = a.getAttribute('aria-labelledby');
      const name = a.getAttribute('aria-label') ?? (labelledBy ? document.getElementById(labelledBy)?.textContent : null) ?? (labels && labels.length ? labels[0].textContent : null) ?? a.textContent ?? '';
      const style = getComputedStyle(a);
      return { name: name.trim(), tag: a.tagName.toLowerCase(), type: a.getAttribute('type') ?? '', outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
    });
    if (!el) continue;
    if (!el.outline) throw new Error(`focus is not visible on ${el.tag} "${el.name}"`);
    if (matches(el)) return i;
  }
  throw new Error(`Tab never reached ${describe}`);
}

export function screenshot(page: Page, name: string): Promise<Buffer> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** With the focus on a select, presses ArrowDown until the chosen option's text matches. */
export async function arrowToOption(page: Page, pattern: RegExp, max = 60): Promise<string> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('ArrowDown');
    const chosen = await page.evaluate(() => {
      const select = document.activeElement as HTMLSelectElement;
      return select.tagName === 'SELECT' ? (select.selectedOptions[0]?.text ?? '') : null;
    });
    if (chosen === null) throw new Error('the focus left the list');
    if (pattern.test(chosen)) return chosen;
  }
  throw new Error(`no option matching ${pattern}`);
}

import type { XeroOrganisation } from './xero-identity.types';

export interface ConsentForm {
  /** Where the form posts (relative to the consent page's address). */
  action: string;
  requestId: string;
  organisations: Array<Pick<XeroOrganisation, 'tenantId' | 'tenantName'>>;
}

/** Reads the consent page's form: its action, the pending request and the organisations offered. */
export function readConsentForm(html: string): ConsentForm {
  const action = /<form method="post" action="([^"]*)"/.exec(html)?.[1];
  const requestId = /name="request" value="([^"]*)"/.exec(html)?.[1];
  if (action === undefined || requestId === undefined) throw new Error('Not a consent page');
  const organisations = [...html.matchAll(/name="tenantId" value="([^"]*)"> ([^<]*)</g)].map(([, tenantId, tenantName]) => ({
    tenantId: unescape(tenantId),
    tenantName: unescape(tenantName.trim()),
  }));
  return { action: unescape(action), requestId: unescape(requestId), organisations };
}

/**
 * Completes the sandbox's consent without a browser, as a borrower would: opens the authorise URL,
 * ticks the organisations `choose` picks (default: the first one) and presses Allow (or Cancel with
 * `decision: 'deny'`). Returns the URL the sandbox redirects to, the app's callback with
 * `code` and `state` (or `error`).
 *
 * @example
 * const callback = await completeXeroConsent(authoriseUrl, { choose: (orgs) => orgs.filter((o) => o.tenantName === 'Brick Lane Bakery Ltd').map((o) => o.tenantId) });
 * const code = callback.searchParams.get('code');
 */
export async function completeXeroConsent(
  authoriseUrl: string,
  opts: { choose?: (organisations: ConsentForm['organisations']) => string[]; decision?: 'allow' | 'deny' } = {},
): Promise<URL> {
  const page = await fetch(authoriseUrl, { redirect: 'manual' });
  const early = page.headers.get('location');
  if (early) return new URL(early, authoriseUrl);
  if (page.status !== 200) throw new Error(`The authorise page answered ${page.status}: ${await page.text()}`);
  const form = readConsentForm(await page.text());
  const body = new URLSearchParams({ request: form.requestId, decision: opts.decision ?? 'allow' });
  const chosen = opts.choose ? opts.choose(form.organisations) : form.organisations.slice(0, 1).map((o) => o.tenantId);
  for (const tenantId of chosen) body.append('tenantId', tenantId);
  const answer = await fetch(new URL(form.action, authoriseUrl), { method: 'POST', body, redirect: 'manual' });
  const location = answer.headers.get('location');
  if (!location) throw new Error(`The consent form answered ${answer.status}: ${await answer.text()}`);
  return new URL(location, authoriseUrl);
}

function unescape(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39);/g, (_m, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity]!);
}

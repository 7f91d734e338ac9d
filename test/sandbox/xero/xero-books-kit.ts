import express from 'express';
import request from 'supertest';
import { providerContract } from '../../contracts/kit/provider-contract';
import { readConsentForm } from '../../../src/sandbox/xero/consent-script';
import { createXeroSandbox, XERO_SANDBOX_PATH, type XeroSandboxOptions } from '../../../src/sandbox/xero/xero-sandbox';

export const LENDER = 'Acme Invoice Finance Ltd';
export const APP = { clientId: 'BB12CD34EF56AB12CD34EF56AB12CD34', clientSecret: 'books-secret', redirectUris: ['https://lender.example/oauth/xero/callback'], name: 'Lender App', bankFeeds: true };
export const SCOPES = 'openid profile email accounting.transactions accounting.contacts accounting.settings bankfeeds offline_access';
const BASIC = `Basic ${Buffer.from(`${APP.clientId}:${APP.clientSecret}`).toString('base64')}`;

/**
 * Xero's three specifications, through the contracts kit. Xero writes connection dates without
 * an offset; `/Date(…)/` dates are strings, which the spec types them as.
 */
export const xeroContract = providerContract('xero', {
  formats: { 'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$/i },
});

/**
 * The whole Xero sandbox mounted as the gateway mounts it, a borrower connected to one
 * organisation, and helpers to call the Accounting and Bank Feeds APIs as that app. Every answer
 * on a path of Xero's specs is checked against them; `violations` lists what did not conform.
 */
export async function xeroBooksKit(opts: Partial<XeroSandboxOptions> = {}, scope = SCOPES) {
  /** Every exchange on a path of Xero's specs: the operation, the status, and what the checks found. */
  const checked: Array<{ operation: string; status: number; requestErrors: string[]; responseErrors: string[] }> = [];
  const violations: string[] = [];
  const sandbox = createXeroSandbox({
    lenderName: LENDER,
    clients: [APP],
    ...opts,
    onExchange: (exchange) => {
      const result = xeroContract.check(exchange);
      if (!result.operation) return;
      // Xero's specs leave most error statuses undeclared (a 404, a 400 on a read, a 429): those bodies have no schema to meet.
      const declared = Object.keys(xeroContract.find(exchange.method, exchange.path)!.responses);
      const undeclared = exchange.status >= 400 && !declared.includes(String(exchange.status));
      checked.push({ operation: result.operation, status: exchange.status, requestErrors: result.requestErrors, responseErrors: undeclared ? [] : result.responseErrors });
      if (!undeclared) violations.push(...result.responseErrors);
    },
  });
  const app = express();
  app.use(XERO_SANDBOX_PATH, sandbox.router);
  const http = () => request(app);

  const page = await http().get(`${XERO_SANDBOX_PATH}/identity/connect/authorize`)
    .query({ response_type: 'code', client_id: APP.clientId, redirect_uri: APP.redirectUris[0], scope, state: 's' });
  const form = readConsentForm(page.text);
  const tenantId = form.organisations.find((o) => o.tenantName === 'Brick Lane Bakery Ltd')!.tenantId;
  const consent = await http().post(form.action).type('form').send(new URLSearchParams({ request: form.requestId, decision: 'allow', tenantId }).toString());
  const code = new URL(consent.headers.location).searchParams.get('code')!;
  const tokens = await http().post(`${XERO_SANDBOX_PATH}/connect/token`).type('form').set('Authorization', BASIC)
    .send(new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: APP.redirectUris[0] }).toString());
  const accessToken = tokens.body.access_token as string;

  const call = (api: 'api.xro/2.0' | 'bankfeeds.xro/1.0') => (method: 'get' | 'put' | 'post', path: string, body?: unknown, headers: Record<string, string> = {}) => {
    let req = http()[method](`${XERO_SANDBOX_PATH}/${api}${path}`).set('Authorization', `Bearer ${accessToken}`).set('xero-tenant-id', tenantId).set('Accept', 'application/json');
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    return body === undefined ? req : req.send(body as object);
  };
  const books = async () => (await http().get(`${XERO_SANDBOX_PATH}/_sandbox/organisations/${tenantId}/books`)).body;
  return { sandbox, app, http, tenantId, accessToken, accounting: call('api.xro/2.0'), feeds: call('bankfeeds.xro/1.0'), books, violations, checked };
}

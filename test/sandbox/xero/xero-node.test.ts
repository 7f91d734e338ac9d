import type { AddressInfo } from 'net';
import type { Server } from 'http';
import axios from 'axios';
import express from 'express';
import { custom, Issuer } from 'openid-client';
import { XeroClient } from 'xero-node';
import { completeXeroConsent } from '../../../src/sandbox/xero/consent-script';
import { createXeroSandbox, XERO_SANDBOX_PATH, type XeroIdentityStore } from '../../../src/sandbox/xero/xero-sandbox';
import { SCOPES } from './xero-identity-kit';
import { driveBooksWithSdk } from './xero-node-books';
import { xeroContract } from './xero-books-kit';

/**
 * Xero's own SDK against the sandbox. The SDK fixes Xero's addresses in its code: `initialize()`
 * discovers https://identity.xero.com, and `updateTenants`, `disconnect` and
 * `refreshWithRefreshToken` call api.xero.com and identity.xero.com through axios. So the test
 * gives the client an OpenID client discovered from the sandbox (what `initialize()` would build)
 * and maps Xero's two hosts onto the sandbox with an axios interceptor; everything else is the SDK's.
 */
describe('Xero sandbox: driven by xero-node', () => {
  let server: Server;
  let base: string;
  let store: XeroIdentityStore;
  let interceptor: number;
  const app = { clientId: '8F0E6D1C2B3A49588F0E6D1C2B3A4958', clientSecret: 'xero-node-secret', redirectUris: ['http://127.0.0.1:5555/oauth/xero/callback'], bankFeeds: true };
  /** What the SDK sent and what it was answered, checked against Xero's specs. */
  const violations: string[] = [];
  const exercised = new Set<string>();

  beforeAll(async () => {
    const sandbox = createXeroSandbox({
      clients: [app],
      lenderName: 'Acme Invoice Finance Ltd',
      onExchange: (exchange) => {
        // The SDK sends `{}` as the body of its GETs (axios `data: {}`); Xero, like the sandbox, ignores it.
        const emptyGet = exchange.method === 'GET' && JSON.stringify(exchange.requestBody) === '{}';
        const result = xeroContract.check(emptyGet ? { ...exchange, requestBody: null } : exchange);
        if (!result.operation) return;
        exercised.add(result.operation);
        violations.push(...result.requestErrors, ...(exchange.status < 400 ? result.responseErrors : []));
      },
    });
    store = sandbox.identity;
    const web = express();
    web.use(XERO_SANDBOX_PATH, sandbox.router);
    server = web.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${XERO_SANDBOX_PATH}`;
    interceptor = axios.interceptors.request.use((config) => {
      config.url = config.url?.replace(/^https:\/\/(api|identity)\.xero\.com/, base);
      return config;
    });
  });
  afterAll(async () => {
    axios.interceptors.request.eject(interceptor);
    await new Promise((resolve) => server.close(resolve));
  });

  async function sdkClient(scopes = SCOPES.split(' ')): Promise<XeroClient> {
    const xero = new XeroClient({ ...app, scopes, state: 'xero-node-state' });
    const issuer = await Issuer.discover(`${base}/.well-known/openid-configuration`);
    xero.openIdClient = new issuer.Client({ client_id: app.clientId, client_secret: app.clientSecret, redirect_uris: app.redirectUris });
    xero.openIdClient[custom.clock_tolerance] = 5;
    return xero;
  }

  it('builds the consent URL, exchanges the code, lists and removes tenants, refreshes twice and revokes', async () => {
    const xero = await sdkClient();
    const consentUrl = await xero.buildConsentUrl();
    expect(consentUrl.startsWith(`${base}/identity/connect/authorize?`)).toBe(true);
    const callback = await completeXeroConsent(consentUrl, { choose: (orgs) => orgs.map((o) => o.tenantId) });

    // openid-client checks the state, exchanges the code and verifies the id token's signature and claims.
    const tokenSet = await xero.apiCallback(callback.toString());
    expect(tokenSet.claims()).toMatchObject({ email: 'borrower@example.com', xero_userid: store.user.xeroUserId });
    expect(tokenSet.expires_in).toBeGreaterThan(1790);

    const tenants = await xero.updateTenants(false);
    expect(tenants.map((t) => t.tenantName).sort()).toEqual(['Boulangerie Martin SARL', 'Brick Lane Bakery Ltd']);
    expect(tenants[0]).toEqual(expect.objectContaining({ id: expect.any(String), authEventId: expect.any(String), tenantType: 'ORGANISATION' }));

    const refreshed = await xero.refreshToken();
    expect(refreshed.refresh_token).not.toBe(tokenSet.refresh_token);
    const again = await xero.refreshWithRefreshToken(app.clientId, app.clientSecret, refreshed.refresh_token);
    expect(again.refresh_token).not.toBe(refreshed.refresh_token);
    expect(store.refreshTokenUsage().filter((usage) => usage.presented > 1)).toEqual([]);

    await xero.disconnect(tenants[0].id);
    expect((await xero.updateTenants(false)).map((t) => t.id)).toEqual([tenants[1].id]);

    await xero.revokeToken();
    const revoked = await xero.refreshWithRefreshToken(app.clientId, app.clientSecret, again.refresh_token).catch((error) => error);
    expect(revoked.response?.status ?? revoked.status).toBe(400);
    expect(store.allConnections().every((connection) => !connection.active)).toBe(true);
  });

  it('drives accounts, contacts, invoices, bank transfers, bank transactions, payments, feed connections and statements, every exchange as the specs say', async () => {
    const xero = await sdkClient([...SCOPES.split(' '), 'bankfeeds']);
    const callback = await completeXeroConsent(await xero.buildConsentUrl(), { choose: (orgs) => orgs.filter((o) => o.tenantName === 'Brick Lane Bakery Ltd').map((o) => o.tenantId) });
    await xero.apiCallback(callback.toString());
    const [tenant] = await xero.updateTenants(false);
    await driveBooksWithSdk(xero, tenant.tenantId);
    expect(violations).toEqual([]);
    expect([...exercised].sort()).toEqual([
      'createAccount', 'createBankTransactions', 'createBankTransfer', 'createContacts', 'createFeedConnections', 'createPayments', 'createStatements',
      'getAccounts', 'getBankTransactions', 'getBankTransfers', 'getContacts', 'getFeedConnection', 'getFeedConnections', 'getInvoice', 'getInvoices',
      'getPayments', 'getStatement', 'getStatements',
    ].sort());
  });
});

import type { AddressInfo } from 'net';
import type { Server } from 'http';
import axios from 'axios';
import express from 'express';
import { custom, Issuer } from 'openid-client';
import { XeroClient } from 'xero-node';
import { completeXeroConsent } from '../../../src/sandbox/xero/consent-script';
import { createXeroIdentitySandbox, XERO_SANDBOX_PATH, type XeroIdentityStore } from '../../../src/sandbox/xero/xero-identity-sandbox';
import { SCOPES } from './xero-identity-kit';

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
  const app = { clientId: '8F0E6D1C2B3A49588F0E6D1C2B3A4958', clientSecret: 'xero-node-secret', redirectUris: ['http://127.0.0.1:5555/oauth/xero/callback'] };

  beforeAll(async () => {
    const sandbox = createXeroIdentitySandbox({ clients: [app] });
    store = sandbox.store;
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

  async function sdkClient(): Promise<XeroClient> {
    const xero = new XeroClient({ ...app, scopes: SCOPES.split(' '), state: 'xero-node-state' });
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
});

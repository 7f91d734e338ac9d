import { Router } from 'express';
import { connectionsRoutes } from './connections.routes';
import { identityAdminRoutes } from './identity-admin.routes';
import { identityRoutes } from './identity.routes';
import { XeroIdentityStore, type XeroIdentityStoreOptions } from './xero-identity.store';

export { XeroIdentityStore } from './xero-identity.store';
export { authenticateXeroRequest, requireXeroTenant } from './xero-request-auth';
export { DEMO_XERO_APP, DEMO_XERO_ORGANISATIONS, DEMO_XERO_USER } from './demo-identity';

/** Where the gateway mounts the Xero sandbox; Xero's hosts collapse onto this one prefix. */
export const XERO_SANDBOX_PATH = '/sandbox/xero';

export type XeroIdentitySandboxOptions = XeroIdentityStoreOptions;

/**
 * An in-memory emulator of Xero's identity service (OAuth 2.0 authorise with a consent page, token,
 * revocation, OpenID discovery) and of the connections API, at Xero's own paths:
 * `/identity/connect/authorize`, `/connect/token`, `/connect/revocation`, `/connections`, plus the
 * sandbox controls under `/_sandbox/identity`.
 *
 * @example
 * const { router, store } = createXeroIdentitySandbox({ clients: [{ clientId: 'ABC', clientSecret: 's', redirectUris: ['http://127.0.0.1:4000/oauth/xero/callback'] }] });
 * app.use(XERO_SANDBOX_PATH, router);
 * // authorise at http://127.0.0.1:4000/sandbox/xero/identity/connect/authorize?response_type=code&client_id=ABC&…
 */
export function createXeroIdentitySandbox(opts: XeroIdentitySandboxOptions = {}): { router: Router; store: XeroIdentityStore } {
  const store = new XeroIdentityStore(opts);
  const router = Router();
  router.use('/_sandbox/identity', identityAdminRoutes(store));
  router.use(identityRoutes(store));
  router.use(connectionsRoutes(store));
  return { router, store };
}

import type { ProviderSandbox, SandboxOptions } from '../provider';
import { createXeroIdentitySandbox, DEMO_XERO_APP, type XeroIdentityStore } from '../../sandbox/xero/xero-identity-sandbox';
import { XERO_CALLBACK_PATH, type XeroConfig, type XeroConnectionInput, type XeroEnv } from './xero.settings';

export type XeroProviderSandbox = ProviderSandbox<XeroConfig, XeroConnectionInput> & { store: XeroIdentityStore };

/** The sandbox's app, which the gateway uses when XERO_CLIENT_ID is not set and SANDBOX is on. */
export const SANDBOX_XERO_APP = DEMO_XERO_APP;

/**
 * The embedded Xero emulator as the gateway mounts it: Xero's identity service (authorise with its
 * consent page, tokens, revocation, connections). Once listening, the gateway's own callback is
 * registered as a redirect URI of the sandbox's app, as a lender registers theirs at Xero.
 */
export function xeroSandbox(_opts: SandboxOptions<XeroEnv>): XeroProviderSandbox {
  const { router, store } = createXeroIdentitySandbox();
  return {
    router,
    store,
    restoreDemoBorrower: () => undefined,
    booksUrl: (sandboxUrl) => `${sandboxUrl}/_sandbox/identity/connections`,
    onListening(gatewayUrl) {
      const app = store.clients.get(SANDBOX_XERO_APP.clientId);
      const port = new URL(gatewayUrl).port;
      for (const host of ['127.0.0.1', 'localhost']) {
        const uri = `http://${host}:${port}${XERO_CALLBACK_PATH}`;
        if (app && !app.redirectUris.includes(uri)) app.redirectUris.push(uri);
      }
    },
  };
}

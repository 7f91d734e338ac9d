import type { ProviderSandbox, SandboxOptions } from '../provider';
import { createXeroSandbox, DEMO_XERO_APP, type XeroBooksStore, type XeroIdentityStore } from '../../sandbox/xero/xero-sandbox';
import { XERO_CALLBACK_PATH, type XeroConfig, type XeroConnectionInput, type XeroEnv } from './xero.settings';

export type XeroProviderSandbox = ProviderSandbox<XeroConfig, XeroConnectionInput> & {
  /** The identity service's state (apps, organisations, tokens, connections). */
  store: XeroIdentityStore;
  /** Each organisation's books, rate limits and faults. */
  books: XeroBooksStore;
};

/** The sandbox's app, which the gateway uses when XERO_CLIENT_ID is not set and SANDBOX is on. */
export const SANDBOX_XERO_APP = DEMO_XERO_APP;

/**
 * The embedded Xero emulator as the gateway mounts it: Xero's identity service (authorise with its
 * consent page, tokens, revocation, connections), the Accounting and Bank Feeds APIs. Once
 * listening, the gateway's own callback is registered as a redirect URI of the sandbox's app, as a
 * lender registers theirs at Xero.
 */
export function xeroSandbox(opts: SandboxOptions<XeroEnv>): XeroProviderSandbox {
  const sandbox = createXeroSandbox({ lenderName: opts.lenderName, onExchange: opts.onExchange });
  const store = sandbox.identity;
  return {
    router: sandbox.router,
    store,
    books: sandbox.books,
    restoreDemoBorrower: () => undefined,
    booksUrl: (sandboxUrl, config) => `${sandboxUrl}/_sandbox/organisations/${encodeURIComponent(config.tenantId ?? '')}/books`,
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

import type { ProviderSandbox, SandboxOptions } from '../provider';
import { completeXeroConsent, createXeroSandbox, DEMO_XERO_APP, DEMO_XERO_ORGANISATIONS, type XeroBooksStore, type XeroIdentityStore } from '../../sandbox/xero/xero-sandbox';
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
    demoName: DEMO_XERO_ORGANISATIONS[0].name,
    // The sandbox's organisations get their tenant ids from their names: the demo's is the same after a restart.
    async createDemoBorrower(name) {
      const organisation = [...store.organisations.values()].find((o) => o.tenantName === name) ?? store.addOrganisation({ name });
      return { tenantId: organisation.tenantId };
    },
    restoreDemoBorrower: () => undefined,
    async connectDemoBorrower(company, gateway) {
      // Only the embedded Xero can be authorised at boot: another one (XERO_IDENTITY_URL) does not
      // know this gateway's callback, so its demo borrower waits for a borrower to connect it.
      if (opts.env.identityUrl !== null) return;
      const res = await fetch(gateway.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.adminApiKey}` },
        body: JSON.stringify({ query: 'mutation ($id: ID!) { startXeroConnection(companyId: $id) { authorisationUrl } }', variables: { id: company.id } }),
      });
      const body = (await res.json()) as { data?: { startXeroConnection?: { authorisationUrl: string } }; errors?: unknown };
      const url = body.data?.startXeroConnection?.authorisationUrl;
      if (!url) throw new Error(`startXeroConnection failed for the demo borrower: ${JSON.stringify(body.errors)}`);
      const callback = await completeXeroConsent(url, { choose: (orgs) => orgs.filter((o) => o.tenantId === company.config.tenantId).map((o) => o.tenantId) });
      const page = await fetch(callback, { redirect: 'manual' });
      if (page.status !== 200) throw new Error(`The demo borrower's Xero callback answered ${page.status}`);
    },
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

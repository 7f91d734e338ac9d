import { Router, type Request } from 'express';
import { adminRoutes, createEdge, type Authorization, type Exchange } from '../kit';
import { accountingDialect, bankFeedsDialect, FeedsProblem, rateLimitedReply } from './accounting-dialect';
import { accountingRoutes } from './accounting.routes';
import { bankFeedsRoutes } from './bankfeeds.routes';
import { booksView } from './books-view';
import { connectionsRoutes } from './connections.routes';
import { identityAdminRoutes } from './identity-admin.routes';
import { identityRoutes } from './identity.routes';
import type { XeroRateLimitSettings } from './rate-limits';
import { XeroBooksStore, type XeroBooksSettings, type XeroCaller } from './xero-books.store';
import { XeroIdentityStore, type XeroIdentityStoreOptions } from './xero-identity.store';
import { authenticateXeroRequest } from './xero-request-auth';

export { XERO_SANDBOX_PATH } from './xero-identity-sandbox';
export { XeroBooksStore, XERO_FAULTS, type XeroCaller, type XeroFault } from './xero-books.store';
export { XeroIdentityStore } from './xero-identity.store';
export { XERO_RATE_LIMITS, type XeroRateLimitSettings } from './rate-limits';
export { DEMO_XERO_APP, DEMO_XERO_ORGANISATIONS, DEMO_XERO_USER } from './demo-identity';
export { completeXeroConsent } from './consent-script';
export type { Exchange as XeroExchange } from '../kit';

export interface XeroSandboxOptions extends XeroIdentityStoreOptions {
  /** The lender's name: each organisation's demo books hold a near-miss of it among their contacts. */
  lenderName: string;
  /** Xero's limits by default; lower them, or shorten `minuteMs`, so tests and benchmarks run fast. */
  rateLimits?: Partial<XeroRateLimitSettings>;
  /** How long feed connections and statements stay PENDING (default: settled by the next call). */
  settings?: Partial<XeroBooksSettings>;
  idempotencyRetentionMs?: number;
  requestLogSize?: number;
  /** Called once per Accounting or Bank Feeds exchange (paths relative to `/api.xro/2.0` or `/bankfeeds.xro/1.0`). */
  onExchange?: (exchange: Exchange & { api: 'accounting' | 'bankFeeds' }) => void;
}

export interface XeroSandbox {
  router: Router;
  identity: XeroIdentityStore;
  books: XeroBooksStore;
}

const SCOPES: Array<[RegExp, string[]]> = [
  [/^\/accounts(\/|$)/i, ['accounting.settings']],
  [/^\/organisation(\/|$)/i, ['accounting.settings']],
  [/^\/contacts(\/|$)/i, ['accounting.contacts']],
  [/^\//, ['accounting.transactions']],
];

/**
 * The whole Xero sandbox under one mount point, at Xero's own paths: the identity service
 * (`/identity/connect/authorize`, `/connect/token`, `/connect/revocation`, OpenID discovery), the
 * connections API (`/connections`), the Accounting API (`/api.xro/2.0/…`) and the Bank Feeds API
 * (`/bankfeeds.xro/1.0/…`), with Xero's rate limits and their headers, `Idempotency-Key` replays,
 * and the sandbox's controls: `/_sandbox/identity/…` (token lifetimes, clock, faults of the
 * identity endpoints) and `/_sandbox/…` (faults, settings, request log, reset and each
 * organisation's books at `/_sandbox/organisations/{tenantId}/books`).
 *
 * @example
 * // Mounted as a provider's sandbox hook (ProviderSandbox), at XERO_SANDBOX_PATH:
 * const { router, identity } = createXeroSandbox({ lenderName, clients: [{ ...DEMO_XERO_APP, redirectUris: [redirectUri] }], onExchange });
 * const hook = {
 *   router,
 *   demoName: 'Brick Lane Bakery Ltd',
 *   // The borrower's organisation; the gateway then connects it through the consent flow (completeXeroConsent).
 *   createDemoBorrower: async (name: string) => (identity.addOrganisation({ name }), {}),
 *   // Tenant ids derive from names; the stored refresh token is taken back so the next refresh works.
 *   restoreDemoBorrower: (name: string, config: { tenantId: string }) => identity.addOrganisation({ name, tenantId: config.tenantId }),
 *   booksUrl: (sandboxUrl: string, config: { tenantId: string }) => `${sandboxUrl}/_sandbox/organisations/${config.tenantId}/books`,
 * };
 * // Tests and benchmarks shorten Xero's minute: createXeroSandbox({ lenderName, rateLimits: { minuteMs: 1000 } }).
 */
export function createXeroSandbox(opts: XeroSandboxOptions): XeroSandbox {
  const identity = new XeroIdentityStore(opts);
  const books = new XeroBooksStore(identity, {
    lenderName: opts.lenderName, rateLimits: opts.rateLimits, settings: opts.settings,
    idempotencyRetentionMs: opts.idempotencyRetentionMs, requestLogSize: opts.requestLogSize,
  });
  const authorize = (bankFeeds: boolean) => (req: Request): Authorization => {
    const scopes = bankFeeds ? ['bankfeeds'] : SCOPES.find(([path]) => path.test(req.path))![1];
    const anyOf = req.method === 'GET' && !bankFeeds ? scopes.flatMap((s) => [s, `${s}.read`]) : scopes;
    const auth = authenticateXeroRequest(identity, { authorization: req.get('authorization'), tenantId: req.get('xero-tenant-id') }, bankFeeds ? undefined : anyOf);
    if (!auth.ok) return { refusal: { status: auth.status, body: auth.body } };
    if (bankFeeds && !auth.token.scopes.includes('bankfeeds')) {
      return { refusal: new FeedsProblem(403, 'Invalid Application', 'The application has not been configured to use these API endpoints.', 'invalid-application').toReply() };
    }
    const client = identity.clients.get(auth.token.clientId);
    const caller: XeroCaller = { tenantId: auth.organisation.tenantId, clientId: auth.token.clientId, appName: client?.name ?? auth.token.clientId, scopes: auth.token.scopes };
    return { principal: caller };
  };
  const api = (kind: 'accounting' | 'bankFeeds') => {
    const dialect = kind === 'accounting' ? accountingDialect : bankFeedsDialect;
    const edge = createEdge({
      dialect,
      faults: books.faults,
      log: books.requests,
      authorize: authorize(kind === 'bankFeeds'),
      scope: (req) => req.get('xero-tenant-id')?.trim().toLowerCase(),
      idempotency: { cache: books.idempotency, header: 'Idempotency-Key', methods: ['POST', 'PUT'] },
      beforeEach: () => books.settleDue(),
      onExchange: opts.onExchange ? (exchange) => opts.onExchange!({ ...exchange, api: kind }) : undefined,
      bodyLimit: kind === 'accounting' ? '3500kb' : '5mb',
    });
    const router = Router();
    router.use(...edge.entry);
    router.use(books.rateLimits.middleware((seconds, problem, headers) => {
      const reply = rateLimitedReply(seconds, problem, headers);
      if (kind === 'accounting') return reply;
      const feeds = bankFeedsDialect.rateLimited(seconds);
      return { ...feeds, headers: { ...feeds.headers, ...reply.headers } };
    }));
    router.use(kind === 'accounting' ? accountingRoutes(books, edge) : bankFeedsRoutes(books, edge));
    router.use(...edge.exit);
    return router;
  };

  const router = Router();
  router.use('/_sandbox/identity', identityAdminRoutes(identity));
  router.use('/_sandbox', adminRoutes({
    dialect: accountingDialect,
    store: books,
    booksPath: '/organisations/:companyId/books',
    booksView: (tenantId) => booksView(books, tenantId),
    settings: { current: () => books.currentSettings(), patch: (patch) => books.patchSettings(patch) },
  }));
  router.use(identityRoutes(identity));
  router.use(connectionsRoutes(identity));
  router.use('/api.xro/2.0', api('accounting'));
  router.use('/bankfeeds.xro/1.0', api('bankFeeds'));
  return { router, identity, books };
}

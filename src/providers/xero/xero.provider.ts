import type { ProviderCapabilities, ProviderDefinition } from '../provider';
import { XeroAdapter } from './xero.adapter';
import { xeroConnectRoutes } from './xero-connect.routes';
import { XeroConnectionResolver } from './xero-connection.resolver';
import { XeroOAuthClient } from './xero-oauth.client';
import { XeroRateBudget } from './xero-rate-budget';
import { SANDBOX_XERO_APP, xeroSandbox } from './xero.sandbox';
import {
  XERO_CALLBACK_PATH, XERO_FEED_SCOPES, XERO_IDENTITY_URL, XERO_LOGIN_URL, XERO_SCOPES, XeroConnectionInput, parseXeroConnection, parseXeroEnv,
  type XeroConfig, type XeroEnv, type XeroSecrets, type XeroStatementLines,
} from './xero.settings';

/**
 * In `feed` mode the lender account's statement lines are sent as a bank feed, one statement per
 * batch of lines whose balances must follow each other, so events are recorded in date order.
 */
function xeroCapabilities(statementLines: XeroStatementLines): ProviderCapabilities {
  const feed = statementLines === 'feed';
  return {
    writes: feed ? 'async' : 'sync',
    idempotencyKeys: true,
    statements: feed ? 'bank-feed' : 'implicit',
    maxStatementLines: feed ? 50 : 1,
    orderedStatements: feed,
    oauth: true,
    mappingFields: ['lenderBankAccountId', 'designatedBankAccountId', 'expenseAccountId', 'lenderSupplierId'],
  };
}

/**
 * A call's slot is held at most this long, as long as a call can last: a read's 4 attempts and
 * their back-off, twice (once more after a 401, with a token refresh).
 */
const leaseFor = (timeoutMs: number) => Math.max(60_000, 8 * timeoutMs + 20_000);

/**
 * Xero, reached directly: the borrower authorises the gateway with OAuth 2.0 (PKCE and `state`),
 * its tokens rotate (single-use refresh tokens), writes answer at once and take an idempotency key,
 * and the lender account's entries are created reconciled, so that they are its statement lines, or
 * (XERO_STATEMENT_LINES=feed) its statement lines are sent through Bank Feeds.
 */
export const xero: ProviderDefinition<XeroEnv, XeroConfig, XeroSecrets, XeroConnectionInput> = {
  kind: 'XERO',
  displayName: 'Xero',
  inputKey: 'xero',
  capabilities: xeroCapabilities('reconciled'),
  capabilitiesFor: (env) => xeroCapabilities(env.statementLines),
  parseEnv: parseXeroEnv,
  connectionInput: XeroConnectionInput,
  parseConnection: parseXeroConnection,
  createAdapter: ({ env, sandboxUrl, gatewayUrl, rateBudgets }) => {
    const identityUrl = env.identityUrl ?? sandboxUrl;
    const apiUrl = env.apiUrl ?? sandboxUrl;
    if (!identityUrl || !apiUrl) throw new Error('XERO_IDENTITY_URL and XERO_API_URL are not set and no Xero sandbox is mounted');
    const app = env.clientId && env.clientSecret ? { clientId: env.clientId, clientSecret: env.clientSecret } : sandboxUrl ? SANDBOX_XERO_APP : null;
    const oauth = app
      ? new XeroOAuthClient({
          authoriseUrl: identityUrl === XERO_IDENTITY_URL ? `${XERO_LOGIN_URL}/identity/connect/authorize` : `${identityUrl}/identity/connect/authorize`,
          identityUrl,
          apiUrl,
          clientId: app.clientId,
          clientSecret: app.clientSecret!,
          redirectUri: env.redirectUri ?? `${gatewayUrl}${XERO_CALLBACK_PATH}`,
          scopes: env.statementLines === 'feed' ? XERO_FEED_SCOPES : XERO_SCOPES,
          timeoutMs: env.timeoutMs,
        })
      : null;
    return new XeroAdapter({ apiUrl, oauth, statementLines: env.statementLines, timeoutMs: env.timeoutMs, budget: new XeroRateBudget({ ledger: rateBudgets, minuteMs: env.rateWindowMs, leaseMs: leaseFor(env.timeoutMs) }) });
  },
  sandbox: xeroSandbox,
  routes: xeroConnectRoutes,
  resolvers: [XeroConnectionResolver],
};

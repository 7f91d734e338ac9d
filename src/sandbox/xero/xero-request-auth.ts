import type { RequestHandler } from 'express';
import { XeroApiProblem } from './xero-identity-error';
import type { XeroIdentityStore } from './xero-identity.store';
import type { AccessTokenRecord, XeroConnection, XeroOrganisation } from './xero-identity.types';

export interface XeroRequestCredentials {
  /** The `Authorization` header. */
  authorization?: string;
  /** The `xero-tenant-id` header. */
  tenantId?: string;
}

export type XeroAuthentication =
  | { ok: true; organisation: XeroOrganisation; connection: XeroConnection; token: AccessTokenRecord }
  | { ok: false; status: number; body: Record<string, unknown> };

/** The access token named by a Bearer header, if this sandbox issued it and it is still live. */
export function bearerToken(store: XeroIdentityStore, authorization: string | undefined): AccessTokenRecord {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const token = match ? store.accessTokens.get(match[1]) : undefined;
  if (!token) throw XeroApiProblem.unauthenticated();
  if (store.now() >= token.expiresAt) throw XeroApiProblem.tokenExpired(token.expiresAt);
  return token;
}

/**
 * Authenticates a call to Xero's organisation APIs as Xero does: a live access token (else 401),
 * a `xero-tenant-id` the token's user has connected to the app (else 403, which is what a removed
 * or revoked connection gets), and, when `anyOfScopes` is given, one of those scopes (else 401).
 *
 * @example
 * const auth = authenticateXeroRequest(store, { authorization: req.get('authorization'), tenantId: req.get('xero-tenant-id') }, ['accounting.settings', 'accounting.settings.read']);
 * if (!auth.ok) return res.status(auth.status).json(auth.body);
 */
export function authenticateXeroRequest(store: XeroIdentityStore, credentials: XeroRequestCredentials, anyOfScopes?: string[]): XeroAuthentication {
  try {
    const token = bearerToken(store, credentials.authorization);
    const tenantId = credentials.tenantId?.trim().toLowerCase();
    const connection = tenantId ? store.connections(token.clientId, token.userId).find((c) => c.tenantId === tenantId) : undefined;
    if (!connection) throw XeroApiProblem.forbidden();
    if (anyOfScopes && !anyOfScopes.some((scope) => token.scopes.includes(scope))) throw XeroApiProblem.missingScope();
    return { ok: true, organisation: store.organisations.get(connection.tenantId)!, connection, token };
  } catch (error) {
    if (error instanceof XeroApiProblem) return { ok: false, status: error.status, body: error.toBody() };
    throw error;
  }
}

/**
 * The same check as Express middleware: the organisation lands in `res.locals.xero`.
 *
 * @example
 * router.get('/api.xro/2.0/Accounts', requireXeroTenant(store, ['accounting.settings', 'accounting.settings.read']), listAccounts);
 */
export function requireXeroTenant(store: XeroIdentityStore, anyOfScopes?: string[]): RequestHandler {
  return (req, res, next) => {
    const auth = authenticateXeroRequest(store, { authorization: req.get('authorization'), tenantId: req.get('xero-tenant-id') }, anyOfScopes);
    if (!auth.ok) {
      res.status(auth.status).json(auth.body);
      return;
    }
    res.locals.xero = auth;
    next();
  };
}

import { HttpClient } from '../http';
import { ProviderError } from '../provider-error';
import type { ProviderMessage } from '../accounting-provider';
import type { XeroSecrets } from './xero.settings';
import type { XeroTenantConnection, XeroTokenResponse } from './xero.types';

export interface XeroOAuthOptions {
  /** Where the borrower's browser authorises (`…/identity/connect/authorize`). */
  authoriseUrl: string;
  /** Xero's identity service: `/connect/token`, `/connect/revocation`. */
  identityUrl: string;
  /** api.xero.com: `/connections`. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string[];
  timeoutMs?: number;
}

/**
 * The OAuth 2.0 side of Xero: the authorisation URL (PKCE S256 and `state`), the token endpoint
 * (code exchange and refresh, client authenticated with HTTP Basic), revocation, and the tenant
 * connections. A refused grant (`invalid_grant`: a refresh token spent, expired or revoked) is
 * UNAUTHORIZED: only the borrower authorising again repairs it.
 *
 * @example
 * const url = oauth.authoriseUrl(state, codeChallenge);
 * const secrets = await oauth.exchangeCode(code, codeVerifier);
 * const tenants = await oauth.connections(secrets.accessToken);
 */
export class XeroOAuthClient {
  private readonly identity: HttpClient;
  private readonly api: HttpClient;
  private readonly basic: string;

  constructor(private readonly o: XeroOAuthOptions) {
    this.basic = `Basic ${Buffer.from(`${encodeURIComponent(o.clientId)}:${encodeURIComponent(o.clientSecret)}`).toString('base64')}`;
    const common = { timeoutMs: o.timeoutMs, providerName: 'Xero', parseError: parseOAuthError };
    this.identity = new HttpClient({ ...common, baseUrl: o.identityUrl, authHint: 'check XERO_CLIENT_ID and XERO_CLIENT_SECRET' });
    this.api = new HttpClient({ ...common, baseUrl: o.apiUrl, authHint: 'the borrower must connect their books again' });
  }

  get redirectUri(): string {
    return this.o.redirectUri;
  }

  authoriseUrl(state: string, codeChallenge: string): string {
    const url = new URL(this.o.authoriseUrl);
    const params = { response_type: 'code', client_id: this.o.clientId, redirect_uri: this.o.redirectUri, scope: this.o.scopes.join(' '), state, code_challenge: codeChallenge, code_challenge_method: 'S256' };
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return url.toString();
  }

  async exchangeCode(code: string, codeVerifier: string): Promise<XeroSecrets> {
    return this.token({ grant_type: 'authorization_code', code, redirect_uri: this.o.redirectUri, code_verifier: codeVerifier });
  }

  /**
   * Spends `refreshToken` for a new pair. Retried after a lost answer: Xero accepts a refresh token
   * presented again shortly after its answer was lost, so the retry gets the pair the loss took.
   */
  async refresh(refreshToken: string): Promise<XeroSecrets> {
    return this.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  /** Revokes a refresh token: Xero ends its family and removes the user's connections to the app. */
  async revoke(refreshToken: string): Promise<void> {
    await this.identity.request({ method: 'POST', path: '/connect/revocation', form: { token: refreshToken }, headers: { Authorization: this.basic }, retry: true });
  }

  /** The user's connections to the app; with `authEventId`, only those one authorisation granted. */
  async connections(accessToken: string, authEventId?: string | null): Promise<XeroTenantConnection[]> {
    const query = authEventId ? { authEventId } : undefined;
    const res = await this.api.request<XeroTenantConnection[]>({ method: 'GET', path: '/connections', query, headers: { Authorization: `Bearer ${accessToken}` }, retry: true });
    return Array.isArray(res.body) ? res.body : [];
  }

  /** Removes one tenant connection; one already gone is fine. */
  async removeConnection(accessToken: string, connectionId: string): Promise<void> {
    try {
      await this.api.request({ method: 'DELETE', path: `/connections/${encodeURIComponent(connectionId)}`, headers: { Authorization: `Bearer ${accessToken}` }, retry: true });
    } catch (err) {
      if (!(err instanceof ProviderError && err.kind === 'NOT_FOUND')) throw err;
    }
  }

  private async token(form: Record<string, string>): Promise<XeroSecrets> {
    let res;
    try {
      res = await this.identity.request<XeroTokenResponse>({ method: 'POST', path: '/connect/token', form, headers: { Authorization: this.basic }, retry: true });
    } catch (err) {
      if (err instanceof ProviderError && err.kind === 'REJECTED' && err.details.messages?.some((m) => m.message === 'invalid_grant')) {
        const what = form.grant_type === 'refresh_token' ? 'the refresh token (spent, expired or revoked)' : 'the authorisation code';
        throw new ProviderError('UNAUTHORIZED', `Xero refused ${what}: invalid_grant`, { status: 400, provider: 'Xero', messages: err.details.messages });
      }
      throw err;
    }
    const body = res.body;
    if (!body?.access_token || !body.refresh_token) {
      throw new ProviderError('UNAUTHORIZED', 'Xero answered without a refresh token: the app must ask for the offline_access scope', { provider: 'Xero' });
    }
    const lifetimeMs = Math.max(1, Number(body.expires_in) || 1800) * 1000;
    return { accessToken: body.access_token, refreshToken: body.refresh_token, expiresAt: Date.now() + lifetimeMs, lifetimeMs };
  }
}

/**
 * The authorisation an access token comes from (its `authentication_event_id` claim): Xero's way to
 * tell the organisations just granted from those the user connected before. Null when the token
 * is not a JWT carrying it. The token came straight from the token endpoint, so it is read, not verified.
 */
export function authEventIdOf(accessToken: string): string | null {
  const payload = accessToken.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { authentication_event_id?: unknown };
    return typeof claims.authentication_event_id === 'string' ? claims.authentication_event_id : null;
  } catch {
    return null;
  }
}

/** OAuth errors (`{"error":"invalid_grant"}`) and the APIs' problem bodies (`{"Title":…,"Detail":…}`). */
export function parseOAuthError(status: number, body: unknown): { message: string; messages: ProviderMessage[] } {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const text = [b.error, b.Detail, b.Title, b.Message].find((v) => typeof v === 'string' && v !== '') as string | undefined;
    if (text) {
      const described = typeof b.error_description === 'string' ? `${text}: ${b.error_description}` : text;
      return { message: described, messages: [{ field: null, message: text }] };
    }
  }
  return { message: typeof body === 'string' ? body.slice(0, 300) : `HTTP ${status}`, messages: [] };
}

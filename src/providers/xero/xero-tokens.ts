import { ProviderError } from '../provider-error';
import type { XeroOAuthClient } from './xero-oauth.client';
import type { XeroProviderConnection, XeroSecrets } from './xero.settings';

/** Refresh this long before expiry at most (a minute), or a third of a short lifetime. */
const MARGIN_MS = 60_000;

const fresh = (s: XeroSecrets | null, stale: string | null) =>
  !!s && s.accessToken !== stale && s.expiresAt - Date.now() > Math.min(MARGIN_MS, s.lifetimeMs / 3);

/**
 * A live access token for a company, refreshed through the credential store: under the company's
 * lock, held across gateway processes, the refresh reads the latest stored tokens (another process
 * may have just refreshed them, and then nothing is spent) and the new pair is stored before any
 * call uses it. So one refresh token is never spent twice.
 *
 * @example
 * const token = await tokens.accessToken(conn);
 * // after a 401 with `token`: a newer one, refreshed if no other process did it meanwhile
 * const next = await tokens.accessToken(conn, token);
 */
export class XeroTokens {
  constructor(private readonly oauth: () => XeroOAuthClient) {}

  async accessToken(conn: XeroProviderConnection, stale: string | null = null): Promise<string> {
    const held = await conn.credentials.get();
    if (held && fresh(held, stale)) return held.accessToken;
    const current = await conn.credentials.rotate(async (latest) => {
      if (!latest) throw notConnected();
      if (fresh(latest, stale)) return null;
      return this.oauth().refresh(latest.refreshToken);
    });
    if (!current) throw notConnected();
    return current.accessToken;
  }
}

function notConnected(): ProviderError {
  return new ProviderError('UNAUTHORIZED', 'No Xero tokens are stored for this company: the borrower must connect their books', { provider: 'Xero' });
}

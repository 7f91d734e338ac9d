import { randomUUID } from 'crypto';

/**
 * An error of the identity service's token and revocation endpoints: Xero answers 400 with an
 * OAuth error body such as `{"error":"invalid_grant"}` and nothing else.
 */
export class OAuthError extends Error {
  constructor(readonly error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'unauthorized_client', readonly status = 400) {
    super(error);
  }

  toBody(): { error: string } {
    return { error: this.error };
  }
}

/**
 * An error of Xero's APIs behind the identity service (connections, Accounting): a problem body
 * such as `{"Type":null,"Title":"Forbidden","Status":403,"Detail":"AuthenticationUnsuccessful",…}`.
 */
export class XeroApiProblem extends Error {
  constructor(readonly status: 401 | 403 | 404, readonly detail: string) {
    super(detail);
  }

  static unauthenticated(): XeroApiProblem {
    return new XeroApiProblem(401, 'AuthenticationUnsuccessful');
  }

  /** The token is valid but does not reach this organisation (or no tenant was named). */
  static forbidden(): XeroApiProblem {
    return new XeroApiProblem(403, 'AuthenticationUnsuccessful');
  }

  /** The token lacks the scope the endpoint needs. */
  static missingScope(): XeroApiProblem {
    return new XeroApiProblem(401, 'AuthorizationUnsuccessful');
  }

  static tokenExpired(expiredAt: number): XeroApiProblem {
    return new XeroApiProblem(401, `TokenExpired: token expired at ${usDateTime(expiredAt)}`);
  }

  toBody(): Record<string, unknown> {
    const title = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[this.status];
    return { Type: null, Title: title, Status: this.status, Detail: this.detail, Instance: randomUUID(), Extensions: {} };
  }
}

/** `MM/dd/yyyy HH:mm:ss` in UTC, the way Xero words an expiry. */
function usDateTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)} ${iso.slice(11, 19)}`;
}

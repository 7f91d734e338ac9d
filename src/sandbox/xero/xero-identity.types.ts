/** An app registered with the sandbox's identity service, as a lender registers one at Xero. */
export interface XeroAppRegistration {
  clientId: string;
  /** Absent for a PKCE app (a public client): it then must send a code challenge and no secret. */
  clientSecret?: string;
  /** Exact redirect URIs the authorise request may name, as Xero compares them. */
  redirectUris: string[];
  /** Shown on the consent page (default: the client id). */
  name?: string;
  /** Whether the app may ask for the `bankfeeds` scope (Xero grants it to financial partners only). */
  bankFeeds?: boolean;
}

export interface XeroOrganisationSeed {
  /** Default: derived from the name, so a restart gives the same id. */
  tenantId?: string;
  name: string;
  tenantType?: 'ORGANISATION' | 'PRACTICE';
}

/** The Xero user who logs in on the consent page; every organisation belongs to them. */
export interface XeroSandboxUser {
  xeroUserId: string;
  email: string;
  givenName: string;
  familyName: string;
}

export interface XeroIdentityLifetimes {
  /** Access tokens (Xero: 30 minutes). */
  accessTokenSeconds: number;
  /** A refresh token left unused this long expires (Xero: 60 days). */
  refreshTokenSeconds: number;
  /**
   * How long a refresh token already exchanged may be presented again when the answer to its
   * exchange was lost (Xero staff: 30 minutes). 0 makes every refresh token strictly single-use.
   */
  refreshGraceSeconds: number;
  /** Authorisation codes (Xero: 5 minutes). */
  codeSeconds: number;
}

export interface XeroOrganisation {
  tenantId: string;
  tenantName: string;
  tenantType: 'ORGANISATION' | 'PRACTICE';
}

/** A tenant connection as `GET /connections` lists it (Xero's field names). */
export interface XeroConnection {
  id: string;
  authEventId: string;
  tenantId: string;
  tenantType: string;
  tenantName: string;
  createdDateUtc: string;
  updatedDateUtc: string;
}

export interface ConnectionRecord extends XeroConnection {
  clientId: string;
  userId: string;
  active: boolean;
}

/** A pending authorise request, between the consent page and the user's decision. */
export interface AuthoriseRequest {
  id: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  createdAt: number;
}

export interface AuthorisationCode {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  nonce?: string;
  codeChallenge?: string;
  authEventId: string;
  issuedAt: number;
  used: boolean;
}

/** One authorisation's line of tokens: each refresh issues the next generation of the family. */
export interface TokenFamily {
  id: string;
  clientId: string;
  userId: string;
  scopes: string[];
  authEventId: string;
  authTime: number;
  revoked: boolean;
}

export interface RefreshTokenRecord {
  /** A label safe to show (never the token itself): `<family>/<generation>`. */
  id: string;
  familyId: string;
  generation: number;
  issuedAt: number;
  /** Times the token endpoint read it from a request, accepted or not (a queued server error reads nothing). */
  presented: number;
  /** Times it was exchanged for new tokens (more than one only within the grace period). */
  exchanged: number;
  /** When it was first exchanged. */
  usedAt?: number;
  /** When it was last presented. */
  lastPresentedAt?: number;
  /** The refresh token its latest exchange issued. */
  successor?: string;
  /** Set when a retry within the grace period replaced it with a newer token. */
  superseded?: boolean;
}

export interface AccessTokenRecord {
  familyId: string;
  clientId: string;
  userId: string;
  scopes: string[];
  expiresAt: number;
}

/** What a test reads to check that no refresh token was used twice. */
export interface RefreshTokenUsage {
  id: string;
  familyId: string;
  generation: number;
  presented: number;
  exchanged: number;
  /** When it was first exchanged and last presented (ms since the epoch, on the sandbox's clock). */
  usedAt?: number;
  lastPresentedAt?: number;
}

export type IdentityEndpoint = 'token' | 'revocation' | 'connections';
export type IdentityFaultKind = 'SERVER_ERROR' | 'LOSE_RESPONSE' | 'SLOW_RESPONSE';

export interface IdentityFaultSpec {
  fault: IdentityFaultKind;
  /** How many matching requests it applies to (default 1). */
  count?: number;
  match?: { endpoint?: IdentityEndpoint; grantType?: 'authorization_code' | 'refresh_token' };
  /** SLOW_RESPONSE's delay (default 1000). */
  delayMs?: number;
}

export interface QueuedIdentityFault extends Required<Pick<IdentityFaultSpec, 'fault' | 'count'>> {
  id: string;
  match: NonNullable<IdentityFaultSpec['match']>;
  delayMs?: number;
}

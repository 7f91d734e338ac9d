import { createHash, randomBytes, randomUUID } from 'crypto';
import { OAuthError } from './xero-identity-error';
import type { XeroIdentityStore } from './xero-identity.store';
import type { TokenFamily, XeroAppRegistration } from './xero-identity.types';

/** The token endpoint's answer (`AccessToken` in Xero's identity spec, plus `scope`). */
export interface TokenResponse {
  id_token?: string;
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  refresh_token?: string;
  scope: string;
}

type Form = Record<string, unknown>;

/**
 * The token and revocation endpoints' rules: client authentication (Basic header or secret in the
 * body), the code exchange with its PKCE check, and single-use rotating refresh tokens.
 */
export class TokenGrants {
  constructor(private readonly store: XeroIdentityStore) {}

  /** `Authorization: Basic base64(client_id:client_secret)`, or both in the form; a PKCE app sends its id alone. */
  authenticateClient(authorization: string | undefined, form: Form): XeroAppRegistration {
    let clientId = text(form.client_id);
    let secret = text(form.client_secret);
    const basic = /^Basic\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) throw new OAuthError('invalid_client');
      clientId = formDecode(decoded.slice(0, colon));
      secret = formDecode(decoded.slice(colon + 1));
    }
    const client = clientId ? this.store.clients.get(clientId) : undefined;
    if (!client) throw new OAuthError('invalid_client');
    if (client.clientSecret !== undefined && secret !== client.clientSecret) throw new OAuthError('invalid_client');
    return client;
  }

  exchangeCode(client: XeroAppRegistration, form: Form): TokenResponse {
    const codeValue = text(form.code);
    if (!codeValue) throw new OAuthError('invalid_request');
    const code = this.store.codes.get(codeValue);
    const now = this.store.now();
    if (!code || code.used || code.clientId !== client.clientId) throw new OAuthError('invalid_grant');
    if (now > code.issuedAt + this.store.lifetimes.codeSeconds * 1000) throw new OAuthError('invalid_grant');
    if (text(form.redirect_uri) !== code.redirectUri) throw new OAuthError('invalid_grant');
    const verifier = text(form.code_verifier);
    if (code.codeChallenge !== undefined) {
      if (!verifier || !/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) throw new OAuthError('invalid_grant');
      if (createHash('sha256').update(verifier).digest('base64url') !== code.codeChallenge) throw new OAuthError('invalid_grant');
    } else if (verifier) {
      throw new OAuthError('invalid_grant');
    }
    code.used = true;
    const family: TokenFamily = {
      id: randomUUID(), clientId: client.clientId, userId: this.store.user.xeroUserId, scopes: code.scopes,
      authEventId: code.authEventId, authTime: code.issuedAt, revoked: false,
    };
    this.store.families.set(family.id, family);
    return this.issue(family, 0, code.nonce);
  }

  /**
   * Exchanges a refresh token for a new access token and a new refresh token. The old one is spent:
   * presenting it again answers `invalid_grant`, except within the grace period and while its
   * successor has never been presented (the answer carrying the successor was lost); the retry then
   * gets a fresh pair and the lost successor stops working.
   */
  refresh(client: XeroAppRegistration, form: Form): TokenResponse {
    const value = text(form.refresh_token);
    if (!value) throw new OAuthError('invalid_request');
    const record = this.store.refreshTokens.get(value);
    if (!record) throw new OAuthError('invalid_grant');
    record.presented += 1;
    const family = this.store.families.get(record.familyId)!;
    const now = this.store.now();
    record.lastPresentedAt = now;
    const { refreshTokenSeconds, refreshGraceSeconds } = this.store.lifetimes;
    if (family.clientId !== client.clientId || family.revoked || record.superseded) throw new OAuthError('invalid_grant');
    if (now > record.issuedAt + refreshTokenSeconds * 1000) throw new OAuthError('invalid_grant');
    if (record.usedAt !== undefined) {
      const successor = record.successor ? this.store.refreshTokens.get(record.successor) : undefined;
      const withinGrace = now <= record.usedAt + refreshGraceSeconds * 1000;
      if (!withinGrace || !successor || successor.presented > 0) throw new OAuthError('invalid_grant');
      successor.superseded = true;
    } else {
      record.usedAt = now;
    }
    record.exchanged += 1;
    const response = this.issue(family, record.generation + 1);
    record.successor = response.refresh_token;
    return response;
  }

  /**
   * Revoking a refresh token ends its family and removes all the user's connections to the app.
   * Access tokens are self-contained JWTs: revoking one is accepted and changes nothing, as for an
   * unknown token.
   */
  revoke(client: XeroAppRegistration, form: Form): void {
    const value = text(form.token);
    if (!value) throw new OAuthError('invalid_request');
    const record = this.store.refreshTokens.get(value);
    if (!record) return;
    const family = this.store.families.get(record.familyId)!;
    if (family.clientId !== client.clientId) return;
    family.revoked = true;
    this.store.disconnectAll(family.clientId, family.userId);
  }

  private issue(family: TokenFamily, generation: number, nonce?: string): TokenResponse {
    const now = this.store.now();
    const expiresAt = now + this.store.lifetimes.accessTokenSeconds * 1000;
    const signed = { family, user: this.store.user, issuer: this.store.issuer, issuedAt: now, expiresAt };
    const accessToken = this.store.signer.accessToken(signed);
    this.store.accessTokens.set(accessToken, { familyId: family.id, clientId: family.clientId, userId: family.userId, scopes: family.scopes, expiresAt });
    const response: TokenResponse = { access_token: accessToken, expires_in: this.store.lifetimes.accessTokenSeconds, token_type: 'Bearer', scope: family.scopes.join(' ') };
    if (family.scopes.includes('openid')) {
      // An id token only vouches for the login: five minutes, whatever the access token's lifetime.
      response.id_token = this.store.signer.idToken({ ...signed, expiresAt: now + 5 * 60 * 1000, accessToken, nonce });
    }
    if (family.scopes.includes('offline_access')) {
      const refreshToken = randomBytes(32).toString('hex');
      this.store.refreshTokens.set(refreshToken, {
        id: `${family.id}/${generation}`, familyId: family.id, generation, issuedAt: now, presented: 0, exchanged: 0,
      });
      response.refresh_token = refreshToken;
    }
    return response;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

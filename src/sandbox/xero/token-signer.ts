import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from 'crypto';
import jwt from 'jsonwebtoken';
import type { TokenFamily, XeroSandboxUser } from './xero-identity.types';

export interface SignedTokenInput {
  family: TokenFamily;
  user: XeroSandboxUser;
  issuer: string;
  issuedAt: number;
  expiresAt: number;
}

/**
 * Signs the access and id tokens as Xero does (RS256 JWTs with Xero's claims), with a key made
 * for this sandbox and published at the JWKS address, so OpenID clients can verify id tokens.
 *
 * @example
 * const signer = new TokenSigner();
 * const accessToken = signer.accessToken({ family, user, issuer, issuedAt, expiresAt });
 */
export class TokenSigner {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  readonly keyId: string;

  constructor() {
    // One key per process: making an RSA key takes a noticeable moment, and sandboxes are many in tests.
    processKey ??= { ...generateKeyPairSync('rsa', { modulusLength: 2048 }), keyId: randomBytes(16).toString('hex').toUpperCase() };
    ({ privateKey: this.privateKey, publicKey: this.publicKey, keyId: this.keyId } = processKey);
  }

  accessToken({ family, user, issuer, issuedAt, expiresAt }: SignedTokenInput): string {
    const claims = {
      nbf: seconds(issuedAt),
      exp: seconds(expiresAt),
      iss: issuer,
      aud: `${issuer}/resources`,
      client_id: family.clientId,
      sub: subject(user),
      auth_time: seconds(family.authTime),
      xero_userid: user.xeroUserId,
      global_session_id: family.id.replace(/-/g, ''),
      jti: randomBytes(16).toString('hex').toUpperCase(),
      authentication_event_id: family.authEventId,
      scope: family.scopes,
      amr: ['pwd'],
    };
    return this.sign(claims);
  }

  /** Only when `openid` was granted; the profile and email claims follow their scopes. */
  idToken({ family, user, issuer, issuedAt, expiresAt, accessToken, nonce }: SignedTokenInput & { accessToken: string; nonce?: string }): string {
    const scopes = new Set(family.scopes);
    const claims: Record<string, unknown> = {
      nbf: seconds(issuedAt),
      exp: seconds(expiresAt),
      iss: issuer,
      aud: family.clientId,
      iat: seconds(issuedAt),
      at_hash: atHash(accessToken),
      sid: family.id.replace(/-/g, ''),
      sub: subject(user),
      auth_time: seconds(family.authTime),
      xero_userid: user.xeroUserId,
      global_session_id: family.id.replace(/-/g, ''),
      amr: ['pwd'],
      ...(nonce ? { nonce } : {}),
    };
    if (scopes.has('profile')) Object.assign(claims, { preferred_username: user.email, given_name: user.givenName, family_name: user.familyName });
    if (scopes.has('email')) claims.email = user.email;
    return this.sign(claims);
  }

  /** The JSON Web Key Set an OpenID client fetches to verify the id token. */
  jwks(): { keys: Array<Record<string, unknown>> } {
    const jwk = this.publicKey.export({ format: 'jwk' });
    return { keys: [{ ...jwk, kid: this.keyId, kty: 'RSA', use: 'sig', alg: 'RS256' }] };
  }

  private sign(claims: Record<string, unknown>): string {
    return jwt.sign(claims, this.privateKey, { algorithm: 'RS256', keyid: this.keyId });
  }
}

let processKey: { privateKey: KeyObject; publicKey: KeyObject; keyId: string } | undefined;

function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** Xero's `sub` is a hex id of its own, distinct from the user id. */
function subject(user: XeroSandboxUser): string {
  return createHash('sha256').update(user.xeroUserId).digest('hex').slice(0, 32);
}

/** OpenID Connect's at_hash: the left half of the access token's SHA-256, base64url. */
function atHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
}

import { createHash, randomUUID } from 'crypto';
import { DEMO_XERO_APP, DEMO_XERO_ORGANISATIONS, DEMO_XERO_USER } from './demo-identity';
import { IdentityFaults } from './identity-faults';
import { TokenSigner } from './token-signer';
import type {
  AccessTokenRecord, AuthorisationCode, AuthoriseRequest, ConnectionRecord, RefreshTokenRecord, RefreshTokenUsage, TokenFamily,
  XeroAppRegistration, XeroConnection, XeroIdentityLifetimes, XeroOrganisation, XeroOrganisationSeed, XeroSandboxUser,
} from './xero-identity.types';

export interface XeroIdentityStoreOptions {
  /** Default: the demo app. */
  clients?: XeroAppRegistration[];
  /** Default: a UK and a French organisation. */
  organisations?: XeroOrganisationSeed[];
  user?: XeroSandboxUser;
  lifetimes?: Partial<XeroIdentityLifetimes>;
  /**
   * The tokens' `iss` and the discovery document's issuer. Default: Xero's own, so that clients
   * checking it accept the sandbox's tokens; the signing key is the sandbox's all the same.
   */
  issuer?: string;
}

export const XERO_LIFETIMES: XeroIdentityLifetimes = {
  accessTokenSeconds: 30 * 60,
  refreshTokenSeconds: 60 * 24 * 60 * 60,
  refreshGraceSeconds: 30 * 60,
  codeSeconds: 5 * 60,
};

/**
 * The identity service's state, in memory: registered apps, the user's organisations, pending
 * consents, codes, token families and tenant connections. Its clock can be moved forward so
 * tests see tokens expire without waiting.
 */
export class XeroIdentityStore {
  readonly clients = new Map<string, XeroAppRegistration>();
  readonly organisations = new Map<string, XeroOrganisation>();
  readonly user: XeroSandboxUser;
  readonly lifetimes: XeroIdentityLifetimes;
  readonly issuer: string;
  readonly signer = new TokenSigner();
  readonly faults = new IdentityFaults();

  readonly requests = new Map<string, AuthoriseRequest>();
  readonly codes = new Map<string, AuthorisationCode>();
  readonly families = new Map<string, TokenFamily>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  private readonly connectionRecords = new Map<string, ConnectionRecord>();
  private clockOffsetMs = 0;

  constructor(opts: XeroIdentityStoreOptions = {}) {
    for (const client of opts.clients ?? [DEMO_XERO_APP]) this.clients.set(client.clientId, { ...client, redirectUris: [...client.redirectUris] });
    for (const seed of opts.organisations ?? DEMO_XERO_ORGANISATIONS) this.addOrganisation(seed);
    this.user = { ...(opts.user ?? DEMO_XERO_USER) };
    this.lifetimes = { ...XERO_LIFETIMES, ...(opts.lifetimes ?? {}) };
    this.issuer = opts.issuer ?? 'https://identity.xero.com';
  }

  /** Milliseconds since the epoch, on the sandbox's clock. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  advanceClock(seconds: number): void {
    this.clockOffsetMs += seconds * 1000;
  }

  addOrganisation(seed: XeroOrganisationSeed): XeroOrganisation {
    const organisation: XeroOrganisation = {
      tenantId: seed.tenantId ?? uuidFromName(seed.name),
      tenantName: seed.name,
      tenantType: seed.tenantType ?? 'ORGANISATION',
    };
    this.organisations.set(organisation.tenantId, organisation);
    return organisation;
  }

  /**
   * Records the user's consent to `tenantIds` for an app: one connection per organisation, all
   * sharing the authorisation event's id. Reconnecting an organisation keeps its connection's id
   * and creation date and moves its update date.
   */
  connect(clientId: string, tenantIds: string[], authEventId: string): ConnectionRecord[] {
    const stamp = xeroDateTime(this.now());
    return tenantIds.map((tenantId) => {
      const organisation = this.organisations.get(tenantId);
      if (!organisation) throw new Error(`Unknown organisation ${tenantId}`);
      const existing = [...this.connectionRecords.values()].find((c) => c.clientId === clientId && c.userId === this.user.xeroUserId && c.tenantId === tenantId);
      if (existing) {
        Object.assign(existing, { active: true, authEventId, updatedDateUtc: stamp, tenantName: organisation.tenantName });
        return existing;
      }
      const record: ConnectionRecord = {
        id: randomUUID(), authEventId, tenantId, tenantType: organisation.tenantType, tenantName: organisation.tenantName,
        createdDateUtc: stamp, updatedDateUtc: stamp, clientId, userId: this.user.xeroUserId, active: true,
      };
      this.connectionRecords.set(record.id, record);
      return record;
    });
  }

  /** The live connections of a user to an app (tokens are per user and app, not per connection). */
  connections(clientId: string, userId: string): XeroConnection[] {
    return [...this.connectionRecords.values()].filter((c) => c.active && c.clientId === clientId && c.userId === userId).map(publicConnection);
  }

  /** Every connection the sandbox knows of, removed ones included (admin view). */
  allConnections(): ConnectionRecord[] {
    return [...this.connectionRecords.values()].map((c) => ({ ...c }));
  }

  /** Removes a connection; false when the app and user have no such live connection. */
  disconnect(id: string, owner?: { clientId: string; userId: string }): boolean {
    const record = this.connectionRecords.get(id);
    if (!record || !record.active) return false;
    if (owner && (record.clientId !== owner.clientId || record.userId !== owner.userId)) return false;
    record.active = false;
    return true;
  }

  /** Removes every connection of a user to an app (what revoking a refresh token does). */
  disconnectAll(clientId: string, userId: string): void {
    for (const record of this.connectionRecords.values()) {
      if (record.clientId === clientId && record.userId === userId) record.active = false;
    }
  }

  /** Revokes every token family of a user for an app, as when the user disconnects the app in Xero. */
  revokeFamilies(clientId: string, userId: string): void {
    for (const family of this.families.values()) {
      if (family.clientId === clientId && family.userId === userId) family.revoked = true;
    }
  }

  /**
   * Puts back, after a restart of the sandbox, a grant a client still holds: the user's connection
   * of the app to `tenantIds`, and `refreshToken` as the live refresh token of a token family, so
   * that the client's next refresh works as it would have against Xero (a token already known is
   * left as it is).
   *
   * @example
   * identity.restoreGrant({ clientId, tenantIds: [stored.tenantId], refreshToken: stored.refreshToken, scopes: ['offline_access', 'accounting.transactions'] });
   */
  restoreGrant(grant: { clientId: string; tenantIds: string[]; refreshToken: string; scopes: string[] }): void {
    if (this.refreshTokens.has(grant.refreshToken)) return;
    if (!this.clients.has(grant.clientId)) throw new Error(`Unknown client ${grant.clientId}`);
    const now = this.now();
    const family: TokenFamily = {
      id: randomUUID(), clientId: grant.clientId, userId: this.user.xeroUserId, scopes: [...grant.scopes], authEventId: randomUUID(), authTime: now, revoked: false,
    };
    this.families.set(family.id, family);
    this.refreshTokens.set(grant.refreshToken, { id: `${family.id}/0`, familyId: family.id, generation: 0, issuedAt: now, presented: 0, exchanged: 0 });
    this.connect(grant.clientId, grant.tenantIds, family.authEventId);
  }

  /** How often each refresh token was presented and exchanged; a token presented twice is a bug in the client. */
  refreshTokenUsage(): RefreshTokenUsage[] {
    return [...this.refreshTokens.values()].map(({ id, familyId, generation, presented, exchanged, usedAt, lastPresentedAt }) => ({ id, familyId, generation, presented, exchanged, usedAt, lastPresentedAt }));
  }

  /** Forgets every consent, code, token and connection; apps, organisations and settings stay. */
  reset(): void {
    for (const map of [this.requests, this.codes, this.families, this.refreshTokens, this.accessTokens, this.connectionRecords]) map.clear();
    this.faults.clear();
    this.clockOffsetMs = 0;
  }
}

function publicConnection({ id, authEventId, tenantId, tenantType, tenantName, createdDateUtc, updatedDateUtc }: ConnectionRecord): XeroConnection {
  return { id, authEventId, tenantId, tenantType, tenantName, createdDateUtc, updatedDateUtc };
}

/** Xero writes connection dates without an offset and with seven fraction digits: `2019-12-07T18:46:19.5165400`. */
export function xeroDateTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}0000`;
}

/** A UUID-shaped id derived from a name, so that a restart gives an organisation the same tenant id. */
function uuidFromName(name: string): string {
  const hex = createHash('sha256').update(`xero-tenant\u0000${name}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

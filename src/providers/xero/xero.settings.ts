import { randomUUID } from 'node:crypto';
import { IsOptional, IsUUID } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import type { ProviderConnection } from '../accounting-provider';
import type { EnvReader } from '../provider';

/** Xero's production hosts: the login page that authorises, the identity service, and the APIs. */
export const XERO_LOGIN_URL = 'https://login.xero.com';
export const XERO_IDENTITY_URL = 'https://identity.xero.com';
export const XERO_API_URL = 'https://api.xero.com';

/** What the gateway asks the borrower to grant: its writes, the contacts and accounts it creates, and refresh tokens. */
export const XERO_SCOPES = ['openid', 'profile', 'email', 'offline_access', 'accounting.transactions', 'accounting.contacts', 'accounting.settings'];

/** The scopes asked for when the lender account is a bank feed. */
export const XERO_FEED_SCOPES = [...XERO_SCOPES, 'bankfeeds'];

/** The path of the OAuth callback the gateway serves; XERO_REDIRECT_URI must end with it. */
export const XERO_CALLBACK_PATH = '/oauth/xero/callback';

/**
 * How the lender account's entries reach its bank statement: `reconciled` (default) creates them
 * already reconciled, so the account never shows unmatched lines; `unreconciled` leaves them for
 * the borrower to reconcile against statement lines of their own; `feed` connects the lender
 * account as a bank feed and sends each entry's statement line through it (the lender's Xero app
 * needs the `bankfeeds` scope), leaving the entries for Xero to match with their lines.
 */
export type XeroStatementLines = 'reconciled' | 'unreconciled' | 'feed';
export const XERO_STATEMENT_LINES: readonly XeroStatementLines[] = ['reconciled', 'unreconciled', 'feed'];

/** Xero's section of the environment. */
export interface XeroEnv {
  /** The lender's Xero app; null: the embedded sandbox's app (SANDBOX on), else unusable until set. */
  clientId: string | null;
  clientSecret: string | null;
  /** Null: this gateway's own callback, as it listens. */
  redirectUri: string | null;
  /** Null: the embedded sandbox. */
  identityUrl: string | null;
  apiUrl: string | null;
  statementLines: XeroStatementLines;
  timeoutMs: number;
  /** The length of Xero's rate-limit minute: 60,000, shorter only against a sandbox whose minutes are shortened. */
  rateWindowMs: number;
}

/** What identifies a borrower's books at Xero; stored with the company, not secret. Null until the borrower authorises. */
export interface XeroConfig {
  tenantId: string | null;
  /** The connection's id (`GET /connections`), removed on disconnect. */
  connectionId: string | null;
}

/** The borrower's tokens, sealed at rest; the refresh token is single-use and rotates at each refresh. */
export interface XeroSecrets {
  accessToken: string;
  refreshToken: string;
  /** When the access token runs out, ms since the epoch. */
  expiresAt: number;
  /** Its lifetime when issued, so that it is refreshed early enough whatever the lifetime. */
  lifetimeMs: number;
}

export type XeroProviderConnection = ProviderConnection<XeroConfig, XeroSecrets>;

export function parseXeroEnv(env: EnvReader): XeroEnv {
  const statementLines = (env.string('XERO_STATEMENT_LINES') ?? 'reconciled') as XeroStatementLines;
  if (!XERO_STATEMENT_LINES.includes(statementLines)) throw env.invalid('XERO_STATEMENT_LINES', 'reconciled, unreconciled or feed');
  const redirectUri = env.url('XERO_REDIRECT_URI');
  if (redirectUri !== null && !redirectUri.endsWith(XERO_CALLBACK_PATH)) throw env.invalid('XERO_REDIRECT_URI', `this gateway's address followed by ${XERO_CALLBACK_PATH}`);
  const clientId = env.string('XERO_CLIENT_ID');
  const clientSecret = env.string('XERO_CLIENT_SECRET');
  if ((clientId === null) !== (clientSecret === null)) throw env.invalid(clientId === null ? 'XERO_CLIENT_ID' : 'XERO_CLIENT_SECRET', 'set together with the other (the Xero app\'s client id and secret)');
  return {
    clientId,
    clientSecret,
    redirectUri,
    identityUrl: env.url('XERO_IDENTITY_URL') ?? (env.sandbox ? null : XERO_IDENTITY_URL),
    apiUrl: env.url('XERO_API_URL') ?? (env.sandbox ? null : XERO_API_URL),
    statementLines,
    timeoutMs: env.int('XERO_TIMEOUT_MS', 15000, 100, 300000),
    rateWindowMs: env.int('XERO_RATE_WINDOW_MS', 60000, 100, 60000),
  };
}

@InputType({ description: 'A borrower whose books are kept in Xero. They authorise the gateway at Xero afterwards (see startXeroConnection).' })
export class XeroConnectionInput {
  @Field(() => String, { nullable: true, description: "The Xero organisation's tenant id, when known: the borrower must then connect that one. Otherwise they choose when they authorise." })
  @IsOptional()
  @IsUUID('all', { message: 'tenantId must be a Xero tenant id (a UUID)' })
  tenantId?: string | null;
}

/** A borrower registered before authorising: the tenant when known, and a key that holds its place until then. */
export function parseXeroConnection(input: XeroConnectionInput) {
  const tenantId = input.tenantId?.toLowerCase() ?? null;
  return {
    config: { tenantId, connectionId: null } satisfies XeroConfig,
    secrets: null,
    key: tenantId ?? `pending:${randomUUID()}`,
    keyField: 'tenantId',
  };
}

import type express from 'express';
import type { RequestContext } from '../context';
import type { Logger } from '../logger';
import type { AccountingProvider, ProviderConnection } from './accounting-provider';
import type { RateBudgetLedger } from './rate-budget-ledger';

/**
 * What a provider can do, read by the core instead of asking "which provider is this?":
 * the planner, the claimer, the executor's retry rule and the mapping's required fields.
 *
 * @example
 * const capabilities: ProviderCapabilities = {
 *   writes: 'sync', idempotencyKeys: false, statements: 'implicit', maxStatementLines: 1,
 *   orderedStatements: false, oauth: false,
 *   mappingFields: ['lenderBankAccountId', 'designatedBankAccountId', 'expenseAccountId', 'lenderSupplierId', 'internalTransferAccountId'],
 * };
 */
export interface ProviderCapabilities {
  /** `async`: a write may answer PENDING and is followed with `getWrite`. */
  writes: 'sync' | 'async';
  /** The provider replays a repeated request carrying the same idempotency key instead of applying it twice. */
  idempotencyKeys: boolean;
  /**
   * How the lender account's statement lines exist: sent as a bank feed, implicit in the cash-account
   * transaction each write already is, or not at all.
   */
  statements: 'bank-feed' | 'implicit' | 'none';
  /** Statement lines per request (1 when the provider takes them one by one). */
  maxStatementLines: number;
  /** Statement lines carry running balances, so events on the lender account must be recorded in date order. */
  orderedStatements: boolean;
  /** The borrower authorises the gateway with OAuth; its tokens rotate and the borrower may have to re-authorise. */
  oauth: boolean;
  /**
   * The provider can be asked for one automatic rule that categorises the borrower's own bank lines
   * with the lender in the internal-transfer account as they arrive (see `BankLineRule`).
   */
  bankLineRules?: boolean;
  /** The mapping fields a company of this provider must fill before write-back can start. */
  mappingFields: readonly MappingField[];
}

/** Every reference a mapping can hold; a provider requires some of them (see {@link ProviderCapabilities.mappingFields}). */
export const MAPPING_FIELDS = ['lenderBankAccountId', 'designatedBankAccountId', 'expenseAccountId', 'lenderSupplierId', 'internalTransferAccountId'] as const;
export type MappingField = (typeof MAPPING_FIELDS)[number];

/** Reads the provider's section of the environment; throws `ConfigError` naming the variable on a bad value. */
export interface EnvReader {
  readonly production: boolean;
  /** The embedded emulators are mounted (SANDBOX). */
  readonly sandbox: boolean;
  string(name: string): string | null;
  url(name: string): string | null;
  int(name: string, fallback: number, min: number, max: number): number;
  /** The `ConfigError` to throw for a variable, with what it expects. */
  invalid(name: string, expected: string): Error;
}

/** A connection being registered: its non-secret configuration, its secrets, and what identifies it at the provider. */
export interface ParsedConnection<Config, Secrets> {
  config: Config;
  /** Null: the company has no secrets of its own (the gateway-wide ones apply). */
  secrets: Secrets | null;
  /** Unique per provider: a second registration of the same key is refused (its token would reach the first's books). */
  key: string;
  /** The input field that names the connection, for error messages. */
  keyField: string;
}

export interface AdapterDeps<Env> {
  env: Env;
  /** Where this gateway answers (its own routes, such as an OAuth callback), e.g. `http://127.0.0.1:4000`. */
  gatewayUrl: string;
  /** Where the embedded emulator of this provider answers, when SANDBOX is on. */
  sandboxUrl: string | null;
  /** The worker's lease and poll: a look-up that waits (a sync) must end well within the lease. */
  worker: { leaseMs: number; pollMs: number };
  /** Call budgets shared by every gateway process (the gateway's database), for a provider with rate limits per organisation. */
  rateBudgets?: RateBudgetLedger;
}

/** The embedded emulator of a provider, mounted at `/sandbox/<inputKey>` when SANDBOX is on. */
export interface ProviderSandbox<Config, Input> {
  router: express.Router;
  /** The demo borrower's name, as a company of the provider's market is named; a default otherwise. */
  demoName?: string;
  /**
   * Creates a demo borrower in the emulator the way a real one is created; answers the connection
   * input to register it with. Absent: the emulator has no demo borrower.
   */
  createDemoBorrower?(name: string, sandboxUrl: string): Promise<Input>;
  /** The emulator keeps its books in memory: after a restart, the demo borrower is put back under its stored ids. */
  restoreDemoBorrower(name: string, config: Config): void;
  /** A page of the emulator showing the demo borrower's books. */
  booksUrl(sandboxUrl: string, config: Config): string;
  /** Called once the gateway listens, with its address (an identity emulator registers the gateway's callback there). */
  onListening?(gatewayUrl: string): void;
  /**
   * For a borrower who authorises the gateway (OAuth): connects the demo borrower as a borrower
   * does, through the gateway's own API and the emulator's consent page. Run at every boot: the
   * emulator forgets its tokens when it stops.
   */
  connectDemoBorrower?(company: { id: string; config: Config }, gateway: { graphqlUrl: string; adminApiKey: string }): Promise<void>;
}

export interface SandboxOptions<Env> {
  env: Env;
  lenderName: string;
  pushDelayMs: number;
  /** Sees every request and answer the emulator handles (contract tests validate them). */
  onExchange?: (exchange: unknown) => void;
}

/**
 * One accounting platform, as the gateway knows it: its capabilities, its environment section,
 * its connection input, its adapter factory and, optionally, its embedded emulator. Listed once
 * in `providers.ts`; nothing else in the core names a provider.
 *
 * @example
 * export const acmeBooks: ProviderDefinition<AcmeEnv, AcmeConfig, AcmeSecrets, AcmeConnectionInput> = {
 *   kind: 'ACME', displayName: 'Acme Books', inputKey: 'acme', capabilities,
 *   parseEnv: (env) => ({ baseUrl: env.url('ACME_BASE_URL') ?? 'https://api.acme.example' }),
 *   connectionInput: AcmeConnectionInput,
 *   parseConnection: (input) => ({ config: { tenantId: input.tenantId }, secrets: { apiKey: input.apiKey }, key: input.tenantId, keyField: 'tenantId' }),
 *   createAdapter: ({ env }) => new AcmeAdapter(env),
 * };
 */
export interface ProviderDefinition<Env = unknown, Config = unknown, Secrets = unknown, Input = unknown> {
  /** Stored on the company and shown as `Company.connection.provider`, e.g. `ACME`. */
  kind: string;
  /** Named in messages to users, e.g. "Acme Books is unavailable". */
  displayName: string;
  /** The field of `registerCompany`'s `connection` input that takes this provider's input. */
  inputKey: string;
  capabilities: ProviderCapabilities;
  /** Where a setting of the provider's environment changes what it can do: the capabilities under that environment, in force once its adapter starts. */
  capabilitiesFor?(env: Env): ProviderCapabilities;
  /** The provider's environment section, validated at boot. */
  parseEnv(env: EnvReader): Env;
  /** A type-graphql `@InputType()` class: what `registerCompany` asks for. */
  connectionInput: new () => Input;
  /** Splits the validated input into configuration and secrets; throws `AppError` BAD_USER_INPUT naming a field. */
  parseConnection(input: Input, env: Env): ParsedConnection<Config, Secrets>;
  createAdapter(deps: AdapterDeps<Env>): AccountingProvider<Config, Secrets>;
  /** The embedded emulator, mounted when SANDBOX is on. */
  sandbox?: (opts: SandboxOptions<Env>) => ProviderSandbox<Config, Input>;
  /**
   * Routes of the provider's own, mounted at the gateway's root before the GraphQL endpoint: an
   * OAuth provider's callback, say `/oauth/acme/callback`.
   */
  routes?(services: ProviderServices<Env>): express.Router;
  /** type-graphql resolver classes the provider adds to the API (an OAuth provider's "start connecting" mutation). */
  resolvers?: ReadonlyArray<new (services: ProviderServices<Env>) => object>;
}

/**
 * What the gateway lends a provider's own routes and resolvers: its environment section, its
 * adapter, and the connection steps every OAuth provider shares.
 */
export interface ProviderServices<Env = unknown> {
  kind: string;
  env: Env;
  gatewayUrl(): string;
  /** The provider's adapter (routes are built before adapters start: call it while serving a request). */
  adapter(): AccountingProvider;
  authorisations: AuthorisationSteps;
  log: Logger;
}

/** A company as an OAuth connection step sees it. */
export interface AuthorisingCompany {
  id: string;
  name: string;
  provider: string;
  config: Record<string, unknown>;
  status: string;
}

/**
 * The steps of connecting a company through OAuth, the same for every provider: a single-use,
 * expiring `state` with its PKCE verifier kept server-side, a hand-over for a step in between
 * (choosing an organisation), and the connection itself (sealed tokens, CONNECTED, held writes
 * released).
 *
 * @example
 * const started = await steps.begin(ctx, companyId, 'ACME');
 * const url = `${authorizeUrl}?state=${started.state}&code_challenge=${started.codeChallenge}&code_challenge_method=S256`;
 * // in the callback:
 * const pending = await steps.take(req.query.state);
 * await steps.connect(pending.companyId, 'ACME', { config, key: tenantId, secrets: tokens, tenantName });
 */
export interface AuthorisationSteps {
  /** Checks the caller may act for the company and that it is one of `kind`, then starts an authorisation. */
  begin(ctx: RequestContext, companyId: string, kind: string): Promise<{ state: string; codeVerifier: string; codeChallenge: string; expiresAt: Date; company: AuthorisingCompany }>;
  /** What `begin` or `keep` stored under `handle`, once: null when unknown, already used or expired. */
  take(handle: string): Promise<{ company: AuthorisingCompany; data: Record<string, unknown> } | null>;
  /** Keeps `data` (sealed) for a later step under a new single-use handle. */
  keep(companyId: string, data: Record<string, unknown>): Promise<{ handle: string; expiresAt: Date }>;
  /**
   * Connects the company with what the authorisation gave: CONNECTED, tokens sealed, and the writes
   * held while it could not be reached released. Throws `AppError` CONFLICT when another company
   * already holds `key`.
   */
  connect(companyId: string, connection: { config: Record<string, unknown>; key: string; secrets: unknown; tenantName: string | null }): Promise<AuthorisingCompany>;
}

// Definitions of different providers live in one list; their type parameters are their own business.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProviderDefinition = ProviderDefinition<any, any, any, any>;

export type { AccountingProvider, ProviderConnection };

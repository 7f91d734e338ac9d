import type { AddressInfo } from 'node:net';
import type express from 'express';
import { createDataSource, migrate } from './database/data-source';
import { loadOrCreateDevSecrets } from './common/dev-secrets';
import { SecretBox } from './common/secret-box';
import type { Config } from './config';
import { createLogger } from './logger';
import { demoRef, ensureDemoCompany } from './boot/demo-company';
import { AuthResolver } from './modules/auth/auth.resolver';
import { AuthService } from './modules/auth/auth.service';
import { CompanyResolver } from './modules/companies/company.resolver';
import { CompanyService } from './modules/companies/company.service';
import { CredentialStore } from './modules/companies/credential-store';
import { CompanyAuthorisations } from './modules/companies/company-authorisations';
import { ProviderConnections } from './modules/companies/provider-connections';
import { LedgerResolver } from './modules/ledger/ledger.resolver';
import { LedgerService } from './modules/ledger/ledger.service';
import { MappingResolver } from './modules/mapping/mapping.resolver';
import { MappingSetupService } from './modules/mapping/mapping-setup.service';
import { MappingService } from './modules/mapping/mapping.service';
import { SqlRateBudgetLedger } from './modules/rate-budgets/sql-rate-budget.ledger';
import { OperationExecutor } from './modules/writeback/operation-executor';
import { WritebackResolver } from './modules/writeback/writeback.resolver';
import { WritebackService } from './modules/writeback/writeback.service';
import { WritebackWorker } from './modules/writeback/writeback.worker';
import type { AnyProviderDefinition, ProviderSandbox, ProviderServices } from './providers/provider';
import { PROVIDERS } from './providers/providers';
import { ProviderRegistry } from './providers/registry';
import { createHttpServer, type Readiness } from './server';

export interface GatewayOptions {
  /** Sees every exchange an embedded provider sandbox handles, with the provider's kind (the contract tests validate them). */
  onSandboxExchange?: (kind: string, exchange: unknown) => void;
  /** Skip creating the demo company (tests that start from an empty gateway). */
  skipDemo?: boolean;
  /**
   * Providers beyond the built-in list (a test instrument, say). Their environment sections must
   * already be in `config.providers` (`loadConfig(env, [...PROVIDERS, ...extra])`).
   */
  extraProviders?: readonly AnyProviderDefinition[];
}

export type Gateway = Awaited<ReturnType<typeof startGateway>>;

/** Boot order: database and migrations → services → HTTP server (+ sandboxes) → adapters → demo company → write-back worker. */
export async function startGateway(config: Config, opts: GatewayOptions = {}) {
  const log = createLogger(config.logLevel);
  const dev = config.nodeEnv !== 'production';
  const devSecrets = dev && (!config.secretKey || !config.adminApiKey) ? loadOrCreateDevSecrets(config.dataDir) : null;
  const secretKey = config.secretKey ?? devSecrets!.secretKey;
  const adminApiKey = config.adminApiKey ?? devSecrets?.adminApiKey ?? null;

  const db = createDataSource(config.database);
  await db.initialize();
  await migrate(db);

  const providers = new ProviderRegistry([...PROVIDERS, ...(opts.extraProviders ?? [])]);
  const secretBox = new SecretBox(secretKey);
  const credentials = new CredentialStore(db, secretBox);
  const connections = new ProviderConnections(db, providers, credentials);
  const auth = new AuthService(db, secretKey);
  if (adminApiKey) await auth.ensureAdminKey(adminApiKey);
  const companies = new CompanyService({ db, providers, credentials, connections, providerEnv: config.providers, onReleased: () => worker.kick() });
  const executor = new OperationExecutor({ db, connections, config, log });
  const batchLimit = async (companyId: string) => (await connections.capabilities(companyId)).maxStatementLines;
  const worker = new WritebackWorker({ db, executor, log, batchLimit }, config.worker);
  const authorisations = new CompanyAuthorisations({ db, box: secretBox, connections, onReleased: () => worker.kick() });
  let gatewayUrl: string | null = null;
  const providerServices = (definition: AnyProviderDefinition): ProviderServices => ({
    kind: definition.kind,
    env: config.providers[definition.kind],
    gatewayUrl: () => {
      if (!gatewayUrl) throw new Error('The gateway is not listening yet');
      return gatewayUrl;
    },
    adapter: () => providers.get(definition.kind).adapter,
    authorisations,
    log,
  });
  const writeback = new WritebackService({ db, companies }, worker);
  const mapping = new MappingService({ db, companies, connections, writeback });
  const mappingSetup = new MappingSetupService({ db, companies, connections, writeback, lenderName: config.lenderName, providerWriteWaitMs: config.providerWriteWaitMs });
  const ledger = new LedgerService({ db, companies, mapping, connections, writeback, lenderName: config.lenderName });
  const services = { config, log, db, providers, connections, auth, companies, authorisations, writeback, mapping, mappingSetup, ledger };
  const resolvers = [
    new CompanyResolver(companies),
    new AuthResolver(companies, auth),
    new MappingResolver(mapping, mappingSetup),
    new WritebackResolver(writeback),
    new LedgerResolver(ledger),
    ...providers.definitions().flatMap((d) => (d.resolvers ?? []).map((Resolver) => new Resolver(providerServices(d)))),
  ];

  const mounts: { path: string; router: express.Router }[] = [];
  for (const definition of providers.definitions()) {
    if (definition.routes) mounts.push({ path: '/', router: definition.routes(providerServices(definition)) });
  }
  const sandboxes = new Map<string, { definition: AnyProviderDefinition; sandbox: ProviderSandbox<unknown, unknown>; path: string }>();
  if (config.sandbox) {
    for (const definition of providers.definitions()) {
      if (!definition.sandbox) continue;
      const sandbox = definition.sandbox({
        env: config.providers[definition.kind],
        lenderName: config.lenderName,
        pushDelayMs: config.sandboxPushDelayMs,
        onExchange: opts.onSandboxExchange ? (ex: unknown) => opts.onSandboxExchange!(definition.kind, ex) : undefined,
      });
      const path = `/sandbox/${definition.inputKey}`;
      sandboxes.set(definition.kind, { definition, sandbox, path });
      mounts.push({ path, router: sandbox.router });
    }
  }

  const demoSandboxes = opts.skipDemo ? [] : [...sandboxes.values()].filter((s) => s.sandbox.createDemoBorrower);
  // The demo borrowers are created through the server's own sandbox routes, so the server listens first.
  const readiness: Readiness = { pending: demoSandboxes.length ? 'the demo borrowers are being created' : null };
  const ledgerReads = { operationsOf: (ids: readonly string[]) => writeback.forEvents(ids), events: (ids: readonly string[]) => ledger.events(ids) };
  const { httpServer } = await createHttpServer({ config, log, db, auth, connections, resolvers, ledgerReads }, mounts, readiness);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, resolve);
  });
  const port = (httpServer.address() as AddressInfo).port;
  gatewayUrl = `http://127.0.0.1:${port}`;
  for (const { sandbox } of sandboxes.values()) sandbox.onListening?.(gatewayUrl);
  const sandboxUrl = (kind: string) => {
    const mounted = sandboxes.get(kind);
    return mounted ? `http://127.0.0.1:${port}${mounted.path}` : null;
  };
  const rateBudgets = new SqlRateBudgetLedger(db);
  for (const definition of providers.definitions()) {
    const env = config.providers[definition.kind];
    providers.start(definition.kind, definition.createAdapter({ env, gatewayUrl, sandboxUrl: sandboxUrl(definition.kind), worker: config.worker, rateBudgets }), env);
  }

  const demos: { provider: string; companyId: string; booksUrl: string }[] = [];
  for (const [i, { definition, sandbox }] of demoSandboxes.entries()) {
    const demo = await ensureDemoCompany(companies, definition, sandbox, sandboxUrl(definition.kind)!, demoRef(definition, i === 0), { graphqlUrl: `${gatewayUrl}/graphql`, adminApiKey });
    demos.push({ provider: definition.displayName, companyId: demo.company.id, booksUrl: demo.booksUrl });
  }
  readiness.pending = null;
  if (config.worker.enabled) worker.start();

  return {
    url: `http://localhost:${port}/graphql`,
    port,
    /** The gateway's parts, for tests and tools that look inside. */
    services,
    /** The embedded provider sandboxes, by provider kind. */
    sandboxes: new Map([...sandboxes].map(([kind, s]) => [kind, s.sandbox])),
    /** Where an embedded sandbox answers, by provider kind; null when none is mounted for it. */
    sandboxUrl,
    /** The first sandbox's demo borrower (see `demos` for every sandbox's). */
    demoCompanyId: demos[0]?.companyId ?? null,
    /** The sandbox's view of the first demo borrower's books, and the display name of that sandbox's provider. */
    demoBooksUrl: demos[0]?.booksUrl ?? null,
    demoProvider: demos[0]?.provider ?? null,
    /** One demo borrower per embedded sandbox, in the order of the provider list. */
    demos,
    adminApiKey,
    worker,
    async close(): Promise<void> {
      await worker.stop();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await db.destroy();
    },
  };
}

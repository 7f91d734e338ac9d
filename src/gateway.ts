import type { AddressInfo } from 'node:net';
import type express from 'express';
import { createDataSource, migrate } from './database/data-source';
import { loadOrCreateDevSecrets } from './common/dev-secrets';
import { SecretBox } from './common/secret-box';
import type { Config } from './config';
import type { Services } from './context';
import { createLogger } from './logger';
import { AuthService } from './modules/auth/auth.service';
import { CompanyService } from './modules/companies/company.service';
import { LedgerService } from './modules/ledger/ledger.service';
import { MappingSetupService } from './modules/mapping/mapping-setup.service';
import { MappingService } from './modules/mapping/mapping.service';
import { OperationExecutor } from './modules/writeback/operation-executor';
import { WritebackService } from './modules/writeback/writeback.service';
import { WritebackWorker } from './modules/writeback/writeback.worker';
import { ensureDemoCompany } from './sandbox/demo-company';
import { CodatAdapter } from './providers/codat/codat.adapter';
import { ProviderRegistry } from './providers/registry';
import { createCodatSandbox, type CodatExchange } from './sandbox/codat/codat-sandbox';
import { createHttpServer, type Readiness } from './server';

export interface GatewayOptions {
  /** Sees every exchange the embedded Codat sandbox handles (the contract tests validate them). */
  onCodatExchange?: (ex: CodatExchange) => void;
  /** Skip creating the demo company (tests that start from an empty gateway). */
  skipDemo?: boolean;
}

export type Gateway = Awaited<ReturnType<typeof startGateway>>;

/** Boot order: database and migrations → services → HTTP server (+ sandbox) → demo company → write-back worker. */
export async function startGateway(config: Config, opts: GatewayOptions = {}) {
  const log = createLogger(config.logLevel);
  const dev = config.nodeEnv !== 'production';
  const devSecrets = dev && (!config.secretKey || !config.adminApiKey) ? loadOrCreateDevSecrets(config.dataDir) : null;
  const secretKey = config.secretKey ?? devSecrets!.secretKey;
  const adminApiKey = config.adminApiKey ?? devSecrets?.adminApiKey ?? null;

  const db = createDataSource(config.database);
  await db.initialize();
  await migrate(db);

  const secretBox = new SecretBox(secretKey);
  const providers = new ProviderRegistry();
  const auth = new AuthService(db, secretKey);
  if (adminApiKey) await auth.ensureAdminKey(adminApiKey);
  const services = { config, log, db, secretBox, providers, auth } as Services;
  services.companies = new CompanyService(services);
  const executor = new OperationExecutor({ db, providers, companies: services.companies, config, log });
  const worker = new WritebackWorker({ db, executor, log }, config.worker);
  services.writeback = new WritebackService(services, worker);
  services.mapping = new MappingService(services);
  services.mappingSetup = new MappingSetupService(services);
  services.ledger = new LedgerService(services);

  const mounts: { path: string; router: express.Router }[] = [];
  const sandbox = config.sandbox
    ? createCodatSandbox({ apiKeys: [config.codat.apiKey], lenderName: config.lenderName, pushDelayMs: config.sandboxPushDelayMs, onExchange: opts.onCodatExchange })
    : null;
  if (sandbox) mounts.push({ path: '/sandbox/codat', router: sandbox.router });

  const withDemo = sandbox !== null && !opts.skipDemo;
  // The demo borrower is created through the server's own sandbox routes, so the server listens first.
  const readiness: Readiness = { pending: withDemo ? 'the demo borrower is being created' : null };
  const { httpServer } = await createHttpServer(services, mounts, readiness);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, resolve);
  });
  const port = (httpServer.address() as AddressInfo).port;
  const codatBaseUrl = config.codat.baseUrl ?? `http://127.0.0.1:${port}/sandbox/codat`;
  providers.register(
    new CodatAdapter({
      baseUrl: codatBaseUrl,
      apiKey: config.codat.apiKey,
      timeoutMs: config.codat.timeoutMs,
      retryWrites: false,
      // A look-up waits for Codat's sync; it must end well within the worker's lease on the operation.
      syncWaitMs: Math.min(60_000, Math.floor(config.worker.leaseMs / 2)),
      syncPollMs: config.worker.pollMs,
    }),
  );

  const demo = withDemo ? await ensureDemoCompany(services, sandbox.store, codatBaseUrl) : null;
  readiness.pending = null;
  if (config.worker.enabled) worker.start();

  return {
    url: `http://localhost:${port}/graphql`,
    port,
    services,
    sandbox,
    demoCompanyId: demo?.id ?? null,
    /** The sandbox's view of the demo borrower's books (it is keyed by the provider's company id). */
    demoBooksUrl: demo ? `${codatBaseUrl}/_sandbox/companies/${encodeURIComponent(demo.providerCompanyId)}/books` : null,
    adminApiKey,
    codatBaseUrl,
    worker,
    async close(): Promise<void> {
      await worker.stop();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await db.destroy();
    },
  };
}

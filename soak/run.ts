import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createBenchDatabase } from '../bench/bench-database';
import type { RandomFaultState } from '../src/sandbox/kit';
import { ledgerOperations, retryFailed, waitUntilTerminal } from './soak-audit';
import { setUpBorrower, type Borrower } from './soak-borrowers';
import { runChaos, startFleet, type Fleet } from './soak-chaos';
import { computeFigures, type SoakFigures } from './soak-figures';
import { GatewayPool } from './soak-gateways';
import { planEvents } from './soak-plan';
import { startGateway, stopProcess, type SandboxProcess } from './soak-processes';
import { SOAK_PROVIDERS } from './soak-providers';
import { Progress, recordEvents } from './soak-recorder';
import { failingFigures, formatReport } from './soak-report';
import { loadSoakSettings, SoakSettingsError, withArgs, type SoakSettings } from './soak-settings';

export interface SoakRun {
  figures: SoakFigures;
  report: string;
  /** Where the gateways' and the sandbox's logs are, when kept. */
  logDir: string | null;
}

/**
 * One soak run: the provider's sandbox (Codat's, Sinao's or Xero's) in its own process, gateway processes on one fresh database,
 * borrowers set up, events recorded under random provider faults, SIGKILLs and two gateways on one database,
 * then every FAILED operation retried, and the gateway's records compared with the books.
 */
export async function runSoak(settings: SoakSettings, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<SoakRun> {
  const started = Date.now();
  const endBy = started + settings.budgetMs;
  // What is left for a wait, keeping back enough for reading the books and the report.
  const waitFor = () => Math.max(1000, Math.min(settings.settleTimeoutMs, endBy - Date.now() - 10_000));
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-soak-'));
  const db = await createBenchDatabase(settings.postgresUrl);
  const adminKey = `wgk_soak_${randomBytes(18).toString('hex')}`;
  const secretKey = randomBytes(32).toString('base64');
  const pool = new GatewayPool(adminKey);
  const provider = SOAK_PROVIDERS[settings.provider];
  let sandbox: SandboxProcess | null = null;
  let fleet: Fleet | null = null;
  let passed = false;
  try {
    sandbox = await provider.startSandbox({ pushDelayMs: settings.pushDelayMs, logDir });
    const passThrough = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => /^WORKER_/.test(k) && v !== undefined)) as Record<string, string>;
    const env = {
      NODE_ENV: 'test',
      PORT: '0',
      DATABASE_URL: db.url,
      DATA_DIR: db.dataDir,
      GATEWAY_ADMIN_API_KEY: adminKey,
      GATEWAY_SECRET_KEY: secretKey,
      SANDBOX: 'false',
      ...provider.gatewayEnv(sandbox, settings.providerTimeoutMs),
      LOG_LEVEL: settings.logLevel,
      WORKER_POLL_MS: '50',
      WORKER_CONCURRENCY: '32',
      // Few attempts, so that give-ups (and what they must not do: post twice, or say FAILED while booked) happen often.
      WORKER_MAX_ATTEMPTS: '4',
      WORKER_LEASE_MS: String(settings.leaseMs),
      ...passThrough,
    };
    const start = (name: string) => startGateway(name, env, logDir);
    fleet = await startFleet(start, pool, settings.secondGateway);
    log(`soak: ${provider.label} sandbox; ${settings.postgresUrl ? 'Postgres' : 'SQLite'} database ${db.url.replace(/\/\/[^@/]*@/, '//')}; logs in ${logDir}`);

    const borrowers: Borrower[] = await Promise.all(Array.from({ length: settings.companies }, (_, n) => setUpBorrower(pool, provider, sandbox!, n + 1)));
    const plans = planEvents({ events: settings.events, seed: settings.seed, resendRate: settings.resendRate, days: settings.days, invoices: borrowers.map((b) => b.invoices), currency: provider.currency });
    log(`soak: ${borrowers.length} borrowers set up; recording ${settings.events} events with ${settings.faultRate * 100} % faults`);

    const slowMs = Math.round(settings.providerTimeoutMs * 1.5);
    await sandbox.call('POST', '/_sandbox/faults/random', {
      rate: settings.faultRate,
      kinds: settings.faultKinds,
      seed: settings.seed,
      delayMs: slowMs,
      retryAfterSeconds: 1,
      holdMs: 1500,
    });
    const progress = new Progress(settings.events);
    const [recording, chaos] = await Promise.all([
      recordEvents(pool, borrowers, plans, { clients: settings.clients, callTimeoutMs: settings.callTimeoutMs, stopBy: endBy - Math.max(20_000, settings.budgetMs * 0.2), progress }),
      runChaos({ fleet, pool, sandbox, progress, kills: settings.kills, slowMs: slowMs * 2, inFlight: provider.inFlight, log }),
    ]);
    log(`soak: recorded in ${((Date.now() - started) / 1000).toFixed(0)} s; waiting for delivery`);

    // Delivery goes on under faults; only what is still open at the deadline gets a fault-free second chance.
    let settled = await waitUntilTerminal(pool, borrowers, Math.max(1000, Math.min(settings.settleTimeoutMs, (endBy - Date.now() - 10_000) * 0.6)));
    const faults = await sandbox.call<RandomFaultState<string>>('GET', '/_sandbox/faults/random');
    await sandbox.call('DELETE', '/_sandbox/faults');
    if (settled.open.length) settled = await waitUntilTerminal(pool, borrowers, waitFor());
    const before = { ...settled, ...(await provider.readBooks(sandbox, borrowers)) };
    log(`soak: delivered in ${((Date.now() - started) / 1000).toFixed(0)} s; retrying ${before.ops.filter((op) => op.status === 'FAILED').length} FAILED operations`);

    const retry = await retryFailed(pool, before.ops.filter((op) => op.status === 'FAILED'));
    const again = retry.retried.size ? await waitUntilTerminal(pool, borrowers, waitFor()) : { ops: await ledgerOperations(pool, borrowers), open: [] };
    const after = { ...again, ...(await provider.readBooks(sandbox, borrowers)) };

    const credentials = provider.auditCredentials ? { ...(await provider.auditCredentials(sandbox, { killedAt: chaos.killedAt, timeoutMs: settings.providerTimeoutMs })), notConnected: await notConnected(pool, borrowers) } : undefined;
    const figures = computeFigures({ eventsPlanned: settings.events, recording, chaos, faults, before, retry, after, credentials });
    passed = failingFigures(figures).length === 0;
    const report = formatReport(figures, settings, settings.postgresUrl ? 'PostgreSQL' : 'SQLite (one file, shared)', (Date.now() - started) / 1000);
    return { figures, report, logDir: passed && !settings.keep ? null : logDir };
  } finally {
    const procs = [...(fleet?.running.values() ?? [])].map((g) => g.proc).concat(sandbox ? [sandbox.proc] : []);
    await Promise.all(procs.map((p) => stopProcess(p)));
    await db.drop().catch((err) => log(`soak: could not drop the database: ${String(err)}`));
    if (passed && !settings.keep) fs.rmSync(logDir, { recursive: true, force: true });
  }
}

const CONNECTION = 'query ($id: ID!) { company(id: $id) { connection { status lastError } } }';

/** The borrowers whose connection is not CONNECTED any more (a refused refresh makes it RECONNECT_REQUIRED). */
async function notConnected(pool: GatewayPool, borrowers: Borrower[]): Promise<string[]> {
  const out: string[] = [];
  for (const b of borrowers) {
    const { company } = await pool.must<{ company: { connection: { status: string; lastError: string | null } } }>(CONNECTION, { id: b.id });
    if (company.connection.status !== 'CONNECTED') out.push(`${b.id}: ${company.connection.status} ${company.connection.lastError ?? ''}`.trim());
  }
  return out;
}

async function main(): Promise<void> {
  let settings: SoakSettings;
  try {
    settings = loadSoakSettings(withArgs(process.env, process.argv.slice(2)));
  } catch (err) {
    if (err instanceof SoakSettingsError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const run = await runSoak(settings);
  process.stdout.write(`${run.report}\n`);
  if (run.logDir) process.stderr.write(`soak: logs kept in ${run.logDir}\n`);
  process.exit(failingFigures(run.figures).length ? 1 : 0);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`soak: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(2);
  });
}

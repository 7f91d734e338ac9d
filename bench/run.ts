import 'reflect-metadata';
import os from 'node:os';
import { isPostgres } from '../src/common/sql';
import { createBenchDatabase } from './bench-database';
import { collectGarbage, setUpCompany, startBenchGateway, type BenchCompany, type BenchGateway } from './bench-gateway';
import { loadBenchSettings, SettingsError, type BenchSettings } from './bench-settings';
import { deliverAll } from './delivery';
import { measureRawPosts } from './emulator-baseline';
import { runClosedLoop, summarise } from './load';
import { recordFees } from './record-fees';
import { renderReport } from './report';
import { loadScaleSettings, runScale } from './scale';
import { loadXeroRateSettings, runXeroRate } from './xero-rate';

/**
 * `npm run bench`: mutation latency, outbox delivery throughput and, in the same run, the Codat
 * emulator's raw POST throughput, so that delivery can be read as a ratio of what the emulator
 * allows on this machine. Progress goes to stderr; stdout carries only the tables.
 */

const startedAt = Date.now();
const progress = (line: string) => process.stderr.write(`bench [${((Date.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);

/** Databases and folders to remove should the run be interrupted (Ctrl-C) before it cleans up itself. */
const pendingDrops = new Set<() => Promise<void>>();

async function setUpCompanies(b: BenchGateway, n: number): Promise<BenchCompany[]> {
  const companies: BenchCompany[] = new Array(n);
  await runClosedLoop(n, 8, async (i) => {
    companies[i] = await setUpCompany(b, i + 1);
  });
  return companies;
}

/** Each phase gets a gateway on a database of its own, closed and dropped however the phase ends. */
async function withGateway<T>(settings: BenchSettings, fn: (b: BenchGateway) => Promise<T>, opts: { sandboxProcess?: boolean } = {}): Promise<T> {
  const db = await createBenchDatabase(settings.postgresUrl);
  pendingDrops.add(db.drop);
  let b: BenchGateway | null = null;
  try {
    b = await startBenchGateway(db, settings, opts);
    return await fn(b);
  } finally {
    try {
      await b?.close();
    } finally {
      pendingDrops.delete(db.drop);
      await db.drop();
      collectGarbage();
    }
  }
}

async function describeDatabase(b: BenchGateway): Promise<string> {
  const db = b.gw.services.db;
  if (isPostgres(db)) {
    const [{ server_version }] = await db.query('SHOW server_version');
    const prepared = b.gw.services.config.database.kind === 'postgres' && b.gw.services.config.database.preparedStatements;
    return `PostgreSQL ${String(server_version).split(' ')[0]}, a new wg_bench_* database per phase, statements ${prepared ? 'prepared once per connection' : 'parsed on every call (DATABASE_PREPARED_STATEMENTS=false)'}`;
  }
  const [{ v }] = await db.query('SELECT sqlite_version() AS v');
  return `SQLite ${v} (WAL), a new file under ${os.tmpdir()} per phase`;
}

async function main(): Promise<void> {
  const settings = loadBenchSettings(process.env);
  if (settings.ignoredDatabaseUrl) progress(`DATABASE_URL is not Postgres (${settings.ignoredDatabaseUrl}); using a temporary SQLite file`);
  // One date for every event: per company they are then in date order whatever order they arrive in.
  const date = new Date().toISOString().slice(0, 10);
  const clients = settings.clients;
  if (process.argv.includes('--xero') || process.env.BENCH_MODE === 'xero') {
    const xero = loadXeroRateSettings(process.env);
    process.stdout.write(await runXeroRate({ settings: xero, database: () => createBenchDatabase(settings.postgresUrl), progress }));
    return;
  }
  if (process.argv.includes('--scale') || process.env.BENCH_MODE === 'scale') {
    const scale = loadScaleSettings(process.env);
    process.stdout.write(await runScale({ bench: settings, scale, withGateway: (fn) => withGateway(settings, fn, { sandboxProcess: scale.sandbox === 'process' }), describeDatabase, progress }));
    return;
  }

  const first = await withGateway(settings, async (b) => {
    const database = await describeDatabase(b);
    progress(database);
    progress(`latency: setting up ${settings.companies} companies`);
    const companies = await setUpCompanies(b, settings.companies);
    progress(`latency: ${settings.warmupRequests} + ${settings.requests} recordFee from ${clients} concurrent clients`);
    const latency = summarise(await recordFees(b, companies, { prefix: 'latency', warmup: settings.warmupRequests, count: settings.requests, clients, date }));
    progress(`baseline: ${settings.baselineWarmup} + ${settings.baselineRequests} POST push/directCosts straight to the emulator, ${settings.worker.concurrency} concurrent`);
    const raw = summarise(await measureRawPosts(b, companies, { warmup: settings.baselineWarmup, requests: settings.baselineRequests, concurrency: settings.worker.concurrency, date }));
    return { database, latency, raw };
  });

  const second = await withGateway(settings, async (b) => {
    progress(`delivery: setting up ${settings.companies} companies`);
    const companies = await setUpCompanies(b, settings.companies);
    progress(`delivery: recording ${settings.events} fees with the worker stopped`);
    const recording = summarise(await recordFees(b, companies, { prefix: 'delivery', warmup: 0, count: settings.events, clients, date }));
    progress(`delivery: worker started`);
    const delivery = await deliverAll(b, companies, { timeoutMs: settings.deliveryTimeoutMs, progress });
    return { recording, delivery };
  });

  process.stdout.write(renderReport({ settings, ...first, ...second }));
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    process.stderr.write(`bench: ${signal}, dropping the benchmark databases\n`);
    void Promise.allSettled([...pendingDrops].map((drop) => drop())).then(() => process.exit(code));
  });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    const message = err instanceof SettingsError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`bench failed: ${message}\n`);
    process.exit(1);
  },
);

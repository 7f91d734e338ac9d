import 'reflect-metadata';
import os from 'node:os';
import { isPostgres } from '../src/common/sql';
import { createBenchDatabase } from './bench-database';
import { setUpCompany, startBenchGateway, type BenchCompany, type BenchGateway } from './bench-gateway';
import { loadBenchSettings, SettingsError, type BenchSettings } from './bench-settings';
import { deliverAll } from './delivery';
import { measureRawPosts } from './emulator-baseline';
import { runClosedLoop, summarise } from './load';
import { recordFees } from './record-fees';
import { count, markdownTable, ms, rate } from './report';

/**
 * `npm run bench`: mutation latency, outbox delivery throughput and, in the same run, the Codat
 * emulator's raw POST throughput, so that delivery can be read as a ratio of what the emulator
 * allows on this machine. Progress goes to stderr; stdout carries only the tables.
 */

const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);

async function setUpCompanies(b: BenchGateway, n: number): Promise<BenchCompany[]> {
  const companies: BenchCompany[] = new Array(n);
  await runClosedLoop(n, 8, async (i) => {
    companies[i] = await setUpCompany(b, i + 1);
  });
  return companies;
}

/** Each phase gets a gateway on a database of its own, closed and dropped however the phase ends. */
async function withGateway<T>(settings: BenchSettings, fn: (b: BenchGateway) => Promise<T>): Promise<T> {
  const db = await createBenchDatabase(settings.postgresUrl);
  let b: BenchGateway | null = null;
  try {
    b = await startBenchGateway(db, settings);
    return await fn(b);
  } finally {
    await b?.gw.close();
    await db.drop();
  }
}

async function describeDatabase(b: BenchGateway): Promise<string> {
  const db = b.gw.services.db;
  if (isPostgres(db)) {
    const [{ server_version }] = await db.query('SHOW server_version');
    return `PostgreSQL ${String(server_version).split(' ')[0]}, a new wg_bench_* database per phase`;
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

  const first = await withGateway(settings, async (b) => {
    const database = await describeDatabase(b);
    progress(`${database}`);
    progress(`latency: setting up ${settings.companies} companies`);
    const companies = await setUpCompanies(b, settings.companies);
    progress(`latency: warm-up, ${settings.warmupRequests} recordFee`);
    await recordFees(b, companies, { prefix: 'warmup', count: settings.warmupRequests, clients, date });
    progress(`latency: ${settings.requests} recordFee from ${clients} concurrent clients`);
    const latency = summarise(await recordFees(b, companies, { prefix: 'latency', count: settings.requests, clients, date }));
    progress(`baseline: ${settings.baselineRequests} POST push/directCosts straight to the emulator, ${settings.worker.concurrency} concurrent`);
    const raw = summarise(await measureRawPosts(b, companies, { warmup: settings.baselineWarmup, requests: settings.baselineRequests, concurrency: settings.worker.concurrency, date }));
    return { database, latency, raw };
  });

  const second = await withGateway(settings, async (b) => {
    progress(`delivery: setting up ${settings.companies} companies`);
    const companies = await setUpCompanies(b, settings.companies);
    progress(`delivery: recording ${settings.events} fees with the worker stopped`);
    const recording = summarise(await recordFees(b, companies, { prefix: 'delivery', count: settings.events, clients, date }));
    progress(`delivery: worker started`);
    const delivery = await deliverAll(b, companies, { timeoutMs: settings.deliveryTimeoutMs, progress });
    return { recording, delivery };
  });

  const { latency, raw, database } = first;
  const { recording, delivery } = second;
  const seconds = delivery.elapsedMs / 1000;
  const eventsPerSecond = settings.events / seconds;
  const opsPerSecond = delivery.operations / seconds;
  const req = delivery.requests;
  const posts = Object.values(req.pushPosts).reduce((a, n) => a + n, 0);
  const postsByType = Object.entries(req.pushPosts).map(([type, n]) => `${type} ${count(n)}`).join(', ');
  const kinds = Object.entries(delivery.operationsByKind).map(([kind, n]) => `${count(n)} ${kind}`).join(' + ');
  const cpus = os.cpus();

  const settingsRows = [
    ['date (UTC)', new Date().toISOString().replace(/\.\d+Z$/, 'Z')],
    ['machine', `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`],
    ['node', process.version],
    ['database', database],
    ['companies', count(settings.companies)],
    ['mutation clients', `${clients} concurrent, closed loop, plain fetch from the gateway's own process`],
    ['latency phase', `${count(settings.requests)} recordFee after ${count(settings.warmupRequests)} warm-up, worker stopped`],
    ['delivery phase', `${count(settings.events)} fees = ${kinds} operations, recorded with the worker stopped`],
    ['worker', `WORKER_CONCURRENCY=${settings.worker.concurrency}, WORKER_POLL_MS=${settings.worker.pollMs}`],
    ['Codat emulator', 'embedded, pushDelayMs=0'],
    ['baseline', `${count(settings.baselineRequests)} POST push/directCosts after ${count(settings.baselineWarmup)} warm-up, ${settings.worker.concurrency} concurrent`],
  ];
  const resultRows = [
    ['recordFee latency p50', ms(latency.p50)],
    ['recordFee latency p90', ms(latency.p90)],
    ['recordFee latency p99', ms(latency.p99)],
    ['recordFee latency max', ms(latency.max)],
    ['recordFee throughput', rate(latency.perSecond, 'req/s')],
    [`recording the ${count(settings.events)} delivery events`, `${rate(recording.perSecond, 'req/s')} (p99 ${ms(recording.p99)})`],
    ['delivery time', `${seconds.toFixed(2)} s`],
    ['delivery', `${rate(eventsPerSecond, 'events/s')}, ${rate(opsPerSecond, 'operations/s')}`],
    ['provider requests: push POSTs', `${count(posts)} (${postsByType})`],
    ['provider requests: push-operation polls', count(req.pushPolls)],
    ['provider requests: reads', count(req.reads)],
    ['provider requests: other / not 2xx', `${count(req.other)} / ${count(req.notOk)}`],
    ['provider requests per event', (( posts + req.pushPolls + req.reads + req.other) / settings.events).toFixed(2)],
    ['emulator raw POST push/directCosts', `${rate(raw.perSecond, 'req/s')} (p50 ${ms(raw.p50)}, p99 ${ms(raw.p99)})`],
    ['ratio: delivery operations/s ÷ raw POST/s', (opsPerSecond / raw.perSecond).toFixed(3)],
    ['ratio: delivery events/s ÷ raw POST/s', (eventsPerSecond / raw.perSecond).toFixed(3)],
  ];
  process.stdout.write(`\n## Writeback Gateway benchmark\n\n${markdownTable(['setting', 'value'], settingsRows)}\n\n${markdownTable(['measurement', 'result'], resultRows)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    const message = err instanceof SettingsError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`bench failed: ${message}\n`);
    process.exit(1);
  },
);

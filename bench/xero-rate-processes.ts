import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { DEMO_XERO_APP } from '../src/sandbox/xero/demo-identity';
import { XERO_RATE_LIMITS } from '../src/sandbox/xero/rate-limits';
import { createXeroSandbox } from '../src/sandbox/xero/xero-sandbox';
import type { BenchCompany } from './bench-gateway';
import type { BenchDatabase } from './bench-database';
import { recordFees } from './record-fees';
import { GQL, graphql, setUpBorrower, usage, type RunResult, type XeroRateSettings } from './xero-rate';

const MAIN = path.resolve(__dirname, '../src/main.js');
const LENDER = 'Acme Invoice Finance';

/**
 * The backlog to one organisation delivered by two gateway processes (`node dist/src/main.js`) on
 * one database, the Xero sandbox in this process between them: both workers share the
 * organisation's budget through the database. The fees are recorded while write-back is off, then
 * released at once under Xero's limits over the shortened minute.
 */
export async function deliverFromTwoProcesses(database: () => Promise<BenchDatabase>, settings: XeroRateSettings, progress: (line: string) => void): Promise<RunResult & { peakInFlight: number }> {
  const unlimited = { perMinute: 1_000_000, perDay: 1_000_000, appPerMinute: 1_000_000, concurrent: 1_000, minuteMs: settings.minuteMs, latencyMs: 0 };
  const sandbox = createXeroSandbox({ lenderName: LENDER, rateLimits: unlimited });
  const app = express();
  app.use(sandbox.router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const xeroUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const db = await database();
  const adminKey = `wgk_bench_${randomBytes(18).toString('hex')}`;
  const env = {
    PATH: process.env.PATH ?? '', NODE_ENV: 'test', PORT: '0', SANDBOX: 'true', DATABASE_URL: db.url, DATA_DIR: db.dataDir, LENDER_NAME: LENDER,
    GATEWAY_ADMIN_API_KEY: adminKey, GATEWAY_SECRET_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'silent',
    WORKER_CONCURRENCY: String(settings.workerConcurrency), WORKER_POLL_MS: '50',
    XERO_IDENTITY_URL: xeroUrl, XERO_API_URL: xeroUrl, XERO_RATE_WINDOW_MS: String(settings.minuteMs),
  };
  const children: ChildProcess[] = [];
  try {
    const urls: string[] = [];
    // One after the other: the first creates the tables and the demo borrowers.
    for (let i = 0; i < 2; i++) {
      const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      urls.push(await readyUrl(child));
    }
    sandbox.identity.clients.get(DEMO_XERO_APP.clientId)!.redirectUris.push(`http://127.0.0.1:${new URL(urls[0]).port}/oauth/xero/callback`);
    const [a, b] = urls.map((url) => graphql(url, adminKey));
    progress('xero: setting up one organisation for two gateway processes');
    const company = await setUpBorrower(a, sandbox.identity, 'Xero Bench Two Processes Ltd', false);
    const date = new Date().toISOString().slice(0, 10);
    progress(`xero: recording ${settings.backlog} fees with write-back off`);
    await recordFees({ graphqlUrl: urls[1], adminKey }, [company as unknown as BenchCompany], { prefix: 'xero2', warmup: 0, count: settings.backlog, clients: 16, date });

    await new Promise((resolve) => setTimeout(resolve, settings.minuteMs));
    const limits = sandbox.books.rateLimits;
    limits.reset();
    limits.update({ ...XERO_RATE_LIMITS, minuteMs: settings.minuteMs, dayMs: settings.minuteMs * 1440, latencyMs: settings.latencyMs });
    const admitted = new Map<string, number[]>([[company.tenantId, []]]);
    const admit = limits.admit.bind(limits);
    limits.admit = (tenantId, clientId) => {
      const verdict = admit(tenantId, clientId);
      if (!verdict.problem) admitted.get(tenantId)?.push(Date.now());
      return verdict;
    };
    const delivered = () => sandbox.books.books(company.tenantId).bankTransactions.filter((t) => t.type === 'SPEND').length;
    const started = Date.now();
    await b(GQL.release, { companyId: company.id });
    let last = started;
    while (delivered() < settings.backlog) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (Date.now() - last >= 5000) {
        last = Date.now();
        progress(`xero: ${delivered()}/${settings.backlog} delivered by two processes after ${((last - started) / 1000).toFixed(0)} s; 429s so far ${JSON.stringify(limits.refusals)}`);
      }
      if (Date.now() - started > 30 * 60_000) throw new Error(`Delivery did not finish: ${delivered()}/${settings.backlog}`);
    }
    const elapsedMs = Date.now() - started;
    limits.admit = admit;
    return { organisations: 1, refusals: { ...limits.refusals }, elapsedMs, peakInFlight: limits.peakInFlight.get(company.tenantId) ?? 0, ...usage(admitted, settings.minuteMs) };
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null)));
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.drop();
  }
}

function readyUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`A gateway process did not start within 60 s:\n${out}\n${err}`)), 60_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready at (http:\/\/localhost:\d+\/graphql)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`A gateway process exited (${code}) before it was ready:\n${out}\n${err}`)));
  });
}

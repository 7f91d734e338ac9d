import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { createBenchDatabase } from './bench-database';
import { CpuAccount, DATABASE_BACKENDS_SQL } from './cpu-usage';
import { UNFINISHED_PROBE } from './delivery';
import { setUpBorrower, type BenchCompany, type Gql } from './bench-gateway';
import { runClosedLoop } from './load';
import { recordFees } from './record-fees';

// Compiled, this file runs from dist/bench: the repository root is two levels up.
const ROOT = path.resolve(__dirname, '../..');
const CODAT_KEY = `bench-codat-${randomBytes(8).toString('hex')}`;

interface Proc {
  child: ChildProcess;
  url: string;
}

async function spawnNode(script: string, env: Record<string, string>, ready: RegExp): Promise<Proc> {
  const child = spawn(process.execPath, [path.join(ROOT, script)], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const m = ready.exec(out);
    if (m) return { child, url: m[1] };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${script} did not start:\n${out}\n${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stop(p: Proc): Promise<void> {
  if (p.child.exitCode !== null) return;
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (p.child.exitCode === null) p.child.kill('SIGKILL');
}

function gqlClient(url: string, token: string): Gql {
  return async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
    return body.data;
  };
}

export interface ScaleOutResult {
  processes: number;
  operations: number;
  elapsedMs: number;
  opsPerSecond: number;
  /** Provider writes booked more than once (must be 0). */
  duplicates: number;
  /** CPU seconds used during delivery by the gateway processes together, the emulator and the database's backends. */
  cpu: { gateways: number; emulator: number; database: number };
  /** Share of the whole machine's CPU that was busy during delivery (other work on it included), and its cores. */
  machineBusy: number;
  cores: number;
}

/**
 * Delivery by `processes` gateway processes (`node dist/src/main.js`) sharing one Postgres
 * database, against the Codat emulator in a process of its own: the events are recorded with
 * every worker off, then the processes start together and the time runs until the last
 * operation succeeded.
 */
export async function deliverWithProcesses(
  postgresUrl: string,
  opts: { databaseEnv: Record<string, string>; processes: number; companies: number; events: number; concurrency: number; pollMs: number; timeoutMs: number; date: string; progress: (line: string) => void },
): Promise<ScaleOutResult> {
  const db = await createBenchDatabase(postgresUrl);
  const adminKey = `wgk_bench_${randomBytes(18).toString('hex')}`;
  const gatewayEnv = {
    ...opts.databaseEnv, NODE_ENV: 'test', PORT: '0', DATABASE_URL: db.url, DATA_DIR: db.dataDir, GATEWAY_ADMIN_API_KEY: adminKey,
    GATEWAY_SECRET_KEY: randomBytes(32).toString('base64'), SANDBOX: 'false', CODAT_API_KEY: CODAT_KEY, LOG_LEVEL: 'silent',
    WORKER_CONCURRENCY: String(opts.concurrency), WORKER_POLL_MS: String(opts.pollMs),
  };
  const procs: Proc[] = [];
  try {
    const sandbox = await spawnNode('dist/scripts/codat-sandbox.js', { PORT: '0', CODAT_API_KEY: CODAT_KEY, SANDBOX_PUSH_DELAY_MS: '0' }, /listening at (http:\/\/127\.0\.0\.1:\d+)/);
    procs.push(sandbox);
    const codat = async (method: string, p: string, body?: unknown) => {
      const res = await fetch(`${sandbox.url}${p}`, { method, headers: { authorization: `Basic ${Buffer.from(CODAT_KEY).toString('base64')}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return text ? JSON.parse(text) : null;
    };
    const env = { ...gatewayEnv, CODAT_BASE_URL: sandbox.url };
    const recorder = await spawnNode('dist/src/main.js', { ...env, WORKER_ENABLED: 'false' }, /ready at (http:\/\/localhost:\d+\/graphql)/);
    procs.push(recorder);
    const graphqlUrl = recorder.url.replace('localhost', '127.0.0.1');
    const gql = gqlClient(graphqlUrl, adminKey);
    opts.progress(`scale-out (${opts.processes} process${opts.processes > 1 ? 'es' : ''}): setting up ${opts.companies} companies`);
    const companies: BenchCompany[] = new Array(opts.companies);
    await runClosedLoop(opts.companies, 8, async (i) => {
      companies[i] = await setUpBorrower(gql, i + 1, async (name) => {
        const company = await codat('POST', '/companies', { name });
        return { company, connection: await codat('POST', `/companies/${company.id}/connections`, { platformKey: 'gbol' }) };
      });
    });
    opts.progress(`scale-out (${opts.processes}): recording ${opts.events} fees with every worker off`);
    await recordFees({ graphqlUrl, adminKey }, companies, { prefix: 'scale-out', warmup: 0, count: opts.events, clients: 50, date: opts.date });
    await stop(recorder);
    procs.pop();

    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const count = async (status: string) => Number((await client.query('SELECT COUNT(*) AS n FROM writeback_operations WHERE status = $1', [status])).rows[0].n);
      const total = Number((await client.query('SELECT COUNT(*) AS n FROM writeback_operations')).rows[0].n);
      const directCosts = async () => {
        let n = 0;
        for (const c of companies) n += ((await codat('GET', `/_sandbox/companies/${c.codatCompanyId}/books`)) as { directCosts: unknown[] }).directCosts.length;
        return n;
      };
      const bookedBefore = await directCosts();
      const started = Date.now();
      opts.progress(`scale-out (${opts.processes}): ${opts.processes} gateway process(es) delivering ${total} operations`);
      const workers = await Promise.all(Array.from({ length: opts.processes }, () => spawnNode('dist/src/main.js', env, /ready at (http:\/\/localhost:\d+\/graphql)/)));
      procs.push(...workers);
      // Where the CPU goes tells what bounds the throughput: a gateway's one thread, the database or the emulator.
      const backends = async () => (await client.query(DATABASE_BACKENDS_SQL)).rows.map((r) => Number(r.pid));
      const cpu = await new CpuAccount({
        gateways: () => workers.map((w) => w.child.pid!),
        emulator: () => [sandbox.child.pid!],
        database: backends,
      }).begin();
      // An index probe per poll: counting reads the whole table, which would compete with the gateways.
      const left = async () => (await client.query(UNFINISHED_PROBE)).rows.length > 0;
      for (;;) {
        await new Promise((r) => setTimeout(r, 200));
        if (!(await left())) {
          if ((await count('FAILED')) > 0) throw new Error('an operation FAILED during delivery');
          if ((await count('SUCCEEDED')) === total) break;
        }
        if (Date.now() - started > opts.timeoutMs) throw new Error(`delivery by ${opts.processes} processes did not finish within ${opts.timeoutMs / 1000} s`);
      }
      const last = Number((await client.query('SELECT MAX(completed_at) AS t FROM writeback_operations')).rows[0].t);
      const elapsedMs = last - started;
      const used = await cpu.end();
      // Every fee's direct cost must be in the emulator's books once.
      const booked = (await directCosts()) - bookedBefore;
      const costs = await count('SUCCEEDED') - Number((await client.query("SELECT COUNT(*) AS n FROM writeback_operations WHERE kind = 'STATEMENT_LINE'")).rows[0].n);
      return { processes: opts.processes, operations: total, elapsedMs, opsPerSecond: total / (elapsedMs / 1000), duplicates: booked - costs,
        cpu: { gateways: used.groups.gateways, emulator: used.groups.emulator, database: used.groups.database },
        machineBusy: used.machineBusy, cores: used.cores };
    } finally {
      await client.end();
    }
  } finally {
    await Promise.all(procs.map(stop));
    await db.drop();
  }
}

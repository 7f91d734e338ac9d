import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config';
import { startGateway, type Gateway } from '../src/gateway';
import type { XeroProviderSandbox } from '../src/providers/xero/xero.sandbox';
import { completeXeroConsent } from '../src/sandbox/xero/consent-script';
import { XERO_RATE_LIMITS } from '../src/sandbox/xero/rate-limits';
import type { BenchCompany } from './bench-gateway';
import type { BenchDatabase } from './bench-database';
import { runClosedLoop } from './load';
import { markdownTable } from './report';
import { recordFees } from './record-fees';
import { deliverFromTwoProcesses } from './xero-rate-processes';

/** What the Xero rate benchmark does, from BENCH_XERO_* variables. */
export interface XeroRateSettings {
  /** The sandbox's "minute": Xero's limits hold per this window (60 calls per organisation). */
  minuteMs: number;
  /** Backlog per organisation in the one-organisation run, and per organisation across many. */
  backlog: number;
  manyOrganisations: number;
  manyBacklog: number;
  /** How long each Xero call takes to answer in the sandbox. */
  latencyMs: number;
  workerConcurrency: number;
}

export function loadXeroRateSettings(env: Record<string, string | undefined>): XeroRateSettings {
  const int = (name: string, fallback: number) => (env[name] ? Math.max(1, Number.parseInt(env[name]!, 10) || fallback) : fallback);
  return {
    minuteMs: int('BENCH_XERO_MINUTE_MS', 6000),
    backlog: int('BENCH_XERO_BACKLOG', 300),
    manyOrganisations: int('BENCH_XERO_ORGANISATIONS', 50),
    manyBacklog: int('BENCH_XERO_MANY_BACKLOG', 130),
    latencyMs: int('BENCH_XERO_LATENCY_MS', 20),
    workerConcurrency: int('WORKER_CONCURRENCY', 32),
  };
}

export interface RunResult {
  organisations: number;
  calls: number;
  refusals: Record<string, number>;
  /** Calls per complete window, averaged over organisations and windows, ÷ the limit. */
  utilisation: number;
  completeWindows: number;
  elapsedMs: number;
}

export const GQL = {
  register: 'mutation ($input: RegisterCompanyInput!) { registerCompany(input: $input) { id } }',
  start: 'mutation ($id: ID!) { startXeroConnection(companyId: $id) { authorisationUrl } }',
  lender: 'mutation ($companyId: ID!, $input: CreateLenderBankAccountInput!) { createLenderBankAccount(companyId: $companyId, input: $input) { bankAccount { id } } }',
  banks: 'query ($companyId: ID!) { bankAccounts(companyId: $companyId, first: 100) { nodes { id name currency status } } }',
  expense: 'mutation ($companyId: ID!, $input: CreateExpenseAccountInput!) { createExpenseAccount(companyId: $companyId, input: $input) { account { id } } }',
  supplier: 'mutation ($companyId: ID!) { ensureLenderSupplier(companyId: $companyId) { supplier { id } } }',
  configure: 'mutation ($companyId: ID!, $input: ConfigureMappingInput!) { configureMapping(companyId: $companyId, input: $input) { isComplete missing } }',
  enable: 'mutation ($companyId: ID!) { setWritebackEnabled(companyId: $companyId, enabled: true) { writebackEnabled } }',
  release: 'mutation ($companyId: ID!) { setWritebackEnabled(companyId: $companyId, enabled: true, releaseHeld: true) { writebackEnabled } }',
};

/**
 * The Xero rate benchmark: a backlog of fees (one Xero call each) delivered by the gateway's worker
 * to organisations of the embedded Xero sandbox, whose limits are Xero's (5 in flight, 60 a
 * minute, 5,000 a day, 10,000 a minute per app) over a shortened minute, the gateway told the same
 * minute (XERO_RATE_WINDOW_MS). Counts the calls the sandbox admitted in each organisation's
 * windows and the 429s it answered.
 */
export async function runXeroRate(opts: { settings: XeroRateSettings; database: () => Promise<BenchDatabase>; progress: (line: string) => void }): Promise<string> {
  const { settings, progress } = opts;
  const one = await withXeroGateway(opts.database, settings, (gw, key) => deliverBacklog(gw, key, settings, 1, settings.backlog, progress));
  const many = await withXeroGateway(opts.database, settings, (gw, key) => deliverBacklog(gw, key, settings, settings.manyOrganisations, settings.manyBacklog, progress));
  const two = await deliverFromTwoProcesses(opts.database, settings, progress);
  const limit = XERO_RATE_LIMITS.perMinute;
  const row = (label: string, r: RunResult) => [
    label, String(r.organisations), String(r.calls), (r.elapsedMs / 1000).toFixed(1), String(r.completeWindows),
    (r.utilisation * limit).toFixed(1), r.utilisation.toFixed(3), String(Object.values(r.refusals).reduce((a, n) => a + n, 0)),
    ((r.calls / r.elapsedMs) * settings.minuteMs).toFixed(0),
  ];
  return [
    `## Xero rate budget (limits: ${limit} calls a minute, 5 in flight, per organisation; minute shortened to ${settings.minuteMs} ms; ${settings.latencyMs} ms per call; worker concurrency ${settings.workerConcurrency})`,
    '',
    markdownTable(
      ['run', 'organisations', 'Xero calls', 'seconds', 'complete minutes', 'calls per minute used', 'used ÷ limit', '429s', 'total calls per minute'],
      [row('backlog to one organisation', one), row(`backlog to ${many.organisations} organisations`, many), row('backlog to one organisation, two gateway processes', two)],
    ),
    '',
    `Two gateway processes: at most ${two.peakInFlight} calls in flight at once for the organisation (limit ${XERO_RATE_LIMITS.concurrent}).`,
    '',
  ].join('\n');
}

async function withXeroGateway<T>(database: () => Promise<BenchDatabase>, settings: XeroRateSettings, fn: (gw: Gateway, adminKey: string) => Promise<T>): Promise<T> {
  const db = await database();
  const adminKey = `wgk_bench_${randomBytes(18).toString('hex')}`;
  const config = loadConfig({
    NODE_ENV: 'test', PORT: '0', SANDBOX: 'true', DATABASE_URL: db.url, DATA_DIR: db.dataDir,
    GATEWAY_ADMIN_API_KEY: adminKey, GATEWAY_SECRET_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent', WORKER_ENABLED: 'false', WORKER_CONCURRENCY: String(settings.workerConcurrency), WORKER_POLL_MS: '50',
    XERO_RATE_WINDOW_MS: String(settings.minuteMs),
  });
  const gw = await startGateway(config, { skipDemo: true });
  try {
    return await fn(gw, adminKey);
  } finally {
    try {
      await gw.close();
    } finally {
      await db.drop();
    }
  }
}

async function deliverBacklog(gw: Gateway, adminKey: string, settings: XeroRateSettings, organisations: number, backlog: number, progress: (line: string) => void): Promise<RunResult> {
  const origin = `http://127.0.0.1:${gw.port}`;
  const gql = graphql(`${origin}/graphql`, adminKey);
  const sandbox = gw.sandboxes.get('XERO') as XeroProviderSandbox;
  const limits = sandbox.books.rateLimits;
  // Setting up is not measured: no limits in the way.
  limits.update({ perMinute: 1_000_000, perDay: 1_000_000, appPerMinute: 1_000_000, concurrent: 1_000, minuteMs: settings.minuteMs, latencyMs: 0 });
  progress(`xero: setting up ${organisations} organisation(s)`);
  const companies: { id: string; tenantId: string }[] = new Array(organisations);
  await runClosedLoop(organisations, 4, async (i) => {
    companies[i] = await setUpBorrower(gql, sandbox.store, `Xero Bench ${organisations}-${i + 1} Ltd`);
  });
  const date = new Date().toISOString().slice(0, 10);
  progress(`xero: recording ${organisations * backlog} fees with the worker stopped`);
  await recordFees({ graphqlUrl: `${origin}/graphql`, adminKey }, companies as unknown as BenchCompany[], { prefix: 'xero', warmup: 0, count: organisations * backlog, clients: 16, date });

  // Xero's real limits, over the shortened minute; the day scaled alike. The gateway last saw the
  // setting-up's limits: a minute's pause lets the windows it counted then end, as after an idle minute.
  await new Promise((resolve) => setTimeout(resolve, settings.minuteMs));
  limits.reset();
  limits.update({ ...XERO_RATE_LIMITS, minuteMs: settings.minuteMs, dayMs: settings.minuteMs * 1440, latencyMs: settings.latencyMs });
  const admitted = new Map<string, number[]>();
  const admit = limits.admit.bind(limits);
  limits.admit = (tenantId, clientId) => {
    const verdict = admit(tenantId, clientId);
    if (!verdict.problem) admitted.set(tenantId, [...(admitted.get(tenantId) ?? []), Date.now()]);
    return verdict;
  };

  const total = organisations * backlog;
  const db = gw.services.db;
  const succeeded = async () => Number((await db.query("SELECT COUNT(*) AS n FROM writeback_operations WHERE status = 'SUCCEEDED'"))[0].n);
  // The setting-up writes (accounts, contact) are operations too, already delivered.
  const before = await succeeded();
  const started = Date.now();
  gw.worker.start();
  let last = started;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const done = (await succeeded()) - before;
    if (done >= total) break;
    if (Date.now() - last >= 5000) {
      last = Date.now();
      progress(`xero: ${done}/${total} delivered after ${((last - started) / 1000).toFixed(0)} s; 429s so far ${JSON.stringify(limits.refusals)}`);
    }
    if (Date.now() - started > 30 * 60_000) throw new Error(`Delivery did not finish: ${done}/${total}`);
  }
  await gw.worker.stop();
  limits.admit = admit;
  const elapsedMs = Date.now() - started;

  return { organisations, refusals: { ...limits.refusals }, elapsedMs, ...usage(admitted, settings.minuteMs) };
}

/** The calls admitted per organisation in the sandbox's windows, which begin at each organisation's first admitted call; the last one is partial and left out. */
export function usage(admitted: Map<string, number[]>, minuteMs: number): Pick<RunResult, 'calls' | 'utilisation' | 'completeWindows'> {
  let used = 0;
  let windows = 0;
  let calls = 0;
  for (const times of admitted.values()) {
    if (times.length === 0) continue;
    calls += times.length;
    const t0 = times[0];
    const counts = new Map<number, number>();
    for (const t of times) counts.set(Math.floor((t - t0) / minuteMs), (counts.get(Math.floor((t - t0) / minuteMs)) ?? 0) + 1);
    const lastWindow = Math.floor((times[times.length - 1] - t0) / minuteMs);
    for (let w = 0; w < lastWindow; w++) {
      used += counts.get(w) ?? 0;
      windows += 1;
    }
  }
  return { calls, utilisation: windows ? used / (windows * XERO_RATE_LIMITS.perMinute) : 0, completeWindows: windows };
}

export type Gql = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

export function graphql(url: string, token: string): Gql {
  return async <T>(query: string, variables: Record<string, unknown>) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
    return body.data;
  };
}

/**
 * A borrower as the settings page connects and maps one: the consent flow, the lender account, a
 * fee account, the lender contact; write-back switched on unless `enable` is false.
 */
export async function setUpBorrower(gql: Gql, identity: Pick<XeroProviderSandbox['store'], 'addOrganisation'>, name: string, enable = true): Promise<{ id: string; tenantId: string }> {
  const org = identity.addOrganisation({ name });
  const { registerCompany } = await gql<{ registerCompany: { id: string } }>(GQL.register, { input: { name, externalRef: `bench-${org.tenantId}`, connection: { xero: {} } } });
  const companyId = registerCompany.id;
  const { startXeroConnection } = await gql<{ startXeroConnection: { authorisationUrl: string } }>(GQL.start, { id: companyId });
  const callback = await completeXeroConsent(startXeroConnection.authorisationUrl, { choose: (orgs) => orgs.filter((o) => o.tenantId === org.tenantId).map((o) => o.tenantId) });
  const page = await fetch(callback, { redirect: 'manual' });
  if (page.status !== 200) throw new Error(`The Xero callback answered ${page.status} for ${name}`);
  const lender = (await gql<{ createLenderBankAccount: { bankAccount: { id: string } | null } }>(GQL.lender, { companyId, input: { name: 'Acme Invoice Finance', currency: 'GBP', sortCode: '404784', accountNumber: '70872490' } })).createLenderBankAccount.bankAccount;
  const banks = (await gql<{ bankAccounts: { nodes: { id: string; name: string; currency: string; status: string }[] } }>(GQL.banks, { companyId })).bankAccounts.nodes;
  const designated = banks.find((a) => a.currency === 'GBP' && a.id !== lender?.id && a.status !== 'ARCHIVED' && !/saving/i.test(a.name));
  const expense = (await gql<{ createExpenseAccount: { account: { id: string } | null } }>(GQL.expense, { companyId, input: { name: 'Invoice finance fees', nominalCode: '4790' } })).createExpenseAccount.account;
  const supplier = (await gql<{ ensureLenderSupplier: { supplier: { id: string } | null } }>(GQL.supplier, { companyId })).ensureLenderSupplier.supplier;
  if (!lender || !designated || !expense || !supplier) throw new Error(`${name} could not be mapped`);
  const input = { lenderBankAccountId: lender.id, designatedBankAccountId: designated.id, expenseAccountId: expense.id, lenderSupplierId: supplier.id };
  const { configureMapping } = await gql<{ configureMapping: { isComplete: boolean; missing: string[] } }>(GQL.configure, { companyId, input });
  if (!configureMapping.isComplete) throw new Error(`${name}: mapping incomplete (${configureMapping.missing.join(', ')})`);
  if (enable) await gql(GQL.enable, { companyId });
  return { id: companyId, tenantId: org.tenantId };
}

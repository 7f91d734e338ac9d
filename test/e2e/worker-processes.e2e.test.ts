import {
  RecordFeeDocument,
  WritebackOperationsDocument,
} from '../generated/graphql';
import { daysAgo, eventually } from '../helpers/fixtures';
import { stopGateway } from '../helpers/gateway-process';
import { remoteBorrower, sharedTestDatabase, startGatewayProcess, startSandboxProcess } from '../helpers/remote';
import { ok } from '../helpers/test-gateway';

type Gql = Awaited<ReturnType<typeof startGatewayProcess>>['gql'];

/** Crashes and concurrency with real processes: the Codat sandbox runs apart and outlives the gateways. */
describe('write-back workers in separate processes', () => {
  let sandbox: Awaited<ReturnType<typeof startSandboxProcess>>;
  let dbUrl: string;
  let dropDb: () => Promise<void>;

  beforeAll(async () => {
    sandbox = await startSandboxProcess();
    ({ url: dbUrl, drop: dropDb } = await sharedTestDatabase('wg-workers-'));
  });
  afterAll(async () => {
    await stopGateway(sandbox.proc);
    await dropDb();
  });

  async function recordFees(gql: Gql, companyId: string, prefix: string, n: number) {
    for (let i = 0; i < n; i++) {
      ok(await gql(RecordFeeDocument, { companyId, input: { externalId: `${prefix}-${i}`, amount: `${i + 1}.00`, currency: 'GBP', date: daysAgo(0), reference: `${prefix}-${i}`, description: null } }));
    }
  }

  async function allSucceeded(gql: Gql, companyId: string, expected: number) {
    return eventually(async () => {
      const page = ok(await gql(WritebackOperationsDocument, { companyId, status: 'SUCCEEDED', first: 500, after: null })).writebackOperations;
      return page.totalCount === expected && page;
    }, 60000, `${expected} operations to succeed`);
  }

  /** Every fee once in the books, and one statement line per fee with consistent running balances. */
  async function expectExactlyOnce(b: { codatCompanyId: string; lenderId: string }, prefix: string, n: number) {
    const books = await sandbox.codat('GET', `/_sandbox/companies/${b.codatCompanyId}/books`);
    for (let i = 0; i < n; i++) {
      const copies = books.directCosts.filter((c: { reference?: string }) => c.reference?.startsWith(`${prefix}-${i} [`));
      expect([i, copies.length]).toEqual([i, 1]);
    }
    const lines = books.bankAccounts.find((a: { id: string }) => a.id === b.lenderId).statementLines.filter((l: { reference?: string }) => l.reference?.startsWith(`${prefix}-`));
    expect(lines).toHaveLength(n);
    expect(new Set(lines.map((l: { id: string }) => l.id)).size).toBe(n);
    let balance = 0;
    for (const line of lines) {
      balance -= Number(line.reference.split('-').pop()) + 1;
      expect(line.balance).toBeCloseTo(balance, 2);
    }
  }

  it('picks up after a worker is killed mid-delivery: nothing lost, nothing duplicated', async () => {
    const first = await startGatewayProcess(dbUrl, sandbox.url);
    const b = await remoteBorrower(sandbox, first.gql, 'Crash Test Ltd');
    await fetch(`${sandbox.url}/_sandbox/settings`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pushDelayMs: 200 }) });
    // The first fee's push lands in the books but its answer is held back while the worker is killed.
    await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fault: 'SLOW_RESPONSE', delayMs: 2500, match: { pathIncludes: '/push/directCosts', companyId: b.codatCompanyId } }),
    });
    await recordFees(first.gql, b.id, 'crash', 12);
    await eventually(async () => {
      const log = await sandbox.codat('GET', '/_sandbox/requests');
      return log.some((r: { method: string; path: string }) => r.method === 'POST' && r.path.includes('/push/directCosts'));
    }, 10000, 'the first delivery to start');
    first.proc.child.kill('SIGKILL');
    await first.proc.exited;

    const second = await startGatewayProcess(dbUrl, sandbox.url);
    try {
      await allSucceeded(second.gql, b.id, 24 + 0);
      await expectExactlyOnce(b, 'crash', 12);
    } finally {
      await stopGateway(second.proc);
    }
  });

  it('shares the work between two worker processes without delivering anything twice', async () => {
    await fetch(`${sandbox.url}/_sandbox/settings`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pushDelayMs: 20 }) });
    const a = await startGatewayProcess(dbUrl, sandbox.url, { WORKER_ENABLED: 'false' });
    const companies = [];
    for (let c = 0; c < 4; c++) companies.push(await remoteBorrower(sandbox, a.gql, `Shared ${c} Ltd`));
    await fetch(`${sandbox.url}/_sandbox/requests`, { method: 'DELETE' });
    for (const b of companies) await recordFees(a.gql, b.id, `shared-${b.id.slice(0, 6)}`, 10);
    await stopGateway(a.proc);

    const workers = await Promise.all([startGatewayProcess(dbUrl, sandbox.url), startGatewayProcess(dbUrl, sandbox.url)]);
    try {
      for (const b of companies) await allSucceeded(workers[0].gql, b.id, 20);
      const log: { method: string; path: string; status: number }[] = await sandbox.codat('GET', '/_sandbox/requests');
      const posts = log.filter((r) => r.method === 'POST' && r.path.includes('/push/directCosts'));
      expect(posts).toHaveLength(40);
      expect(posts.every((r) => r.status === 200)).toBe(true);
      for (const b of companies) await expectExactlyOnce(b, `shared-${b.id.slice(0, 6)}`, 10);
    } finally {
      await Promise.all(workers.map((w) => stopGateway(w.proc)));
    }
  });
});

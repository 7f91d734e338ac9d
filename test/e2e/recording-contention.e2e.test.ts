import {
  AccountsDocument,
  RecordFeeDocument,
  WritebackOperationsDocument,
} from '../generated/graphql';
import { daysAgo, eventually } from '../helpers/fixtures';
import { stopGateway } from '../helpers/gateway-process';
import { remoteBorrower, sharedTestDatabase, startGatewayProcess, startSandboxProcess } from '../helpers/remote';
import { ok, type GqlResult } from '../helpers/test-gateway';

type Gql = Awaited<ReturnType<typeof startGatewayProcess>>['gql'];

/** Two gateway processes recording into one database at the same time, each also running its worker. */
describe('recording from two gateway processes on one database', () => {
  let sandbox: Awaited<ReturnType<typeof startSandboxProcess>>;
  let dbUrl: string;
  let dropDb: () => Promise<void>;

  beforeAll(async () => {
    sandbox = await startSandboxProcess();
    ({ url: dbUrl, drop: dropDb } = await sharedTestDatabase('wg-contention-'));
  });
  afterAll(async () => {
    await stopGateway(sandbox.proc);
    await dropDb();
  });

  it('answers every recording call, stores each event once and delivers it once', async () => {
    const gateways = await Promise.all([startGatewayProcess(dbUrl, sandbox.url), startGatewayProcess(dbUrl, sandbox.url)]);
    try {
      const companies = [await remoteBorrower(sandbox, gateways[0].gql, 'Contention One Ltd'), await remoteBorrower(sandbox, gateways[1].gql, 'Contention Two Ltd')];
      const perCompany = 60;
      // Every fee is sent to both processes at once (a client retrying against another instance).
      const calls: { gql: Gql; companyId: string; externalId: string; amount: string }[] = [];
      for (let i = 0; i < perCompany; i++) {
        for (const b of companies) {
          for (const g of gateways) calls.push({ gql: g.gql, companyId: b.id, externalId: `fee-${i}`, amount: `${i + 1}.00` });
        }
      }
      const results: GqlResult<unknown>[] = [];
      let next = 0;
      await Promise.all(Array.from({ length: 24 }, async () => {
        while (next < calls.length) {
          const c = calls[next++];
          results.push(await c.gql(RecordFeeDocument, {
            companyId: c.companyId,
            input: { externalId: c.externalId, amount: c.amount, currency: 'GBP', date: daysAgo(0), reference: c.externalId, description: null },
          }));
        }
      }));

      const failures = results.filter((r) => r.errors?.length).map((r) => `${r.errors![0].extensions?.code}: ${r.errors![0].message}`);
      expect(failures).toEqual([]);
      expect(results).toHaveLength(calls.length);

      for (const b of companies) {
        // Two operations per fee: one event each, never two.
        const ops = await eventually(async () => {
          const page = ok(await gateways[0].gql(WritebackOperationsDocument, { companyId: b.id, status: null, first: 500, after: null })).writebackOperations;
          return page.nodes.every((o) => o.status === 'SUCCEEDED') && page;
        }, 120000, 'every operation to succeed');
        expect(ops.totalCount).toBe(2 * perCompany);
        const books = await sandbox.codat('GET', `/_sandbox/companies/${b.codatCompanyId}/books`);
        const references = books.directCosts.map((c: { reference?: string }) => c.reference?.split(' [')[0]).filter((r: string | undefined) => r?.startsWith('fee-'));
        expect(references.sort()).toEqual(Array.from({ length: perCompany }, (_, i) => `fee-${i}`).sort());
        const lines: { amount: number; balance: number }[] = books.bankAccounts.find((a: { id: string }) => a.id === b.lenderId).statementLines.filter((l: { reference?: string }) => l.reference?.startsWith('fee-'));
        expect(lines).toHaveLength(perCompany);
        // One running balance, with no gap or repeat: each line's balance follows from the previous one.
        let balance = 0;
        for (const line of lines) {
          balance = Math.round((balance + line.amount) * 100) / 100;
          expect(line.balance).toBeCloseTo(balance, 2);
        }
        expect(balance).toBeCloseTo(-(perCompany * (perCompany + 1)) / 2, 2);
      }
    } finally {
      await Promise.all(gateways.map((g) => stopGateway(g.proc)));
    }
  }, 240000);
});

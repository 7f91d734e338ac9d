import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AccountsDocument,
  BankAccountsDocument,
  ConfigureMappingDocument,
  RecordFeeDocument,
  RegisterCompanyDocument,
  SetWritebackEnabledDocument,
  SuppliersDocument,
  WritebackOperationsDocument,
} from '../generated/graphql';
import { daysAgo, eventually } from '../helpers/fixtures';
import { stopGateway } from '../helpers/gateway-process';
import { startGatewayProcess, startSandboxProcess } from '../helpers/remote';
import { createTestDatabase } from '../helpers/test-database';
import { ok, type GqlResult } from '../helpers/test-gateway';

type Gql = Awaited<ReturnType<typeof startGatewayProcess>>['gql'];

/** Two gateway processes recording into one database at the same time, each also running its worker. */
describe('recording from two gateway processes on one database', () => {
  let sandbox: Awaited<ReturnType<typeof startSandboxProcess>>;
  let dbUrl: string;
  let dropDb: () => Promise<void>;
  let tmp: string;

  beforeAll(async () => {
    sandbox = await startSandboxProcess();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-contention-'));
    const db = await createTestDatabase();
    dbUrl = db.url === 'sqlite::memory:' ? `sqlite:${path.join(tmp, 'gateway.sqlite')}` : db.url;
    dropDb = db.drop;
  });
  afterAll(async () => {
    await stopGateway(sandbox.proc);
    await dropDb();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function borrower(gql: Gql, name: string) {
    const company = await sandbox.codat('POST', '/companies', { name });
    const connection = await sandbox.codat('POST', `/companies/${company.id}/connections`, { platformKey: 'gbol' });
    const { registerCompany } = ok(await gql(RegisterCompanyDocument, {
      input: { name, externalRef: `ext-${company.id}`, provider: 'CODAT', providerCompanyId: company.id, providerConnectionId: connection.id, apiKey: null },
    }));
    const id = registerCompany.id;
    const banks = ok(await gql(BankAccountsDocument, { companyId: id, first: 100 })).bankAccounts.nodes.filter((b) => b.currency === 'GBP' && b.status !== 'ARCHIVED');
    const expense = ok(await gql(AccountsDocument, { companyId: id, type: 'EXPENSE', first: 100 })).accounts.nodes.find((a) => a.status === 'ACTIVE')!;
    const supplier = ok(await gql(SuppliersDocument, { companyId: id, search: null, first: 100 })).suppliers.nodes.find((s) => s.status === 'ACTIVE')!;
    ok(await gql(ConfigureMappingDocument, {
      companyId: id,
      input: { lenderBankAccountId: banks[1].id, designatedBankAccountId: banks[0].id, expenseAccountId: expense.id, lenderSupplierId: supplier.id },
    }));
    ok(await gql(SetWritebackEnabledDocument, { companyId: id, enabled: true, releaseHeld: null }));
    return { id, codatCompanyId: company.id as string, lenderId: banks[1].id };
  }

  it('answers every recording call, stores each event once and delivers it once', async () => {
    const gateways = await Promise.all([startGatewayProcess(dbUrl, sandbox.url), startGatewayProcess(dbUrl, sandbox.url)]);
    try {
      const companies = [await borrower(gateways[0].gql, 'Contention One Ltd'), await borrower(gateways[1].gql, 'Contention Two Ltd')];
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

import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import {
  AccountsDocument,
  BankAccountsDocument,
  ConfigureMappingDocument,
  CreateLenderBankAccountDocument,
  EnsureLenderSupplierDocument,
  RecordDisbursementDocument,
  RegisterCompanyDocument,
  SetWritebackEnabledDocument,
  WritebackOperationsDocument,
} from '../generated/graphql';
import { createSinaoSandbox, type SinaoSandboxStore } from '../../src/sandbox/sinao/sinao-sandbox';
import { daysAgo, eventually } from '../helpers/fixtures';
import { spawnGateway, stopGateway, waitForOutput, type GatewayProcess } from '../helpers/gateway-process';
import { remoteGql, sharedTestDatabase } from '../helpers/remote';
import { ADMIN_KEY, LENDER_NAME, SECRET_KEY, ok } from '../helpers/test-gateway';

type Gql = ReturnType<typeof remoteGql>;
type Tx = { id: number; amount: number; reconciliations: { type: string; id: number }[] };

/**
 * A gateway process killed (SIGKILL) in the middle of a Sinao write — after the transaction, before
 * or during its reconciliation — and another started on the same database: the books end with one
 * transaction, one reconciliation and one rule. The Sinao sandbox runs in the test's process, so
 * it outlives the gateways.
 */
describe('a Sinao write interrupted by a killed gateway', () => {
  let store: SinaoSandboxStore;
  let server: Server;
  let sinaoUrl: string;
  let dbUrl: string;
  let dropDb: () => Promise<void>;
  const arrivals: string[] = [];
  const running: GatewayProcess[] = [];

  beforeAll(async () => {
    const sandbox = createSinaoSandbox({ lenderName: LENDER_NAME });
    store = sandbox.store;
    const app = express();
    // Requests as they arrive, before any fault holds their answer back.
    app.use((req, _res, next) => {
      arrivals.push(`${req.method} ${req.path}`);
      next();
    });
    app.use(sandbox.router);
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    sinaoUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ({ url: dbUrl, drop: dropDb } = await sharedTestDatabase('wg-sinao-kill-'));
  }, 60_000);

  afterAll(async () => {
    for (const p of running) await stopGateway(p, 'SIGKILL');
    await new Promise((resolve) => server.close(resolve));
    await dropDb();
  });

  async function startGateway(): Promise<{ proc: GatewayProcess; gql: Gql }> {
    const proc = spawnGateway({
      NODE_ENV: 'test',
      PORT: '0',
      DATABASE_URL: dbUrl,
      GATEWAY_ADMIN_API_KEY: ADMIN_KEY,
      GATEWAY_SECRET_KEY: SECRET_KEY,
      LENDER_NAME,
      SANDBOX: 'false',
      SINAO_BASE_URL: sinaoUrl,
      // Unused here: no borrower of these tests is on Codat.
      CODAT_BASE_URL: 'http://127.0.0.1:9',
      CODAT_API_KEY: 'unused-codat-key',
      LOG_LEVEL: 'silent',
      WORKER_POLL_MS: '50',
      WORKER_LEASE_MS: '2000',
    });
    running.push(proc);
    const [, url] = await waitForOutput(proc, /ready at (http:\/\/localhost:\d+\/graphql)/, 60_000);
    return { proc, gql: remoteGql(url) };
  }

  /** A borrower mapped the way the settings page maps one: new lender cash account, its bank account, 627000, the lender organisation, 580000. */
  async function mappedBorrower(gql: Gql, name: string) {
    const app = store.createApp(name);
    const { key } = store.createApiKey(app.id, 'Writeback Gateway');
    const id = ok(await gql(RegisterCompanyDocument, { input: { name, externalRef: `sinao-kill-${app.id}`, connection: { sinao: { appId: String(app.id), apiKey: key } } } })).registerCompany.id;
    const lender = ok(await gql(CreateLenderBankAccountDocument, { companyId: id, input: { name: 'Acme Invoice Finance', currency: 'EUR' } })).createLenderBankAccount.bankAccount!;
    const designated = ok(await gql(BankAccountsDocument, { companyId: id, first: 100 })).bankAccounts.nodes.find((a) => a.id !== lender.id && a.status !== 'ARCHIVED')!;
    const accounts = ok(await gql(AccountsDocument, { companyId: id, type: null, first: 500 })).accounts.nodes;
    const supplier = ok(await gql(EnsureLenderSupplierDocument, { companyId: id, input: null })).ensureLenderSupplier.supplier!;
    ok(await gql(ConfigureMappingDocument, {
      companyId: id,
      input: {
        lenderBankAccountId: lender.id,
        designatedBankAccountId: designated.id,
        expenseAccountId: accounts.find((a) => a.nominalCode === '627000')!.id,
        lenderSupplierId: supplier.id,
        internalTransferAccountId: accounts.find((a) => a.nominalCode === '580000')!.id,
      },
    }));
    ok(await gql(SetWritebackEnabledDocument, { companyId: id, enabled: true, releaseHeld: null }));
    return { id, appId: app.id, lenderId: Number(lender.id) };
  }

  const lenderTransactions = (b: { appId: number; lenderId: number }): Tx[] => {
    const books = store.books(b.appId);
    return books.transactions
      .filter((tx) => tx.cashflow_source_id === b.lenderId && tx.deleted_at === null)
      .map((tx) => ({ id: tx.id, amount: tx.amount, reconciliations: books.links.filter((l) => l.parent.type === 'transaction' && l.parent.id === tx.id).map((l) => l.child) }));
  };

  it.each([
    // The rule check is the call between the two steps: held there, the reconciliation is not sent yet.
    ['after the transaction, before the reconciliation is sent', { method: 'GET', path: '/rules/' }, 0],
    // The sandbox writes before it holds the answer: the reconciliation is in the books, its answer never read.
    ['while the reconciliation is written but not yet answered', { method: 'POST', path: '/reconcile' }, 1],
  ])('ends with one transaction, one reconciliation and one rule when killed %s', async (_when, held, reconciledAtKill) => {
    const first = await startGateway();
    const b = await mappedBorrower(first.gql, `Menuiserie ${Math.random().toString(36).slice(2, 8)} SARL`);
    store.queueFault({ fault: 'SLOW_RESPONSE', delayMs: 10_000, count: 1, match: { method: held.method, pathIncludes: held.path, companyId: String(b.appId) } });
    const heldRequest = `${held.method} /apps/${b.appId}${held.path}`;
    const seen = arrivals.length;
    ok(await first.gql(RecordDisbursementDocument, { companyId: b.id, input: { externalId: 'adv-kill', amount: '800.00', currency: 'EUR', date: daysAgo(1), reference: 'ADV-KILL', invoiceId: null, description: null } }));
    await eventually(async () => arrivals.slice(seen).includes(heldRequest), 30_000, `${heldRequest} to arrive`);

    first.proc.child.kill('SIGKILL');
    await first.proc.exited;
    const atKill = lenderTransactions(b);
    expect(atKill.map((tx) => [tx.amount, tx.reconciliations.length])).toEqual([[-80000, reconciledAtKill]]);

    const second = await startGateway();
    try {
      const op = await eventually(async () => {
        const ops = ok(await second.gql(WritebackOperationsDocument, { companyId: b.id, status: null, first: 100, after: null })).writebackOperations.nodes;
        return ops.find((o) => o.kind === 'TRANSFER' && (o.status === 'SUCCEEDED' || o.status === 'FAILED'));
      }, 60_000, 'the advance to be delivered by the second gateway');
      expect(op.status).toBe('SUCCEEDED');
      const txs = lenderTransactions(b);
      expect(txs.map((tx) => [tx.amount, tx.reconciliations.length])).toEqual([[-80000, 1]]);
      expect(op.providerRecordIds).toEqual([String(txs[0].id)]);
      expect(store.books(b.appId).rules).toHaveLength(1);
    } finally {
      await stopGateway(second.proc);
    }
  }, 180_000);
});

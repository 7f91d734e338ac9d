import {
  AccountsDocument,
  BankAccountsDocument,
  ConfigureMappingDocument,
  CreateExpenseAccountDocument,
  CreateLenderBankAccountDocument,
  EnsureLenderSupplierDocument,
  IssueCompanyTokenDocument,
  RegisterCompanyDocument,
  SetWritebackEnabledDocument,
  WritebackOperationsDocument,
} from '../generated/graphql';
import { SANDBOX_CODAT_KEY } from '../../src/providers/codat/codat.settings';
import { borrowers } from './borrowers';
import type { SinaoProviderSandbox } from '../../src/providers/sinao/sinao.sandbox';
import { ok, type TestGateway } from './test-gateway';

/** A borrower created in the provider's sandbox the way a real one is, registered with the gateway, with a company token. */
export async function newBorrower(t: TestGateway, name = 'Brick Lane Bakery Ltd') {
  const created = await borrowers.create(t, name);
  const { registerCompany } = ok(await t.gql(RegisterCompanyDocument, { input: { name, externalRef: `borrower-${created.ref}`, ...created.registration } }));
  const { issueCompanyToken } = ok(await t.gql(IssueCompanyTokenDocument, { companyId: registerCompany.id, ttlSeconds: 3600 }));
  return { id: registerCompany.id, token: issueCompanyToken.token, ...created.ids };
}

/** Queues a fault in the provider's sandbox for the next matching requests or operations. */
export const injectFault = (t: TestGateway, fault: Record<string, unknown>) => borrowers.injectFault(t, fault);

export const clearFaults = (t: TestGateway) => borrowers.clearFaults(t);

/** The sandbox's view of a borrower's books, by the provider's id for them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const books = (t: TestGateway, ref: string): Promise<any> => borrowers.books(t, ref);

/** Polls until `check` returns a value, failing after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 15000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Writes straight into the borrower's books through the sandbox's Codat API, as another app would, and waits for it. */
export async function codatPush(t: TestGateway, b: { codatCompanyId: string; codatConnectionId: string }, dataType: string, body: object): Promise<string> {
  const auth = `Basic ${Buffer.from(SANDBOX_CODAT_KEY).toString('base64')}`;
  const base = `/sandbox/codat/companies/${b.codatCompanyId}`;
  const pushed = await t.http.post(`${base}/connections/${b.codatConnectionId}/push/${dataType}`).set('authorization', auth).send(body);
  if (pushed.status !== 200) throw new Error(`push ${dataType}: ${pushed.status} ${JSON.stringify(pushed.body)}`);
  const done = await eventually(async () => {
    const op = await t.http.get(`${base}/push/${pushed.body.pushOperationKey}`).set('authorization', auth);
    return op.body.status !== 'Pending' && op.body;
  });
  if (done.status !== 'Success') throw new Error(`push ${dataType} ended ${done.status}: ${JSON.stringify(done.validation)}`);
  return done.changes[0].recordRef.id as string;
}

/** A borrower with a complete mapping (created lender account, current account, a new fee account, the lender supplier). */
export async function mappedBorrower(t: TestGateway, opts: { name?: string; enabled?: boolean } = {}) {
  const b = await newBorrower(t, opts.name ?? `Mapped Borrower ${Math.random().toString(36).slice(2, 8)} Ltd`);
  const lender = ok(await t.gql(CreateLenderBankAccountDocument, {
    companyId: b.id,
    input: { name: 'Acme Invoice Finance', currency: 'GBP', sortCode: '404784', accountNumber: '70872490' },
  })).createLenderBankAccount.bankAccount!;
  const banks = ok(await t.gql(BankAccountsDocument, { companyId: b.id, first: 100 })).bankAccounts.nodes;
  const designated = banks.find((a) => a.currency === 'GBP' && a.id !== lender.id && a.status !== 'ARCHIVED' && !/saving/i.test(a.name))!;
  const expense = ok(await t.gql(CreateExpenseAccountDocument, { companyId: b.id, input: { name: 'Invoice finance fees', nominalCode: '4790' } })).createExpenseAccount.account!;
  const supplier = ok(await t.gql(EnsureLenderSupplierDocument, { companyId: b.id, input: null })).ensureLenderSupplier.supplier!;
  ok(await t.gql(ConfigureMappingDocument, {
    companyId: b.id,
    input: { lenderBankAccountId: lender.id, designatedBankAccountId: designated.id, expenseAccountId: expense.id, lenderSupplierId: supplier.id },
  }));
  if (opts.enabled !== false) ok(await t.gql(SetWritebackEnabledDocument, { companyId: b.id, enabled: true, releaseHeld: null }));
  return { ...b, lenderId: lender.id, designatedId: designated.id, expenseId: expense.id, supplierId: supplier.id };
}

/** Waits until every write of the company is settled (none HELD, PENDING or IN_PROGRESS) and returns them. */
export async function settled(t: TestGateway, companyId: string, timeoutMs = 30000) {
  return eventually(async () => {
    const ops = ok(await t.gql(WritebackOperationsDocument, { companyId, status: null, first: 500, after: null })).writebackOperations.nodes;
    return ops.every((o) => o.status === 'SUCCEEDED' || o.status === 'FAILED') && ops;
  }, timeoutMs, 'all write-back operations to settle');
}

export const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** The embedded Sinao sandbox of a test gateway. */
export function sinaoSandboxOf(t: TestGateway): SinaoProviderSandbox {
  return t.gw.sandboxes.get('SINAO') as SinaoProviderSandbox;
}

/** A borrower set up in the Sinao sandbox the way a real one is (an application and an API key of it), registered with the gateway. */
export async function newSinaoBorrower(t: TestGateway, name = 'Boulangerie Durand SARL') {
  const store = sinaoSandboxOf(t).store;
  const app = store.createApp(name);
  const { key } = store.createApiKey(app.id, 'Writeback Gateway');
  const { registerCompany } = ok(
    await t.gql(RegisterCompanyDocument, { input: { name, externalRef: `sinao-${app.id}`, connection: { sinao: { appId: String(app.id), apiKey: key } } } }),
  );
  const { issueCompanyToken } = ok(await t.gql(IssueCompanyTokenDocument, { companyId: registerCompany.id, ttlSeconds: 3600 }));
  return { id: registerCompany.id, appId: app.id, token: issueCompanyToken.token, tenantName: registerCompany.connection.tenantName };
}

/**
 * A Sinao borrower with a complete mapping: a new lender cash account, the real bank account, the
 * seeded bank-charges account, the lender organisation and the internal-transfer account (class 58).
 */
export async function mappedSinaoBorrower(t: TestGateway, opts: { name?: string; enabled?: boolean } = {}) {
  const b = await newSinaoBorrower(t, opts.name);
  const lender = ok(await t.gql(CreateLenderBankAccountDocument, { companyId: b.id, input: { name: 'Acme Invoice Finance', currency: 'EUR' } })).createLenderBankAccount.bankAccount!;
  const banks = ok(await t.gql(BankAccountsDocument, { companyId: b.id, first: 100 })).bankAccounts.nodes;
  const designated = banks.find((a) => a.id !== lender.id && a.status !== 'ARCHIVED')!;
  const accounts = ok(await t.gql(AccountsDocument, { companyId: b.id, type: null, first: 500 })).accounts.nodes;
  const expense = accounts.find((a) => a.nominalCode === '627000')!;
  const transfer = accounts.find((a) => a.nominalCode?.startsWith('58'))!;
  const supplier = ok(await t.gql(EnsureLenderSupplierDocument, { companyId: b.id, input: null })).ensureLenderSupplier.supplier!;
  ok(await t.gql(ConfigureMappingDocument, {
    companyId: b.id,
    input: { lenderBankAccountId: lender.id, designatedBankAccountId: designated.id, expenseAccountId: expense.id, lenderSupplierId: supplier.id, internalTransferAccountId: transfer.id },
  }));
  if (opts.enabled !== false) ok(await t.gql(SetWritebackEnabledDocument, { companyId: b.id, enabled: true, releaseHeld: null }));
  return { ...b, lenderId: lender.id, designatedId: designated.id, expenseId: expense.id, supplierId: supplier.id, transferId: transfer.id };
}

/** The Sinao sandbox's view of an application's books. */
export async function sinaoBooks(t: TestGateway, appId: number) {
  const res = await t.http.get(`/sandbox/sinao/_sandbox/apps/${appId}/books`);
  if (res.status !== 200) throw new Error(`books: ${res.status}`);
  return res.body;
}

/** Queues a fault in the Sinao sandbox for the next matching requests. */
export async function injectSinaoFault(t: TestGateway, fault: Record<string, unknown>): Promise<void> {
  const res = await t.http.post('/sandbox/sinao/_sandbox/faults').send(fault);
  if (res.status >= 300) throw new Error(`fault injection failed: ${res.status} ${JSON.stringify(res.body)}`);
}

import { codat } from '../../../src/providers/codat/codat.provider';
import { SANDBOX_CODAT_KEY } from '../../../src/providers/codat/codat.settings';
import { BankAccountsDocument, CreateExpenseAccountDocument, CreateLenderBankAccountDocument, EnsureLenderSupplierDocument, WritebackOperationDocument } from '../../generated/graphql';
import { ok, type TestGateway } from '../test-gateway';
import { markersIn, sandboxFaults, type SandboxFaultTable, type BookEntry, type BorrowerFixture } from './borrower-fixture';

const BASE = '/sandbox/codat';
const ADMIN = `${BASE}/_sandbox`;

/** The Codat requests that make each targeted write. */
const WRITES: SandboxFaultTable['writes'] = {
  fee: { method: 'POST', pathIncludes: '/push/directCosts' },
  'last-answer': { method: 'GET', pathIncludes: '/push/' },
  'expense-account': { method: 'POST', pathIncludes: '/push/accounts' },
  'lender-account': { method: 'POST', pathIncludes: '/push/bankAccounts' },
};

const KINDS: SandboxFaultTable['kinds'] = {
  RATE_LIMIT: { fault: 'RATE_LIMIT' },
  SERVER_ERROR: { fault: 'SERVER_ERROR' },
  LOST_RESPONSE: { fault: 'LOSE_RESPONSE' },
  LOST_REQUEST: { fault: 'LOSE_RESPONSE', applied: false },
  SLOW_RESPONSE: { fault: 'SLOW_RESPONSE' },
  REJECTED: { fault: 'FAIL' },
  STAY_PENDING: { fault: 'STAY_PENDING' },
  TIMED_OUT_LANDED: { fault: 'TIME_OUT', applied: true },
  TIMED_OUT_NOT_LANDED: { fault: 'TIME_OUT', applied: false },
};

type Row = { id: string; description?: string | null; reference?: string | null; note?: string | null; totalAmount?: number; amount?: number };

/** Borrowers in the embedded Codat sandbox: a Codat company with an accounting (Xero) connection, its books in GBP. */
export const codatBorrowers: BorrowerFixture<{ codatCompanyId: string; codatConnectionId: string }> = {
  provider: 'Codat',
  code: 'CODAT',
  capabilities: codat.capabilities,
  currency: 'GBP',
  otherCurrency: 'EUR',
  connectionKeyField: 'connection.codat.connectionId',
  seeded: { archivedAccounts: true, archivedSuppliers: true, bankAccountInOtherCurrency: true },
  expenseCode: (n) => `479${n}`,

  async create(t, name, opts = {}) {
    const store = t.sandbox.store;
    const company = store.createCompany(name);
    const connection = store.addAccountingConnection(company.id, {});
    const apiKey = opts.ownKey ? SANDBOX_CODAT_KEY : null;
    return {
      ref: company.id,
      registration: { connection: { codat: { companyId: company.id, connectionId: connection.id, apiKey } } },
      secret: apiKey,
      ids: { codatCompanyId: company.id as string, codatConnectionId: connection.id as string },
    };
  },

  /** A new lender account, the GBP current account, a new fee account and the lender supplier. */
  async mapping(t, companyId) {
    const lender = { id: await recordOf(t, ok(await t.gql(CreateLenderBankAccountDocument, {
      companyId,
      input: { name: 'Acme Invoice Finance', currency: 'GBP', sortCode: '404784', accountNumber: '70872490' },
    })).createLenderBankAccount, 'bankAccount') };
    const banks = ok(await t.gql(BankAccountsDocument, { companyId, first: 100 })).bankAccounts.nodes;
    const designated = banks.find((a) => a.currency === 'GBP' && a.id !== lender.id && a.status !== 'ARCHIVED' && !/saving/i.test(a.name))!;
    const expense = { id: await recordOf(t, ok(await t.gql(CreateExpenseAccountDocument, { companyId, input: { name: 'Invoice finance fees', nominalCode: '4790' } })).createExpenseAccount, 'account') };
    const supplier = { id: await recordOf(t, ok(await t.gql(EnsureLenderSupplierDocument, { companyId, input: null })).ensureLenderSupplier, 'supplier') };
    return { lenderBankAccountId: lender.id, designatedBankAccountId: designated.id, expenseAccountId: expense.id, lenderSupplierId: supplier.id };
  },

  async books(t, ref) {
    const res = await t.http.get(`${ADMIN}/companies/${ref}/books`);
    if (res.status !== 200) throw new Error(`books: ${res.status}`);
    return res.body;
  },

  /** Transfers carry the marker in their description; spend money, receive money and payments in their reference or note. */
  async entries(t, ref) {
    const books = (await this.books(t, ref)) as Record<string, Row[]>;
    const entries: BookEntry[] = [];
    const add = (r: Row, markers: string[], amount: number | undefined) => {
      if (markers.length) entries.push({ id: r.id, markers, amountMinor: Math.round(Math.abs(amount ?? 0) * 100), whole: true });
    };
    for (const r of books.transfers ?? []) add(r, markersIn(r.description), (r as { from?: { amount?: number } }).from?.amount);
    for (const r of [...(books.directCosts ?? []), ...(books.directIncomes ?? [])]) add(r, markersIn(r.reference, r.note), r.totalAmount);
    for (const r of books.payments ?? []) add(r, markersIn(r.reference, r.note), r.totalAmount);
    return entries;
  },

  async addExpenseAccount(t, b, input) {
    return codatPush(t, b.ids, 'accounts', { nominalCode: input.code, name: input.name, fullyQualifiedCategory: 'Expense.Expense' });
  },

  ...sandboxFaults({ provider: 'Codat', base: BASE, kinds: KINDS, writes: WRITES }),
};

/** The id of a record a mutation created, waiting for its operation when Codat was slower than the gateway's wait. */
async function recordOf<K extends string>(t: TestGateway, answer: Record<K, { id: string } | null | undefined> & { operation?: { id: string } | null }, field: K): Promise<string> {
  const record = answer[field];
  if (record) return record.id;
  if (!answer.operation) throw new Error(`no ${field} and no operation`);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const op = ok(await t.gql(WritebackOperationDocument, { id: answer.operation!.id })).writebackOperation;
    if (op.status === 'SUCCEEDED') return op.providerRecordIds[0];
    if (op.status === 'FAILED' || Date.now() > deadline) throw new Error(`creating the ${field} ended ${op.status}: ${op.lastError}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Writes straight into the borrower's books through the sandbox's Codat API, as another app would, and waits for it. */
export async function codatPush(t: TestGateway, b: { codatCompanyId: string; codatConnectionId: string }, dataType: string, body: object): Promise<string> {
  const auth = `Basic ${Buffer.from(SANDBOX_CODAT_KEY).toString('base64')}`;
  const base = `${BASE}/companies/${b.codatCompanyId}`;
  const pushed = await t.http.post(`${base}/connections/${b.codatConnectionId}/push/${dataType}`).set('authorization', auth).send(body);
  if (pushed.status !== 200) throw new Error(`push ${dataType}: ${pushed.status} ${JSON.stringify(pushed.body)}`);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const op = await t.http.get(`${base}/push/${pushed.body.pushOperationKey}`).set('authorization', auth);
    if (op.body.status !== 'Pending') {
      if (op.body.status !== 'Success') throw new Error(`push ${dataType} ended ${op.body.status}: ${JSON.stringify(op.body.validation)}`);
      return op.body.changes[0].recordRef.id as string;
    }
    if (Date.now() > deadline) throw new Error(`push ${dataType} still pending`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

import { sinao } from '../../../src/providers/sinao/sinao.provider';
import type { SinaoProviderSandbox } from '../../../src/providers/sinao/sinao.sandbox';
import { AccountsDocument, BankAccountsDocument, CreateLenderBankAccountDocument, EnsureLenderSupplierDocument } from '../../generated/graphql';
import { ok, type TestGateway } from '../test-gateway';
import { markersIn, sandboxFaults, type SandboxFaultTable, type BorrowerFixture } from './borrower-fixture';

const BASE = '/sandbox/sinao';
const ADMIN = `${BASE}/_sandbox`;

/** The Sinao requests that make each targeted write: an entry is a transaction, then its reconciliation. */
const WRITES: SandboxFaultTable['writes'] = {
  fee: { method: 'POST', pathIncludes: '/transactions/' },
  'second-step': { method: 'POST', pathIncludes: '/reconcile' },
  'last-answer': { method: 'POST', pathIncludes: '/reconcile' },
  'expense-account': { method: 'POST', pathIncludes: '/accounts/' },
  'lender-account': { method: 'POST', pathIncludes: '/cashflowsources/' },
};

/** Sinao's writes are synchronous and it has no validation fault to inject: only the exchange's faults. */
const KINDS: SandboxFaultTable['kinds'] = {
  RATE_LIMIT: { fault: 'RATE_LIMIT' },
  SERVER_ERROR: { fault: 'SERVER_ERROR' },
  SERVER_ERROR_AFTER_WRITE: { fault: 'SERVER_ERROR', applied: true },
  LOST_RESPONSE: { fault: 'LOSE_RESPONSE' },
  LOST_REQUEST: { fault: 'LOSE_RESPONSE', applied: false },
  SLOW_RESPONSE: { fault: 'SLOW_RESPONSE' },
};

type Tx = { id: number; amount: number; details: string | null; reconciliations: { amount: number }[] };
type SinaoBooks = { cashflowSources: { id: number; transactions: Tx[] }[] };

/** The embedded Sinao sandbox of a test gateway. */
export function sinaoSandboxOf(t: TestGateway): SinaoProviderSandbox {
  return t.gw.sandboxes.get('SINAO') as SinaoProviderSandbox;
}

/**
 * Borrowers in the embedded Sinao sandbox: an application with the seeded French demo company (EUR)
 * and an API key of it, set up the way a real borrower does.
 */
export const sinaoBorrowers: BorrowerFixture<{ appId: number; apiKey: string }> = {
  provider: 'Sinao',
  code: 'SINAO',
  capabilities: sinao.capabilities,
  currency: 'EUR',
  otherCurrency: 'GBP',
  connectionKeyField: 'connection.sinao.appId',
  seeded: { archivedAccounts: false, archivedSuppliers: false, bankAccountInOtherCurrency: false },
  // Class 6 of the plan comptable général: 6278xx sits beside the seeded bank charges (627000).
  expenseCode: (n) => `62780${n}`,

  async create(t, name) {
    const store = sinaoSandboxOf(t).store;
    const app = store.createApp(name);
    const { key } = store.createApiKey(app.id, 'Writeback Gateway');
    return {
      ref: String(app.id),
      registration: { connection: { sinao: { appId: String(app.id), apiKey: key } } },
      secret: key,
      ids: { appId: app.id, apiKey: key },
    };
  },

  /** A new lender cash account, the real bank account, the seeded bank-charges account, the lender organisation and the internal-transfer account (class 58). */
  async mapping(t, companyId) {
    const lender = ok(await t.gql(CreateLenderBankAccountDocument, { companyId, input: { name: 'Acme Invoice Finance', currency: 'EUR' } })).createLenderBankAccount.bankAccount!;
    const banks = ok(await t.gql(BankAccountsDocument, { companyId, first: 100 })).bankAccounts.nodes;
    const designated = banks.find((a) => a.id !== lender.id && a.status !== 'ARCHIVED')!;
    const accounts = ok(await t.gql(AccountsDocument, { companyId, type: null, first: 500 })).accounts.nodes;
    const expense = accounts.find((a) => a.nominalCode === '627000')!;
    const transfer = accounts.find((a) => a.nominalCode?.startsWith('58'))!;
    const supplier = ok(await t.gql(EnsureLenderSupplierDocument, { companyId, input: null })).ensureLenderSupplier.supplier!;
    return { lenderBankAccountId: lender.id, designatedBankAccountId: designated.id, expenseAccountId: expense.id, lenderSupplierId: supplier.id, internalTransferAccountId: transfer.id };
  },

  async books(t, ref) {
    const res = await t.http.get(`${ADMIN}/apps/${ref}/books`);
    if (res.status !== 200) throw new Error(`books: ${res.status}`);
    return res.body;
  },

  /** Every entry is a transaction of a cash-flow source, its marker in `details`, whole once reconciled once for its amount. */
  async entries(t, ref) {
    const books = (await this.books(t, ref)) as SinaoBooks;
    return books.cashflowSources.flatMap((s) => s.transactions)
      .map((tx) => ({
        id: String(tx.id),
        markers: markersIn(tx.details),
        amountMinor: Math.abs(tx.amount),
        whole: tx.reconciliations.length === 1 && tx.reconciliations[0].amount === Math.abs(tx.amount),
      }))
      .filter((e) => e.markers.length > 0);
  },

  async addExpenseAccount(t, b, input) {
    const res = await t.http.post(`${BASE}/apps/${b.ids.appId}/accounts/`).set('Api-Key', b.ids.apiKey)
      .send({ accounting_number: input.code, name: input.name, is_purchase: true });
    if (res.status !== 200) throw new Error(`account: ${res.status} ${JSON.stringify(res.body)}`);
    return String(res.body.id);
  },

  ...sandboxFaults({ provider: 'Sinao', base: BASE, kinds: KINDS, writes: WRITES }),
};

import { randomUUID } from 'crypto';
import { xero } from '../../../src/providers/xero/xero.provider';
import type { XeroProviderSandbox } from '../../../src/providers/xero/xero.sandbox';
import { completeXeroConsent } from '../../../src/sandbox/xero/consent-script';
import { createAccount } from '../../../src/sandbox/xero-books';
import { BankAccountsDocument, CreateExpenseAccountDocument, CreateLenderBankAccountDocument, EnsureLenderSupplierDocument } from '../../generated/graphql';
import { CompanyConnectionDocument, StartXeroConnectionDocument } from '../../providers/xero-borrower';
import { ok, type TestGateway } from '../test-gateway';
import { markersIn, sandboxFaults, type SandboxFaultTable, type BookEntry, type BorrowerFixture } from './borrower-fixture';

const BASE = '/sandbox/xero';
const ADMIN = `${BASE}/_sandbox`;

/**
 * The Accounting API requests that make each targeted write (paths as the sandbox's fault queue
 * sees them, under `/api.xro/2.0`). Every write is one synchronous PUT, so its own answer is the
 * last one; accounts, bank or expense, are both `PUT /Accounts`.
 */
const WRITES: SandboxFaultTable['writes'] = {
  fee: { method: 'PUT', pathIncludes: '/BankTransactions' },
  'last-answer': { method: 'PUT', pathIncludes: '/' },
  'expense-account': { method: 'PUT', pathIncludes: '/Accounts' },
  'lender-account': { method: 'PUT', pathIncludes: '/Accounts' },
};

/** The exchange's faults and a validation refusal; the sandbox's writes are synchronous. */
const KINDS: SandboxFaultTable['kinds'] = {
  RATE_LIMIT: { fault: 'RATE_LIMIT' },
  SERVER_ERROR: { fault: 'SERVER_ERROR' },
  SERVER_ERROR_AFTER_WRITE: { fault: 'SERVER_ERROR', applied: true },
  LOST_RESPONSE: { fault: 'LOSE_RESPONSE' },
  LOST_REQUEST: { fault: 'LOSE_RESPONSE', applied: false },
  SLOW_RESPONSE: { fault: 'SLOW_RESPONSE' },
  REJECTED: { fault: 'VALIDATION_ERROR' },
};

type Shown = { Reference?: string | null; Amount?: number; Total?: number; Type?: string };
type XeroBooks = {
  bankTransfers: (Shown & { BankTransferID: string })[];
  bankTransactions: (Shown & { BankTransactionID: string })[];
  payments: (Shown & { PaymentID: string })[];
};

/** The embedded Xero sandbox of a test gateway. */
export function xeroSandboxOf(t: TestGateway): XeroProviderSandbox {
  return t.gw.sandboxes.get('XERO') as XeroProviderSandbox;
}

/**
 * Borrowers in the embedded Xero sandbox: an organisation of the sandbox's user (a UK business in
 * GBP, seeded like the demo one), registered pending authorisation and connected through the
 * consent flow, as a borrower does from the settings page.
 */
export const xeroBorrowers: BorrowerFixture<{ tenantId: string }> = {
  provider: 'Xero',
  code: 'XERO',
  capabilities: xero.capabilities,
  currency: 'GBP',
  otherCurrency: 'EUR',
  connectionKeyField: 'connection.xero.tenantId',
  // The books hold an archived contact, but the gateway lists only a Xero organisation's active contacts.
  seeded: { archivedAccounts: true, archivedSuppliers: false, bankAccountInOtherCurrency: false },
  expenseCode: (n) => `479${n}`,

  // A tenant id of its own, so that borrowers of the same name are different organisations.
  async create(t, name) {
    const organisation = xeroSandboxOf(t).store.addOrganisation({ name, tenantId: randomUUID() });
    return {
      ref: organisation.tenantId,
      registration: { connection: { xero: {} } },
      secret: null,
      ids: { tenantId: organisation.tenantId },
      sameBooks: { connection: { xero: { tenantId: organisation.tenantId } } },
    };
  },

  /** The borrower grants their organisation on the sandbox's consent page; the gateway's callback answers 200. */
  async connect(t, companyId, b) {
    const { authorisationUrl } = ok(await t.gql(StartXeroConnectionDocument, { companyId })).startXeroConnection;
    const callback = await completeXeroConsent(authorisationUrl, { choose: (orgs) => orgs.filter((o) => o.tenantId === b.ref).map((o) => o.tenantId) });
    const page = await fetch(callback, { redirect: 'manual' });
    if (page.status !== 200) throw new Error(`The Xero callback answered ${page.status}: ${await page.text()}`);
    return ok(await t.gql(CompanyConnectionDocument, { id: companyId })).company.connection;
  },

  /** The lender account created as a BANK account, the current account, a new fee account and the lender contact. */
  async mapping(t, companyId) {
    const lender = ok(await t.gql(CreateLenderBankAccountDocument, {
      companyId, input: { name: 'Acme Invoice Finance', currency: 'GBP', sortCode: '404784', accountNumber: '70872490' },
    })).createLenderBankAccount.bankAccount!;
    const banks = ok(await t.gql(BankAccountsDocument, { companyId, first: 100 })).bankAccounts.nodes;
    const designated = banks.find((a) => a.currency === 'GBP' && a.id !== lender.id && a.status !== 'ARCHIVED' && !/saving/i.test(a.name))!;
    const expense = ok(await t.gql(CreateExpenseAccountDocument, { companyId, input: { name: 'Invoice finance fees', nominalCode: '4790' } })).createExpenseAccount.account!;
    const supplier = ok(await t.gql(EnsureLenderSupplierDocument, { companyId, input: null })).ensureLenderSupplier.supplier!;
    return { lenderBankAccountId: lender.id, designatedBankAccountId: designated.id, expenseAccountId: expense.id, lenderSupplierId: supplier.id };
  },

  async books(t, ref) {
    const res = await t.http.get(`${ADMIN}/organisations/${ref}/books`);
    if (res.status !== 200) throw new Error(`books: ${res.status}`);
    return res.body;
  },

  /** Transfers, spend and receive money, and payments carry the marker in their Reference; a transfer's two legs are one entry. */
  async entries(t, ref) {
    const books = (await this.books(t, ref)) as XeroBooks;
    const entries: BookEntry[] = [];
    const add = (id: string, r: Shown, amount: number | undefined) => {
      const markers = markersIn(r.Reference);
      if (markers.length) entries.push({ id, markers, amountMinor: Math.round(Math.abs(amount ?? 0) * 100), whole: true });
    };
    for (const r of books.bankTransfers) add(r.BankTransferID, r, r.Amount);
    for (const r of books.bankTransactions.filter((tx) => !tx.Type?.endsWith('-TRANSFER'))) add(r.BankTransactionID, r, r.Total);
    for (const r of books.payments) add(r.PaymentID, r, r.Amount);
    return entries;
  },

  /** Another application's account, straight into the organisation's books. */
  async addExpenseAccount(t, b, input) {
    const outcome = createAccount(xeroSandboxOf(t).books.books(b.ref), { Name: input.name, Code: input.code, Type: 'EXPENSE' });
    if (!outcome.ok) throw new Error(`account: ${outcome.messages.join('; ')}`);
    return outcome.record.accountId;
  },

  ...sandboxFaults({ provider: 'Xero', base: BASE, kinds: KINDS, writes: WRITES }),
};

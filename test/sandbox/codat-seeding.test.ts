import { CodatSandboxStore } from '../../src/sandbox/codat/codat-sandbox';
import { lenderSpellingVariant, lookalikeFinanceCompany } from '../../src/sandbox/codat/lender-names';
import { LENDER_NAME } from './sandbox-test-kit';

const COMPANY_ID = '8a210b68-6988-11ed-a1eb-0242ac120002';

function seeded(companyId = COMPANY_ID, lenderName = LENDER_NAME) {
  const store = new CodatSandboxStore({ lenderName });
  store.createCompany('Brick Lane Bakery Ltd', companyId);
  const connection = store.addAccountingConnection(companyId);
  return { store, connection, books: store.books(companyId) };
}

const ids = (books: ReturnType<typeof seeded>['books']) => ({
  bankAccounts: books.bankAccounts.map((b) => b.id),
  accounts: books.accounts.map((a) => a.id),
  suppliers: books.suppliers.map((s) => s.id),
  customers: books.customers.map((c) => c.id),
  invoices: books.invoices.map((i) => i.id),
  payments: books.payments.map((p) => p.id),
  transfers: books.transfers.map((t) => t.id),
  directCosts: books.directCosts.map((d) => d.id),
  statementLines: books.bankAccounts.flatMap((b) => b.statementLines.map((l) => l.id)),
});

describe('Codat sandbox: seeded books', () => {
  it('gives the same record ids to the same company id, as after a restart', () => {
    const first = seeded();
    const second = seeded();
    expect(ids(second.books)).toEqual(ids(first.books));
    expect(second.connection.id).toBe(first.connection.id);
    // Bank accounts share their id with their chart-of-accounts entry; nothing else repeats.
    const { bankAccounts: _banks, ...rest } = ids(first.books);
    const all = Object.values(rest).flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it('gives other ids to another company', () => {
    const other = seeded('f9b2c7e1-1d5e-4a6b-9a51-3c1f0b2d4e6f');
    expect(new Set([...ids(other.books).accounts, ...ids(seeded().books).accounts]).size).toBe(2 * other.books.accounts.length);
  });

  it('keeps a given connection id, so a stored connection survives a restart', () => {
    const store = new CodatSandboxStore({ lenderName: LENDER_NAME });
    store.createCompany('Demo Borrower Ltd', COMPANY_ID);
    expect(store.addAccountingConnection(COMPANY_ID, { id: '2e9d2c44-f675-40ba-8049-353bfcb5e171' }).id).toBe('2e9d2c44-f675-40ba-8049-353bfcb5e171');
    expect(store.hasCompany(COMPANY_ID)).toBe(true);
    expect(() => store.createCompany('Again', COMPANY_ID)).toThrow();
  });

  it('is a UK Xero business: GBP bank accounts with identifiers, a EUR one, an archived one, each in the chart', () => {
    const { books } = seeded();
    expect(books.bankAccounts.length).toBeGreaterThanOrEqual(3);
    expect(books.bankAccounts.filter((b) => b.currency === 'GBP' && b.status === 'Active').every((b) => /^\d{6}$/.test(b.sortCode!) && b.accountNumber)).toBe(true);
    expect(books.bankAccounts.some((b) => b.currency === 'EUR')).toBe(true);
    expect(books.bankAccounts.filter((b) => b.status === 'Archived')).toHaveLength(1);
    for (const bank of books.bankAccounts) {
      expect(books.accounts.find((a) => a.id === bank.id)).toMatchObject({ isBankAccount: true, fullyQualifiedCategory: 'Asset.Bank', name: bank.accountName });
    }
    for (const bank of books.bankAccounts.filter((b) => b.statementLines.length)) expect(bank.statementBalance).toBe(bank.balance);
  });

  it('has a chart across every account type with at least 8 expense accounts, one archived', () => {
    const { books } = seeded();
    expect(books.accounts.length).toBeGreaterThanOrEqual(25);
    expect(new Set(books.accounts.map((a) => a.type))).toEqual(new Set(['Asset', 'Liability', 'Equity', 'Income', 'Expense']));
    const expenses = books.accounts.filter((a) => a.type === 'Expense');
    expect(expenses.length).toBeGreaterThanOrEqual(8);
    expect(expenses.filter((a) => a.status === 'Archived')).toHaveLength(1);
    expect(expenses.map((a) => a.name)).toEqual(expect.arrayContaining(['Bank Fees', 'Interest Paid', 'Office Expenses']));
    const codes = books.accounts.map((a) => a.nominalCode);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('lists the lender under a spelling variant, a look-alike finance company, and an archived supplier', () => {
    const { books } = seeded();
    const names = books.suppliers.map((s) => s.supplierName);
    expect(books.suppliers.length).toBeGreaterThanOrEqual(8);
    expect(names).toContain('ACME INVOICE FINANCE LIMITED');
    expect(names).toContain('Acme Factoring Services');
    expect(names).not.toContain(LENDER_NAME);
    expect(books.suppliers.filter((s) => s.status === 'Archived')).toHaveLength(1);
  });

  it('has recent invoices: open ones including exactly £1,000.00 due, part-paid, paid, draft and void', () => {
    const { books } = seeded();
    const byStatus = (status: string) => books.invoices.filter((i) => i.status === status);
    expect(byStatus('Submitted').length).toBeGreaterThanOrEqual(3);
    expect(byStatus('Submitted').every((i) => i.amountDue === i.totalAmount)).toBe(true);
    expect(byStatus('Submitted').some((i) => i.amountDue === 1000 && i.currency === 'GBP')).toBe(true);
    expect(byStatus('PartiallyPaid')).toEqual([expect.objectContaining({ amountDue: 1600, totalAmount: 3600 })]);
    expect(byStatus('Paid').length).toBeGreaterThanOrEqual(2);
    expect(byStatus('Paid').every((i) => i.amountDue === 0)).toBe(true);
    expect(byStatus('Draft')).toHaveLength(1);
    expect(byStatus('Void')).toHaveLength(1);
    const oldest = Math.min(...books.invoices.map((i) => Date.parse(`${String(i.issueDate).slice(0, 10)}T00:00:00Z`)));
    expect(Date.now() - oldest).toBeLessThan(180 * 24 * 3600 * 1000);
    expect(books.invoices.every((i) => books.customers.some((c) => c.id === i.customerRef.id))).toBe(true);
  });

  it('has no books before an accounting connection, and none from a banking one', () => {
    const store = new CodatSandboxStore({ lenderName: LENDER_NAME });
    store.createCompany('Bank Only Ltd', COMPANY_ID);
    store.addConnection(COMPANY_ID, { platformName: 'Basiq', sourceType: 'Banking' });
    expect(store.liveBooks(COMPANY_ID)).toBeUndefined();
    expect(() => store.books(COMPANY_ID)).toThrow(/no accounting connection/);
  });
});

describe('lender name variants', () => {
  it.each([
    ['Acme Invoice Finance Ltd', 'ACME INVOICE FINANCE LIMITED'],
    ['Acme Invoice Finance Ltd.', 'ACME INVOICE FINANCE LIMITED'],
    ['Bank of Dave Limited', 'BANK OF DAVE LTD'],
    ['Close Brothers', 'CLOSE BROTHERS LTD'],
    ['Smith & Williamson PLC', 'SMITH AND WILLIAMSON P.L.C.'],
    ['Hay, Wain and Co', 'HAY WAIN & CO LTD'],
  ])('%s is seeded as %s', (lender, variant) => {
    expect(lenderSpellingVariant(lender)).toBe(variant);
  });

  it.each([
    ['Acme Invoice Finance Ltd', 'Acme Factoring Services'],
    ['The Bank of Dave', 'Bank Factoring Services'],
    ['Zenith Factoring Services Ltd', 'Zenith Asset Finance Partners'],
  ])('the look-alike of %s is %s', (lender, lookalike) => {
    expect(lookalikeFinanceCompany(lender)).toBe(lookalike);
  });
});

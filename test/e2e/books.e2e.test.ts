import { AccountsDocument, BankAccountsDocument, EverythingDocument, InvoicesDocument, SuppliersDocument } from '../generated/graphql';
import { LENDER_NAME, ok, useTestGateway } from '../helpers/test-gateway';

describe("reading the borrower's books through the Codat sandbox", () => {
  const t = useTestGateway();
  let companyId: string;

  beforeAll(async () => {
    companyId = t.gw.demoCompanyId!;
  });
  beforeEach(() => {
    t.sandbox.store.settings.maxPageSize = 5000;
    t.sandbox.store.clearRequestLog();
  });

  const codatCalls = (fragment: string) => t.sandbox.store.requestLog.filter((r: { method: string; path: string }) => r.method === 'GET' && r.path.includes(fragment));

  it('follows every Codat page of the chart of accounts and the suppliers', async () => {
    const whole = ok(await t.gql(AccountsDocument, { companyId, type: null, first: 500 })).accounts;
    t.sandbox.store.settings.maxPageSize = 2;
    t.sandbox.store.clearRequestLog();
    const paged = ok(await t.gql(AccountsDocument, { companyId, type: null, first: 500 })).accounts;
    expect(paged.totalCount).toBe(whole.totalCount);
    expect(paged.nodes.map((a) => a.id)).toEqual(whole.nodes.map((a) => a.id));
    expect(codatCalls('/data/accounts').length).toBe(Math.ceil(whole.totalCount / 2));

    const suppliers = ok(await t.gql(SuppliersDocument, { companyId, search: null, first: 500 })).suppliers;
    expect(codatCalls('/data/suppliers').length).toBe(Math.ceil(suppliers.totalCount / 2));
  });

  it('lists bank accounts with their currencies and identifiers', async () => {
    const { bankAccounts } = ok(await t.gql(BankAccountsDocument, { companyId, first: 50 }));
    expect(bankAccounts.totalCount).toBeGreaterThanOrEqual(3);
    expect(bankAccounts.nodes.some((b) => b.currency === 'GBP' && b.sortCode && b.accountNumber)).toBe(true);
  });

  it('filters expense accounts', async () => {
    const { accounts } = ok(await t.gql(AccountsDocument, { companyId, type: 'EXPENSE', first: 500 }));
    expect(accounts.totalCount).toBeGreaterThanOrEqual(8);
    expect(accounts.nodes.every((a) => a.type === 'EXPENSE')).toBe(true);
  });

  it('ranks suppliers by similarity to the search, the lender first', async () => {
    const { suppliers } = ok(await t.gql(SuppliersDocument, { companyId, search: LENDER_NAME, first: 3 }));
    const [best, second] = suppliers.nodes;
    expect(best.matchScore).toBeGreaterThan(0.88);
    expect(best.matchScore!).toBeGreaterThanOrEqual(second.matchScore!);
    expect(best.name.toLowerCase()).toContain('acme');
  });

  it('filters invoices by status and shows exact amounts', async () => {
    const { invoices } = ok(await t.gql(InvoicesDocument, { companyId, status: 'SUBMITTED', first: 100 }));
    expect(invoices.totalCount).toBeGreaterThan(0);
    expect(invoices.nodes.every((i) => i.status === 'SUBMITTED')).toBe(true);
    expect(invoices.nodes.some((i) => i.currency === 'GBP' && i.amountDue === '1000.00')).toBe(true);
  });

  it('makes one Codat call per (company, dataset) per request, whatever the query asks', async () => {
    ok(await t.gql(EverythingDocument, { companyId }));
    expect(codatCalls('/data/bankAccounts')).toHaveLength(1);
    expect(codatCalls('/data/accounts')).toHaveLength(1);
    expect(codatCalls('/data/suppliers')).toHaveLength(1);
    expect(codatCalls('/data/invoices')).toHaveLength(1);

    // A second request fetches again: the loaders live for one request only.
    ok(await t.gql(EverythingDocument, { companyId }));
    expect(codatCalls('/data/accounts')).toHaveLength(2);
  });
});

import { xeroBooksKit } from './xero-books-kit';

type Kit = Awaited<ReturnType<typeof xeroBooksKit>>;

describe('Xero sandbox: the Accounting API', () => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await xeroBooksKit();
  });
  afterEach(() => expect(kit.violations).toEqual([]));

  const account = async (where: string) => (await kit.accounting('get', '/Accounts').query({ where })).body.Accounts;

  it('lists the demo chart, filtered by Type and Status as Xero\'s where clause reads them', async () => {
    const banks = await account('Status=="ACTIVE" AND Type=="BANK"');
    expect(banks.map((a: { Name: string }) => a.Name).sort()).toEqual(['Business Current Account', 'Business Savings Account']);
    expect(banks[0]).toMatchObject({ Class: 'ASSET', CurrencyCode: 'GBP', BankAccountType: 'BANK', UpdatedDateUTC: expect.stringMatching(/^\/Date\(\d+\+0000\)\/$/) });
    const expenses = await account('Type=="EXPENSE" || Type=="OVERHEADS"');
    expect(expenses.map((a: { Code: string }) => a.Code)).toEqual(expect.arrayContaining(['404', '437', '480', '498']));
    expect((await account('Type=="EXPENSE" AND Status=="ARCHIVED"')).map((a: { Code: string }) => a.Code)).toEqual(['498']);
    const unreadable = await kit.accounting('get', '/Accounts').query({ where: 'Type=="BANK" AND (' });
    expect(unreadable.status).toBe(400);
  });

  it('creates a BANK account from a bare Account, refuses a duplicate name with Xero\'s message, and replays an Idempotency-Key', async () => {
    const lender = { Name: 'Acme Advances', Type: 'BANK', BankAccountNumber: '20000012345678', CurrencyCode: 'GBP' };
    const created = await kit.accounting('put', '/Accounts', lender, { 'Idempotency-Key': 'acct-1' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ Status: 'OK', ProviderName: 'Lender App', Accounts: [{ Name: 'Acme Advances', Type: 'BANK', Status: 'ACTIVE', BankAccountNumber: '20000012345678' }] });
    const replay = await kit.accounting('put', '/Accounts', lender, { 'Idempotency-Key': 'acct-1' });
    expect(replay.body.Accounts[0].AccountID).toBe(created.body.Accounts[0].AccountID);
    const duplicate = await kit.accounting('put', '/Accounts', lender);
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toMatchObject({ ErrorNumber: 10, Type: 'ValidationException', Elements: [{ Name: 'Acme Advances', ValidationErrors: [{ Message: 'Please enter a unique Name.' }] }] });
    const noCode = await kit.accounting('put', '/Accounts', { Name: 'Lender fees', Type: 'EXPENSE' });
    expect(noCode.body.Elements[0].ValidationErrors).toEqual([{ Message: 'Please enter a Code.' }]);
    expect((await kit.accounting('put', '/Accounts', { Name: 'Lender fees', Type: 'EXPENSE', Code: '481' })).status).toBe(200);
    const since = new Date(Date.now() - 60_000).toISOString();
    const changed = await kit.accounting('get', '/Accounts', undefined, { 'If-Modified-Since': since });
    expect(changed.body.Accounts.map((a: { Name: string }) => a.Name).sort()).toEqual(['Acme Advances', 'Lender fees']);
  });

  it('searches contacts by name and creates one, unique among active contacts', async () => {
    const found = await kit.accounting('get', '/Contacts').query({ searchTerm: 'acme' });
    expect(found.body.Contacts.map((c: { Name: string }) => c.Name)).toEqual(expect.arrayContaining(['ACME INVOICE FINANCE LIMITED', 'Acme Factoring Services']));
    const byWhere = await kit.accounting('get', '/Contacts').query({ where: 'Name.Contains("Factoring")', page: '1' });
    expect(byWhere.body).toMatchObject({ pagination: { page: 1, itemCount: 1 }, Contacts: [{ Name: 'Acme Factoring Services' }] });
    const created = await kit.accounting('put', '/Contacts', { Contacts: [{ Name: 'Acme Invoice Finance Ltd', ContactNumber: 'LENDER-1' }] });
    expect(created.body.Contacts[0]).toMatchObject({ Name: 'Acme Invoice Finance Ltd', ContactNumber: 'LENDER-1', IsSupplier: false, ContactStatus: 'ACTIVE' });
    const again = await kit.accounting('put', '/Contacts', { Contacts: [{ Name: 'acme invoice finance ltd' }] });
    expect(again.status).toBe(400);
    expect(again.body.Elements[0].ValidationErrors[0].Message).toBe('The contact name acme invoice finance ltd is already assigned to another contact. The contact name must be unique across all active contacts.');
  });

  it('reads invoices AUTHORISED, PAID and DRAFT, by id and by status', async () => {
    const all = (await kit.accounting('get', '/Invoices')).body.Invoices;
    expect(new Set(all.map((i: { Status: string }) => i.Status))).toEqual(new Set(['AUTHORISED', 'PAID', 'DRAFT', 'VOIDED']));
    const paid = all.find((i: { Status: string }) => i.Status === 'PAID');
    expect(paid).toMatchObject({ AmountDue: 0, AmountPaid: 2400, FullyPaidOnDate: expect.stringMatching(/^\/Date\(/), Payments: [expect.objectContaining({ Amount: 2400 })] });
    const one = await kit.accounting('get', `/Invoices/${paid.InvoiceID}`);
    expect(one.body.Invoices).toHaveLength(1);
    const drafts = await kit.accounting('get', '/Invoices').query({ Statuses: 'DRAFT' });
    expect(drafts.body.Invoices.map((i: { InvoiceNumber: string }) => i.InvoiceNumber)).toEqual(['INV-0103']);
    expect((await kit.accounting('get', '/Invoices/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

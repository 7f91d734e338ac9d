import { day, expectErrorMessage, sandboxKit, type SandboxKit } from './sandbox-test-kit';

describe('Codat sandbox: push operations', () => {
  let kit: SandboxKit;
  beforeEach(() => {
    kit = sandboxKit();
  });
  afterEach(() => expect(kit.violations).toEqual([]));

  it('accepts a push as a Pending PushOperation, then completes it and shows the record in reads', async () => {
    const res = await kit.post(`${kit.conn}/push/suppliers?timeoutInMinutes=30`, { supplierName: 'Bank of Dave', status: 'Active', addresses: [{ type: 'Billing', city: 'Burnley' }] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      changes: [],
      dataType: 'suppliers',
      companyId: kit.companyId,
      pushOperationKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
      dataConnectionKey: kit.connectionId,
      requestedOnUtc: expect.stringMatching(/Z$/),
      timeoutInMinutes: 30,
      status: 'Pending',
      validation: { errors: [], warnings: [] },
      statusCode: 202,
    });
    expect(res.body).not.toHaveProperty('data');

    const done = await kit.settled(res.body.pushOperationKey);
    expect(done).toMatchObject({ status: 'Success', statusCode: 200, completedOnUtc: expect.any(String) });
    expect(done.changes).toEqual([{ type: 'Created', recordRef: { id: expect.any(String), dataType: 'suppliers' } }]);
    const created = await kit.get(`/companies/${kit.companyId}/data/suppliers/${done.changes[0].recordRef.id}`);
    expect(created.body).toMatchObject({ supplierName: 'Bank of Dave', status: 'Active', addresses: [{ type: 'Billing', city: 'Burnley' }] });
  });

  it('stays Pending for pushDelayMs before completing', async () => {
    kit.store.settings.pushDelayMs = 60_000;
    const res = await kit.post(`${kit.conn}/push/suppliers`, { supplierName: 'Slow Ltd', status: 'Active' });
    expect((await kit.get(`/companies/${kit.companyId}/push/${res.body.pushOperationKey}`)).body.status).toBe('Pending');
    kit.store.settings.pushDelayMs = 0;
    const next = await kit.post(`${kit.conn}/push/suppliers`, { supplierName: 'Quick Ltd', status: 'Active' });
    expect((await kit.settled(next.body.pushOperationKey)).status).toBe('Success');
    expect((await kit.get(`/companies/${kit.companyId}/push/${res.body.pushOperationKey}`)).body.status).toBe('Pending');
  });

  it('fails a push against Xero rules in Codat structure, and books nothing', async () => {
    const before = kit.store.books(kit.companyId).accounts.length;
    const res = await kit.post(`${kit.conn}/push/accounts`, { nominalCode: 'FEES-INVOICE-FINANCE', name: 'Invoice finance fees', fullyQualifiedCategory: 'Expense.Fees' });
    expect(res.body).toMatchObject({ dataType: 'chartOfAccounts', status: 'Pending' });
    const done = await kit.settled(res.body.pushOperationKey);
    expect(done).toMatchObject({ status: 'Failed', statusCode: 400, changes: [] });
    expect(done.errorMessage).toMatch(/Push failed for Account: see validation for more information$/);
    expect(done.validation.errors).toEqual([
      { itemId: 'NominalCode', message: 'NominalCode must not be longer than 10 characters long.', validatorName: 'Account' },
      { itemId: 'FullyQualifiedCategory', message: expect.stringContaining('must be one of: Asset.Current'), validatorName: 'Account' },
    ]);
    expect(kit.store.books(kit.companyId).accounts.length).toBe(before);
  });

  it.each([
    ['bankAccounts', { accountName: 'Lender Account', accountType: 'Debit', currency: 'GBP' }, ['SortCode', 'AccountNumber']],
    ['bankAccounts', { accountName: 'Business Current Account', accountType: 'Debit', currency: 'EUR' }, ['Name']],
    ['accounts', { nominalCode: '404', name: 'Lender fees', fullyQualifiedCategory: 'Expense.Expense' }, ['NominalCode']],
    ['suppliers', { supplierName: 'acme invoice finance limited', status: 'Active' }, ['SupplierName']],
    ['suppliers', { supplierName: 'No Status Ltd' }, ['Status']],
    ['transfers', { date: day(0), from: { accountRef: { id: 'nope' }, amount: 10 }, to: { accountRef: { id: 'nope2' }, amount: 11 } }, ['From.AccountRef.Id', 'To.AccountRef.Id', 'From.Amount']],
    ['payments', { date: day(0), currency: 'GBP', totalAmount: 0, lines: [] }, ['CustomerRef', 'AccountRef', 'TotalAmount', 'Lines']],
    ['directCosts', { issueDate: day(0), currency: 'GBP', lineItems: [], paymentAllocations: [], subTotal: 1, taxAmount: 0, totalAmount: 1 }, ['ContactRef', 'LineItems', 'PaymentAllocations']],
  ])('fails %s with the Xero rule broken: %j', async (path, body, itemIds) => {
    const done = await kit.push(path, body);
    expect(done.status).toBe('Failed');
    expect(done.validation.errors.map((e: { itemId: string }) => e.itemId)).toEqual(itemIds);
  });

  it('words the rules Xero applies (unique names and codes) as Xero does', async () => {
    const account = await kit.push('accounts', { nominalCode: '404', name: 'bank fees', fullyQualifiedCategory: 'Expense.Expense' });
    expect(account.validation.errors.map((e: { itemId: string; message: string }) => [e.itemId, e.message])).toEqual([
      ['Name', 'Please enter a unique Name.'], ['NominalCode', 'Please enter a unique Code.'],
    ]);
    const supplier = await kit.push('suppliers', { supplierName: 'viking direct', status: 'Active' });
    expect(supplier.validation.errors[0].message).toBe('The contact name viking direct is already assigned to another contact. The contact name must be unique across all active contacts.');    const longName = await kit.push('accounts', { nominalCode: '499', name: 'F'.repeat(151), fullyQualifiedCategory: 'Expense.Expense' });
    expect(longName.validation.errors).toEqual([expect.objectContaining({ itemId: 'Name', message: 'The Name must be 150 characters or fewer.' })]);
    const longSupplier = await kit.push('suppliers', { supplierName: 'S'.repeat(256), status: 'Active' });
    expect(longSupplier.validation.errors).toEqual([expect.objectContaining({ itemId: 'SupplierName', message: 'The Name must be 255 characters or fewer.' })]);
  });

  it('lists push operations with Codat paging and filters them by status and dataType', async () => {
    await kit.push('suppliers', { supplierName: 'Listed Ltd', status: 'Active' });
    await kit.push('accounts', { nominalCode: 'X', name: 'X' });
    const failed = await kit.get(`/companies/${kit.companyId}/push?query=${encodeURIComponent('status=Failed')}`);
    expect(failed.body.results.map((op: { dataType: string }) => op.dataType)).toEqual(['chartOfAccounts']);
    const suppliers = await kit.get(`/companies/${kit.companyId}/push?query=${encodeURIComponent('dataType=suppliers&&status=Success')}`);
    expect(suppliers.body.totalResults).toBe(1);
    const all = await kit.get(`/companies/${kit.companyId}/push?pageSize=1`);
    expect(all.body).toMatchObject({ pageNumber: 1, pageSize: 1, totalResults: 2 });
    expect(all.body._links.next.href).toBe(`/companies/${kit.companyId}/push?page=2&pageSize=1`);
  });

  it('answers 404 to an unknown push operation and to pushes on unknown connections', async () => {
    const unknown = await kit.get(`/companies/${kit.companyId}/push/33347930-fcc5-4f95-aa13-4a0f7291b559`);
    expect(unknown.status).toBe(404);
    expectErrorMessage(unknown.body, 404);
    const noConnection = await kit.post(`/companies/${kit.companyId}/connections/2e9d2c44-f675-40ba-8049-353bfcb5e171/push/suppliers`, { supplierName: 'X', status: 'Active' });
    expect(noConnection.status).toBe(404);
  });

  it('refuses, on receipt, bank transactions whose body accountId is not the path one, or more than 1000', async () => {
    const [current, savings] = kit.store.books(kit.companyId).bankAccounts;
    const line = { id: 'l1', date: `${day(0)}T00:00:00`, amount: 1, balance: 1 };
    const mismatch = await kit.post(`${kit.conn}/push/bankAccounts/${current.id}/bankTransactions`, { accountId: savings.id, transactions: [line] });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.validation.errors[0].itemId).toBe('accountId');
    const tooMany = await kit.post(`${kit.conn}/push/bankAccounts/${current.id}/bankTransactions`, { accountId: current.id, transactions: Array.from({ length: 1001 }, (_, i) => ({ ...line, id: `l${i}` })) });
    expect(tooMany.status).toBe(400);
    expect(kit.store.pushes.list(kit.companyId)).toEqual([]);
  });

  it('refuses a bad timeoutInMinutes with 400', async () => {
    const res = await kit.post(`${kit.conn}/push/suppliers?timeoutInMinutes=soon`, { supplierName: 'X', status: 'Active' });
    expect(res.status).toBe(400);
  });

  it('creates a bank account that also appears in the chart of accounts', async () => {
    const done = await kit.push('bankAccounts', { accountName: 'Acme Invoice Finance', accountType: 'Debit', sortCode: '09-01-28', accountNumber: '12345678', currency: 'GBP', status: 'Active' });
    expect(done.status).toBe('Success');
    const id = done.changes[0].recordRef.id;
    expect((await kit.get(`${kit.conn}/data/bankAccounts/${id}`)).body).toMatchObject({ accountName: 'Acme Invoice Finance', balance: 0, currency: 'GBP' });
    expect((await kit.get(`/companies/${kit.companyId}/data/accounts/${id}`)).body).toMatchObject({ isBankAccount: true, fullyQualifiedCategory: 'Asset.Bank', type: 'Asset' });
  });
});

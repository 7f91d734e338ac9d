import { expectErrorMessage, sandboxKit, type SandboxKit } from './sandbox-test-kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Codat sandbox: syncs (refresh-data-type, get-pull-operation)', () => {
  let kit: SandboxKit;
  beforeEach(() => {
    kit = sandboxKit({ pushDelayMs: 0 });
  });
  afterEach(() => expect(kit.violations).toEqual([]));

  it('queues a sync on the connection, answered Queued, then reads it back Complete', async () => {
    const queued = await kit.post(`/companies/${kit.companyId}/data/queue/transfers?connectionId=${kit.connectionId}`);
    expect(queued.status).toBe(200);
    expect(queued.body).toEqual({
      id: expect.stringMatching(UUID),
      companyId: kit.companyId,
      connectionId: kit.connectionId,
      dataType: 'transfers',
      status: 'Queued',
      requested: expect.any(String),
      progress: 0,
      isCompleted: false,
      isErrored: false,
    });
    const pull = await kit.get(`/companies/${kit.companyId}/data/history/${queued.body.id}`);
    expect(pull.status).toBe(200);
    expect(pull.body).toEqual({ ...queued.body, status: 'Complete', progress: 100, isCompleted: true, completed: expect.any(String) });
    // A finished sync is the connection's latest.
    const lastSync = kit.store.connection(kit.companyId, kit.connectionId)?.lastSync;
    expect(Date.parse(lastSync!)).toBeGreaterThanOrEqual(Date.parse(queued.body.requested));
  });

  it('keeps a sync Queued until pushDelayMs has passed', async () => {
    kit.store.settings.pushDelayMs = 60_000;
    const queued = await kit.post(`/companies/${kit.companyId}/data/queue/payments?connectionId=${kit.connectionId}`);
    const pull = await kit.get(`/companies/${kit.companyId}/data/history/${queued.body.id}`);
    expect(pull.body).toMatchObject({ status: 'Queued', isCompleted: false, isErrored: false, progress: 0 });
    expect(pull.body.completed).toBeUndefined();
  });

  it('queues on the accounting connection when no connectionId is given', async () => {
    const queued = await kit.post(`/companies/${kit.companyId}/data/queue/bankTransactions`);
    expect(queued.status).toBe(200);
    expect(queued.body).toMatchObject({ connectionId: kit.connectionId, dataType: 'bankTransactions' });
  });

  it('answers 400 to a data type Codat does not have', async () => {
    const res = await kit.post(`/companies/${kit.companyId}/data/queue/lendingAdvances?connectionId=${kit.connectionId}`);
    expect(res.status).toBe(400);
    expectErrorMessage(res.body, 400);
  });

  it('answers 404 ErrorMessage to an unknown company, connection or pull operation', async () => {
    const unknown = 'a22dd66b-564a-4832-9b37-7b3ce4aeb7de';
    const company = await kit.post(`/companies/${unknown}/data/queue/transfers`);
    expect(company.status).toBe(404);
    expectErrorMessage(company.body, 404);
    const connection = await kit.post(`/companies/${kit.companyId}/data/queue/transfers?connectionId=${unknown}`);
    expect(connection.status).toBe(404);
    expect(connection.body.error).toBe(`Data connection ${unknown} not found`);
    const pull = await kit.get(`/companies/${kit.companyId}/data/history/${unknown}`);
    expect(pull.status).toBe(404);
    expectErrorMessage(pull.body, 404);
    expect(pull.body.error).toBe(`No dataset was found with ID ${unknown}`);
  });

  it('does not show one company the syncs of another', async () => {
    const other = kit.store.createCompany('Other Ltd');
    kit.store.addAccountingConnection(other.id);
    const queued = await kit.post(`/companies/${kit.companyId}/data/queue/directCosts`);
    expect((await kit.get(`/companies/${other.id}/data/history/${queued.body.id}`)).status).toBe(404);
  });

  it('with readsAfterSync, shows a pushed record in its data type only once a sync of that data type completes after the push', async () => {
    const sync = async (dataType: string) => {
      const queued = await kit.post(`/companies/${kit.companyId}/data/queue/${dataType}?connectionId=${kit.connectionId}`);
      expect((await kit.get(`/companies/${kit.companyId}/data/history/${queued.body.id}`)).body.isCompleted).toBe(true);
    };
    const ids = async (path: string) => (await kit.get(path)).body.results.map((r: { id: string }) => r.id);
    const bankAccounts = `${kit.conn}/data/bankAccounts?pageSize=500`;
    const accounts = `/companies/${kit.companyId}/data/accounts?pageSize=500`;
    const suppliers = `/companies/${kit.companyId}/data/suppliers?pageSize=500`;
    kit.store.setReadsAfterSync(true);

    const bank = (await kit.push('bankAccounts', { accountName: 'Acme Invoice Finance', accountType: 'Debit', sortCode: '404784', accountNumber: '70872490', currency: 'GBP' })).changes[0].recordRef.id;
    const account = (await kit.push('accounts', { nominalCode: '4790', name: 'Invoice finance fees', fullyQualifiedCategory: 'Expense.Expense' })).changes[0].recordRef.id;
    const supplier = (await kit.push('suppliers', { supplierName: 'Acme Invoice Finance', status: 'Active' })).changes[0].recordRef.id;
    expect(await ids(bankAccounts)).not.toContain(bank);

    // Another data type's sync leaves these reads as they were.
    await sync('transfers');
    expect(await ids(bankAccounts)).not.toContain(bank);
    expect(await ids(accounts)).not.toContain(account);

    await sync('bankAccounts');
    expect(await ids(bankAccounts)).toContain(bank);
    expect((await kit.get(`${kit.conn}/data/bankAccounts/${bank}`)).status).toBe(200);
    expect(await ids(accounts)).not.toContain(account);
    expect(await ids(suppliers)).not.toContain(supplier);

    // The accounts read is refreshed by a sync of chartOfAccounts, the data type account pushes report.
    await sync('chartOfAccounts');
    expect(await ids(accounts)).toContain(account);
    await sync('suppliers');
    expect(await ids(suppliers)).toContain(supplier);

    kit.store.setReadsAfterSync(false);
  });

  it('forgets syncs on reset', async () => {
    const queued = await kit.post(`/companies/${kit.companyId}/data/queue/directCosts`);
    kit.store.pulls.reset();
    expect((await kit.get(`/companies/${kit.companyId}/data/history/${queued.body.id}`)).status).toBe(404);
  });
});

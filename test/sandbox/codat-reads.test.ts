import request from 'supertest';
import { PREFIX, expectErrorMessage, sandboxKit, type SandboxKit } from './sandbox-test-kit';

describe('Codat sandbox: authentication', () => {
  const kit = sandboxKit();
  const path = `${PREFIX}/companies/${kit.companyId}`;

  it.each([
    ['no Authorization header', undefined],
    ['a key that is not accepted', `Basic ${Buffer.from('wrong-key').toString('base64')}`],
    ['the key sent as user:password', `Basic ${Buffer.from('sandbox-test-key:').toString('base64')}`],
    ['the key not base64-encoded', 'Basic sandbox-test-key'],
    ['a bearer token', `Bearer ${Buffer.from('sandbox-test-key').toString('base64')}`],
  ])('answers 401 ErrorMessage to %s', async (_label, header) => {
    const req = request(kit.app).get(path);
    if (header) req.set('Authorization', header);
    const res = await req;
    expect(res.status).toBe(401);
    expectErrorMessage(res.body, 401);
    expect(res.body).toMatchObject({ error: 'Unauthorized', service: 'PublicApi' });
  });

  it('accepts each configured key, base64-encoded whole', async () => {
    const res = await request(kit.app).get(path).set('Authorization', `Basic ${Buffer.from('second-key').toString('base64')}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(kit.companyId);
  });

  it('asks no key on the /_sandbox admin routes', async () => {
    expect((await request(kit.app).get(`${PREFIX}/_sandbox/requests`)).status).toBe(200);
  });

  it('logs every Codat-path request, with its status, and not admin ones', async () => {
    kit.store.clearRequestLog();
    await request(kit.app).get(`${path}?x=1`);
    await kit.get(`/companies/${kit.companyId}`);
    await request(kit.app).get(`${PREFIX}/_sandbox/requests`);
    expect(kit.store.requestLog.map((r) => [r.method, r.path, r.status, r.query])).toEqual([
      ['GET', `/companies/${kit.companyId}`, 401, { x: '1' }],
      ['GET', `/companies/${kit.companyId}`, 200, {}],
    ]);
  });
});

describe('Codat sandbox: reads', () => {
  let kit: SandboxKit;
  beforeEach(() => {
    kit = sandboxKit();
  });
  afterEach(() => expect(kit.violations).toEqual([]));

  it('pages the chart of accounts with Codat envelope and links, capped by maxPageSize', async () => {
    const whole = await kit.get(`/companies/${kit.companyId}/data/accounts?pageSize=2000`);
    const total = whole.body.totalResults;
    expect(total).toBe(whole.body.results.length);
    expect(total).toBeGreaterThan(25);

    kit.store.settings.maxPageSize = 7;
    const ids: string[] = [];
    let page = 1;
    for (;;) {
      const res = await kit.get(`/companies/${kit.companyId}/data/accounts?page=${page}&pageSize=100`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ pageNumber: page, pageSize: 7, totalResults: total });
      const base = `/companies/${kit.companyId}/data/accounts`;
      expect(res.body._links.self).toEqual({ href: base });
      expect(res.body._links.current).toEqual({ href: `${base}?page=${page}&pageSize=7` });
      if (page > 1) expect(res.body._links.previous).toEqual({ href: `${base}?page=${page - 1}&pageSize=7` });
      else expect(res.body._links.previous).toBeUndefined();
      ids.push(...res.body.results.map((a: { id: string }) => a.id));
      if (!res.body._links.next) break;
      expect(res.body._links.next).toEqual({ href: `${base}?page=${page + 1}&pageSize=7` });
      page += 1;
    }
    expect(page).toBe(Math.ceil(total / 7));
    expect(ids).toEqual(whole.body.results.map((a: { id: string }) => a.id));
  });

  it.each(['0', '-1', 'abc', '5001', '2.5'])('refuses pageSize=%s with 400', async (value) => {
    const res = await kit.get(`/companies/${kit.companyId}/data/suppliers?pageSize=${value}`);
    expect(res.status).toBe(400);
    expectErrorMessage(res.body, 400);
  });

  it('answers an empty page past the end', async () => {
    const res = await kit.get(`/companies/${kit.companyId}/data/suppliers?page=99`);
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([]);
    expect(res.body.totalResults).toBeGreaterThan(0);
  });

  it('filters with field=value clauses joined by &&, counting only what matches', async () => {
    const expense = await kit.get(`/companies/${kit.companyId}/data/accounts?query=${encodeURIComponent('type=Expense')}`);
    expect(expense.body.results.length).toBeGreaterThanOrEqual(8);
    expect(expense.body.totalResults).toBe(expense.body.results.length);
    expect(expense.body.results.every((a: { type: string }) => a.type === 'Expense')).toBe(true);
    expect(expense.body._links.current.href).toContain('query=type%3DExpense');

    const archived = await kit.get(`/companies/${kit.companyId}/data/accounts?query=${encodeURIComponent('type=Expense&&status=Archived')}`);
    expect(archived.body.results.map((a: { name: string }) => a.name)).toEqual(['Factoring Fees']);

    const gbp = await kit.get(`${kit.conn}/data/bankAccounts?query=${encodeURIComponent('currency=EUR')}`);
    expect(gbp.body.results.map((b: { accountName: string }) => b.accountName)).toEqual(['EUR Account']);
  });

  it.each([
    ['type>Expense', 'Malformed query'],
    ['type=Expense||type=Income', 'Malformed query'],
    ['type', 'Malformed query'],
    ['isCompleted=true', 'Could not resolve property isCompleted'],
  ])('refuses the query %s with 400', async (query, message) => {
    const res = await kit.get(`/companies/${kit.companyId}/data/accounts?query=${encodeURIComponent(query)}`);
    expect(res.status).toBe(400);
    expectErrorMessage(res.body, 400);
    expect(res.body.error).toContain(message);
  });

  it('seeds bank accounts that are also chart-of-accounts entries with the same id', async () => {
    const banks = (await kit.get(`${kit.conn}/data/bankAccounts`)).body.results;
    const accounts = (await kit.get(`/companies/${kit.companyId}/data/accounts?query=${encodeURIComponent('isBankAccount=true')}`)).body.results;
    expect(banks.length).toBeGreaterThanOrEqual(3);
    expect(accounts.map((a: { id: string }) => a.id).sort()).toEqual(banks.map((b: { id: string }) => b.id).sort());
    expect(accounts.every((a: { fullyQualifiedCategory: string; type: string }) => a.fullyQualifiedCategory === 'Asset.Bank' && a.type === 'Asset')).toBe(true);
    expect(banks).toEqual(expect.arrayContaining([
      expect.objectContaining({ accountName: 'Business Current Account', currency: 'GBP', sortCode: expect.stringMatching(/^\d{6}$/), accountNumber: expect.any(String) }),
      expect.objectContaining({ currency: 'EUR', sortCode: null }),
      expect.objectContaining({ status: 'Archived' }),
    ]));
  });

  it('serves single records and Codat 404s for unknown ones', async () => {
    const supplier = (await kit.get(`/companies/${kit.companyId}/data/suppliers`)).body.results[0];
    expect((await kit.get(`/companies/${kit.companyId}/data/suppliers/${supplier.id}`)).body).toEqual(supplier);
    const missing = await kit.get(`/companies/${kit.companyId}/data/invoices/nope`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('No data available for invoices for ID nope');
  });

  it('answers 404 in Codat wording for an unknown company or connection', async () => {
    const company = await kit.get('/companies/846ed55c-974b-4392-a1f1-87b6fdbf3c5e/data/accounts');
    expect(company.status).toBe(404);
    expect(company.body).toMatchObject({ error: 'No company was found with ID 846ed55c-974b-4392-a1f1-87b6fdbf3c5e', service: 'ClientsApi' });
    const connection = await kit.get(`/companies/${kit.companyId}/connections/a22dd66b-564a-4832-9b37-7b3ce4aeb7de/data/bankAccounts`);
    expect(connection.status).toBe(404);
    expect(connection.body.error).toBe('Data connection a22dd66b-564a-4832-9b37-7b3ce4aeb7de not found');
  });

  it('answers 409 before any accounting data exists, and 404 on a banking connection', async () => {
    const bare = kit.store.createCompany('No Books Ltd');
    const notSynced = await kit.get(`/companies/${bare.id}/data/accounts`);
    expect(notSynced.status).toBe(409);
    expect(notSynced.body.error).toBe('The data set has not been requested.');
    const banking = kit.store.addConnection(bare.id, { platformName: 'Basiq', sourceType: 'Banking' });
    const res = await kit.get(`/companies/${bare.id}/connections/${banking.id}/data/bankAccounts`);
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('Datatype bankAccounts not supported by platform(s) Basiq');
  });

  it('creates companies and Xero connections over HTTP, linked at once with seeded books', async () => {
    const company = await kit.post('/companies', { name: 'Riverside Joinery (Leeds) Ltd', description: 'ref-42' });
    expect(company.status).toBe(200);
    expect(company.body).toMatchObject({ name: 'Riverside Joinery Leeds Ltd', description: 'ref-42', dataConnections: [] });
    const connection = await kit.post(`/companies/${company.body.id}/connections`, { platformKey: 'gbol' });
    expect(connection.body).toMatchObject({ status: 'Linked', sourceType: 'Accounting', platformName: 'Xero', integrationKey: 'gbol' });
    const again = await kit.get(`/companies/${company.body.id}/connections/${connection.body.id}`);
    expect(again.body).toEqual(connection.body);
    expect((await kit.get(`/companies/${company.body.id}`)).body.dataConnections).toEqual([connection.body]);
    expect((await kit.get(`/companies/${company.body.id}/data/suppliers`)).body.totalResults).toBeGreaterThanOrEqual(8);
    expect((await kit.post(`/companies/${company.body.id}/connections`, { platformKey: 'zzzz' })).status).toBe(404);
  });

  it('answers 400 ErrorMessage to a malformed JSON body and to a missing one', async () => {
    const bad = await kit.post('/companies').set('Content-Type', 'application/json').send('{"name": ');
    expect(bad.status).toBe(400);
    expectErrorMessage(bad.body, 400);
    const none = await kit.post(`${kit.conn}/push/suppliers`);
    expect(none.status).toBe(400);
    expectErrorMessage(none.body, 400);
  });

  it('serves the Xero create models, and the inferred bank-account one requiring GBP identifiers', async () => {
    const accounts = await kit.get(`${kit.conn}/options/chartOfAccounts`);
    expect(accounts.body.properties.nominalCode.validation.warnings).toEqual([{ field: 'NominalCode', details: 'Max length of 10 characters.' }]);
    const payments = await kit.get(`${kit.conn}/options/payments`);
    expect(payments.body.properties.lines.properties.links.properties.type.options.map((o: { value: string }) => o.value)).toEqual(['Invoice', 'CreditNote', 'Payment']);
    const banks = await kit.get(`${kit.conn}/options/bankAccounts`);
    const required = Object.entries(banks.body.properties).filter(([, p]) => (p as { required: boolean }).required).map(([name]) => name);
    expect(required).toEqual(['accountName', 'accountType', 'sortCode', 'accountNumber', 'currency']);
    const bankId = kit.store.books(kit.companyId).bankAccounts[0].id;
    expect((await kit.get(`${kit.conn}/options/bankAccounts/${bankId}/bankTransactions`)).body.properties.transactions.type).toBe('Array');
    for (const type of ['suppliers', 'transfers', 'directCosts']) expect((await kit.get(`${kit.conn}/options/${type}`)).status).toBe(200);
  });
});

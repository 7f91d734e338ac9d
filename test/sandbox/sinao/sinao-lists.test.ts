import { PREFIX, daysAgo, expectApiResponse, newBorrower, sinaoKit, LENDER_NAME, type Borrower, type SinaoKit } from './sinao-test-kit';

describe('Sinao sandbox: the seeded company and its lists', () => {
  let kit: SinaoKit;
  let b: Borrower;
  beforeEach(async () => {
    kit = sinaoKit();
    b = await newBorrower(kit, 'Boulangerie Durand SARL');
  });
  afterEach(() => expect(kit.violations).toEqual([]));

  const all = async (path: string, query: object = {}) => (await b.get(path).query({ limit: 10_000, ...query }).expect(200)).body as any[];

  it('seeds a French company in EUR: a bank account, class 6 and 58 accounts, a near-miss of the lender, final, paid and draft invoices', async () => {
    const app = (await b.get('').expect(200)).body;
    expect(app.organization).toMatchObject({ name: 'Boulangerie Durand SARL', country_iso2: 'FR' });
    const sources = await all('/cashflowsources/');
    expect(sources.filter((s) => s.type === 'bank')).toEqual([expect.objectContaining({ account_type: 'checking', identifiant: expect.stringMatching(/^FR76/) })]);
    const accounts = await all('/accounts/');
    expect(accounts.filter((a) => a.accounting_number.startsWith('6')).length).toBeGreaterThanOrEqual(5);
    expect(accounts.filter((a) => a.accounting_number.startsWith('58'))).toEqual([expect.objectContaining({ name: 'Virements internes' })]);
    const names = (await all('/organizations')).map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['ACME INVOICE FINANCE', 'Acme Affacturage Conseil']));
    expect(names).not.toContain(LENDER_NAME);
    const invoices = await all('/invoices');
    expect(new Set(invoices.map((i) => i.status))).toEqual(new Set(['final', 'paid', 'draft']));
    expect(invoices.every((i) => i.currency === 'EUR')).toBe(true);
    const paid = invoices.find((i) => i.status === 'paid');
    expect(paid.balance).toMatchObject({ remaining: 0, paid: paid.balance.due });
    const part = invoices.find((i) => i.status === 'final' && i.balance.paid > 0);
    expect(part.balance.remaining).toBe(part.balance.due - part.balance.paid);
    expect(invoices.find((i) => i.status === 'draft').number).toBeUndefined();
  });

  it('pages with offset and limit (10 by default, at most 10,000) and answers bare arrays', async () => {
    const bank = (await all('/cashflowsources/')).find((s) => s.type === 'bank').id;
    for (let i = 0; i < 12; i++) await b.post('/transactions/', { cashflow_source_id: bank, amount: 100 + i, received_at: daysAgo(0), label: `Ligne ${i}` }).expect(200);
    const everything = await all('/transactions/');
    expect(everything.length).toBe(17);
    expect((await b.get('/transactions/').expect(200)).body).toHaveLength(10);
    const pages: number[] = [];
    for (let offset = 0; ; offset += 5) {
      const page = (await b.get('/transactions/').query({ offset, limit: 5 }).expect(200)).body;
      pages.push(...page.map((t: any) => t.id));
      if (page.length < 5) break;
    }
    expect(pages).toEqual(everything.map((t) => t.id));
    expectApiResponse((await b.get('/transactions/').query({ limit: 10_001 }).expect(400)).body, 400);
    expectApiResponse((await b.get('/transactions/').query({ offset: -1 }).expect(400)).body, 400);
    expectApiResponse((await b.get('/transactions/').query({ limit: 'ten' }).expect(400)).body, 400);
  });

  it('searches, filters and orders as the documentation writes them', async () => {
    const found = await all('/transactions/', { search: 'orange' });
    expect(found.map((t) => t.label)).toEqual(['PRLV SEPA ORANGE']);
    const bank = (await all('/cashflowsources/')).find((s) => s.type === 'bank').id;
    const out = await all('/transactions/', {
      'filters[0][name]': 'cashflow_source.id', 'filters[0][comparator]': '=', 'filters[0][value]': String(bank),
      'filters[1][name]': 'amount', 'filters[1][comparator]': '<', 'filters[1][value]': '0',
      'order[0][name]': 'amount', 'order[0][direction]': 'asc',
    });
    expect(out.map((t) => t.amount)).toEqual([-120_000, -18_450, -4_999]);
    const byLike = await all('/organizations', { 'filters[0][name]': 'name', 'filters[0][comparator]': 'LIKE', 'filters[0][value]': 'acme%' });
    expect(byLike).toHaveLength(2);
    const inList = await all('/accounts/', { 'filters[0][name]': 'accounting_number', 'filters[0][comparator]': 'IN', 'filters[0][value]': '580000,627000' });
    expect(inList.map((a) => a.accounting_number)).toEqual(['580000', '627000']);
    expectApiResponse((await b.get('/accounts/').query({ 'filters[0][name]': 'name', 'filters[0][comparator]': 'CONTAINS', 'filters[0][value]': 'x' }).expect(400)).body, 400);
  });

  it('answers lists as {"data": [...]} when told to, as the documentation\'s examples show them', async () => {
    await kit.admin.patch(`${PREFIX}/_sandbox/settings`).send({ listEnvelope: 'data' }).expect(200);
    const res = await b.get('/organizations').expect(200);
    expect(res.body.data.length).toBeGreaterThan(0);
    // The specification itself shows bare arrays, which the contract check holds the sandbox to.
    expect(kit.violations).toEqual([expect.stringMatching(/organizations.list \(GET \/apps\/\{appId\}\/organizations\) response 200: \(root\) must be array/)]);
    kit.violations.length = 0;
  });

  it('creates accounts and organisations, refusing a duplicate number and a short name', async () => {
    const account = await b.post('/accounts/', { accounting_number: '627800', name: 'Commissions de financement', is_purchase: true }).expect(200);
    expect(account.body).toMatchObject({ id: expect.any(Number), accounting_number: '627800', editable: true, is_purchase: true });
    expectApiResponse((await b.post('/accounts/', { accounting_number: '627800', name: 'Doublon' }).expect(422)).body, 422, /already been taken/);
    const org = await b.post('/organizations', { name: LENDER_NAME }).expect(200);
    expect((await b.get(`/organizations/${org.body.id}`).expect(200)).body.name).toBe(LENDER_NAME);
    expectApiResponse((await b.post('/organizations', { name: 'A' }).expect(422)).body, 422);
    expectApiResponse((await b.post('/transactions/', { cashflow_source_id: 1, amount: 10, received_at: 'hier' }).expect(422)).body, 422);
    expectApiResponse((await b.post('/transactions/', { amount: 10, received_at: daysAgo(0) }).expect(422)).body, 422, /cashflow_source_id field is required/);
  });
});

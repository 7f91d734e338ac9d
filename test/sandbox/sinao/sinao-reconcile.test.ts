import { daysAgo, expectApiResponse, newBorrower, sinaoKit, type Borrower, type SinaoKit } from './sinao-test-kit';

describe('Sinao sandbox: reconciliation', () => {
  let kit: SinaoKit;
  let b: Borrower;
  let source: number;
  let bank: number;
  let expense: number;
  let transfer: number;
  let invoice: { id: number; due: number };
  let draft: number;
  beforeEach(async () => {
    kit = sinaoKit();
    b = await newBorrower(kit);
    source = (await b.post('/cashflowsources/', { name: 'Prêteur', type: 'bank', account_type: 'loan', balance_amount: 0 }).expect(200)).body.id;
    bank = (await b.get('/cashflowsources/').expect(200)).body.find((s: any) => s.account_type === 'checking').id;
    const accounts = (await b.get('/accounts/').query({ limit: 100 }).expect(200)).body;
    expense = accounts.find((a: any) => a.accounting_number === '627000').id;
    transfer = accounts.find((a: any) => a.accounting_number === '580000').id;
    const invoices = (await b.get('/invoices').query({ limit: 100 }).expect(200)).body;
    const open = invoices.find((i: any) => i.status === 'final' && i.balance.paid === 0);
    invoice = { id: open.id, due: open.balance.due };
    draft = invoices.find((i: any) => i.status === 'draft').id;
  });
  afterEach(() => expect(kit.violations).toEqual([]));

  const tx = async (amount: number, on = source) => (await b.post('/transactions/', { cashflow_source_id: on, amount, received_at: daysAgo(1), label: `Ligne ${amount}` }).expect(200)).body.id as number;
  const reconcile = (body: object) => b.post('/reconcile', body);
  const ledger = async () => b.books();

  it('refuses a parent reconciled with itself, a transaction with a transaction, and more than the parent holds, changing nothing', async () => {
    const a = await tx(-5_000);
    const other = await tx(5_000, bank);
    const before = await ledger();
    expectApiResponse((await reconcile({ type: 'sales', id: invoice.id, movements: [{ type: 'sales', id: invoice.id, amount: 100 }] }).expect(422)).body, 422, /must be different/);
    expectApiResponse((await reconcile({ type: 'transaction', id: a, movements: [{ type: 'bank_entry', id: other, amount: 5_000 }] }).expect(422)).body, 422, /transaction cannot be reconciled with another transaction/);
    expectApiResponse((await reconcile({ type: 'transaction', id: a, movements: [{ type: 'bank_entry', id: a, amount: 5_000 }] }).expect(422)).body, 422, /transaction cannot be reconciled/);
    expectApiResponse((await reconcile({ type: 'transaction', id: a, movements: [{ type: 'account', id: expense, amount: 3_000 }, { type: 'account', id: transfer, amount: 2_001 }] }).expect(422)).body, 422, /5001 cents, more than the 5000/);
    const small = await tx(2_000);
    expectApiResponse((await reconcile({ type: 'sales', id: invoice.id, movements: [{ type: 'bank_entry', id: small, amount: 2_500 }] }).expect(422)).body, 422, /more than the 2000 cents/);
    expectApiResponse((await reconcile({ type: 'transaction', id: small, movements: [{ type: 'sales', id: draft, amount: 100 }] }).expect(422)).body, 422, /draft/);
    expectApiResponse((await reconcile({ type: 'transaction', id: small, movements: [{ type: 'account', id: 999_999, amount: 100 }] }).expect(404)).body, 404, /Account 999999/);
    expectApiResponse((await reconcile({ type: 'transaction', id: 999_999, movements: [{ type: 'account', id: expense, amount: 100 }] }).expect(404)).body, 404, /Transaction 999999/);
    expectApiResponse((await reconcile({ type: 'invoice', id: invoice.id, movements: [{ type: 'account', id: expense, amount: 100 }] }).expect(422)).body, 422, /type/);
    expectApiResponse((await reconcile({ type: 'transaction', id: small }).expect(422)).body, 422, /movements/);
    const after = await ledger();
    expect(after.accounts).toEqual(before.accounts);
    expect(after.invoices).toEqual(before.invoices);
  });

  it('adds reconciliations up to the parent, replaces them with replace_all, and DELETE /reconcile removes them', async () => {
    const a = await tx(-10_000);
    await reconcile({ type: 'transaction', id: a, movements: [{ type: 'account', id: expense, amount: 4_000 }] }).expect(200);
    await reconcile({ type: 'transaction', id: a, movements: [{ type: 'account', id: expense, amount: 6_000 }] }).expect(200);
    expectApiResponse((await reconcile({ type: 'transaction', id: a, movements: [{ type: 'account', id: expense, amount: 1 }] }).expect(422)).body, 422);
    // A repeat with replace_all leaves one categorisation, not two.
    await reconcile({ type: 'transaction', id: a, replace_all: true, movements: [{ type: 'account', id: transfer, amount: 10_000 }] }).expect(200);
    await reconcile({ type: 'transaction', id: a, replace_all: true, movements: [{ type: 'account', id: transfer, amount: 10_000 }] }).expect(200);
    let books = await ledger();
    expect(books.accounts.find((x: any) => x.id === expense).total).toBe(0);
    expect(books.accounts.find((x: any) => x.id === transfer).categorised.map((c: any) => [c.from.id, c.amount])).toEqual([[a, 10_000]]);
    expect((await b.get(`/transactions/${a}`).expect(200)).body.lettered_at).toEqual(expect.any(String));

    const removed = await b.del('/reconcile').query({ type: 'transaction', id: a }).expect(200);
    expect(removed.body).toEqual({ code: 200, message: expect.any(String), type: 'success' });
    books = await ledger();
    expect(books.accounts.find((x: any) => x.id === transfer).total).toBe(0);
    expect((await b.get(`/transactions/${a}`).expect(200)).body.lettered_at).toBeUndefined();
  });

  it('pays an invoice from either side, marks it paid at zero and final again when a payment goes', async () => {
    const part = await tx(invoice.due - 10_000, bank);
    const rest = await tx(10_000, bank);
    // The parent may be the transaction (a sales movement) or the invoice (a bank_entry movement).
    await reconcile({ type: 'transaction', id: part, movements: [{ type: 'sales', id: invoice.id, amount: invoice.due - 10_000 }] }).expect(200);
    let read = (await b.get(`/invoices/${invoice.id}`).expect(200)).body;
    expect(read).toMatchObject({ status: 'final', balance: { paid: invoice.due - 10_000, remaining: 10_000, meaning: 'remaining' } });
    const paid = await reconcile({ type: 'sales', id: invoice.id, movements: [{ type: 'bank_entry', id: rest, amount: 10_000 }] }).expect(200);
    expect(paid.body).toMatchObject({ document_type: 'sales', source: 'bank', transaction: { id: rest } });
    read = (await b.get(`/invoices/${invoice.id}`).expect(200)).body;
    expect(read).toMatchObject({ status: 'paid', balance: { remaining: 0, completed: true } });

    const payments = (await b.get('/payments').query({ 'filters[0][name]': 'document.id', 'filters[0][comparator]': '=', 'filters[0][value]': String(invoice.id) }).expect(200)).body;
    expect(payments.map((p: any) => [p.transaction.id, p.amount])).toEqual([[part, invoice.due - 10_000], [rest, 10_000]]);
    await b.del(`/payments/${payments[1].id}`).expect(200);
    read = (await b.get(`/invoices/${invoice.id}`).expect(200)).body;
    expect(read).toMatchObject({ status: 'final', balance: { remaining: 10_000 } });
    expect(read.paid_at).toBeUndefined();
  });

  it('creates a cash-desk entry for a movement without id, and reads the guide\'s "transaction" movement type as bank_entry', async () => {
    const cash = await reconcile({ type: 'sales', id: invoice.id, paid_at: daysAgo(0), movements: [{ type: 'cashdesk_entry', id: null, amount: 3_000 }] }).expect(200);
    expect(cash.body).toMatchObject({ amount: 3_000, source: 'cashdesk', transaction: { amount: 3_000, cashflow_source: { type: 'cashdesk' } } });
    const line = await tx(2_000, bank);
    await reconcile({ type: 'sales', id: invoice.id, movements: [{ type: 'transaction', id: line, amount: 2_000 }] }).expect(200);
    expect((await b.get(`/invoices/${invoice.id}`).expect(200)).body.balance.paid).toBe(5_000);
    // A bank_entry must be a transaction of a bank source.
    const cashLine = cash.body.transaction.id;
    expectApiResponse((await reconcile({ type: 'purchase', id: (await ledger()).purchases[0].id, movements: [{ type: 'bank_entry', id: cashLine, amount: 100 }] }).expect(422)).body, 422, /not on a bank/);
  });

  it('applies a rule from POST /rules/ to transactions created after it, not before', async () => {
    const earlier = await tx(-1_234, bank);
    const rule = await b.post('/rules/', { conditions: [['amount', '=', '-1234'], ['cashflow_source.id', '=', String(bank)]], on_event: 'transaction.created', parameter: 'account', value: String(expense) }).expect(200);
    expect(rule.body).toMatchObject({ id: expect.any(Number), parameter: 'account', value: String(expense) });
    const later = await tx(-1_234, bank);
    const elsewhere = await tx(-1_234, source);
    const books = await ledger();
    expect(books.accounts.find((x: any) => x.id === expense).categorised.map((c: any) => [c.from.id, c.ruleId])).toEqual([[later, rule.body.id]]);
    expect([earlier, elsewhere].every((id) => !books.accounts.some((a: any) => a.categorised.some((c: any) => c.from.id === id)))).toBe(true);
    await b.del(`/rules/${rule.body.id}`).expect(200);
    await tx(-1_234, bank);
    expect((await ledger()).accounts.find((x: any) => x.id === expense).categorised).toHaveLength(1);
  });
});

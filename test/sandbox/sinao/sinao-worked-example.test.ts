import request from 'supertest';
import { PREFIX, daysAgo, newBorrower, sinaoKit, validateSinaoExchange, type Borrower, type SinaoKit } from './sinao-test-kit';

/**
 * The worked example written straight into the Sinao sandbox, the way the cash-account guide
 * describes it: a EUR 800 advance on a EUR 1,000 invoice, a EUR 50 fee, the EUR 850 final payment
 * and the EUR 1,000 settlement, each a transaction on the lender's cash account, reconciled.
 */
describe('Sinao sandbox: the worked example on a lender cash account', () => {
  let kit: SinaoKit;
  let b: Borrower;
  beforeEach(async () => {
    kit = sinaoKit();
    b = await newBorrower(kit);
  });
  afterEach(() => expect(kit.violations).toEqual([]));

  const list = async (path: string, query: Record<string, unknown> = {}) => {
    const res = await b.get(path).query(query);
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    return res.body as any[];
  };
  const filter = (name: string, comparator: string, value: string | number) => ({ 'filters[0][name]': name, 'filters[0][comparator]': comparator, 'filters[0][value]': String(value) });

  it('ends with four reconciled transactions, the fee and transfers categorised, the invoice paid, and the rule categorising a later bank line', async () => {
    // Mapping: the real bank account, class 6 and 58 accounts, the lender among the contacts, the invoice.
    const [bank] = await list('/cashflowsources/', filter('type', '=', 'bank'));
    expect(bank).toMatchObject({ type: 'bank', account_type: 'checking' });
    const expenses = await list('/accounts/', { ...filter('accounting_number', 'LIKE', '6%'), limit: 100 });
    const expense = expenses.find((a) => a.accounting_number === '627000')!;
    expect(expense.name).toBe('Services bancaires et assimilés');
    const [transfer] = await list('/accounts/', filter('accounting_number', 'LIKE', '58%'));
    expect(transfer.accounting_number).toBe('580000');
    const candidates = await list('/organizations', { search: 'acme', limit: 100 });
    expect(candidates.map((o) => o.name).sort()).toEqual(['ACME INVOICE FINANCE', 'Acme Affacturage Conseil']);
    const lender = candidates.find((o) => o.name === 'ACME INVOICE FINANCE')!;
    const finals = await list('/invoices', { ...filter('status', '=', 'final'), limit: 100 });
    const invoice = finals.find((i) => i.balance.remaining === 100_000 && i.currency === 'EUR')!;
    expect(invoice.balance).toEqual({ due: 100_000, paid: 0, remaining: 100_000, completed: false, meaning: 'remaining' });

    const source = await b.post('/cashflowsources/', { name: 'Acme Invoice Finance Ltd', type: 'bank', account_type: 'loan', balance_amount: 0 }).expect(200);
    expect(source.body).toMatchObject({ id: expect.any(Number), type: 'bank', account_type: 'loan', balance_amount: 0 });
    const lenderAccount = source.body.id as number;

    const transaction = async (amount: number, label: string, days: number, extra: object = {}) => {
      const res = await b.post('/transactions/', { cashflow_source_id: lenderAccount, amount, received_at: daysAgo(days), label, details: label.split(' ')[0], method: 'transfer', ...extra }).expect(200);
      expect(res.body).toMatchObject({ amount, label, cashflow_source: { id: lenderAccount } });
      return res.body.id as number;
    };
    const reconcile = (id: number, movement: object, extra: object = {}) => b.post('/reconcile', { type: 'transaction', id, movements: [movement], replace_all: true, ...extra }).expect(200);

    const advance = await transaction(-80_000, `Avance ADV-0042 sur facture ${invoice.number}`, 3);
    const rule = { conditions: [['cashflow_source.id', '=', String(bank.id)], ['label', 'LIKE', '%ACME INVOICE FINANCE%']], on_event: 'transaction.created', parameter: 'account', value: String(transfer.id) };
    const categorised = await reconcile(advance, { type: 'account', id: transfer.id, amount: 80_000 }, { rule });
    expect(categorised.body).toMatchObject({ amount: 80_000, transaction: { id: advance, lettered_at: expect.any(String) } });

    const fee = await transaction(-5_000, 'Frais FEE-0042 commission de financement', 2, { contact_organization_id: lender.id });
    await reconcile(fee, { type: 'account', id: expense.id, amount: 5_000 });
    const final = await transaction(85_000, 'Remboursement FIN-0042', 1);
    await reconcile(final, { type: 'account', id: transfer.id, amount: 85_000 });
    const settlement = await transaction(100_000, `Règlement REC-0042 facture ${invoice.number}`, 0);
    const paid = await reconcile(settlement, { type: 'sales', id: invoice.id, amount: 100_000 });
    expect(paid.body).toMatchObject({ amount: 100_000, document_type: 'sales', document: { id: invoice.id, status: 'paid' }, transaction: { id: settlement } });

    const readBack = await b.get(`/invoices/${invoice.id}`).expect(200);
    expect(readBack.body).toMatchObject({ status: 'paid', paid_at: expect.any(String), balance: { due: 100_000, paid: 100_000, remaining: 0, completed: true, meaning: 'completed' } });

    const books = await b.books();
    const lenderBooks = books.cashflowSources.find((s: any) => s.id === lenderAccount);
    expect(lenderBooks.transactions.map((t: any) => [t.id, t.amount, t.reconciled])).toEqual([
      [advance, -80_000, 80_000],
      [fee, -5_000, 5_000],
      [final, 85_000, 85_000],
      [settlement, 100_000, 100_000],
    ]);
    expect(lenderBooks.balanceAmount).toBe(100_000);
    const feeLine = lenderBooks.transactions.find((t: any) => t.id === fee);
    expect(feeLine.contact).toEqual({ id: lender.id, name: 'ACME INVOICE FINANCE' });
    expect(feeLine.reconciliations).toEqual([expect.objectContaining({ type: 'account', id: expense.id, name: '627000', amount: 5_000 })]);
    const transferBooks = books.accounts.find((a: any) => a.id === transfer.id);
    expect(transferBooks.categorised.map((c: any) => [c.from.id, c.amount])).toEqual([[advance, 80_000], [final, 85_000]]);
    expect(books.invoices.find((i: any) => i.id === invoice.id)).toMatchObject({ status: 'paid', balance: { remaining: 0 } });

    // The borrower's real bank line for the advance, arriving afterwards, is categorised by the rule.
    const bankLine = await b.post('/transactions/', { cashflow_source_id: bank.id, amount: 80_000, received_at: daysAgo(0), label: 'VIR SEPA ACME INVOICE FINANCE AVANCE ADV-0042', method: 'transfer' }).expect(200);
    expect(bankLine.body.lettered_at).toEqual(expect.any(String));
    const otherLine = await b.post('/transactions/', { cashflow_source_id: bank.id, amount: 12_000, received_at: daysAgo(0), label: 'VIR BOULANGERIE MARTIN', method: 'transfer' }).expect(200);
    expect(otherLine.body.lettered_at).toBeUndefined();
    const after = await b.books();
    const ruled = after.accounts.find((a: any) => a.id === transfer.id).categorised;
    expect(ruled.map((c: any) => [c.from.id, c.amount, c.ruleId !== null])).toEqual([[advance, 80_000, false], [final, 85_000, false], [bankLine.body.id, 80_000, true]]);

    // Every request above is one Sinao's specification accepts.
    const sent = kit.exchanges.filter((e) => !e.path.startsWith('/_sandbox'));
    expect(sent.flatMap((e) => validateSinaoExchange(e).requestErrors)).toEqual([]);
  });

  it("takes the cash-account guide's own requests as written: multipart forms, the key as a bearer token, a \"transaction\" movement", async () => {
    const bearer = `Bearer ${b.apiKey}`;
    const source = await request(kit.app).post(`${PREFIX}/apps/${b.appId}/cashflowsources/`).set('Authorization', bearer)
      .field('name', 'Stripe').field('type', 'bank').field('account_type', 'card').field('balance_amount', '10000').expect(200);
    expect(source.body).toMatchObject({ name: 'Stripe', type: 'bank', account_type: 'card', balance_amount: 10_000 });
    const [customer] = (await b.get('/organizations').expect(200)).body;
    const fee = await request(kit.app).post(`${PREFIX}/apps/${b.appId}/transactions/`).set('Authorization', bearer)
      .field('cashflow_source_id', String(source.body.id)).field('contact_organization_id', String(customer.id))
      .field('label', 'Stripe fees Invoice AFBBBD63-0005').field('amount', '38').field('received_at', '2021-01-26T00:00:00Z').field('method', 'check').expect(200);
    expect(fee.body).toMatchObject({ amount: 38, label: 'Stripe fees Invoice AFBBBD63-0005', method: 'check', contact: { id: customer.id }, cashflow_source: { balance_amount: 10_038 } });
    const invoice = (await b.get('/invoices').query({ 'filters[0][name]': 'status', 'filters[0][comparator]': '=', 'filters[0][value]': 'final' }).expect(200)).body[0];
    const payment = await request(kit.app).post(`${PREFIX}/apps/${b.appId}/reconcile`).set('Authorization', bearer)
      .send({ type: 'sales', id: invoice.id, movements: [{ type: 'transaction', id: fee.body.id, amount: 38 }] }).expect(200);
    expect(payment.body).toMatchObject({ amount: 38, document_type: 'sales', transaction: { id: fee.body.id } });
  });
});

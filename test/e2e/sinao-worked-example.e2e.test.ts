import { InvoicesDocument, ReconcileInvoiceDocument, RecordDisbursementDocument, RecordFeeDocument, RecordFinalPaymentDocument } from '../generated/graphql';
import { daysAgo, injectSinaoFault, mappedSinaoBorrower, settled, sinaoBooks } from '../helpers/fixtures';
import { RegisterCompanyDocument } from '../generated/graphql';
import { sinaoSandboxOf } from '../helpers/fixtures';
import { errorCode, ok, startTestGateway, type TestGateway } from '../helpers/test-gateway';

type Tx = { id: number; amount: number; details: string; contact: { id: number } | null; reconciliations: { type: string; id: number; amount: number }[] };

/**
 * The worked example on Sinao: a EUR 800 advance on a EUR 1,000 invoice, a EUR 50 fee, the EUR 850
 * repayment and the invoice settled — each a transaction of the lender cash account, reconciled —
 * and the borrower's own bank lines for the advance and the repayment categorised by the rule.
 */
describe('the worked example on Sinao, from GraphQL to the borrower\'s books', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ skipDemo: true });
  });
  afterAll(async () => {
    // Every request the adapter sent and every answer it read, checked against Sinao's specification.
    expect(t.sinaoContract.violations).toEqual([]);
    expect([...t.sinaoContract.operations]).toEqual(expect.arrayContaining([
      'app.get', 'app.cashflow.cashflowsources.list', 'app.cashflow.cashflowsources.create', 'app.accounting.accounts.list',
      'app.contacts.organizations.list', 'app.documents.sales.invoices.list', 'app.cashflow.transactions.list',
      'app.cashflow.transactions.create', 'app.payments.reconciliation.reconcile', 'app.payments.payments.list', 'app.rules.list',
    ]));
    await t.close();
  });

  const lenderTransactions = async (appId: number, lenderId: string): Promise<Tx[]> =>
    (await sinaoBooks(t, appId)).cashflowSources.find((s: { id: number }) => String(s.id) === lenderId).transactions;

  async function record(b: { id: string }, invoiceId: string) {
    ok(await t.gql(RecordDisbursementDocument, { companyId: b.id, input: { externalId: 'adv-0042', amount: '800.00', currency: 'EUR', date: daysAgo(3), reference: 'ADV-0042', invoiceId, description: null } }));
    ok(await t.gql(RecordFeeDocument, { companyId: b.id, input: { externalId: 'fee-0042', amount: '50.00', currency: 'EUR', date: daysAgo(2), reference: 'FEE-0042', description: 'Commission de financement' } }));
    ok(await t.gql(RecordFinalPaymentDocument, { companyId: b.id, input: { externalId: 'final-0042', amount: '850.00', currency: 'EUR', date: daysAgo(1), reference: 'FIN-0042', description: null } }));
    ok(await t.gql(ReconcileInvoiceDocument, { companyId: b.id, input: { externalId: 'rec-0042', amount: '1000.00', currency: 'EUR', date: daysAgo(0), invoiceId, reference: 'REC-0042', description: null } }));
  }

  async function invoiceOf(b: { id: string }) {
    const invoices = ok(await t.gql(InvoicesDocument, { companyId: b.id, status: 'SUBMITTED', first: 100 })).invoices.nodes;
    const invoice = invoices.find((i) => i.amountDue === '1000.00' && i.currency === 'EUR');
    expect(invoice).toBeDefined();
    return invoice!;
  }

  it('registers a borrower only with a key that opens its application', async () => {
    const store = sinaoSandboxOf(t).store;
    const app = store.createApp('Menuiserie Petit SAS');
    const other = store.createApp('Garage Moreau SARL');
    const register = (appId: number, apiKey: string) =>
      t.gql(RegisterCompanyDocument, { input: { name: 'Menuiserie Petit SAS', externalRef: `menuiserie-${appId}-${apiKey.slice(0, 6)}`, connection: { sinao: { appId: String(appId), apiKey } } } });
    expect(errorCode(await register(app.id, 'not-a-key-of-sinao'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await register(app.id, store.createApiKey(other.id, 'other').key))).toBe('BAD_USER_INPUT');
    const { registerCompany } = ok(await register(app.id, store.createApiKey(app.id, 'gateway').key));
    expect(registerCompany.connection).toMatchObject({ provider: 'SINAO', status: 'CONNECTED', tenantName: 'Menuiserie Petit SAS' });
  });

  it('writes four transactions on the lender cash account, each reconciled, and the invoice paid', async () => {
    const b = await mappedSinaoBorrower(t);
    expect(b.tenantName).toBe('Boulangerie Durand SARL');
    const invoice = await invoiceOf(b);
    await record(b, invoice.id);
    const ops = await settled(t, b.id);
    expect(ops.filter((o) => o.eventId).map((o) => `${o.kind}:${o.status}`)).toEqual(['TRANSFER:SUCCEEDED', 'SPEND_MONEY:SUCCEEDED', 'TRANSFER:SUCCEEDED', 'INVOICE_PAYMENT:SUCCEEDED']);

    const after = await sinaoBooks(t, b.appId);
    const lender = after.cashflowSources.find((s: { id: number }) => String(s.id) === b.lenderId);
    expect(lender).toMatchObject({ type: 'bank', account_type: 'special', openingAmount: 0, balanceAmount: 100000 });
    const txs: Tx[] = lender.transactions;
    expect(txs.map((x) => x.amount)).toEqual([-80000, -5000, 85000, 100000]);
    const [advance, fee, repayment, settlement] = txs;
    expect(advance.reconciliations).toEqual([expect.objectContaining({ type: 'account', id: Number(b.transferId), amount: 80000 })]);
    expect(fee.reconciliations).toEqual([expect.objectContaining({ type: 'account', id: Number(b.expenseId), amount: 5000 })]);
    expect(fee.contact?.id).toBe(Number(b.supplierId));
    expect(repayment.reconciliations).toEqual([expect.objectContaining({ type: 'account', id: Number(b.transferId), amount: 85000 })]);
    expect(settlement.reconciliations).toEqual([expect.objectContaining({ type: 'sales', id: Number(invoice.id), amount: 100000 })]);
    // Each transaction carries the marker of its operation, by which it is found again.
    const mains = ops.filter((o) => o.eventId);
    txs.forEach((tx, i) => expect(tx.details).toContain(mains[i].id));

    const paid = after.invoices.find((i: { id: number }) => String(i.id) === invoice.id);
    expect(paid).toMatchObject({ status: 'paid', balance: { remaining: 0 } });

    // The lender's transfers reach the borrower's bank afterwards: its bank lines arrive in Sinao on
    // the real bank account and the rule created with the advance categorises them, not the others.
    expect(after.rules).toHaveLength(1);
    const [rule] = after.rules;
    const bankLine = (amount: number, label: string) => postBankLine(b.appId, b.designatedId, amount, label);
    const advanceLine = await bankLine(80000, 'VIR SEPA RECU /DE ACME INVOICE FINANCE LTD /MOTIF ADV-0042');
    const repaymentLine = await bankLine(-85000, 'VIR SEPA EMIS /A ACME INVOICE FINANCE /MOTIF FIN-0042');
    const otherLine = await bankLine(-12000, 'PRLV SEPA EDF /MOTIF FACTURE 2026-11');
    const bank = (await sinaoBooks(t, b.appId)).cashflowSources.find((s: { id: number }) => String(s.id) === b.designatedId);
    const line = (id: number): Tx => bank.transactions.find((x: Tx) => x.id === id);
    expect(line(advanceLine).reconciliations).toEqual([expect.objectContaining({ type: 'account', id: Number(b.transferId), amount: 80000, ruleId: rule.id })]);
    expect(line(repaymentLine).reconciliations).toEqual([expect.objectContaining({ type: 'account', id: Number(b.transferId), amount: 85000, ruleId: rule.id })]);
    expect(line(otherLine).reconciliations).toEqual([]);
    // The transfer account now holds both sides of each move: the lender account's and the bank's.
    const transfer = (await sinaoBooks(t, b.appId)).accounts.find((a: { id: number }) => String(a.id) === b.transferId);
    expect(transfer.total).toBe(2 * (80000 + 85000));
  });

  /** A line on the borrower's bank account as the bank's synchronisation brings it: a transaction of that cash-flow source, in Sinao's API. */
  async function postBankLine(appId: number, sourceId: string, amount: number, label: string): Promise<number> {
    const { key } = sinaoSandboxOf(t).store.createApiKey(appId, 'Bank synchronisation');
    const res = await t.http.post(`/sandbox/sinao/apps/${appId}/transactions/`).set('Api-Key', key)
      .send({ cashflow_source_id: Number(sourceId), amount, received_at: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), label, method: 'transfer' });
    expect(res.status).toBe(200);
    return res.body.id;
  }

  it.each([
    ['the answer to the transaction is lost', { fault: 'LOSE_RESPONSE', match: { method: 'POST', pathIncludes: '/transactions/' } }],
    ['the transaction is written, then answered 500', { fault: 'SERVER_ERROR', applied: true, match: { method: 'POST', pathIncludes: '/transactions/' } }],
    ['the answer to the reconciliation is lost', { fault: 'LOSE_RESPONSE', match: { method: 'POST', pathIncludes: '/reconcile' } }],
    ['the reconciliation fails after the transaction', { fault: 'SERVER_ERROR', applied: false, match: { method: 'POST', pathIncludes: '/reconcile' } }],
    ['the reconciliation is written, then answered 500', { fault: 'SERVER_ERROR', applied: true, match: { method: 'POST', pathIncludes: '/reconcile' } }],
  ])('ends with exactly one transaction and one reconciliation per entry when %s', async (_why, fault) => {
    const b = await mappedSinaoBorrower(t, { name: `Atelier ${Math.random().toString(36).slice(2, 8)} SARL` });
    const invoice = await invoiceOf(b);
    await injectSinaoFault(t, { ...fault, count: 4, match: { ...fault.match, companyId: String(b.appId) } });
    await record(b, invoice.id);
    const ops = await settled(t, b.id, 60000);
    expect(ops.filter((o) => o.eventId).map((o) => o.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    const txs = await lenderTransactions(b.appId, b.lenderId);
    expect(txs.map((x) => x.amount)).toEqual([-80000, -5000, 85000, 100000]);
    expect(txs.map((x) => x.reconciliations.length)).toEqual([1, 1, 1, 1]);
    const paid = (await sinaoBooks(t, b.appId)).invoices.find((i: { id: number }) => String(i.id) === invoice.id);
    expect(paid.balance).toMatchObject({ paid: 100000, remaining: 0 });
    expect((await sinaoBooks(t, b.appId)).rules).toHaveLength(1);
    // Every entry met the fault once: none is left queued.
    expect((await t.http.get('/sandbox/sinao/_sandbox/faults')).body).toEqual([]);
  });
});

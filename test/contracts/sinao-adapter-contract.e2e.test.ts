import { CreateInternalTransferAccountDocument, EnsureLenderSupplierDocument, InvoicesDocument, ReconcileInvoiceDocument, RecordDisbursementDocument, RecordFeeDocument } from '../generated/graphql';
import { daysAgo, injectSinaoFault, mappedSinaoBorrower, settled } from '../helpers/fixtures';
import { ok, startTestGateway, type TestGateway } from '../helpers/test-gateway';

/**
 * Every Sinao operation the adapter calls — registration, reads, set-up writes, the two steps of a
 * ledger write, the rule look-up and the searches after an unknown outcome — by its specification's
 * operation id. Checked against what the sandbox served, so an operation the adapter starts to use
 * without a test exercising it fails here.
 */
const ADAPTER_OPERATIONS = [
  'app.get',
  'app.cashflow.cashflowsources.list',
  'app.cashflow.cashflowsources.create',
  'app.accounting.accounts.list',
  'app.accounting.accounts.create',
  'app.contacts.organizations.list',
  'app.contacts.organizations.create',
  'app.documents.sales.invoices.list',
  'app.documents.sales.invoices.get',
  'app.payments.payments.list',
  'app.cashflow.transactions.create',
  'app.cashflow.transactions.list',
  'app.payments.reconciliation.reconcile',
  'app.rules.list',
];

describe('the Sinao adapter against Sinao\'s specification', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ skipDemo: true });
  });
  afterAll(() => t.close());

  it('sends only valid requests and reads only valid answers, for every operation it uses', async () => {
    const b = await mappedSinaoBorrower(t, { name: 'Contrat Sinao SARL' });
    ok(await t.gql(EnsureLenderSupplierDocument, { companyId: b.id, input: { name: 'Financement Nouveau SAS' } }));
    ok(await t.gql(CreateInternalTransferAccountDocument, { companyId: b.id, input: { name: 'Virements internes - contrat', nominalCode: '581900' } }));
    const invoice = ok(await t.gql(InvoicesDocument, { companyId: b.id, status: 'SUBMITTED', first: 100 })).invoices.nodes.find((i) => i.currency === 'EUR')!;

    // A lost answer on each step, so that the adapter searches the books before sending again.
    await injectSinaoFault(t, { fault: 'LOSE_RESPONSE', count: 1, match: { method: 'POST', pathIncludes: '/transactions/' } });
    await injectSinaoFault(t, { fault: 'LOSE_RESPONSE', count: 1, match: { method: 'POST', pathIncludes: '/reconcile' } });
    ok(await t.gql(RecordDisbursementDocument, { companyId: b.id, input: { externalId: 'ct-adv', amount: '100.00', currency: 'EUR', date: daysAgo(2), invoiceId: invoice.id } }));
    ok(await t.gql(RecordFeeDocument, { companyId: b.id, input: { externalId: 'ct-fee', amount: '5.00', currency: 'EUR', date: daysAgo(1) } }));
    ok(await t.gql(ReconcileInvoiceDocument, { companyId: b.id, input: { externalId: 'ct-rec', amount: '10.00', currency: 'EUR', date: daysAgo(0), invoiceId: invoice.id } }));
    const ops = await settled(t, b.id);
    expect(ops.filter((o) => o.status !== 'SUCCEEDED')).toEqual([]);

    expect(t.sinaoContract.violations).toEqual([]);
    expect(ADAPTER_OPERATIONS.filter((op) => !t.sinaoContract.operations.has(op))).toEqual([]);
  });
});

import { AccountMappingDocument, InvoicesDocument, ReconcileInvoiceDocument, RecordDisbursementDocument, RecordFeeDocument } from '../generated/graphql';
import { clearFaults, daysAgo, injectFault, mappedBorrower, settled } from '../helpers/fixtures';
import { ok, startTestGateway, type TestGateway } from '../helpers/test-gateway';

/**
 * Drives every kind of request the Codat adapter makes — reads, options, each push, push
 * operations, and the look-ups after a time-out — through the sandbox, and checks each request
 * and response against Codat's official schemas (test/contracts/codat-operations.json).
 */
describe('the Codat adapter against the official contract', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  it('sends only valid requests and gets only valid responses, for every operation it uses', async () => {
    const b = await mappedBorrower(t);
    ok(await t.gql(AccountMappingDocument, { companyId: b.id }));
    const invoice = ok(await t.gql(InvoicesDocument, { companyId: b.id, status: 'SUBMITTED', first: 100 })).invoices.nodes.find((i) => i.currency === 'GBP')!;
    // Every ledger write times out once after landing, so the adapter looks each one up in the books.
    for (const path of ['/push/transfers', '/push/directCosts', '/push/payments', '/bankTransactions']) {
      await injectFault(t, { fault: 'TIME_OUT', applied: true, match: { pathIncludes: path, companyId: b.codatCompanyId } });
    }
    ok(await t.gql(RecordDisbursementDocument, { companyId: b.id, input: { externalId: 'c-adv', amount: '100.00', currency: 'GBP', date: daysAgo(2), invoiceId: invoice.id } }));
    ok(await t.gql(RecordFeeDocument, { companyId: b.id, input: { externalId: 'c-fee', amount: '5.00', currency: 'GBP', date: daysAgo(1) } }));
    ok(await t.gql(ReconcileInvoiceDocument, { companyId: b.id, input: { externalId: 'c-rec', amount: '10.00', currency: 'GBP', date: daysAgo(0), invoiceId: invoice.id } }));
    const ops = await settled(t, b.id);
    await clearFaults(t);
    expect(ops.every((o) => o.status === 'SUCCEEDED')).toBe(true);

    expect(t.contractViolations).toEqual([]);
    expect([...t.contractOperations].sort()).toEqual(
      expect.arrayContaining([
        'create-company',
        'create-connection',
        'get-company',
        'get-connection',
        'list-accounting-bank-accounts',
        'list-accounting-accounts',
        'list-accounting-suppliers',
        'list-accounting-invoices',
        'get-create-update-bankAccounts-model',
        'create-bank-account',
        'create-account',
        'create-transfer',
        'create-direct-cost',
        'create-payment',
        'create-bank-transactions',
        'get-create-operation',
        'list-accounting-transfers',
        'list-accounting-direct-costs',
        'list-accounting-payments',
        'list-accounting-bank-account-transactions',
        'refresh-data-type',
        'get-pull-operation',
      ]),
    );
  });

  it('creates the lender as a supplier with a valid request', async () => {
    const b = await mappedBorrower(t, { name: 'Supplier Contract Ltd' });
    await t.gql('mutation($id: ID!) { ensureLenderSupplier(companyId: $id, input: { name: "Brand New Lender Co", emailAddress: "a@b.example", address: { line1: "1 Road", city: "Leeds" } }) { outcome } }', { id: b.id });
    expect(t.contractOperations.has('create-supplier')).toBe(true);
    expect(t.contractViolations).toEqual([]);
  });
});

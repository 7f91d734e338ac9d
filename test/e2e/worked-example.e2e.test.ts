import { InvoicesDocument, ReconcileInvoiceDocument, RecordDisbursementDocument, RecordFeeDocument, RecordFinalPaymentDocument } from '../generated/graphql';
import { books, daysAgo, mappedBorrower, settled } from '../helpers/fixtures';
import { ok, useTestGateway } from '../helpers/test-gateway';

/**
 * Codat's worked example: an £800 advance on a £1,000 invoice, a £50 fee, the final payment and
 * the invoice reconciled — recorded through GraphQL, delivered by the worker, read back from the
 * sandbox's books.
 */
describe('the worked example, from GraphQL to the borrower\'s books', () => {
  const t = useTestGateway({ skipDemo: true });

  it('posts each entry once, in the right accounts, with the lender account statement and its running balance', async () => {
    const b = await mappedBorrower(t);
    const invoices = ok(await t.gql(InvoicesDocument, { companyId: b.id, status: 'SUBMITTED', first: 100 })).invoices.nodes;
    const invoice = invoices.find((i) => i.amountDue === '1000.00' && i.currency === 'GBP')!;
    expect(invoice).toBeDefined();
    const before = await books(t, b.codatCompanyId);
    const designatedBefore = before.bankAccounts.find((a: { id: string }) => a.id === b.designatedId).balance;

    const advance = ok(await t.gql(RecordDisbursementDocument, {
      companyId: b.id,
      input: { externalId: 'adv-0042', amount: '800.00', currency: 'GBP', date: daysAgo(3), reference: 'ADV-0042', invoiceId: invoice.id, description: null },
    })).recordDisbursement;
    expect(advance).toMatchObject({ kind: 'DISBURSEMENT', amount: '800.00', currency: 'GBP', invoiceId: invoice.id });
    expect(advance.operations.map((o) => o.kind)).toEqual(['TRANSFER', 'STATEMENT_LINE']);
    ok(await t.gql(RecordFeeDocument, { companyId: b.id, input: { externalId: 'fee-0042', amount: '50.00', currency: 'GBP', date: daysAgo(2), reference: 'FEE-0042', description: 'Discount fee' } }));
    ok(await t.gql(RecordFinalPaymentDocument, { companyId: b.id, input: { externalId: 'final-0042', amount: '850.00', currency: 'GBP', date: daysAgo(1), reference: 'FIN-0042', description: null } }));
    ok(await t.gql(ReconcileInvoiceDocument, { companyId: b.id, input: { externalId: 'rec-0042', amount: '1000.00', currency: 'GBP', date: daysAgo(0), invoiceId: invoice.id, reference: 'REC-0042', description: null } }));

    const ops = await settled(t, b.id);
    expect(ops.filter((o) => o.eventId).map((o) => `${o.kind}:${o.status}`)).toEqual([
      'TRANSFER:SUCCEEDED',
      'STATEMENT_LINE:SUCCEEDED',
      'SPEND_MONEY:SUCCEEDED',
      'STATEMENT_LINE:SUCCEEDED',
      'TRANSFER:SUCCEEDED',
      'STATEMENT_LINE:SUCCEEDED',
      'INVOICE_PAYMENT:SUCCEEDED',
      'STATEMENT_LINE:SUCCEEDED',
    ]);

    const after = await books(t, b.codatCompanyId);
    const transfers = after.transfers.slice(before.transfers.length);
    expect(transfers.map((x: any) => [x.from.accountRef.id, x.to.accountRef.id, x.from.amount, x.to.amount])).toEqual([
      [b.lenderId, b.designatedId, 800, 800],
      [b.designatedId, b.lenderId, 850, 850],
    ]);

    const costs = after.directCosts.slice(before.directCosts.length);
    expect(costs).toHaveLength(1);
    expect(costs[0]).toMatchObject({ contactRef: { id: b.supplierId }, totalAmount: 50, currency: 'GBP' });
    expect(costs[0].lineItems).toHaveLength(1);
    expect(costs[0].lineItems[0].accountRef.id).toBe(b.expenseId);
    expect(costs[0].paymentAllocations[0].payment.accountRef.id).toBe(b.lenderId);

    const paid = after.invoices.find((i: { id: string }) => i.id === invoice.id);
    expect(paid).toMatchObject({ amountDue: 0, status: 'Paid' });
    const payments = after.payments.slice(before.payments.length);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ accountRef: { id: b.lenderId }, totalAmount: 1000 });
    expect(payments[0].lines[0].links[0]).toMatchObject({ type: 'Invoice', id: invoice.id, amount: -1000 });

    const lender = after.bankAccounts.find((a: { id: string }) => a.id === b.lenderId);
    expect(lender.statementLines.map((l: any) => [l.amount, l.balance])).toEqual([
      [-800, -800],
      [-50, -850],
      [850, 0],
      [1000, 1000],
    ]);
    expect(lender.statementLines.map((l: any) => l.clearedOnDate.slice(0, 10))).toEqual([daysAgo(3), daysAgo(2), daysAgo(1), daysAgo(0)]);
    const designatedAfter = after.bankAccounts.find((a: { id: string }) => a.id === b.designatedId).balance;
    expect(designatedAfter - designatedBefore).toBeCloseTo(800 - 850, 2);
  });
});

import type { XeroProviderSandbox } from '../../src/providers/xero/xero.sandbox';
import { InvoicesDocument, ReconcileInvoiceDocument, RecordDisbursementDocument, RecordFeeDocument, RecordFinalPaymentDocument, WritebackOperationsDocument } from '../generated/graphql';
import { daysAgo, eventually } from '../helpers/fixtures';
import { ok, useTestGateway, type TestGateway } from '../helpers/test-gateway';
import { connectionOf, connectXero, mapXeroBorrower, registerXeroBorrower, type Gql } from '../providers/xero-borrower';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Books = any;

async function settledOps(gql: Gql, companyId: string, count: number) {
  return eventually(async () => {
    const ops = ok(await gql(WritebackOperationsDocument, { companyId, status: null, first: 100, after: null })).writebackOperations.nodes;
    return ops.length >= count && ops.every((o) => o.status === 'SUCCEEDED' || o.status === 'FAILED') && ops;
  }, 30_000, 'every write to settle');
}

describe('Xero directly: the worked example and a revoked connection, through the HTTP server', () => {
  const t = useTestGateway({ skipDemo: true });
  const gql: Gql = (doc, variables) => t.gql(doc, variables);
  const sandbox = () => t.gw.sandboxes.get('XERO') as XeroProviderSandbox;
  const books = async (tenantId: string): Promise<Books> => (await t.http.get(`/sandbox/xero/_sandbox/organisations/${tenantId}/books`)).body;

  async function connectedBorrower(t: TestGateway, name: string) {
    const org = sandbox().store.addOrganisation({ name });
    const companyId = await registerXeroBorrower(gql, name);
    const page = await connectXero(gql, companyId, [name]);
    expect(page.status).toBe(200);
    expect(await connectionOf(gql, companyId)).toMatchObject({ status: 'CONNECTED', tenantName: name });
    return { companyId, tenantId: org.tenantId, ...(await mapXeroBorrower(gql, companyId)) };
  }

  it('writes the advance and the final payment as bank transfers, the fee as spend money, the settlement as a payment, the lender side reconciled', async () => {
    const b = await connectedBorrower(t, 'Worked Example Trading Ltd');
    const invoices = ok(await t.gql(InvoicesDocument, { companyId: b.companyId, status: 'SUBMITTED', first: 100 })).invoices.nodes;
    const invoice = invoices.find((i) => i.currency === 'GBP' && Number(i.amountDue) >= 1000)!;
    expect(invoice).toBeDefined();
    const due = Number(invoice.amountDue);

    ok(await t.gql(RecordDisbursementDocument, { companyId: b.companyId, input: { externalId: 'adv-1', amount: '800.00', currency: 'GBP', date: daysAgo(3), reference: 'ADV-1', invoiceId: invoice.id, description: null } }));
    ok(await t.gql(RecordFeeDocument, { companyId: b.companyId, input: { externalId: 'fee-1', amount: '50.00', currency: 'GBP', date: daysAgo(2), reference: 'FEE-1', description: 'Discount fee' } }));
    ok(await t.gql(RecordFinalPaymentDocument, { companyId: b.companyId, input: { externalId: 'fin-1', amount: '850.00', currency: 'GBP', date: daysAgo(1), reference: 'FIN-1', description: null } }));
    ok(await t.gql(ReconcileInvoiceDocument, { companyId: b.companyId, input: { externalId: 'rec-1', amount: invoice.amountDue, currency: 'GBP', date: daysAgo(0), invoiceId: invoice.id, reference: 'REC-1', description: null } }));

    const ops = (await settledOps(gql, b.companyId, 4)).filter((o) => o.eventId);
    expect(ops.map((o) => `${o.kind}:${o.status}`)).toEqual(['TRANSFER:SUCCEEDED', 'SPEND_MONEY:SUCCEEDED', 'TRANSFER:SUCCEEDED', 'INVOICE_PAYMENT:SUCCEEDED']);

    const after = await books(b.tenantId);
    const transfers = after.bankTransfers.map((x: Books) => [x.FromBankAccount.AccountID, x.ToBankAccount.AccountID, x.Amount, x.FromIsReconciled, x.ToIsReconciled]);
    expect(transfers).toEqual([
      [b.lenderId, b.designatedId, 800, true, false],
      [b.designatedId, b.lenderId, 850, false, true],
    ]);
    const spends = after.bankTransactions.filter((x: Books) => x.Type === 'SPEND');
    expect(spends).toHaveLength(1);
    expect(spends[0]).toMatchObject({ BankAccount: { AccountID: b.lenderId }, Contact: { ContactID: b.supplierId }, Total: 50, IsReconciled: true });
    expect(spends[0].LineItems).toHaveLength(1);
    expect(spends[0].LineItems[0]).toMatchObject({ AccountID: b.expenseId, LineAmount: 50 });
    const payments = after.payments.filter((p: Books) => /REC-1/.test(p.Reference));
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ Amount: due, Account: { AccountID: b.lenderId }, IsReconciled: true });
    expect(after.invoices.find((i: Books) => i.InvoiceID === invoice.id)).toMatchObject({ AmountDue: 0, Status: 'PAID' });
    // The lender account's running balance: −800 advanced, −50 fee, +850 repaid, +the settlement.
    expect(after.accounts.find((a: Books) => a.AccountID === b.lenderId).Balance).toBeCloseTo(-800 - 50 + 850 + due, 2);
  }, 90_000);

  it("reaches the operation's lastError with Xero's validation message word for word", async () => {
    const b = await connectedBorrower(t, 'Validation Example Ltd');
    // The borrower deletes the fee account in Xero after it was mapped.
    const orgBooks = sandbox().books.books(b.tenantId);
    orgBooks.accounts.splice(orgBooks.accounts.findIndex((a) => a.accountId === b.expenseId), 1);
    ok(await t.gql(RecordFeeDocument, { companyId: b.companyId, input: { externalId: 'fee-gone', amount: '5.00', currency: 'GBP', date: daysAgo(0), reference: 'FEE-GONE', description: null } }));
    const [op] = (await settledOps(gql, b.companyId, 1)).filter((o) => o.eventId);
    expect(op.status).toBe('FAILED');
    expect(op.attempts).toBe(1);
    expect(op.lastError).toContain(`Account code '${b.expenseId}' is not a valid code for this document.`);
  });

  it("sent only requests Xero's specifications allow, and got only answers they describe", () => {
    expect(t.xeroContract.violations).toEqual([]);
    expect([...t.xeroContract.operations].sort()).toEqual(expect.arrayContaining(['createAccount', 'createBankTransactions', 'createBankTransfer', 'createPayments', 'getAccounts', 'getContacts', 'getInvoice', 'getInvoices']));
  });

  it('holds the writes of a connection the borrower removed at Xero, and delivers each once after they reconnect', async () => {
    const b = await connectedBorrower(t, 'Revoked Example Ltd');
    const { store } = sandbox();
    const connection = store.allConnections().find((c) => c.tenantId === b.tenantId && c.active)!;
    // The borrower disconnects the app in Xero (its tokens revoked too), then their access token runs out.
    expect((await t.http.delete(`/sandbox/xero/_sandbox/identity/connections/${connection.id}?revokeTokens=true`)).status).toBe(204);
    store.advanceClock(31 * 60);
    for (let i = 1; i <= 3; i++) {
      ok(await t.gql(RecordFeeDocument, { companyId: b.companyId, input: { externalId: `held-${i}`, amount: `${i}.00`, currency: 'GBP', date: daysAgo(0), reference: `HELD-${i}`, description: null } }));
    }
    const held = await eventually(async () => {
      const ops = ok(await t.gql(WritebackOperationsDocument, { companyId: b.companyId, status: null, first: 100, after: null })).writebackOperations.nodes.filter((o) => o.eventId);
      return ops.length === 3 && ops.every((o) => o.status === 'HELD') && ops;
    }, 20_000, 'the fees to be held');
    expect(held.map((o) => o.attempts)).toEqual([0, 0, 0]);
    expect(await connectionOf(gql, b.companyId)).toMatchObject({ status: 'RECONNECT_REQUIRED' });

    const page = await connectXero(gql, b.companyId, ['Revoked Example Ltd']);
    expect(page.status).toBe(200);
    expect(await connectionOf(gql, b.companyId)).toMatchObject({ status: 'CONNECTED' });
    const ops = (await settledOps(gql, b.companyId, 3)).filter((o) => o.eventId);
    expect(ops.map((o) => o.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    const spends = (await books(b.tenantId)).bankTransactions.filter((x: Books) => x.Type === 'SPEND' && /HELD-/.test(x.Reference));
    expect(spends.map((x: Books) => x.Total).sort()).toEqual([1, 2, 3]);
  }, 90_000);
});

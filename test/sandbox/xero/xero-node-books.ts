import { AccountType, BankTransaction, Invoice, LineAmountTypes, XeroClient, type Account, type BankTransfer, type Contact, type Payment } from 'xero-node';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The lender's write-back through Xero's own SDK: each call's answer is deserialised by the SDK's
 * models (a field of the wrong shape would fail here or come back undefined), then read back.
 */
export async function driveBooksWithSdk(xero: XeroClient, tenantId: string): Promise<void> {
  const accounting = xero.accountingApi;

  const banks = (await accounting.getAccounts(tenantId, undefined, 'Status=="ACTIVE" AND Type=="BANK"')).body.accounts!;
  expect(banks.map((a) => a.name).sort()).toEqual(['Business Current Account', 'Business Savings Account']);
  expect(banks[0].updatedDateUTC).toBeInstanceOf(Date);
  const current = banks.find((a) => a.code === '090')!;

  const lenderAccount: Account = { name: 'Acme Advances', type: AccountType.BANK, bankAccountNumber: '20000012345678', currencyCode: 'GBP' as never };
  const created = (await accounting.createAccount(tenantId, lenderAccount, 'sdk-account-1')).body.accounts![0];
  expect(created).toMatchObject({ name: 'Acme Advances', type: AccountType.BANK, accountID: expect.any(String) });
  const expense = (await accounting.getAccounts(tenantId, undefined, 'Code=="480"')).body.accounts![0];

  const found = (await accounting.getContacts(tenantId, undefined, undefined, undefined, undefined, 1, false, false, 'acme')).body;
  expect(found.contacts!.map((c) => c.name)).toContain('ACME INVOICE FINANCE LIMITED');
  const lenderContact: Contact = { name: 'Acme Invoice Finance Ltd', contactNumber: 'LENDER-1' };
  const contact = (await accounting.createContacts(tenantId, { contacts: [lenderContact] }, false, 'sdk-contact-1')).body.contacts![0];
  expect(contact.contactID).toEqual(expect.any(String));

  const transfer: BankTransfer = { fromBankAccount: { accountID: created.accountID }, toBankAccount: { accountID: current.accountID }, amount: 8000, date: today(), reference: 'WG-ADV-1', fromIsReconciled: true };
  const advance = (await accounting.createBankTransfer(tenantId, { bankTransfers: [transfer] }, 'sdk-transfer-1')).body.bankTransfers![0];
  expect(advance).toMatchObject({ amount: 8000, fromIsReconciled: true, bankTransferID: expect.any(String) });
  const transfers = (await accounting.getBankTransfers(tenantId, undefined, 'Reference=="WG-ADV-1"')).body.bankTransfers!;
  expect(transfers.map((t) => t.bankTransferID)).toEqual([advance.bankTransferID]);

  const fee: BankTransaction = {
    type: BankTransaction.TypeEnum.SPEND, contact: { contactID: contact.contactID }, bankAccount: { accountID: created.accountID }, date: today(), reference: 'WG-FEE-1',
    isReconciled: true, lineAmountTypes: LineAmountTypes.NoTax, lineItems: [{ description: 'Advance fee', quantity: 1, unitAmount: 120, accountCode: expense.code }],
  };
  const spent = (await accounting.createBankTransactions(tenantId, { bankTransactions: [fee] }, false, undefined, 'sdk-fee-1')).body.bankTransactions![0];
  expect(spent).toMatchObject({ type: BankTransaction.TypeEnum.SPEND, total: 120, isReconciled: true, status: BankTransaction.StatusEnum.AUTHORISED });
  expect(spent.validationErrors ?? []).toEqual([]);
  const onLender = (await accounting.getBankTransactions(tenantId, undefined, `BankAccount.AccountID==Guid("${created.accountID}")`)).body.bankTransactions!;
  expect(onLender.map((t) => t.type)).toEqual([BankTransaction.TypeEnum.SPENDTRANSFER, BankTransaction.TypeEnum.SPEND]);

  const open = (await accounting.getInvoices(tenantId, undefined, 'Status=="AUTHORISED"', 'InvoiceNumber ASC')).body.invoices!;
  const invoice = open.find((i) => i.amountPaid === 0)!;
  const payment: Payment = { invoice: { invoiceID: invoice.invoiceID }, account: { accountID: created.accountID }, amount: invoice.amountDue, date: today(), reference: 'WG-PAY-1', isReconciled: true };
  const paid = (await accounting.createPayments(tenantId, { payments: [payment] }, false, 'sdk-pay-1')).body.payments![0];
  expect(paid.paymentID).toEqual(expect.any(String));
  const readBack = (await accounting.getInvoice(tenantId, invoice.invoiceID!)).body.invoices![0];
  expect(readBack).toMatchObject({ status: Invoice.StatusEnum.PAID, amountDue: 0, amountPaid: invoice.total });
  expect(readBack.fullyPaidOnDate).toBeInstanceOf(Date);
  const payments = (await accounting.getPayments(tenantId, undefined, 'Reference=="WG-PAY-1"')).body.payments!;
  expect(payments.map((p) => p.amount)).toEqual([invoice.total]);

  const feeds = xero.bankFeedsApi;
  const connection = (await feeds.createFeedConnections(tenantId, { items: [{ accountToken: 'acme-1', accountId: created.accountID, accountType: 'BANK' as never, currency: 'GBP' as never }] })).body.items![0];
  expect(connection.status).toBe('PENDING');
  const linked = (await feeds.getFeedConnection(tenantId, connection.id!)).body;
  expect(linked).toMatchObject({ id: connection.id, accountId: created.accountID });
  expect((await feeds.getFeedConnections(tenantId)).body.items!.map((f) => f.id)).toEqual([connection.id]);

  const line = (amount: number, side: 'CREDIT' | 'DEBIT', transactionId: string) => ({ postedDate: today(), amount, creditDebitIndicator: side as never, transactionId, description: transactionId });
  const statement = {
    feedConnectionId: connection.id, startDate: today(), endDate: today(),
    startBalance: { amount: 0, creditDebitIndicator: 'CREDIT' as never }, endBalance: { amount: 3320, creditDebitIndicator: 'DEBIT' as never },
    statementLines: [line(8000, 'DEBIT', 'WG-ADV-1'), line(120, 'DEBIT', 'WG-FEE-1'), line(invoice.total!, 'CREDIT', 'WG-PAY-1')],
  };
  statement.endBalance.amount = Math.abs(-8000 - 120 + invoice.total!);
  const sent = (await feeds.createStatements(tenantId, { items: [statement] }, 'sdk-statement-1')).body.items![0];
  expect(sent.status).toBe('PENDING');
  const delivered = (await feeds.getStatement(tenantId, sent.id!)).body;
  expect(delivered).toMatchObject({ status: 'DELIVERED', statementLineCount: 3 });
  expect((await feeds.getStatements(tenantId)).body.items!.map((s) => s.id)).toEqual([sent.id]);
}

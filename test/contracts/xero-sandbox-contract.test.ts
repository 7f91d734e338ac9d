import { xeroBooksKit, xeroContract } from '../sandbox/xero/xero-books-kit';

const XERO = require('./xero.contract.js') as { operations: Array<{ method: string; path: string; spec?: string }> };
type Shown = Record<string, any>;

const today = new Date().toISOString().slice(0, 10);

/**
 * The Xero sandbox against Xero's Accounting and Bank Feeds specifications, through the contracts
 * kit: every operation of the contract file that the sandbox serves is called, its answers (and
 * the requests this test sends) validate, and the checks do fail on an answer Xero would not give.
 */
describe('Xero sandbox contract', () => {
  it('answers every Accounting and Bank Feeds operation of the contract as the specs say', async () => {
    const kit = await xeroBooksKit();
    const get = async (path: string, query: Record<string, string> = {}) => (await kit.accounting('get', path).query(query)).body;

    await get('/Organisation');
    const lender = (await kit.accounting('put', '/Accounts', { Name: 'Acme Advances', Type: 'BANK', BankAccountNumber: '20000012345678', CurrencyCode: 'GBP' })).body.Accounts[0];
    await kit.accounting('put', '/Accounts', { Name: 'Acme Advances', Type: 'BANK', BankAccountNumber: '1' });
    await get(`/Accounts/${lender.AccountID}`);
    const current = (await get('/Accounts', { where: 'Type=="BANK" AND Status=="ACTIVE" AND Code=="090"' })).Accounts[0];
    const contact = (await kit.accounting('put', '/Contacts', { Contacts: [{ Name: 'Acme Invoice Finance Ltd', ContactNumber: 'LENDER-1', EmailAddress: 'ops@acme.example' }] })).body.Contacts[0];
    await kit.accounting('put', '/Contacts', { Contacts: [{ Name: 'Acme Invoice Finance Ltd' }] }).query({ summarizeErrors: 'false' });
    await get('/Contacts', { searchTerm: 'acme', page: '1', pageSize: '10' });
    await get(`/Contacts/${contact.ContactID}`);

    const transfer = (await kit.accounting('put', '/BankTransfers', {
      BankTransfers: [{ FromBankAccount: { AccountID: lender.AccountID }, ToBankAccount: { AccountID: current.AccountID }, Amount: 8000, Date: today, Reference: 'WG-ADV-1', FromIsReconciled: true }],
    })).body.BankTransfers[0];
    await kit.accounting('put', '/BankTransfers', { BankTransfers: [{ FromBankAccount: { AccountID: lender.AccountID }, ToBankAccount: { AccountID: lender.AccountID }, Amount: 1 }] });
    await get('/BankTransfers', { where: 'Reference=="WG-ADV-1"' });
    await get(`/BankTransfers/${transfer.BankTransferID}`);

    const spend = { Type: 'SPEND', Contact: { ContactID: contact.ContactID }, BankAccount: { AccountID: lender.AccountID }, Date: today, Reference: 'WG-FEE-1', IsReconciled: true, LineAmountTypes: 'NoTax', LineItems: [{ Description: 'Fee', Quantity: 1, UnitAmount: 120, AccountCode: '480' }] };
    const fee = (await kit.accounting('put', '/BankTransactions', { BankTransactions: [spend] }).query({ summarizeErrors: 'false' })).body.BankTransactions[0];
    await kit.accounting('put', '/BankTransactions', { BankTransactions: [{ ...spend, LineItems: [{ Description: 'Fee', UnitAmount: 1, AccountCode: '999' }] }] }).query({ summarizeErrors: 'false' });
    await kit.accounting('put', '/BankTransactions', { BankTransactions: [{ ...spend, Contact: {} }] });
    await get('/BankTransactions', { page: '1' });
    await get(`/BankTransactions/${fee.BankTransactionID}`);

    const invoice = (await get('/Invoices', { Statuses: 'AUTHORISED', order: 'InvoiceNumber DESC', page: '1' })).Invoices[0];
    await get(`/Invoices/${invoice.InvoiceID}`);
    const payment = (await kit.accounting('put', '/Payments', { Payments: [{ Invoice: { InvoiceID: invoice.InvoiceID }, Account: { AccountID: lender.AccountID }, Amount: invoice.AmountDue, Date: today, Reference: 'WG-PAY-1', IsReconciled: true }] })).body.Payments[0];
    await kit.accounting('put', '/Payments', { Payments: [{ Invoice: { InvoiceID: invoice.InvoiceID }, Account: { AccountID: lender.AccountID }, Amount: 1, Date: today }] });
    await get('/Payments', { where: 'Reference=="WG-PAY-1"' });
    await get(`/Payments/${payment.PaymentID}`);

    const feed = (await kit.feeds('post', '/FeedConnections', { items: [{ accountToken: 'acme-1', accountId: lender.AccountID, accountType: 'BANK', currency: 'GBP' }] })).body.items[0];
    await kit.feeds('post', '/FeedConnections', { items: [{ accountToken: 'acme-1', accountNumber: '1', accountType: 'BANK' }] });
    await kit.feeds('get', '/FeedConnections').query({ page: '1', pageSize: '5' });
    await kit.feeds('get', `/FeedConnections/${feed.id}`);
    const statement = {
      feedConnectionId: feed.id, startDate: today, endDate: today, startBalance: { amount: 0, creditDebitIndicator: 'CREDIT' }, endBalance: { amount: 8120, creditDebitIndicator: 'DEBIT' },
      statementLines: [
        { postedDate: today, amount: 8000, creditDebitIndicator: 'DEBIT', transactionId: 'WG-ADV-1', description: 'Advance', payeeName: 'Brick Lane Bakery Ltd', reference: 'WG-ADV-1', transactionType: 'Transfer' },
        { postedDate: today, amount: 120, creditDebitIndicator: 'DEBIT', transactionId: 'WG-FEE-1', description: 'Fee' },
      ],
    };
    const sent = (await kit.feeds('post', '/Statements', { items: [statement] })).body.items[0];
    await kit.feeds('post', '/Statements', { items: [statement] });
    await kit.feeds('post', '/Statements', { items: [{ ...statement, statementLines: [], endBalance: { amount: 5, creditDebitIndicator: 'CREDIT' } }] });
    await kit.feeds('get', '/Statements');
    await kit.feeds('get', `/Statements/${sent.id}`);
    const other = (await kit.feeds('post', '/FeedConnections', { items: [{ accountToken: 'acme-2', accountNumber: '99990002', accountName: 'Spare feed', accountType: 'BANK' }] })).body.items[0];
    await kit.feeds('post', '/FeedConnections/DeleteRequests', { items: [{ id: other.id }] });

    expect(kit.violations).toEqual([]);
    expect(kit.checked.flatMap((c) => c.requestErrors)).toEqual([]);
    const served = XERO.operations.filter((op) => op.spec !== 'identity').map((op) => xeroContract.find(op.method, op.path.replace(/\{[^}]+\}/g, 'x'))!.operationId);
    const succeeded = new Set(kit.checked.filter((c) => c.status < 300).map((c) => c.operation));
    expect(served.filter((operation) => !succeeded.has(operation))).toEqual([]);
    // Refusals the specs declare were answered and checked too.
    const declaredRefusals = kit.checked.filter((c) => c.status >= 400 && c.responseErrors.length === 0).map((c) => `${c.operation} ${c.status}`);
    expect(declaredRefusals).toEqual(expect.arrayContaining(['createAccount 400', 'createBankTransfer 400', 'createBankTransactions 400', 'createPayments 400', 'createStatements 409', 'createStatements 422', 'createFeedConnections 400']));
  });

  it('fails an answer Xero would not give: an amount as text, a status outside the spec enum', () => {
    const check = (path: string, responseBody: unknown, method = 'GET') => xeroContract.check({ method, path, status: 200, responseBody }).responseErrors;
    const transfer = { BankTransferID: '76eea4b6-f026-464c-b6f3-5fb39a196145', Amount: 50, Status: 'AUTHORISED', FromBankAccount: { AccountID: '7e5e243b-9fcd-4aef-8e3a-c70be1e39bfa' }, ToBankAccount: { AccountID: '6f7594f2-f059-4d56-9e67-47ac9733bfe9' } };
    expect(check('/BankTransfers', { BankTransfers: [transfer] })).toEqual([]);
    expect(check('/BankTransfers', { BankTransfers: [{ ...transfer, Amount: '50.00' }] })).not.toEqual([]);
    expect(check('/BankTransfers', { BankTransfers: [{ ...transfer, Status: 'PAID' }] })).not.toEqual([]);
    expect(check('/Statements/9817e4b8-82b3-4526-91f7-040bd278053f', { id: '9817e4b8-82b3-4526-91f7-040bd278053f', status: 'ACTIVE' })).not.toEqual([]);
  });
});

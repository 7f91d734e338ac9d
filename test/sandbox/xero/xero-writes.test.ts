import { xeroBooksKit } from './xero-books-kit';

type Kit = Awaited<ReturnType<typeof xeroBooksKit>>;
type Shown = Record<string, any>;

describe('Xero sandbox: the lender\'s writes and the books they leave', () => {
  let kit: Kit;
  let lender: Shown;
  let current: Shown;
  let contact: Shown;
  beforeEach(async () => {
    kit = await xeroBooksKit();
    lender = (await kit.accounting('put', '/Accounts', { Name: 'Acme Advances', Type: 'BANK', BankAccountNumber: '20000012345678', CurrencyCode: 'GBP' })).body.Accounts[0];
    current = (await kit.accounting('get', '/Accounts').query({ where: 'Code=="090"' })).body.Accounts[0];
    contact = (await kit.accounting('get', '/Contacts').query({ searchTerm: 'ACME INVOICE' })).body.Contacts[0];
  });
  afterEach(() => expect(kit.violations).toEqual([]));

  const transfer = (from: Shown, to: Shown, amount: number, reference: string, extra: Shown = {}) =>
    kit.accounting('put', '/BankTransfers', { BankTransfers: [{ FromBankAccount: { AccountID: from.AccountID }, ToBankAccount: { AccountID: to.AccountID }, Amount: amount, Date: '2026-11-20', Reference: reference, ...extra }] });

  it('books the worked example: advance, fee as spend money, invoice paid from the lender account, repayment', async () => {
    const advance = await transfer(lender, current, 8000, 'WG-ADV-1', { FromIsReconciled: true });
    expect(advance.status).toBe(200);
    expect(advance.body.BankTransfers[0]).toMatchObject({
      Amount: 8000, Status: 'AUTHORISED', Reference: 'WG-ADV-1', FromIsReconciled: true, ToIsReconciled: false,
      Date: '/Date(1795132800000+0000)/', FromBankAccount: { AccountID: lender.AccountID, Name: 'Acme Advances' }, FromBankTransactionID: expect.any(String),
    });

    const fee = await kit.accounting('put', '/BankTransactions', {
      BankTransactions: [{ Type: 'SPEND', Contact: { ContactID: contact.ContactID }, BankAccount: { AccountID: lender.AccountID }, Date: '2026-11-20', Reference: 'WG-FEE-1', IsReconciled: true,
        LineAmountTypes: 'NoTax', LineItems: [{ Description: 'Advance fee', Quantity: 1, UnitAmount: 120, AccountCode: '480' }] }],
    }).query({ summarizeErrors: 'false' });
    expect(fee.body.BankTransactions[0]).toMatchObject({ Type: 'SPEND', Total: 120, TotalTax: 0, IsReconciled: true, StatusAttributeString: 'OK', LineItems: [{ AccountCode: '480', LineAmount: 120, TaxType: 'NONE' }] });

    const invoice = (await kit.accounting('get', '/Invoices').query({ InvoiceNumbers: 'INV-0100' })).body.Invoices[0];
    const payment = await kit.accounting('put', '/Payments', { Payments: [{ Invoice: { InvoiceID: invoice.InvoiceID }, Account: { AccountID: lender.AccountID }, Amount: invoice.AmountDue, Date: '2026-11-21', Reference: 'WG-PAY-1', IsReconciled: true }] });
    expect(payment.body.Payments[0]).toMatchObject({ PaymentID: expect.any(String), PaymentType: 'ACCRECPAYMENT', Amount: 4800, IsReconciled: true, Invoice: { Status: 'PAID', AmountDue: 0, AmountPaid: 4800 } });
    const paid = (await kit.accounting('get', `/Invoices/${invoice.InvoiceID}`)).body.Invoices[0];
    expect(paid).toMatchObject({ Status: 'PAID', AmountDue: 0, AmountPaid: 4800, FullyPaidOnDate: '/Date(1795219200000+0000)/' });

    await transfer(current, lender, 3320, 'WG-REP-1', { ToIsReconciled: true });
    const byReference = await kit.accounting('get', '/BankTransfers').query({ where: 'Reference=="WG-REP-1"' });
    expect(byReference.body.BankTransfers.map((t: Shown) => t.Amount)).toEqual([3320]);

    const books = await kit.books();
    const balance = (id: string) => books.accounts.find((a: Shown) => a.AccountID === id).Balance;
    expect(balance(lender.AccountID)).toBe(-8000 - 120 + 4800 + 3320);
    expect(books.accounts.find((a: Shown) => a.Code === '480').Balance).toBe(120);
    expect(books.bankTransfers).toHaveLength(2);
    expect(books.bankTransactions.filter((t: Shown) => t.BankAccount.AccountID === lender.AccountID).map((t: Shown) => [t.Type, t.IsReconciled]))
      .toEqual([['SPEND-TRANSFER', true], ['SPEND', true], ['RECEIVE-TRANSFER', true]]);
    expect(books.payments.filter((p: Shown) => p.Account.AccountID === lender.AccountID)).toHaveLength(1);
  });

  it('refuses what Xero refuses, with its ValidationErrors, and writes nothing of a refused batch', async () => {
    const same = await transfer(lender, lender, 10, 'x');
    expect(same.status).toBe(400);
    expect(same.body.Elements[0].ValidationErrors).toEqual([{ Message: 'The FromBankAccount and ToBankAccount must be different accounts.' }]);

    const invoices = (await kit.accounting('get', '/Invoices')).body.Invoices;
    const open = invoices.find((i: Shown) => i.InvoiceNumber === 'INV-0101');
    const draft = invoices.find((i: Shown) => i.Status === 'DRAFT');
    const pay = (invoice: Shown, amount: number) => ({ Invoice: { InvoiceID: invoice.InvoiceID }, Account: { AccountID: lender.AccountID }, Amount: amount, Date: '2026-11-21' });
    const mixed = await kit.accounting('put', '/Payments', { Payments: [pay(open, 5000), pay(draft, 10), pay(open, 100)] }).query({ summarizeErrors: 'false' });
    expect(mixed.status).toBe(200);
    expect(mixed.body.Payments.map((p: Shown) => p.StatusAttributeString)).toEqual(['ERROR', 'ERROR', 'OK']);
    expect(mixed.body.Payments[0].ValidationErrors).toEqual([{ Message: 'Payment amount exceeds the amount outstanding on this document' }]);
    expect(mixed.body.Payments[1].ValidationErrors).toEqual([{ Message: 'Payments can only be made against Authorised documents.' }]);

    const summarised = await kit.accounting('put', '/Payments', { Payments: [pay(open, 10), pay(open, 5000)] });
    expect(summarised.status).toBe(400);
    expect((await kit.accounting('get', `/Invoices/${open.InvoiceID}`)).body.Invoices[0].AmountPaid).toBe(100);

    const archived = await kit.accounting('put', '/BankTransactions', { BankTransactions: [{ Type: 'SPEND', Contact: { ContactID: contact.ContactID }, BankAccount: { AccountID: lender.AccountID }, LineItems: [{ Description: 'Fee', UnitAmount: 5, AccountCode: '498' }] }] });
    expect(archived.body.Elements[0].ValidationErrors).toEqual([{ Message: "Account code '498' has been archived, or has been deleted. Each line item must reference a valid account." }]);
    const noContact = await kit.accounting('put', '/BankTransactions', { BankTransactions: [{ Type: 'SPEND', BankAccount: { AccountID: lender.AccountID }, LineItems: [{ Description: 'Fee', UnitAmount: 5, AccountCode: '480' }] }] });
    expect(noContact.body.Elements[0].ValidationErrors).toEqual([{ Message: 'The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber' }]);
    expect((await kit.books()).bankTransactions).toHaveLength(0);
  });

  it('computes VAT per line when amounts are Exclusive, on the account\'s tax type', async () => {
    const res = await kit.accounting('put', '/BankTransactions', { BankTransactions: [{ Type: 'SPEND', Contact: { Name: 'New Supplier Ltd' }, BankAccount: { Code: '090' }, LineItems: [{ Description: 'Ads', Quantity: 3, UnitAmount: 33.33, AccountCode: '400' }] }] });
    expect(res.body.BankTransactions[0]).toMatchObject({ SubTotal: 99.99, TotalTax: 20, Total: 119.99, LineAmountTypes: 'Exclusive', Contact: { Name: 'New Supplier Ltd' } });
    expect((await kit.accounting('get', '/Contacts').query({ searchTerm: 'New Supplier' })).body.Contacts).toHaveLength(1);
  });
});

import { LENDER_NAME, day, sandboxKit, type SandboxKit } from './sandbox-test-kit';

describe('Codat sandbox: writes move the books', () => {
  let kit: SandboxKit;
  let current: { id: string; balance: number };
  let savings: { id: string; balance: number };
  let lenderId: string;
  let feesAccountId: string;

  beforeEach(() => {
    kit = sandboxKit();
    const books = kit.store.books(kit.companyId);
    [current, savings] = books.bankAccounts;
    lenderId = books.suppliers.find((s) => s.supplierName === 'ACME INVOICE FINANCE LIMITED')!.id;
    feesAccountId = books.accounts.find((a) => a.name === 'Bank Fees')!.id;
  });
  afterEach(() => expect(kit.violations).toEqual([]));

  const bank = async (id: string) => (await kit.get(`${kit.conn}/data/bankAccounts/${id}`)).body;

  it('a transfer moves both bank balances and is found again by its description', async () => {
    const done = await kit.push('transfers', {
      date: day(0),
      description: 'Advance INV-0102 [op-1]',
      from: { accountRef: { id: savings.id }, amount: 800, currency: 'GBP' },
      to: { accountRef: { id: current.id }, amount: 800, currency: 'GBP' },
    });
    expect(done.status).toBe('Success');
    expect((await bank(savings.id)).balance).toBe(savings.balance - 800);
    expect((await bank(current.id)).balance).toBe(current.balance + 800);
    expect((await kit.get(`/companies/${kit.companyId}/data/accounts/${current.id}`)).body.currentBalance).toBe(current.balance + 800);
    const transfers = (await kit.get(`${kit.conn}/data/transfers`)).body.results;
    expect(transfers.find((t: { id: string }) => t.id === done.changes[0].recordRef.id)).toMatchObject({ description: 'Advance INV-0102 [op-1]' });
  });

  it('a transfer between unequal amounts, or to an archived account, fails and moves nothing', async () => {
    const archived = kit.store.books(kit.companyId).bankAccounts.find((b) => b.status === 'Archived')!;
    const unequal = await kit.push('transfers', { date: day(0), from: { accountRef: { id: savings.id }, amount: 800 }, to: { accountRef: { id: current.id }, amount: 799.99 } });
    expect(unequal.validation.errors.map((e: { message: string }) => e.message)).toEqual(['From.Amount must be equal to To.Amount.']);
    const toArchived = await kit.push('transfers', { date: day(0), from: { accountRef: { id: savings.id }, amount: 5 }, to: { accountRef: { id: archived.id }, amount: 5 } });
    expect(toArchived.status).toBe('Failed');
    expect(toArchived.validation.errors).toEqual([expect.objectContaining({ itemId: 'To.AccountRef.Id', message: 'The ToBankAccount has been archived, or has been deleted.' })]);
    expect((await bank(savings.id)).balance).toBe(savings.balance);
  });

  it('a direct cost to the lender reduces the paying bank balance', async () => {
    const done = await kit.push('directCosts', {
      issueDate: day(0), reference: 'Fees INV-0102 [op-2]', currency: 'GBP',
      contactRef: { id: lenderId, dataType: 'suppliers' },
      lineItems: [{ description: 'Fees and interest', quantity: 1, unitAmount: 37.5, subTotal: 37.5, taxAmount: 0, totalAmount: 37.5, accountRef: { id: feesAccountId } }],
      paymentAllocations: [{ payment: { accountRef: { id: current.id }, currency: 'GBP' }, allocation: { totalAmount: 37.5 } }],
      subTotal: 37.5, taxAmount: 0, totalAmount: 37.5,
    });
    expect(done.status).toBe('Success');
    expect(done.changes[0].recordRef.dataType).toBe('directCosts');
    expect((await bank(current.id)).balance).toBe(current.balance - 37.5);
    const costs = (await kit.get(`${kit.conn}/data/directCosts`)).body.results;
    expect(costs.map((c: { reference: string }) => c.reference)).toContain('Fees INV-0102 [op-2]');
  });

  it('a direct cost whose allocation differs from its lines, or paid to an archived supplier, fails', async () => {
    const archived = kit.store.books(kit.companyId).suppliers.find((s) => s.status === 'Archived')!;
    const body = (contactId: string, allocated: number) => ({
      issueDate: day(0), currency: 'GBP', contactRef: { id: contactId },
      lineItems: [{ description: 'Fees', quantity: 2, unitAmount: 10, taxAmount: 0, accountRef: { id: feesAccountId } }],
      paymentAllocations: [{ payment: { accountRef: { id: current.id } }, allocation: { totalAmount: allocated } }],
      subTotal: 20, taxAmount: 0, totalAmount: 20,
    });
    const mismatch = await kit.push('directCosts', body(lenderId, 25));
    expect(mismatch.validation.errors.map((e: { itemId: string }) => e.itemId)).toEqual(['PaymentAllocations[0].Allocation.TotalAmount']);
    const archivedContact = await kit.push('directCosts', body(archived.id, 20));
    expect(archivedContact.validation.errors).toEqual([expect.objectContaining({
      itemId: 'ContactRef.Id', message: 'The contact with the specified contact details has been archived. The contact must be un-archived before creating new invoices or credit notes.',
    })]);
    const unknownContact = await kit.push('directCosts', body('1c1d0a4e-52a1-4a38-9b0e-6a3e0f6f2b11', 20));
    expect(unknownContact.validation.errors).toEqual([expect.objectContaining({ itemId: 'ContactRef.Id', message: 'The contact with the supplied ContactID was not found.' })]);
    const eur = kit.store.books(kit.companyId).bankAccounts.find((b) => b.currency === 'EUR')!;
    const otherCurrency = await kit.push('directCosts', { ...body(lenderId, 20), paymentAllocations: [{ payment: { accountRef: { id: eur.id } }, allocation: { totalAmount: 20 } }] });
    expect(otherCurrency.validation.errors).toEqual([expect.objectContaining({
      itemId: 'PaymentAllocations[0].Payment.AccountRef.Id', message: 'The currency GBP does not match the currency of the bank account (EUR).',
    })]);
    const toAccount = await kit.push('directCosts', { ...body(lenderId, 20), paymentAllocations: [{ payment: { accountRef: { id: feesAccountId } }, allocation: { totalAmount: 20 } }] });
    expect(toAccount.validation.errors).toEqual([expect.objectContaining({ message: 'PaymentAllocations[0].Payment.AccountRef.Id must be a bank account.' })]);
    const onBank = await kit.push('directCosts', { ...body(lenderId, 20), lineItems: [{ description: 'Fees', quantity: 2, unitAmount: 10, taxAmount: 0, accountRef: { id: savings.id } }] });
    expect(onBank.validation.errors).toEqual([expect.objectContaining({
      itemId: 'LineItems[0].AccountRef.Id', message: 'A line item cannot be coded to a bank account; use a bank transfer.',
    })]);
    const archivedAccount = kit.store.books(kit.companyId).accounts.find((a) => a.status === 'Archived' && !a.isBankAccount)!;
    const onArchived = await kit.push('directCosts', { ...body(lenderId, 20), lineItems: [{ description: 'Fees', quantity: 2, unitAmount: 10, taxAmount: 0, accountRef: { id: archivedAccount.id } }] });
    expect(onArchived.validation.errors).toEqual([expect.objectContaining({
      itemId: 'LineItems[0].AccountRef.Id', message: `Account code '${archivedAccount.nominalCode}' has been archived, or has been deleted. Each line item must reference a valid account.`,
    })]);
    expect((await bank(current.id)).balance).toBe(current.balance);
  });

  it('payments reduce what an invoice owes, to PartiallyPaid then Paid, and raise the bank balance', async () => {
    const invoices = (await kit.get(`/companies/${kit.companyId}/data/invoices?query=${encodeURIComponent('invoiceNumber=INV-0102')}`)).body.results;
    const invoice = invoices[0];
    expect(invoice).toMatchObject({ status: 'Submitted', amountDue: 1000, totalAmount: 1000 });
    const pay = (amount: number, reference: string) => kit.push('payments', {
      customerRef: { id: invoice.customerRef.id }, accountRef: { id: current.id }, totalAmount: amount, currency: 'GBP', date: day(0), reference,
      lines: [{ amount, links: [{ type: 'Invoice', id: invoice.id, amount: -amount }] }],
    });
    expect((await pay(400, 'part [op-3]')).status).toBe('Success');
    expect((await kit.get(`/companies/${kit.companyId}/data/invoices/${invoice.id}`)).body).toMatchObject({ status: 'PartiallyPaid', amountDue: 600 });
    const over = await pay(600.01, 'too much');
    expect(over.status).toBe('Failed');
    expect(over.validation.errors).toEqual([expect.objectContaining({ itemId: 'Lines', message: 'Payment amount exceeds the amount outstanding on this document' })]);
    expect((await pay(600, 'rest [op-4]')).status).toBe('Success');
    const paid = (await kit.get(`/companies/${kit.companyId}/data/invoices/${invoice.id}`)).body;
    expect(paid).toMatchObject({ status: 'Paid', amountDue: 0, paidOnDate: day(0) });
    expect(paid.paymentAllocations).toHaveLength(2);
    expect((await bank(current.id)).balance).toBe(current.balance + 1000);
    const payments = (await kit.get(`/companies/${kit.companyId}/data/payments?query=${encodeURIComponent('reference=rest [op-4]')}`)).body.results;
    expect(payments).toHaveLength(1);
  });

  it('a payment into a bank account in another currency than its invoice fails with Xero\'s words', async () => {
    const books = kit.store.books(kit.companyId);
    const invoice = books.invoices.find((i) => i.invoiceNumber === 'INV-0102')!;
    const eur = books.bankAccounts.find((b) => b.currency === 'EUR')!;
    const done = await kit.push('payments', {
      customerRef: { id: invoice.customerRef.id }, accountRef: { id: eur.id }, totalAmount: 10, currency: 'GBP', date: day(0),
      lines: [{ amount: 10, links: [{ type: 'Invoice', id: invoice.id, amount: -10 }] }],
    });
    expect(done.validation.errors).toEqual([expect.objectContaining({
      itemId: 'AccountRef.Id', message: 'The currency of the bank account (EUR) must match the currency of the invoice (GBP).',
    })]);
    expect((await bank(eur.id)).balance).toBe(eur.balance);
  });

  it('a payment against a draft or void invoice, or with a positive link, fails', async () => {
    const books = kit.store.books(kit.companyId);
    for (const status of ['Draft', 'Void'] as const) {
      const invoice = books.invoices.find((i) => i.status === status)!;
      const done = await kit.push('payments', {
        customerRef: { id: invoice.customerRef.id }, accountRef: { id: current.id }, totalAmount: 10, currency: 'GBP', date: day(0),
        lines: [{ amount: 10, links: [{ type: 'Invoice', id: invoice.id, amount: 10 }] }],
      });
      expect(done.validation.errors.map((e: { itemId: string }) => e.itemId)).toEqual(['Lines[0].Links[0].Id', 'Lines[0].Links[0].Amount', 'Lines[0].Amount']);
    }
  });

  it('statement lines join the account feed in order with their balances; the last is the feed balance', async () => {
    const before = kit.store.books(kit.companyId).bankAccounts[0].statementLines.length;
    const path = `bankAccounts/${current.id}/bankTransactions`;
    const done = await kit.push(path, {
      accountId: current.id,
      transactions: [
        { id: 'op-5', date: `${day(-1)}T00:00:00`, description: 'Advance INV-0102', counterparty: LENDER_NAME, amount: -800, balance: -800, transactionType: 'Debit' },
        { id: 'op-6', date: `${day(0)}T00:00:00`, description: 'Repayment INV-0102', reference: 'R-1', amount: 837.5, balance: 37.5, transactionType: 'Debit' },
      ],
    });
    expect(done.status).toBe('Success');
    expect(done.changes.map((c: { recordRef: { id: string } }) => c.recordRef.id)).toEqual(['op-5', 'op-6']);
    expect(done.validation.warnings).toEqual([expect.objectContaining({ itemId: 'Transactions[1].Amount', validatorName: 'BankTransactions' })]);
    const snapshot = kit.store.books(kit.companyId).bankAccounts[0];
    expect(snapshot.statementLines.slice(before).map((l) => [l.id, l.amount, l.balance, l.reference])).toEqual([['op-5', -800, -800, null], ['op-6', 837.5, 37.5, 'R-1']]);
    expect(snapshot.statementBalance).toBe(37.5);
    const read = (await kit.get(`${kit.conn}/data/${path}?query=${encodeURIComponent('id=op-6')}`)).body.results;
    expect(read).toEqual([expect.objectContaining({ id: 'op-6', accountId: current.id, clearedOnDate: `${day(0)}T00:00:00`, amount: 837.5, balance: 37.5 })]);
  });

  it('statement lines out of order, in the future, over a year old, without balance or with too long a counterparty fail', async () => {
    const path = `bankAccounts/${current.id}/bankTransactions`;
    const line = (id: string, date: string, extra: object = {}) => ({ id, date: `${date}T00:00:00`, amount: 1, balance: 1, ...extra });
    const done = await kit.push(path, {
      accountId: current.id,
      transactions: [
        line('a', day(-2)), line('b', day(-3)), line('c', day(2)), line('d', day(-400)), { id: 'e', date: `${day(0)}T00:00:00`, amount: 1 },
        line('f', day(0), { counterparty: 'C'.repeat(256) }),
      ],
    });
    expect(done.status).toBe('Failed');
    expect(done.validation.errors.map((e: { itemId: string; message: string }) => `${e.itemId}: ${e.message}`)).toEqual([
      'Transactions[1].Date: Transactions must be in chronological order.',
      'Transactions[2].Date: Transactions[2].Date must not be in the future.',
      'Transactions[3].Date: Transactions[3].Date must be no more than 1 year old.',
      'Transactions[3].Date: Transactions must be in chronological order.',
      'Transactions[4].Balance: Transactions[4].Balance must be provided.',
      "Transactions[5].Counterparty: For the request field 'StatementLine.PayeeName' exceeded the maximum length of 255.",
    ]);
    expect(kit.store.books(kit.companyId).bankAccounts[0].statementLines.map((l) => l.id)).not.toContain('a');
  });

  it('a negative direct cost is booked as a direct income and raises the balance', async () => {
    const done = await kit.push('directCosts', {
      issueDate: day(0), currency: 'GBP', contactRef: { id: lenderId },
      lineItems: [{ description: 'Fee refund', quantity: -1, unitAmount: 20, taxAmount: 0, accountRef: { id: feesAccountId } }],
      paymentAllocations: [{ payment: { accountRef: { id: current.id } }, allocation: { totalAmount: -20 } }],
      subTotal: -20, taxAmount: 0, totalAmount: -20,
    });
    expect(done.changes[0].recordRef.dataType).toBe('directIncomes');
    expect((await bank(current.id)).balance).toBe(current.balance + 20);
  });

  it('serves the books snapshot on the admin route', async () => {
    const res = await kit.admin.get(`/sandbox/codat/_sandbox/companies/${kit.companyId}/books`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(kit.store.books(kit.companyId));
    expect((await kit.admin.get('/sandbox/codat/_sandbox/companies/nope/books')).status).toBe(404);
  });
});

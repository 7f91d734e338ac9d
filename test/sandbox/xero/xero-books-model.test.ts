import {
  checkStatement, createAccount, createBankTransaction, createFeedConnection, createPayment, invoicePaymentFindings, seedDemoOrganisation, settleFeedConnection, statementWindow,
} from '../../../src/sandbox/xero-books';
import { whereFilter } from '../../../src/sandbox/xero/where-filter';

const NOW = Date.parse('2026-11-20T10:00:00Z');
const books = () => seedDemoOrganisation({ tenantId: 'f9af7030-d441-5bdb-9f66-c3167775a87d', name: 'Brick Lane Bakery Ltd', lenderName: 'Acme Invoice Finance Ltd', now: () => NOW });

describe('the Xero books model', () => {
  it('seeds the same ids for the same tenant, and a near-miss of the lender among the contacts', () => {
    const [a, b] = [books(), books()];
    expect(a.accounts.map((x) => x.accountId)).toEqual(b.accounts.map((x) => x.accountId));
    expect(a.contacts.map((c) => c.name)).toEqual(expect.arrayContaining(['ACME INVOICE FINANCE LIMITED', 'Acme Factoring Services']));
  });

  it('prices Inclusive lines by taking the VAT out of the amount, per line, to the penny', () => {
    const org = books();
    const outcome = createBankTransaction(org, {
      Type: 'SPEND', Contact: { Name: 'BT Business' }, BankAccount: { Code: '090' }, LineAmountTypes: 'Inclusive',
      LineItems: [{ Description: 'Phone', UnitAmount: 100, AccountCode: '453' }, { Description: 'Paper', UnitAmount: 10.01, AccountCode: '453' }],
    });
    // 100 holds 16.67 of VAT and 10.01 holds 1.67, each rounded on its own line.
    expect(outcome.ok && [outcome.record.subTotal, outcome.record.totalTax, outcome.record.total]).toEqual([91.67, 18.34, 110.01]);
  });

  it('keeps running balances: money out of the bank account, spending on the expense account', () => {
    const org = books();
    const bank = org.accountByCode('090')!;
    const before = org.accountBalance(bank.accountId);
    createBankTransaction(org, { Type: 'SPEND', Contact: { Name: 'BT Business' }, BankAccount: { Code: '090' }, LineAmountTypes: 'NoTax', LineItems: [{ UnitAmount: 45, AccountCode: '437' }] });
    expect(org.accountBalance(bank.accountId)).toBe(before - 45);
    expect(org.accountBalance(org.accountByCode('437')!.accountId)).toBe(45);
  });

  it('pays an invoice down to PAID, and refuses more than it owes', () => {
    const org = books();
    const invoice = org.invoiceByNumber('INV-0101')!;
    expect(invoicePaymentFindings(org, { InvoiceNumber: 'INV-0101' }, invoice.amountDue + 0.01).map((f) => f.message)).toEqual(['Payment amount exceeds the amount outstanding on this document']);
    const paid = createPayment(org, { Invoice: { InvoiceID: invoice.invoiceId }, Account: { Code: '090' }, Amount: invoice.amountDue, Date: '2026-11-20' });
    expect(paid.ok).toBe(true);
    expect(invoice).toMatchObject({ status: 'PAID', amountDue: 0, fullyPaidOnDate: '2026-11-20' });
  });

  it('checks a statement\'s end balance from its unsigned lines and their indicators', () => {
    const org = books();
    const feed = createFeedConnection(org, { accountToken: 't', accountId: org.accountByCode('091')!.accountId }, NOW);
    if ('type' in feed) throw new Error(feed.detail);
    settleFeedConnection(org, feed);
    const statement = (end: number) => checkStatement(org, {
      feedConnectionId: feed.id, startDate: '2026-11-19', endDate: '2026-11-20', startBalance: { amount: 10, creditDebitIndicator: 'DEBIT' },
      endBalance: { amount: end, creditDebitIndicator: 'CREDIT' }, statementLines: [{ postedDate: '2026-11-20', amount: 25, creditDebitIndicator: 'CREDIT', transactionId: 'x' }],
    });
    expect('statement' in statement(15)).toBe(true);
    expect(statement(35)).toEqual({ problem: expect.objectContaining({ type: 'invalid-end-balance', status: 422 }) });
  });

  it('takes no bank transaction for an archived contact, nor one in another currency than its bank account', () => {
    const org = books();
    const archived = org.contacts.find((c) => c.status === 'ARCHIVED')!;
    const eur = createAccount(org, { Name: 'Euro Account', Type: 'BANK', BankAccountNumber: '40478455103821', CurrencyCode: 'EUR' });
    if (!eur.ok) throw new Error(eur.messages.join());
    const spend = (contact: object, bank: object) => createBankTransaction(org, { Type: 'SPEND', Contact: contact, BankAccount: bank, CurrencyCode: 'GBP', LineItems: [{ UnitAmount: 5, AccountCode: '437' }] });
    expect(spend({ ContactID: archived.contactId }, { Code: '090' })).toEqual({ ok: false, messages: [
      'The contact with the specified contact details has been archived. The contact must be un-archived before creating new invoices or credit notes.',
    ] });
    expect(spend({ Name: 'BT Business' }, { AccountID: eur.record.accountId })).toEqual({ ok: false, messages: ['The currency GBP does not match the currency of the bank account (EUR).'] });
    expect(org.bankTransactions).toHaveLength(0);
  });

  it('takes statements from a year before today up to today, by the calendar', () => {
    const org = books();
    expect(statementWindow(org)).toEqual({ earliest: '2025-11-20', latest: '2026-11-20' });
    const feed = createFeedConnection(org, { accountToken: 't', accountId: org.accountByCode('091')!.accountId }, NOW);
    if ('type' in feed) throw new Error(feed.detail);
    settleFeedConnection(org, feed);
    const from = (startDate: string) => checkStatement(org, {
      feedConnectionId: feed.id, startDate, endDate: '2026-11-20', startBalance: { amount: 0, creditDebitIndicator: 'CREDIT' },
      endBalance: { amount: 0, creditDebitIndicator: 'CREDIT' }, statementLines: [],
    });
    expect('statement' in from('2025-11-20')).toBe(true);
    expect(from('2025-11-19')).toEqual({ problem: expect.objectContaining({ type: 'invalid-start-date' }) });
  });

  it('reads Xero\'s where filters', () => {
    const rows = [
      { Name: 'Sales', Type: 'REVENUE', Status: 'ACTIVE', Contact: { Name: 'Harbour' }, Total: 10, Date: '/Date(1795132800000+0000)/', IsReconciled: true },
      { Name: 'Bank', Type: 'BANK', Status: 'ARCHIVED', Contact: { Name: 'Pennine' }, Total: 20, Date: '/Date(1795219200000+0000)/', IsReconciled: false },
    ];
    const names = (where: string) => rows.filter(whereFilter(where)).map((r) => r.Name);
    expect(names('Type=="BANK" OR Status=="ACTIVE"')).toEqual(['Sales', 'Bank']);
    expect(names('NOT (Type=="bank") && Total >= 10')).toEqual(['Sales']);
    expect(names('Contact.Name.StartsWith("pen")')).toEqual(['Bank']);
    expect(names('Date > DateTime(2026,11,20)')).toEqual(['Bank']);
    expect(names('IsReconciled')).toEqual(['Sales']);
    expect(() => whereFilter('Type=="BANK" AND')).toThrow('could not be parsed');
  });
});

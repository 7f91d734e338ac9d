import { msDate } from '../xero-books';
import { showAccount, showBankTransaction, showBankTransfer, showInvoice, showPayment } from './accounting-json';
import { showConnection, showStatement } from './bankfeeds.routes';
import type { XeroBooksStore } from './xero-books.store';

/**
 * One organisation's books for tests and demos (not part of Xero's API): each account with its
 * running balance (and, for a feed-connected bank account, the bank's statement balance), then
 * the transfers, bank transactions, payments, invoices, feed connections and statements with
 * their lines, in Xero's own shapes.
 */
export function booksView(store: XeroBooksStore, tenantId: string): Record<string, unknown> {
  store.settleDue();
  const books = store.books(tenantId);
  return {
    organisation: books.profile,
    accounts: books.accounts.map((account) => ({
      ...showAccount(account),
      Balance: books.accountBalance(account.accountId),
      ...(books.statementBalance(account.accountId) !== undefined ? { StatementBalance: books.statementBalance(account.accountId) } : {}),
    })),
    contacts: books.contacts.map((c) => ({ ContactID: c.contactId, Name: c.name, ContactNumber: c.contactNumber, ContactStatus: c.status })),
    bankTransfers: books.bankTransfers.map((t) => showBankTransfer(books, t)),
    bankTransactions: books.bankTransactions.map((t) => showBankTransaction(books, t)),
    payments: books.payments.map((p) => showPayment(books, p)),
    invoices: books.invoices.map((i) => showInvoice(books, i)),
    feedConnections: books.feedConnections.map(showConnection),
    statements: books.statements.map((s) => showStatement(s, true)),
    statementLines: books.statements.filter((s) => s.status === 'DELIVERED').flatMap((s) => s.lines.map((line) => ({
      feedConnectionId: s.feedConnectionId, ...line, PostedDate: msDate(line.postedDate),
    }))),
  };
}

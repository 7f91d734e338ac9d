import { OrganisationBooks, type Account, type Invoice } from '../xero-books';
import type { Books, InvoiceRecord } from './sandbox.types';

const INVOICE_STATUS: Record<InvoiceRecord['status'], Invoice['status']> = {
  Draft: 'DRAFT', Submitted: 'AUTHORISED', PartiallyPaid: 'AUTHORISED', Paid: 'PAID', Void: 'VOIDED', Unknown: 'SUBMITTED',
};

const ACCOUNT_TYPE: Record<string, Account['type']> = {
  Asset: 'CURRENT', Expense: 'EXPENSE', Income: 'REVENUE', Liability: 'CURRLIAB', Equity: 'EQUITY', Unknown: 'EXPENSE',
};

/**
 * The company's books as Xero holds them, read from Codat's records: bank accounts and the chart
 * as Xero accounts, invoices with Xero's statuses (Codat's Submitted and PartiallyPaid are
 * Xero's AUTHORISED). Codat writes to Xero, so Xero's rules run on this view of its books; the
 * view is read-only (the records stay Codat's). `now` is the view's today, for Xero's date rules.
 *
 * @example
 * invoicePaymentFindings(xeroView(books), { InvoiceID: invoice.id }, 600.01); // Xero's "exceeds the amount outstanding"
 */
export function xeroView(books: Books, now: Date = new Date()): OrganisationBooks {
  const profile = { tenantId: 'codat-company', name: 'Codat company', baseCurrency: 'GBP', countryCode: 'GB', currencies: ['GBP', 'EUR', 'USD'] };
  const view = new OrganisationBooks(profile, () => now.getTime());
  const banks = new Set(books.bankAccounts.map((bank) => bank.id));
  for (const bank of books.bankAccounts) {
    view.accounts.push({
      accountId: bank.id, code: bank.nominalCode ?? undefined, name: bank.accountName, type: 'BANK', status: bank.status === 'Archived' ? 'ARCHIVED' : 'ACTIVE',
      taxType: 'NONE', bankAccountNumber: bank.accountNumber ?? undefined, currencyCode: bank.currency, enablePaymentsToAccount: false, openingBalance: bank.balance, updatedAt: 0,
    });
  }
  for (const account of books.accounts.filter((a) => !banks.has(a.id))) {
    view.accounts.push({
      accountId: account.id, code: account.nominalCode ?? undefined, name: account.name, type: ACCOUNT_TYPE[account.type] ?? 'EXPENSE',
      status: account.status === 'Archived' ? 'ARCHIVED' : 'ACTIVE', taxType: 'NONE', currencyCode: account.currency, enablePaymentsToAccount: false, openingBalance: account.currentBalance, updatedAt: 0,
    });
  }
  for (const contact of [...books.suppliers, ...books.customers]) {
    view.contacts.push({ contactId: contact.id, name: String(contact.supplierName ?? contact.customerName), status: contact.status === 'Archived' ? 'ARCHIVED' : 'ACTIVE', updatedAt: 0 });
  }
  for (const invoice of books.invoices) {
    view.invoices.push({
      invoiceId: invoice.id, type: 'ACCREC', invoiceNumber: invoice.invoiceNumber, contactId: invoice.customerRef.id, date: '', dueDate: '',
      status: INVOICE_STATUS[invoice.status], lineAmountTypes: 'Exclusive', lineItems: [], subTotal: invoice.totalAmount, totalTax: 0, total: invoice.totalAmount,
      amountPaid: invoice.totalAmount - invoice.amountDue, amountDue: invoice.amountDue, currencyCode: invoice.currency, paymentIds: [], updatedAt: 0,
    });
  }
  return view;
}

import { OrganisationBooks, type Account, type Invoice } from '../xero-books';
import type { Books, InvoiceRecord } from './sandbox.types';

const INVOICE_STATUS: Record<InvoiceRecord['status'], Invoice['status']> = {
  Draft: 'DRAFT', Submitted: 'AUTHORISED', PartiallyPaid: 'AUTHORISED', Paid: 'PAID', Void: 'VOIDED', Unknown: 'SUBMITTED',
};

/**
 * The Xero account type behind each of Codat's Xero categories (its chart-of-accounts options).
 * Xero's Australian payroll types are not in the UK model: wages and superannuation fall back
 * to the plain expense and current-liability types.
 */
const ACCOUNT_TYPE: Record<string, Account['type']> = {
  'Asset.Current': 'CURRENT', 'Asset.Fixed': 'FIXED', 'Asset.Inventory': 'INVENTORY', 'Asset.NonCurrent': 'NONCURRENT', 'Asset.Prepayment': 'PREPAYMENT',
  'Expense.DirectCosts': 'DIRECTCOSTS', 'Expense.Expense': 'EXPENSE', 'Expense.Overhead': 'OVERHEADS', 'Expense.Superannuation': 'EXPENSE', 'Expense.Wages': 'EXPENSE',
  'Income.Sales': 'SALES', 'Income.Revenue': 'REVENUE', 'Income.Other': 'OTHERINCOME',
  'Liability.Current': 'CURRLIAB', 'Liability.Depreciation': 'DEPRECIATN', 'Liability.Liability': 'LIABILITY', 'Liability.NonCurrent': 'TERMLIAB',
  'Liability.PayAsYouGo': 'PAYG', 'Liability.Superannuation': 'CURRLIAB', 'Liability.WagesPayable': 'CURRLIAB', 'Equity.Equity': 'EQUITY',
};

/**
 * The company's books as Xero holds them, read from Codat's records: bank accounts and the chart
 * as Xero accounts (typed by their Codat category), invoices with Xero's statuses (Codat's
 * Submitted and PartiallyPaid are Xero's AUTHORISED). Codat writes to Xero, so Xero's rules run on
 * this view of its books; the view is read-only (the records stay Codat's). `now` is the view's
 * today, for Xero's date rules.
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
      accountId: account.id, code: account.nominalCode ?? undefined, name: account.name, type: ACCOUNT_TYPE[account.fullyQualifiedCategory ?? ''] ?? 'EXPENSE',
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

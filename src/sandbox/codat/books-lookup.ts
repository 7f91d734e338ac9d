import type { AccountRecord, BankAccountRecord, Books, CustomerRecord, InvoiceRecord, SupplierRecord } from './sandbox.types';

/** Lookups by the ids Codat records reference one another with. */

export function bankAccountById(books: Books, id: unknown): BankAccountRecord | undefined {
  return typeof id === 'string' ? books.bankAccounts.find((bank) => bank.id === id) : undefined;
}

export function accountById(books: Books, id: unknown): AccountRecord | undefined {
  return typeof id === 'string' ? books.accounts.find((account) => account.id === id) : undefined;
}

export function invoiceById(books: Books, id: unknown): InvoiceRecord | undefined {
  return typeof id === 'string' ? books.invoices.find((invoice) => invoice.id === id) : undefined;
}

/** Xero keeps one list of contacts; Codat shows each as a customer and as a supplier. */
export function contactById(books: Books, id: unknown): SupplierRecord | CustomerRecord | undefined {
  if (typeof id !== 'string') return undefined;
  return books.suppliers.find((supplier) => supplier.id === id) ?? books.customers.find((customer) => customer.id === id);
}

/** Moves a bank account's balance and keeps its chart-of-accounts twin in step. */
export function moveBankBalance(books: Books, bankAccountId: string, delta: number, roundTo: (n: number) => number): void {
  const bank = bankAccountById(books, bankAccountId);
  if (bank) bank.balance = roundTo(bank.balance + delta);
  const ledger = accountById(books, bankAccountId);
  if (ledger) ledger.currentBalance = roundTo(ledger.currentBalance + delta);
}

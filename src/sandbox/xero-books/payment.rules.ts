import { newUuid } from '../kit';
import type { Account, Invoice, Json, Payment } from './books.types';
import { readAmount, round2 } from './money';
import type { OrganisationBooks } from './organisation-books';
import { object, refused, text, type Outcome } from './outcome';
import { requestDay } from './transaction.rules';

/**
 * One element of `PUT /Payments` on an invoice: the invoice by `Invoice.InvoiceID` or
 * `InvoiceNumber`, the account by `Account.AccountID`/`Account.Code` or `Code` (a bank account,
 * or one that takes payments), an amount no larger than what the invoice still owes ("Payment
 * amount exceeds the amount outstanding on this document", the spec's words). The invoice's
 * AmountDue and AmountPaid move; it is PAID, with its FullyPaidOnDate, when nothing is left due.
 */
export function createPayment(books: OrganisationBooks, input: Json): Outcome<Payment> {
  const messages: string[] = [];
  const invoiceRef = object(input.Invoice) ?? (text(input.InvoiceNumber) ? { InvoiceNumber: input.InvoiceNumber } : undefined);
  const amount = readAmount(input.Amount);
  const findings = invoicePaymentFindings(books, invoiceRef, amount !== undefined && amount > 0 ? amount : undefined);
  messages.push(...findings.filter((f) => f.field === 'Invoice').map((f) => f.message));
  const invoice = findings.invoice;

  const accountRef = object(input.Account) ?? (text(input.Code) ? { Code: input.Code } : undefined);
  const account = books.accountByRef(accountRef);
  if (!accountRef) messages.push('An Account must be specified with an AccountID or Code.');
  else if (!account) messages.push('Account could not be found.');
  else if (account.status !== 'ACTIVE') messages.push('The account has been archived, or has been deleted.');
  else if (account.type !== 'BANK' && !account.enablePaymentsToAccount) messages.push('Account type is invalid for making a payment to/from');

  if (amount === undefined) messages.push('The Amount must be specified.');
  else if (amount <= 0) messages.push('The Amount must be greater than zero.');
  messages.push(...findings.filter((f) => f.field === 'Amount').map((f) => f.message));
  if (input.Date === undefined || input.Date === null || input.Date === '') messages.push('The Date must be specified.');
  const date = requestDay(books, input.Date, messages);
  if (invoice && account) messages.push(...paymentCurrencyFindings(account, invoice));
  if (input.IsReconciled !== undefined && typeof input.IsReconciled !== 'boolean') messages.push('IsReconciled must be true or false.');
  if (messages.length > 0) return refused(messages);

  const payment: Payment = {
    paymentId: newUuid(),
    invoiceId: invoice!.invoiceId,
    accountId: account!.accountId,
    amount: round2(amount!),
    date,
    reference: text(input.Reference),
    isReconciled: input.IsReconciled === true,
    status: 'AUTHORISED',
    paymentType: invoice!.type === 'ACCREC' ? 'ACCRECPAYMENT' : 'ACCPAYPAYMENT',
    updatedAt: books.now(),
  };
  applyToInvoice(invoice!, payment, books.now());
  books.payments.push(payment);
  return { ok: true, record: payment };
}

export interface InvoicePaymentFindings extends Array<{ field: 'Invoice' | 'Amount'; message: string }> {
  /** The invoice named, when it exists. */
  invoice?: Invoice;
}

/**
 * Xero's rules for paying an invoice, apart from the account and the request's own fields: the
 * invoice exists (by `InvoiceID`, else `InvoiceNumber`), is AUTHORISED (a draft or submitted one
 * is not yet payable, a paid or voided one no longer), and owes at least `amount`. Emulators of
 * services that write payments to Xero apply the same rules on their own records through this.
 *
 * @example
 * invoicePaymentFindings(books, { InvoiceID: id }, 5000); // [{ field: 'Amount', message: 'Payment amount exceeds the amount outstanding on this document' }]
 */
export function invoicePaymentFindings(books: OrganisationBooks, invoiceRef: Record<string, unknown> | undefined, amount?: number): InvoicePaymentFindings {
  const findings: InvoicePaymentFindings = [];
  const invoice = text(invoiceRef?.InvoiceID) ? books.invoiceById(invoiceRef!.InvoiceID) : books.invoiceByNumber(text(invoiceRef?.InvoiceNumber));
  findings.invoice = invoice;
  if (!invoiceRef) findings.push({ field: 'Invoice', message: 'An Invoice must be specified with an InvoiceID or InvoiceNumber.' });
  else if (!invoice) findings.push({ field: 'Invoice', message: 'The document with the supplied id was not found for this endpoint.' });
  else if (invoice.status === 'DRAFT' || invoice.status === 'SUBMITTED') findings.push({ field: 'Invoice', message: 'Payments can only be made against Authorised documents.' });
  else if (invoice.status !== 'AUTHORISED') findings.push({ field: 'Invoice', message: 'Invoice not of valid status for modification' });
  else if (amount !== undefined && round2(amount) > invoice.amountDue) findings.push({ field: 'Amount', message: 'Payment amount exceeds the amount outstanding on this document' });
  return findings;
}

/**
 * Xero's rule that an invoice is paid from a bank account in the invoice's currency (an account
 * that only takes payments has no currency of its own). Emulators of services that write
 * payments to Xero apply it on their own records through this.
 *
 * @example
 * paymentCurrencyFindings(eurAccount, gbpInvoice); // ['The currency of the bank account (EUR) must match the currency of the invoice (GBP).']
 */
export function paymentCurrencyFindings(account: Account, invoice: Invoice): string[] {
  if (account.type !== 'BANK' || account.currencyCode === invoice.currencyCode) return [];
  return [`The currency of the bank account (${account.currencyCode}) must match the currency of the invoice (${invoice.currencyCode}).`];
}

/** What a payment does to its invoice (also used when seeding paid invoices). */
export function applyToInvoice(invoice: Invoice, payment: Payment, now: number): void {
  invoice.amountPaid = round2(invoice.amountPaid + payment.amount);
  invoice.amountDue = round2(invoice.total - invoice.amountPaid);
  invoice.paymentIds.push(payment.paymentId);
  invoice.updatedAt = now;
  if (invoice.amountDue <= 0) {
    invoice.amountDue = 0;
    invoice.status = 'PAID';
    invoice.fullyPaidOnDate = payment.date;
  }
}

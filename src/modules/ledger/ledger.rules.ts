import { formatMinor } from '../../common/money';
import type { Invoice } from '../../providers/accounting-provider';

const DAY = 86_400_000;

/**
 * A real calendar date, not in the future (a day's grace for time zones) and at most a year old —
 * the window accounting platforms accept for bank statement lines.
 */
export function checkEventDate(date: string, now: Date): string | null {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) return `${date} is not a real date (YYYY-MM-DD)`;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (parsed.getTime() > today + DAY) return `${date} is in the future`;
  if (parsed.getTime() < today - 365 * DAY) return `${date} is more than a year ago; the books' bank feed does not accept it`;
  return null;
}

/** Whether an invoice can still be financed or paid: submitted and not fully paid. */
export function checkOpenInvoice(invoice: Invoice): string | null {
  if (invoice.status === 'SUBMITTED' || invoice.status === 'PARTIALLY_PAID') return null;
  return `${invoiceLabel(invoice)} is not open (${invoice.status.toLowerCase()})`;
}

/** An invoice can be reconciled when it is open and in the event's currency. */
export function checkInvoice(invoice: Invoice, currency: string): string | null {
  const closed = checkOpenInvoice(invoice);
  if (closed) return closed;
  if (invoice.currency !== currency) return `${invoiceLabel(invoice)} is in ${invoice.currency}, not ${currency}`;
  return null;
}

/**
 * Whether the invoice still owes at least the amount: its amount due in the books, less recorded
 * payments the books do not show yet (`unreflectedMinor`).
 */
export function checkInvoiceAmount(invoice: Invoice, amountMinor: number, currency: string, unreflectedMinor: bigint): string | null {
  const due = BigInt(invoice.amountDueMinor) - unreflectedMinor;
  if (BigInt(amountMinor) <= due) return null;
  const pending = unreflectedMinor ? ` after ${formatMinor(unreflectedMinor, currency)} already recorded and not yet in the books` : '';
  return `${invoiceLabel(invoice)} has ${formatMinor(due > 0n ? due : 0n, currency)} ${currency} due${pending}, less than ${formatMinor(amountMinor, currency)}`;
}

const invoiceLabel = (invoice: Invoice) => (invoice.number ? `Invoice ${invoice.number}` : `Invoice ${invoice.id}`);

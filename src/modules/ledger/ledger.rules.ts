import { formatMinor } from '../../common/money';
import type { Invoice } from '../../providers/accounting-provider';

const DAY = 86_400_000;

/**
 * A real calendar date, not in the future (a day's grace for time zones) and at most a year old —
 * the window Xero accepts for bank statement lines.
 */
export function checkEventDate(date: string, now: Date): string | null {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) return `${date} is not a real date (YYYY-MM-DD)`;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (parsed.getTime() > today + DAY) return `${date} is in the future`;
  if (parsed.getTime() < today - 365 * DAY) return `${date} is more than a year ago; the books' bank feed does not accept it`;
  return null;
}

/** An invoice can be reconciled when it is open, in the event's currency, and still owes at least the amount. */
export function checkInvoice(invoice: Invoice, amountMinor: number, currency: string, alreadyReconcilingMinor: number): string | null {
  const label = invoice.number ? `Invoice ${invoice.number}` : `Invoice ${invoice.id}`;
  if (invoice.status !== 'SUBMITTED' && invoice.status !== 'PARTIALLY_PAID') return `${label} is not open (${invoice.status.toLowerCase()})`;
  if (invoice.currency !== currency) return `${label} is in ${invoice.currency}, not ${currency}`;
  const due = invoice.amountDueMinor - alreadyReconcilingMinor;
  if (amountMinor > due) {
    const pending = alreadyReconcilingMinor ? ` after ${formatMinor(alreadyReconcilingMinor, currency)} already being reconciled` : '';
    return `${label} has ${formatMinor(Math.max(0, due), currency)} ${currency} due${pending}, less than ${formatMinor(amountMinor, currency)}`;
  }
  return null;
}

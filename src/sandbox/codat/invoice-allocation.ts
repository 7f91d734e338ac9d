import { money } from './money';
import type { InvoiceRecord, JsonObject } from './sandbox.types';

interface AllocatedPayment {
  id: string;
  accountRef: { id: string; name?: string };
  currency?: unknown;
  date: unknown;
  reference?: unknown;
  note?: unknown;
}

/**
 * Reduces what an invoice still owes by a payment and records the allocation the way Codat's Xero
 * invoices show it (a negative allocation total, the payment's details alongside).
 */
export function allocateToInvoice(invoice: InvoiceRecord, payment: AllocatedPayment, amount: number): void {
  invoice.amountDue = money(Math.max(0, invoice.amountDue - amount));
  invoice.status = invoice.amountDue === 0 ? 'Paid' : 'PartiallyPaid';
  if (invoice.status === 'Paid') invoice.paidOnDate = payment.date;
  const allocation: JsonObject = {
    payment: {
      id: payment.id,
      // Codat's paymentAllocationPayment carries the payment's note and reference (null when it has none).
      note: typeof payment.note === 'string' ? payment.note : null,
      reference: typeof payment.reference === 'string' ? payment.reference : null,
      accountRef: payment.accountRef,
      currency: payment.currency ?? invoice.currency,
      currencyRate: 1,
      paidOnDate: payment.date,
      totalAmount: amount,
    },
    allocation: { currency: invoice.currency, currencyRate: 1, allocatedOnDate: payment.date, totalAmount: -amount },
  };
  invoice.paymentAllocations.push(allocation);
}

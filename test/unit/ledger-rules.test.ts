import { checkEventDate, checkInvoice, checkInvoiceAmount, checkOpenInvoice } from '../../src/modules/ledger/ledger.rules';
import type { Invoice } from '../../src/providers/accounting-provider';

const invoice = (over: Partial<Invoice> = {}): Invoice => ({
  id: 'inv-1',
  number: 'INV-0042',
  customerId: 'cust-1',
  customerName: 'Northwind Traders',
  issueDate: '2026-10-01',
  dueDate: '2026-10-31',
  currency: 'GBP',
  totalMinor: 120000,
  amountDueMinor: 120000,
  status: 'SUBMITTED',
  appliedPayments: [],
  ...over,
});

describe('checkEventDate', () => {
  const now = new Date('2026-11-21T23:30:00Z');

  it('accepts today, yesterday, tomorrow (time zones) and a date just under a year ago', () => {
    for (const date of ['2026-11-21', '2026-11-20', '2026-11-22', '2025-11-21']) expect(checkEventDate(date, now)).toBeNull();
  });

  it('refuses a date after tomorrow as in the future', () => {
    expect(checkEventDate('2026-11-23', now)).toBe('2026-11-23 is in the future');
  });

  it("refuses a date more than a year ago, which the books' bank feed would not take", () => {
    expect(checkEventDate('2025-11-20', now)).toBe("2025-11-20 is more than a year ago; the books' bank feed does not accept it");
  });

  it.each(['2026-02-30', '2026-13-01', '2026-1-05', '21/11/2026', '2026-11-21T00:00:00Z', ''])('refuses %j as not a real date', (date) => {
    expect(checkEventDate(date, now)).toBe(`${date} is not a real date (YYYY-MM-DD)`);
  });

  it('knows leap days', () => {
    expect(checkEventDate('2024-02-29', new Date('2024-03-01T12:00:00Z'))).toBeNull();
    expect(checkEventDate('2026-02-29', new Date('2026-03-01T12:00:00Z'))).toBe('2026-02-29 is not a real date (YYYY-MM-DD)');
  });
});

describe('open invoices', () => {
  it('treats submitted and partially paid invoices as open', () => {
    expect(checkOpenInvoice(invoice({ status: 'SUBMITTED' }))).toBeNull();
    expect(checkOpenInvoice(invoice({ status: 'PARTIALLY_PAID' }))).toBeNull();
  });

  it.each(['DRAFT', 'PAID', 'VOID', 'UNKNOWN'] as const)('refuses a %s invoice, by its number', (status) => {
    expect(checkOpenInvoice(invoice({ status }))).toBe(`Invoice INV-0042 is not open (${status.toLowerCase()})`);
  });

  it('names an invoice without a number by its id', () => {
    expect(checkOpenInvoice(invoice({ number: null, status: 'PAID' }))).toBe('Invoice inv-1 is not open (paid)');
  });

  it('refuses an open invoice in another currency than the event', () => {
    expect(checkInvoice(invoice(), 'GBP')).toBeNull();
    expect(checkInvoice(invoice({ currency: 'EUR' }), 'GBP')).toBe('Invoice INV-0042 is in EUR, not GBP');
    expect(checkInvoice(invoice({ currency: 'EUR', status: 'VOID' }), 'GBP')).toBe('Invoice INV-0042 is not open (void)');
  });
});

describe('checkInvoiceAmount', () => {
  it('accepts up to the amount due, and refuses one penny more', () => {
    expect(checkInvoiceAmount(invoice(), 120000, 'GBP', 0n)).toBeNull();
    expect(checkInvoiceAmount(invoice(), 120001, 'GBP', 0n)).toBe('Invoice INV-0042 has 1200.00 GBP due, less than 1200.01');
  });

  it('counts payments recorded and not yet in the books against the amount due', () => {
    expect(checkInvoiceAmount(invoice(), 20000, 'GBP', 100000n)).toBeNull();
    expect(checkInvoiceAmount(invoice(), 20001, 'GBP', 100000n)).toBe(
      'Invoice INV-0042 has 200.00 GBP due after 1000.00 already recorded and not yet in the books, less than 200.01',
    );
  });

  it('shows nothing due, not a negative amount, when unreflected payments exceed it', () => {
    expect(checkInvoiceAmount(invoice({ amountDueMinor: 5000 }), 1, 'GBP', 8000n)).toBe(
      'Invoice INV-0042 has 0.00 GBP due after 80.00 already recorded and not yet in the books, less than 0.01',
    );
  });

  it("writes amounts with the currency's decimals", () => {
    expect(checkInvoiceAmount(invoice({ currency: 'JPY', amountDueMinor: 1000 }), 1001, 'JPY', 0n)).toBe('Invoice INV-0042 has 1000 JPY due, less than 1001');
  });
});

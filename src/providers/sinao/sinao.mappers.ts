import type { AccountType, BankAccount, Invoice, InvoiceStatus, LedgerAccount, Supplier } from '../accounting-provider';
import type { SinaoAccount, SinaoCashflowSource, SinaoInvoice, SinaoOrganization } from './sinao.types';

/** Sinao's books are kept in euros; its cash-flow sources carry no currency. */
export const SINAO_CURRENCY = 'EUR';

export function toBankAccount(s: SinaoCashflowSource): BankAccount {
  const iban = s.identifiant && /^[A-Z]{2}\d{2}[A-Z0-9 ]{10,}$/i.test(s.identifiant) ? s.identifiant.replace(/\s+/g, '') : null;
  return {
    id: String(s.id),
    name: s.name,
    currency: SINAO_CURRENCY,
    accountNumber: iban ? null : s.identifiant ?? null,
    sortCode: null,
    iban,
    status: s.disabled ? 'ARCHIVED' : s.status && s.status !== 'active' ? 'ARCHIVED' : 'ACTIVE',
    balanceMinor: typeof s.balance_amount === 'number' ? s.balance_amount : null,
  };
}

/**
 * The plan comptable général: the first digit is the class (6 expenses, 7 income, 1 equity and
 * borrowings, 2–3 fixed assets and stock, 5 financial accounts, among them 58 internal transfers;
 * class 4 third parties, reported as liabilities except customers and recoverable VAT).
 */
export function accountTypeOf(accountingNumber: string): AccountType {
  switch (accountingNumber[0]) {
    case '6':
      return 'EXPENSE';
    case '7':
      return 'INCOME';
    case '1':
      return accountingNumber.startsWith('16') ? 'LIABILITY' : 'EQUITY';
    case '2':
    case '3':
    case '5':
      return 'ASSET';
    case '4':
      return /^(41|4456)/.test(accountingNumber) ? 'ASSET' : 'LIABILITY';
    default:
      return 'UNKNOWN';
  }
}

/** Class 58, "virements internes": where moves between the company's own accounts are categorised. */
export const isTransferAccount = (a: Pick<LedgerAccount, 'nominalCode'>) => !!a.nominalCode?.startsWith('58');

export function toLedgerAccount(a: SinaoAccount): LedgerAccount {
  const type = accountTypeOf(a.accounting_number);
  return {
    id: String(a.id),
    name: a.name,
    nominalCode: a.accounting_number,
    type,
    fullyQualifiedCategory: a.accounting_number.startsWith('58') ? 'Internal transfers' : null,
    status: 'ACTIVE',
    isBankAccount: a.accounting_number.startsWith('512'),
    currency: SINAO_CURRENCY,
    // Class 58 of the plan comptable général: "virements internes".
    usableForInternalTransfers: a.accounting_number.startsWith('58'),
  };
}

export function toSupplier(o: SinaoOrganization): Supplier {
  return { id: String(o.id), name: o.name, status: 'ACTIVE', emailAddress: null, phone: null };
}

export function toInvoice(i: SinaoInvoice): Invoice {
  const total = i.balance?.due ?? i.totals?.due ?? 0;
  const remaining = i.balance?.remaining ?? total;
  return {
    id: String(i.id),
    number: i.number ?? null,
    customerId: i.customer ? String(i.customer.id) : null,
    customerName: i.customer?.name ?? null,
    issueDate: (i.validated_at ?? i.written_at)?.slice(0, 10) ?? null,
    dueDate: null,
    currency: i.currency ?? SINAO_CURRENCY,
    totalMinor: total,
    amountDueMinor: Math.max(0, remaining),
    status: invoiceStatus(i.status, total, remaining),
    appliedPayments: [],
  };
}

function invoiceStatus(status: string, total: number, remaining: number): InvoiceStatus {
  if (status === 'draft') return 'DRAFT';
  if (status === 'paid' || (total > 0 && remaining <= 0)) return 'PAID';
  if (status === 'final') return remaining < total ? 'PARTIALLY_PAID' : 'SUBMITTED';
  return 'UNKNOWN';
}

/** The text written in a transaction's `details`, by which the gateway finds it again (Sinao's `search` reads `details`). */
export const markerText = (marker: string) => `Réf. passerelle ${marker}`;

/** A transaction's `received_at`: Sinao's date-time form, at noon UTC so the day is the same in Paris. */
export const receivedAt = (date: string) => `${date}T12:00:00Z`;

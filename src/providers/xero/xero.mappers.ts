import { formatMinor } from '../../common/money';
import type { AccountType, BankAccount, Invoice, InvoiceStatus, LedgerAccount, RecordStatus, Supplier } from '../accounting-provider';
import type { XeroAccount, XeroContact, XeroInvoice } from './xero.types';

/**
 * Xero's dates: `/Date(1551225600000+0000)/` in answers (milliseconds since the epoch), or a
 * readable `2019-02-27T00:00:00` / `2019-02-27 00:00:00`; answers `YYYY-MM-DD`, or null.
 */
export function parseXeroDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const ms = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(value);
  if (ms) return new Date(Number(ms[1])).toISOString().slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}

/** Minor units to the decimal number Xero takes, written from its decimal text: (12345, 'GBP') → 123.45. */
export function toXeroAmount(minor: number, currency: string): number {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${minor} is not a whole number of minor units of ${currency}`);
  return Number(formatMinor(minor, currency));
}

/** Xero's decimal amounts (two places) to minor units, through their shortest decimal text so no binary noise creeps in. */
export function fromXeroAmount(value: number | null | undefined, currency: string): number {
  if (value === null || value === undefined || !Number.isFinite(value)) return 0;
  const text = value.toFixed(Math.max(0, decimalsOf(currency)));
  return Number(text.replace('.', ''));
}

function decimalsOf(currency: string): number {
  return Number(formatMinor(1, currency).split('.')[1]?.length ?? 0);
}

function statusOf(status: string | undefined): RecordStatus {
  if (!status || status === 'ACTIVE') return 'ACTIVE';
  return status === 'ARCHIVED' || status === 'DELETED' || status === 'GDPRREQUEST' ? 'ARCHIVED' : 'UNKNOWN';
}

const CLASS_TYPES: Record<string, AccountType> = { ASSET: 'ASSET', EXPENSE: 'EXPENSE', REVENUE: 'INCOME', LIABILITY: 'LIABILITY', EQUITY: 'EQUITY' };
/** Account types by Xero's `AccountType`, for accounts answered without their `Class`. */
const TYPE_TYPES: Record<string, AccountType> = {
  BANK: 'ASSET', CURRENT: 'ASSET', FIXED: 'ASSET', INVENTORY: 'ASSET', NONCURRENT: 'ASSET', PREPAYMENT: 'ASSET',
  DIRECTCOSTS: 'EXPENSE', EXPENSE: 'EXPENSE', OVERHEADS: 'EXPENSE', DEPRECIATN: 'EXPENSE',
  REVENUE: 'INCOME', SALES: 'INCOME', OTHERINCOME: 'INCOME',
  CURRLIAB: 'LIABILITY', LIABILITY: 'LIABILITY', TERMLIAB: 'LIABILITY', PAYG: 'LIABILITY',
  EQUITY: 'EQUITY',
};

export function toLedgerAccount(a: XeroAccount): LedgerAccount {
  return {
    id: a.AccountID,
    name: a.Name,
    nominalCode: a.Code ?? null,
    type: (a.Class && CLASS_TYPES[a.Class]) || TYPE_TYPES[a.Type] || 'UNKNOWN',
    fullyQualifiedCategory: a.ReportingCodeName ?? null,
    status: statusOf(a.Status),
    isBankAccount: a.Type === 'BANK',
    currency: a.CurrencyCode ?? null,
  };
}

/** A BANK account; `baseCurrency` stands in when Xero leaves out `CurrencyCode` (the organisation's own currency). */
export function toBankAccount(a: XeroAccount, baseCurrency: string): BankAccount {
  return {
    id: a.AccountID,
    name: a.Name,
    currency: a.CurrencyCode || baseCurrency,
    accountNumber: a.BankAccountNumber || null,
    sortCode: null,
    iban: null,
    status: statusOf(a.Status),
    balanceMinor: null,
  };
}

export function toSupplier(c: XeroContact): Supplier {
  const phone = c.Phones?.find((p) => p.PhoneNumber);
  return {
    id: c.ContactID,
    name: c.Name,
    status: statusOf(c.ContactStatus),
    emailAddress: c.EmailAddress || null,
    phone: phone ? [phone.PhoneCountryCode, phone.PhoneAreaCode, phone.PhoneNumber].filter(Boolean).join(' ') : null,
  };
}

export function toInvoice(i: XeroInvoice, baseCurrency: string): Invoice {
  const currency = i.CurrencyCode || baseCurrency;
  const totalMinor = fromXeroAmount(i.Total, currency);
  const amountDueMinor = fromXeroAmount(i.AmountDue ?? i.Total, currency);
  return {
    id: i.InvoiceID,
    number: i.InvoiceNumber || null,
    customerId: i.Contact?.ContactID ?? null,
    customerName: i.Contact?.Name ?? null,
    issueDate: parseXeroDate(i.Date) ?? parseXeroDate(i.DateString),
    dueDate: parseXeroDate(i.DueDate) ?? parseXeroDate(i.DueDateString),
    currency,
    totalMinor,
    amountDueMinor,
    status: invoiceStatus(i, totalMinor, amountDueMinor),
    appliedPayments: (i.Payments ?? []).filter((p) => p.Status !== 'DELETED').map((p) => ({ recordId: p.PaymentID ?? null, marker: markerIn(p.Reference) })),
  };
}

function invoiceStatus(i: XeroInvoice, total: number, due: number): InvoiceStatus {
  switch (i.Status) {
    case 'DRAFT':
      return 'DRAFT';
    case 'SUBMITTED':
      return 'SUBMITTED';
    case 'AUTHORISED':
      return due < total ? 'PARTIALLY_PAID' : 'SUBMITTED';
    case 'PAID':
      return 'PAID';
    case 'VOIDED':
    case 'DELETED':
      return 'VOID';
    default:
      return 'UNKNOWN';
  }
}

/** Xero's references and descriptions hold up to 255 characters. */
export const XERO_TEXT_MAX = 255;

/**
 * A reference carrying the write's marker as " [marker]" after a text the borrower reads, the text
 * trimmed (never the marker) to fit: the write is found again by it.
 */
export function withMarker(text: string | undefined, marker: string, max = XERO_TEXT_MAX): string {
  const tag = `[${marker}]`;
  if (!text) return tag;
  const room = max - tag.length - 1;
  return room <= 0 ? tag : `${text.slice(0, room).trimEnd()} ${tag}`;
}

/** The marker a reference read back carries, if any. */
export function markerIn(text: string | null | undefined): string | null {
  const m = /\[([^\][]+)\]\s*$/.exec(text ?? '');
  return m ? m[1] : null;
}

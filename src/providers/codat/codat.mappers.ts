import type {
  AccountType,
  BankAccount,
  ConnectionCheck,
  Invoice,
  InvoiceStatus,
  LedgerAccount,
  ProviderMessage,
  RecordStatus,
  Supplier,
  WriteResult,
  WriteStatus,
} from '../accounting-provider';
import { toMinor } from './codat.money';
import { markerIn } from './codat.write.mappers';
import type {
  CodatAccount,
  CodatBankAccount,
  CodatCompany,
  CodatConnection,
  CodatErrorMessage,
  CodatInvoice,
  CodatMetadata,
  CodatPushOperation,
  CodatPushOption,
  CodatSupplier,
  CodatValidationItem,
} from './codat.types';

/** Codat JSON → domain values. Pure functions: no I/O, no clock. */

/** Codat keeps deleted records in its cache, flagged `metadata.isDeleted`. */
export function isLive(record: { metadata?: CodatMetadata | null }): boolean {
  return record.metadata?.isDeleted !== true;
}

const RECORD_STATUS: Record<string, RecordStatus> = { Active: 'ACTIVE', Archived: 'ARCHIVED', InActive: 'ARCHIVED', Pending: 'PENDING' };
const ACCOUNT_TYPE: Record<string, AccountType> = { Asset: 'ASSET', Expense: 'EXPENSE', Income: 'INCOME', Liability: 'LIABILITY', Equity: 'EQUITY' };
const INVOICE_STATUS: Record<string, InvoiceStatus> = {
  Draft: 'DRAFT', Submitted: 'SUBMITTED', PartiallyPaid: 'PARTIALLY_PAID', Paid: 'PAID', Void: 'VOID',
};
const WRITE_STATUS: Record<string, WriteStatus> = { Pending: 'PENDING', Success: 'SUCCESS', Failed: 'FAILED', TimedOut: 'TIMED_OUT' };

const recordStatus = (status: string | undefined | null): RecordStatus => RECORD_STATUS[status ?? ''] ?? 'UNKNOWN';
// Xero sends "" for absent emails and phones.
const text = (value: string | null | undefined): string | null => (value === undefined || value === null || value === '' ? null : value);
/** Codat dates are ISO date-times local to the business; the domain keeps the calendar day. */
const day = (value: string | null | undefined): string | null => (value ? value.slice(0, 10) : null);

export function toBankAccount(c: CodatBankAccount): BankAccount {
  const currency = c.currency ?? 'XXX';
  return {
    id: c.id,
    name: c.accountName ?? '',
    currency,
    accountNumber: text(c.accountNumber),
    sortCode: text(c.sortCode),
    iban: text(c.iBan),
    status: recordStatus(c.status),
    balanceMinor: typeof c.balance === 'number' ? toMinor(c.balance, currency) : null,
  };
}

export function toLedgerAccount(c: CodatAccount): LedgerAccount {
  return {
    id: c.id,
    name: c.name ?? '',
    nominalCode: text(c.nominalCode),
    type: ACCOUNT_TYPE[c.type ?? ''] ?? 'UNKNOWN',
    fullyQualifiedCategory: text(c.fullyQualifiedCategory),
    status: recordStatus(c.status),
    isBankAccount: c.isBankAccount === true,
    currency: text(c.currency),
  };
}

export function toSupplier(c: CodatSupplier & { id: string }): Supplier {
  return {
    id: c.id,
    name: c.supplierName ?? '',
    status: recordStatus(c.status),
    emailAddress: text(c.emailAddress),
    phone: text(c.phone),
  };
}

export function toInvoice(c: CodatInvoice): Invoice {
  const currency = c.currency ?? 'XXX';
  return {
    id: c.id,
    number: text(c.invoiceNumber),
    customerId: text(c.customerRef?.id),
    customerName: text(c.customerRef?.companyName),
    issueDate: day(c.issueDate),
    dueDate: day(c.dueDate),
    currency,
    totalMinor: toMinor(c.totalAmount ?? 0, currency),
    amountDueMinor: toMinor(c.amountDue ?? 0, currency),
    status: INVOICE_STATUS[c.status ?? ''] ?? 'UNKNOWN',
    appliedPayments: (c.paymentAllocations ?? []).map(({ payment }) => ({
      recordId: text(payment?.id),
      marker: markerIn(payment?.reference) ?? markerIn(payment?.note),
    })),
  };
}

export function toProviderMessages(items: CodatValidationItem[] | null | undefined): ProviderMessage[] {
  return (items ?? []).map((item) => ({
    field: text(item.itemId),
    message: text(item.message) ?? text(item.validatorName) ?? 'Validation failed',
  }));
}

/** A push operation, whatever its stage, as the domain's write result. */
export function toWriteResult(op: CodatPushOperation): WriteResult {
  const status = WRITE_STATUS[op.status] ?? 'PENDING';
  const recordIds = (op.changes ?? []).map((change) => change.recordRef?.id).filter((id): id is string => !!id);
  const errors = toProviderMessages(op.validation?.errors);
  let message = text(op.errorMessage);
  if (!message && status === 'FAILED') message = errors[0]?.message ?? `Codat reported the write as failed (status code ${op.statusCode})`;
  if (!message && status === 'TIMED_OUT') message = 'Codat timed the write out; it may still have been written, so look for it before writing again';
  return { status, providerOperationId: op.pushOperationKey, recordIds, errors, message };
}

/** Reads Codat's `ErrorMessage` body for the HTTP client. */
export function parseCodatError(status: number, body: unknown): { message: string; messages: ProviderMessage[] } {
  if (!body || typeof body !== 'object') return { message: typeof body === 'string' ? body.slice(0, 300) : '', messages: [] };
  const e = body as CodatErrorMessage;
  const messages = toProviderMessages(e.validation?.errors);
  const base = text(e.error) ?? messages[0]?.message ?? `HTTP ${status}`;
  if (messages.length === 0 && text(e.error)) messages.push({ field: null, message: base });
  const detail = messages.length > 1 || (messages[0] && messages[0].message !== base) ? ` (${messages.map((m) => m.message).join('; ')})` : '';
  // Codat support asks for the correlation id.
  const correlation = e.correlationId ? ` [correlation id ${e.correlationId}]` : '';
  return { message: `${base}${detail}${correlation}`, messages };
}

/**
 * Whether a company's connection can take accounting writes. `company`/`connection` are null when
 * Codat answered 404 for them.
 */
export function checkConnection(
  ids: { companyId: string; connectionId: string },
  company: CodatCompany | null,
  connection: CodatConnection | null,
): ConnectionCheck {
  if (!company) return { ok: false, reason: `Codat has no company ${ids.companyId}: check the Codat company id saved for this borrower` };
  const companyName = company.name;
  const accounting = (company.dataConnections ?? []).filter((c) => c.sourceType === 'Accounting' && c.id !== ids.connectionId);
  const suggestion = accounting.length
    ? `; its accounting connection is ${accounting.map((c) => `${c.id}${c.platformName ? ` (${c.platformName})` : ''}`).join(' or ')}`
    : '';
  if (!connection) {
    return { ok: false, companyName, reason: `Codat company ${ids.companyId} has no connection ${ids.connectionId}${suggestion}` };
  }
  const platformName = connection.platformName;
  const platform = platformName ? ` (${platformName})` : '';
  if (connection.sourceType !== 'Accounting') {
    const kind = connection.sourceType ?? 'Unknown';
    return { ok: false, companyName, platformName, reason: `Connection ${ids.connectionId}${platform} is a ${kind} connection, not an accounting one${suggestion}` };
  }
  if (connection.status !== 'Linked') {
    const relink = connection.linkUrl ? ` at ${connection.linkUrl}` : '';
    return {
      ok: false,
      companyName,
      platformName,
      reason: `Connection ${ids.connectionId}${platform} is ${connection.status ?? 'not linked'}, not Linked: the borrower must authorise it again${relink}`,
    };
  }
  return { ok: true, companyName, platformName };
}

// Codat bank-account property → NewBankAccount field.
const BANK_ACCOUNT_FIELDS: Record<string, string> = {
  accountname: 'name',
  currency: 'currency',
  accountnumber: 'accountNumber',
  sortcode: 'sortCode',
  iban: 'iban',
  institution: 'institution',
};

/** NewBankAccount fields that the connection's "create bank account" model marks required. */
export function requiredBankAccountFields(option: CodatPushOption): string[] {
  return Object.entries(option.properties ?? {})
    .filter(([, property]) => property?.required === true)
    .map(([name]) => BANK_ACCOUNT_FIELDS[name.toLowerCase()])
    .filter((field): field is string => field !== undefined);
}

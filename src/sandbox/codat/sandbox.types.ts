import type { FaultSpec as KitFaultSpec, QueuedFault as KitQueuedFault } from '../kit';
import type { FaultKind } from './codat-faults';

/**
 * Codat JSON shapes the sandbox stores and serves. Field names and enum values are the ones in
 * Codat-Lending.yaml (schemas named in each comment); records pushed by clients are stored as sent,
 * so the record types stay open to extra properties.
 */

export type JsonObject = Record<string, unknown>;

/** #/components/schemas/ErrorMessage/definitions/errorValidationItem and PushOperation/definitions/validationItem */
export interface ValidationItem {
  itemId: string | null;
  message: string | null;
  validatorName: string | null;
}

export interface ValidationResult {
  errors: ValidationItem[];
  warnings: ValidationItem[];
}

/** #/components/schemas/ErrorMessage */
export interface CodatErrorMessage {
  statusCode: number;
  service: string;
  error: string;
  correlationId: string;
  validation?: ValidationResult;
  canBeRetried: string;
  detailedErrorCode: number;
}

export type PushDataType =
  | 'bankAccounts'
  | 'chartOfAccounts'
  | 'suppliers'
  | 'transfers'
  | 'bankTransactions'
  | 'directCosts'
  | 'payments';

export type PushStatus = 'Pending' | 'Failed' | 'Success' | 'TimedOut';

/** #/components/schemas/PushOperation */
export interface PushOperation {
  changes: Array<{ type: 'Created'; recordRef: { id: string; dataType: string } }>;
  dataType: PushDataType;
  companyId: string;
  pushOperationKey: string;
  dataConnectionKey: string;
  requestedOnUtc: string;
  completedOnUtc?: string;
  timeoutInMinutes: number | null;
  status: PushStatus;
  errorMessage?: string;
  validation: ValidationResult;
  statusCode: number;
}

/** #/components/schemas/PushOption (recursive through properties) */
export interface PushOption {
  type: string;
  displayName: string;
  description?: string;
  required: boolean;
  properties?: Record<string, PushOption> | null;
  options?: Array<{ value: string; type?: string; displayName?: string; description?: string; required?: boolean }> | null;
  validation?: { warnings: Array<{ field?: string; details: string }> | null; information: Array<{ field?: string; details: string }> | null } | null;
}

/** #/components/schemas/Connection */
export interface CodatConnection {
  id: string;
  integrationId: string;
  integrationKey: string;
  sourceId: string;
  platformName: string;
  linkUrl: string;
  status: 'PendingAuth' | 'Linked' | 'Unlinked' | 'Deauthorized';
  lastSync: string | null;
  created: string;
  sourceType: 'Accounting' | 'Banking' | 'BankFeed' | 'Commerce' | 'Expense' | 'Other' | 'Unknown';
}

/** #/components/schemas/Company */
export interface CodatCompany {
  id: string;
  name: string;
  description: string;
  redirect: string;
  /** Absent until the first sync, as in Codat's examples (its SDK refuses a null). */
  lastSync?: string;
  created: string;
  createdByUserName: string | null;
  products: string[];
  referenceSubsidiaryCompanies: unknown[];
  dataConnections: CodatConnection[];
}

export type RecordStatus = 'Unknown' | 'Active' | 'Archived' | 'Pending';

/** #/components/schemas/AccountingBankAccount */
export interface BankAccountRecord extends JsonObject {
  id: string;
  accountName: string;
  accountType: 'Unknown' | 'Credit' | 'Debit';
  nominalCode: string | null;
  sortCode: string | null;
  accountNumber: string | null;
  iBan: string | null;
  currency: string;
  balance: number;
  institution: string | null;
  status: RecordStatus;
}

/** #/components/schemas/AccountingAccount */
export interface AccountRecord extends JsonObject {
  id: string;
  nominalCode: string | null;
  name: string;
  description: string | null;
  fullyQualifiedCategory: string | null;
  fullyQualifiedName: string | null;
  currency: string;
  currentBalance: number;
  type: 'Unknown' | 'Asset' | 'Expense' | 'Income' | 'Liability' | 'Equity';
  status: RecordStatus;
  isBankAccount: boolean;
}

/** #/components/schemas/AccountingSupplier */
export interface SupplierRecord extends JsonObject {
  id: string;
  supplierName: string;
  status: 'Unknown' | 'Active' | 'Archived';
}

/** #/components/schemas/AccountingCustomer */
export interface CustomerRecord extends JsonObject {
  id: string;
  customerName: string;
  status: 'Unknown' | 'Active' | 'Archived';
}

export type InvoiceStatus = 'Unknown' | 'Draft' | 'Submitted' | 'PartiallyPaid' | 'Paid' | 'Void';

/** #/components/schemas/AccountingInvoice */
export interface InvoiceRecord extends JsonObject {
  id: string;
  invoiceNumber: string;
  customerRef: { id: string; companyName: string };
  currency: string;
  totalAmount: number;
  amountDue: number;
  status: InvoiceStatus;
  paymentAllocations: JsonObject[];
}

/** #/components/schemas/AccountingBankTransaction, plus the Bank Feeds fields kept as sent. */
export interface StatementLineRecord extends JsonObject {
  id: string | null;
  accountId: string;
  clearedOnDate: string;
  description: string | null;
  amount: number;
  balance: number;
}

/** Transfers, direct costs and payments: the body as pushed (or seeded) plus its id. */
export interface BooksRecord extends JsonObject {
  id: string;
}

export interface Books {
  bankAccounts: BankAccountRecord[];
  accounts: AccountRecord[];
  suppliers: SupplierRecord[];
  customers: CustomerRecord[];
  invoices: InvoiceRecord[];
  payments: BooksRecord[];
  transfers: BooksRecord[];
  directCosts: BooksRecord[];
  directIncomes: BooksRecord[];
  /** Per bank account id, its statement (bank-feed) lines in the order they arrived. */
  statements: Record<string, StatementLineRecord[]>;
}

export interface BankAccountSnapshot extends BankAccountRecord {
  /** The running balance of the last statement line (the bank-feed balance), null without lines. */
  statementBalance: number | null;
  statementLines: StatementLineRecord[];
}

/** A deep copy of a company's books, for tests and the demo. */
export interface BooksSnapshot extends Omit<Books, 'bankAccounts' | 'statements'> {
  companyId: string;
  bankAccounts: BankAccountSnapshot[];
}

export interface SandboxSettings {
  pushDelayMs: number;
  /** Caps the page size served, whatever the client asks for (tests lower it to force paging). */
  maxPageSize: number;
  /**
   * Off by default: reads show a push as soon as it completes. On: reads of each data type show the
   * books as of that data type's last sync (a completed pull operation), as real Codat does for pushed records.
   */
  readsAfterSync: boolean;
}

export type { RequestLogEntry } from '../kit';
export type { FaultKind } from './codat-faults';
export type FaultSpec = KitFaultSpec<FaultKind>;
export type QueuedFault = KitQueuedFault<FaultKind>;

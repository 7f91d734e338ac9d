import type { ExactDecimal } from '../../common/exact-json';
/**
 * The parts of Codat's JSON models the adapter reads or writes, named as in Codat-Lending.yaml
 * (`#/components/schemas/...`) and, for statement lines, Codat-Bank-Feeds.yaml.
 * Read models are loose on purpose: Codat omits or nulls most fields depending on the platform.
 */

export interface CodatMetadata {
  isDeleted?: boolean | null;
}

/** `PagingInfo` merged with `{ results }`. */
export interface CodatPage<T> {
  results?: T[] | null;
  pageNumber?: number;
  pageSize?: number;
  totalResults?: number;
  _links?: { self?: HalRef; current?: HalRef; next?: HalRef | null; previous?: HalRef | null };
}

interface HalRef {
  href: string;
}

/** `ErrorMessage`. Note `canBeRetried` is a string in the spec. */
export interface CodatErrorMessage {
  statusCode?: number;
  service?: string;
  error?: string;
  correlationId?: string;
  validation?: { errors?: CodatValidationItem[] | null; warnings?: CodatValidationItem[] | null } | null;
  canBeRetried?: string;
  detailedErrorCode?: number;
}

export interface CodatValidationItem {
  itemId?: string | null;
  message?: string | null;
  validatorName?: string | null;
}

export type CodatSourceType = 'Accounting' | 'Banking' | 'BankFeed' | 'Commerce' | 'Expense' | 'Other' | 'Unknown';
export type CodatConnectionStatus = 'PendingAuth' | 'Linked' | 'Unlinked' | 'Deauthorized';

export interface CodatConnection {
  id: string;
  integrationKey?: string;
  sourceType?: CodatSourceType;
  platformName?: string;
  linkUrl?: string;
  status?: CodatConnectionStatus;
}

export interface CodatCompany {
  id: string;
  name?: string;
  dataConnections?: CodatConnection[] | null;
}

export interface CodatBankAccount {
  id: string;
  accountName?: string | null;
  accountType?: 'Unknown' | 'Credit' | 'Debit';
  nominalCode?: string | null;
  sortCode?: string | null;
  accountNumber?: string | null;
  iBan?: string | null;
  currency?: string;
  balance?: number | null;
  institution?: string | null;
  status?: 'Unknown' | 'Active' | 'Archived' | 'Pending';
  metadata?: CodatMetadata | null;
}

export interface CodatAccount {
  id: string;
  nominalCode?: string | null;
  name?: string | null;
  description?: string | null;
  fullyQualifiedCategory?: string | null;
  currency?: string;
  type?: 'Unknown' | 'Asset' | 'Expense' | 'Income' | 'Liability' | 'Equity';
  status?: 'Unknown' | 'Active' | 'Archived' | 'Pending';
  isBankAccount?: boolean;
  metadata?: CodatMetadata | null;
}

export interface CodatAddress {
  type: 'Unknown' | 'Billing' | 'Delivery';
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  region?: string | null;
  country?: string | null;
  postalCode?: string | null;
}

export interface CodatSupplier {
  id?: string;
  supplierName?: string | null;
  contactName?: string | null;
  emailAddress?: string | null;
  phone?: string | null;
  addresses?: CodatAddress[] | null;
  registrationNumber?: string | null;
  // Xero's options offer "InActive", which is not in the schema enum.
  status: 'Unknown' | 'Active' | 'Archived' | 'InActive';
  defaultCurrency?: string | null;
  metadata?: CodatMetadata | null;
}

export interface CodatInvoice {
  id: string;
  invoiceNumber?: string | null;
  customerRef?: { id: string; companyName?: string | null };
  issueDate?: string;
  dueDate?: string;
  currency?: string;
  totalAmount?: number;
  amountDue?: number;
  status?: 'Unknown' | 'Draft' | 'Submitted' | 'PartiallyPaid' | 'Paid' | 'Void';
  paymentAllocations?: { payment?: { id?: string | null; note?: string | null; reference?: string | null } | null }[] | null;
  metadata?: CodatMetadata | null;
}

/** Read models searched by `findWrite`: only the fields a marker can sit in. */
export interface CodatTransfer {
  id?: string;
  description?: string | null;
  metadata?: CodatMetadata | null;
}

export interface CodatDirectCost {
  id?: string;
  reference?: string | null;
  note?: string | null;
  metadata?: CodatMetadata | null;
}

export interface CodatPayment {
  id?: string;
  reference?: string | null;
  note?: string | null;
  metadata?: CodatMetadata | null;
}

export interface CodatBankTransaction {
  id?: string;
  description?: string | null;
  metadata?: CodatMetadata | null;
}

/** `PushOption` / `pushOptionProperty`: `properties` of an Array node describe its items. */
export interface CodatPushOption {
  type?: string;
  displayName?: string;
  required?: boolean;
  properties?: Record<string, CodatPushOption> | null;
}

/** `PushOperation` (the create responses add a deprecated `data`, never read). */
export interface CodatPushOperation {
  changes?: { type?: string; recordRef?: { id?: string; dataType?: string | null } | null; attachmentId?: string | null }[] | null;
  dataType?: string;
  companyId: string;
  pushOperationKey: string;
  dataConnectionKey: string;
  requestedOnUtc: string;
  completedOnUtc?: string | null;
  status: 'Pending' | 'Failed' | 'Success' | 'TimedOut';
  errorMessage?: string | null;
  validation?: { errors?: CodatValidationItem[] | null; warnings?: CodatValidationItem[] | null } | null;
  statusCode: number;
}

// ---- write bodies (P1–P7) ----

export interface CodatBankAccountBody {
  accountName: string;
  accountType: 'Debit';
  currency: string;
  sortCode?: string;
  accountNumber?: string;
  iBan?: string;
  institution?: string;
  status: 'Active';
}

export interface CodatAccountBody {
  nominalCode: string;
  name: string;
  fullyQualifiedCategory: string;
  description?: string;
  currency?: string;
}

export interface CodatSupplierBody {
  supplierName: string;
  status: 'Active';
  contactName?: string;
  emailAddress?: string;
  phone?: string;
  registrationNumber?: string;
  defaultCurrency?: string;
  addresses?: CodatAddress[];
}

interface CodatTransferAccount {
  accountRef: { id: string };
  amount: number;
  currency: string;
}

export interface CodatTransferBody {
  date: string;
  description: string;
  from: CodatTransferAccount;
  to: CodatTransferAccount;
}

export interface CodatDirectCostBody {
  issueDate: string;
  reference: string;
  currency: string;
  contactRef: { id: string; dataType: 'suppliers' };
  lineItems: {
    description: string;
    quantity: number;
    unitAmount: number;
    subTotal: number;
    taxAmount: number;
    totalAmount: number;
    accountRef: { id: string };
  }[];
  paymentAllocations: { payment: { accountRef: { id: string }; currency: string }; allocation: { totalAmount: number } }[];
  subTotal: number;
  taxAmount: number;
  totalAmount: number;
}

export interface CodatPaymentBody {
  customerRef: { id: string };
  accountRef: { id: string };
  totalAmount: number;
  currency: string;
  date: string;
  reference: string;
  lines: { amount: number; links: { type: 'Invoice'; id: string; amount: number }[] }[];
}

/** Bank Feeds `CreateBankTransactions`, a superset of the Lending model for the same path. */
export interface CodatBankTransactionsBody {
  accountId: string;
  transactions: {
    id: string;
    date: string;
    description: string;
    counterparty?: string;
    reference?: string;
    amount: number;
    /** A running balance may need more digits than a double holds: see ExactDecimal. */
    balance: number | ExactDecimal;
    transactionType: 'Credit' | 'Debit';
  }[];
}

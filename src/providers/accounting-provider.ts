/**
 * The contract every accounting-platform adapter (Codat, Xero, Sinao) implements.
 * Adapters know nothing of GraphQL or of the database: they take a decrypted
 * {@link ProviderConnection} and plain domain values, and return plain domain values.
 * Money crosses this boundary as integer minor units plus an ISO 4217 currency; each
 * adapter converts to its platform's representation (decimals for Codat/Xero, ×100 for Sinao).
 * Failures are thrown as `ProviderError` (see provider-error.ts).
 *
 * @example
 * const provider = registry.get('CODAT');
 * const accounts = await provider.listBankAccounts(connection);
 * const write = await provider.postTransfer(connection, {
 *   date: '2026-05-01', fromAccountId: lender, toAccountId: designated,
 *   amountMinor: 80000, currency: 'GBP', description: 'Advance INV-0042',
 * }, { idempotencyKey: operation.id });
 * if (write.status === 'PENDING') later(() => provider.getWrite(connection, write.providerOperationId!));
 */
export interface AccountingProvider {
  readonly kind: ProviderKind;

  /** Checks the company and its connection exist and that the connection is an accounting one. */
  verifyConnection(conn: ProviderConnection): Promise<ConnectionCheck>;

  listBankAccounts(conn: ProviderConnection): Promise<BankAccount[]>;
  listAccounts(conn: ProviderConnection): Promise<LedgerAccount[]>;
  listSuppliers(conn: ProviderConnection): Promise<Supplier[]>;
  listInvoices(conn: ProviderConnection): Promise<Invoice[]>;

  /** Which identifier fields the platform requires to create a bank account (e.g. sortCode, accountNumber). */
  bankAccountRequirements(conn: ProviderConnection): Promise<string[]>;

  createBankAccount(conn: ProviderConnection, input: NewBankAccount, opts: WriteOptions): Promise<WriteResult>;
  createExpenseAccount(conn: ProviderConnection, input: NewExpenseAccount, opts: WriteOptions): Promise<WriteResult>;
  createSupplier(conn: ProviderConnection, input: NewSupplier, opts: WriteOptions): Promise<WriteResult>;

  postTransfer(conn: ProviderConnection, input: TransferInput, opts: WriteOptions): Promise<WriteResult>;
  postSpendMoney(conn: ProviderConnection, input: SpendMoneyInput, opts: WriteOptions): Promise<WriteResult>;
  postInvoicePayment(conn: ProviderConnection, input: InvoicePaymentInput, opts: WriteOptions): Promise<WriteResult>;
  postStatementLines(conn: ProviderConnection, input: StatementLinesInput, opts: WriteOptions): Promise<WriteResult>;

  /** Follows an asynchronous write (Codat push operation) by the id a previous write returned. */
  getWrite(conn: ProviderConnection, providerOperationId: string): Promise<WriteResult>;

  /**
   * Looks in the books for a record an earlier write may have created, by the `marker` that write
   * carried. Used when an outcome is unknown (lost response, timed-out operation) so that nothing is
   * posted twice. Returns the record's id, or null when the books show no such record.
   */
  findWrite(conn: ProviderConnection, kind: WriteKind, marker: string, hint: { bankAccountId?: string }): Promise<string | null>;

  /** {@link findWrite} for several writes sent together (a batch of statement lines): one search, one answer per marker, in order. */
  findWrites(conn: ProviderConnection, kind: WriteKind, markers: string[], hint: { bankAccountId?: string }): Promise<(string | null)[]>;
}

/** The ledger writes a provider can be asked to find again by marker. */
export type WriteKind = 'TRANSFER' | 'SPEND_MONEY' | 'INVOICE_PAYMENT' | 'STATEMENT_LINES';

export type ProviderKind = 'CODAT' | 'XERO' | 'SINAO';

/** A company's connection at its provider, with credentials already decrypted. */
export interface ProviderConnection {
  kind: ProviderKind;
  /** The provider's id for the company (Codat companyId). */
  companyId: string;
  /** The provider's id for the accounting connection (Codat connectionId / dataConnectionKey). */
  connectionId: string;
  /** Per-company API key; falls back to the gateway-wide key when absent. */
  apiKey?: string;
}

export interface ConnectionCheck {
  ok: boolean;
  /** Why the check failed, in words a person can act on. */
  reason?: string;
  platformName?: string;
  companyName?: string;
}

export const RECORD_STATUSES = ['ACTIVE', 'ARCHIVED', 'PENDING', 'UNKNOWN'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];
export const ACCOUNT_TYPES = ['ASSET', 'EXPENSE', 'INCOME', 'LIABILITY', 'EQUITY', 'UNKNOWN'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export const INVOICE_STATUSES = ['DRAFT', 'SUBMITTED', 'PARTIALLY_PAID', 'PAID', 'VOID', 'UNKNOWN'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export interface BankAccount {
  id: string;
  name: string;
  currency: string;
  accountNumber: string | null;
  sortCode: string | null;
  iban: string | null;
  status: RecordStatus;
  /** Minor units; null when the platform does not report it (Xero through Codat). */
  balanceMinor: number | null;
}

export interface LedgerAccount {
  id: string;
  name: string;
  nominalCode: string | null;
  type: AccountType;
  fullyQualifiedCategory: string | null;
  status: RecordStatus;
  isBankAccount: boolean;
  currency: string | null;
}

export interface Supplier {
  id: string;
  name: string;
  status: RecordStatus;
  emailAddress: string | null;
  phone: string | null;
}

export interface Invoice {
  id: string;
  number: string | null;
  customerId: string | null;
  customerName: string | null;
  issueDate: string | null;
  dueDate: string | null;
  currency: string;
  totalMinor: number;
  amountDueMinor: number;
  status: InvoiceStatus;
  /**
   * Payments the books show applied to the invoice, so already deducted from `amountDueMinor`: each
   * with its record id and, when it was written through this gateway, the marker it carried.
   */
  appliedPayments: AppliedPayment[];
}

export interface AppliedPayment {
  recordId: string | null;
  marker: string | null;
}

export interface NewBankAccount {
  name: string;
  currency: string;
  accountNumber?: string;
  sortCode?: string;
  iban?: string;
  institution?: string;
}

export interface NewExpenseAccount {
  name: string;
  nominalCode: string;
  description?: string;
  currency?: string;
}

export interface NewSupplier {
  name: string;
  contactName?: string;
  emailAddress?: string;
  phone?: string;
  registrationNumber?: string;
  defaultCurrency?: string;
  address?: {
    line1?: string;
    line2?: string;
    city?: string;
    region?: string;
    country?: string;
    postalCode?: string;
  };
}

/** A bank transfer between two bank accounts of the borrower's books. */
export interface TransferInput {
  /** Unique per write; stored with the record (description or reference) so it can be found again. */
  marker: string;
  /** ISO date, YYYY-MM-DD. */
  date: string;
  fromAccountId: string;
  toAccountId: string;
  amountMinor: number;
  currency: string;
  description: string;
}

/** Money spent from a bank account to a supplier, on one expense line (Codat direct cost, Xero SPEND). */
export interface SpendMoneyInput {
  /** Unique per write; stored with the record (description or reference) so it can be found again. */
  marker: string;
  date: string;
  bankAccountId: string;
  supplierId: string;
  expenseAccountId: string;
  amountMinor: number;
  currency: string;
  description: string;
  reference?: string;
}

/** A payment that settles (part of) a sales invoice, paid into a bank account. */
export interface InvoicePaymentInput {
  /** Unique per write; stored with the record (description or reference) so it can be found again. */
  marker: string;
  date: string;
  invoiceId: string;
  customerId: string;
  bankAccountId: string;
  amountMinor: number;
  currency: string;
  reference?: string;
}

export interface StatementLine {
  /** Stable id of the line, unique per bank account (the gateway's operation id). */
  id: string;
  date: string;
  /** Signed: positive is money in to the account, negative is money out. */
  amountMinor: number;
  /**
   * Running balance of the account after this line, in minor units. A decimal integer string, as a
   * balance may exceed 2^53 (a number in lines queued by earlier versions).
   */
  balanceMinor: string | number;
  description: string;
  counterparty?: string;
  reference?: string;
}

export interface StatementLinesInput {
  bankAccountId: string;
  currency: string;
  /** In date order; at most 1,000 per call. */
  lines: StatementLine[];
}

export interface WriteOptions {
  /** Sent as the provider's idempotency key; the same key is reused on every retry of one operation. */
  idempotencyKey: string;
}

export type WriteStatus = 'PENDING' | 'SUCCESS' | 'FAILED' | 'TIMED_OUT';

export interface WriteResult {
  status: WriteStatus;
  /** The provider's handle for an asynchronous write (Codat pushOperationKey). */
  providerOperationId: string | null;
  /** Ids of the records the write created, once known. */
  recordIds: string[];
  /** The provider's validation messages when the write failed. */
  errors: ProviderMessage[];
  message: string | null;
}

export interface ProviderMessage {
  field: string | null;
  message: string;
}

/**
 * The contract every accounting-platform adapter implements.
 * Adapters know nothing of GraphQL or of the database: they take a {@link ProviderConnection}
 * (configuration plus a handle on the sealed secrets) and plain domain values, and return plain
 * domain values. Money crosses this boundary as integer minor units plus an ISO 4217 currency;
 * each adapter converts to its platform's representation. Failures are thrown as `ProviderError`
 * (see provider-error.ts). What the platform can do is declared in its definition's capabilities
 * (provider.ts), which the core reads.
 *
 * @example
 * const { adapter, conn } = await connections.resolve(companyId);
 * const write = await adapter.postTransfer(conn, {
 *   marker, date: '2026-05-01', fromAccountId: lender, toAccountId: designated,
 *   amountMinor: 80000, currency: 'GBP', description: 'Advance INV-0042',
 * }, { idempotencyKey: operation.idempotencyKey });
 * if (write.status === 'PENDING') later(() => adapter.getWrite!(conn, write.providerOperationId!));
 */
export interface AccountingProvider<Config = unknown, Secrets = unknown> {

  /** Checks the company and its connection exist and that the connection is an accounting one. */
  verifyConnection(conn: ProviderConnection<Config, Secrets>): Promise<ConnectionCheck>;

  listBankAccounts(conn: ProviderConnection<Config, Secrets>): Promise<BankAccount[]>;
  listAccounts(conn: ProviderConnection<Config, Secrets>): Promise<LedgerAccount[]>;
  listSuppliers(conn: ProviderConnection<Config, Secrets>): Promise<Supplier[]>;
  listInvoices(conn: ProviderConnection<Config, Secrets>): Promise<Invoice[]>;
  /** One invoice by id; null when the books have none. */
  getInvoice(conn: ProviderConnection<Config, Secrets>, id: string): Promise<Invoice | null>;

  /** Which identifier fields the platform requires to create a bank account (e.g. sortCode, accountNumber). */
  bankAccountRequirements(conn: ProviderConnection<Config, Secrets>): Promise<string[]>;

  createBankAccount(conn: ProviderConnection<Config, Secrets>, input: NewBankAccount, opts: WriteOptions): Promise<WriteResult>;
  createExpenseAccount(conn: ProviderConnection<Config, Secrets>, input: NewExpenseAccount, opts: WriteOptions): Promise<WriteResult>;
  createSupplier(conn: ProviderConnection<Config, Secrets>, input: NewSupplier, opts: WriteOptions): Promise<WriteResult>;

  /**
   * Why the platform would refuse this internal-transfer account (say, a number outside the class
   * its chart keeps for them), before anything is queued; null when it can be created. Present
   * with {@link createInternalTransferAccount}.
   */
  checkInternalTransferAccount?(input: NewInternalTransferAccount): ProviderMessage | null;
  /** Creates the account moves between the borrower's own accounts are categorised in; present where the mapping requires one. */
  createInternalTransferAccount?(conn: ProviderConnection<Config, Secrets>, input: NewInternalTransferAccount, opts: WriteOptions): Promise<WriteResult>;

  postTransfer(conn: ProviderConnection<Config, Secrets>, input: TransferInput, opts: WriteOptions): Promise<WriteResult>;
  postSpendMoney(conn: ProviderConnection<Config, Secrets>, input: SpendMoneyInput, opts: WriteOptions): Promise<WriteResult>;
  postInvoicePayment(conn: ProviderConnection<Config, Secrets>, input: InvoicePaymentInput, opts: WriteOptions): Promise<WriteResult>;
  postStatementLines(conn: ProviderConnection<Config, Secrets>, input: StatementLinesInput, opts: WriteOptions): Promise<WriteResult>;

  /** Follows an asynchronous write by the id a previous write returned; present when the capabilities say `writes: 'async'`. */
  getWrite?(conn: ProviderConnection<Config, Secrets>, providerOperationId: string): Promise<WriteResult>;

  /**
   * Looks in the books for a record an earlier write may have created, by the `marker` that write
   * carried. Used when an outcome is unknown (lost response, timed-out operation) so that nothing is
   * posted twice. Returns the record's id, or null when the books show no such record. A write of
   * several steps (see {@link WriteOptions.progress}) found with only its first steps done answers
   * those steps, so that it resumes after them and is never said FAILED while they are in the books.
   */
  findWrite(conn: ProviderConnection<Config, Secrets>, kind: WriteKind, marker: string, hint: { bankAccountId?: string }): Promise<string | StepRecord | null>;

  /** {@link findWrite} for several writes sent together (a batch of statement lines): one search, one answer per marker, in order. */
  findWrites(conn: ProviderConnection<Config, Secrets>, kind: WriteKind, markers: string[], hint: { bankAccountId?: string }): Promise<(string | null)[]>;

  /**
   * A set-up write of unknown outcome carries no marker: it is searched for in {@link listBankAccounts},
   * {@link listAccounts} or {@link listSuppliers}. Where those lists may lag behind the writes (a
   * cache refreshed apart from them, a write still queued), this makes the next listing of `records`
   * show every write that reached the provider, or throws ProviderError TEMPORARY when it cannot yet:
   * a "not there" from a lagging list would have the write sent twice. Absent where the lists are
   * read live. Called for searches only, so that listings shown to people stay as fast as the reads.
   *
   * @example
   * await provider.settleForSearch?.(conn, 'BANK_ACCOUNTS');
   * const found = (await provider.listBankAccounts(conn)).find((a) => sameName(a.name, name));
   */
  settleForSearch?(conn: ProviderConnection<Config, Secrets>, records: SetupRecords): Promise<void>;

  /**
   * Where the lender account's statement lines arrive through a bank feed the gateway connected:
   * that feed's state (and the provider's reason when it refused it). Null or absent: no such feed.
   */
  lenderAccountFeed?(conn: ProviderConnection<Config, Secrets>, bankAccountId: string): Promise<BankFeedState | null>;

  /** Ends the company's connection at the provider (revokes its tokens, removes the connection); present for OAuth providers. */
  disconnect?(conn: ProviderConnection<Config, Secrets>): Promise<void>;
}

/** The ledger writes a provider can be asked to find again by marker. */
export type WriteKind = 'TRANSFER' | 'SPEND_MONEY' | 'INVOICE_PAYMENT' | 'STATEMENT_LINES';

/** The lists set-up writes are searched in (see {@link AccountingProvider.settleForSearch}). */
export type SetupRecords = 'BANK_ACCOUNTS' | 'ACCOUNTS' | 'SUPPLIERS';

/**
 * A company's connection at its provider: the non-secret configuration stored with the company
 * (the provider's ids for it) and its secrets, read and rotated through {@link Credentials}.
 */
export interface ProviderConnection<Config = unknown, Secrets = unknown> {
  kind: string;
  /** The gateway's id of the company; null while a connection is checked before registration. */
  companyId: string | null;
  config: Config;
  credentials: Credentials<Secrets>;
}

/**
 * A company's sealed secrets, as its adapter sees them.
 *
 * @example
 * const token = await conn.credentials.rotate(async (current) => current && isFresh(current) ? null : refresh(current));
 */
export interface Credentials<Secrets> {
  /** The current secrets; null when the company stores none (the gateway-wide ones apply). */
  get(): Promise<Secrets | null>;
  /**
   * Replaces the secrets under the company's lock, held across processes: `next` sees the latest
   * stored secrets (another process may have just rotated them) and answers the new ones, or null
   * to keep them. Answers the secrets in force afterwards. One rotation at a time per company.
   */
  rotate(next: (current: Secrets | null) => Promise<Secrets | null>): Promise<Secrets | null>;
}

/** Credentials held in memory: a connection being checked before it is registered. */
export function heldCredentials<Secrets>(secrets: Secrets | null): Credentials<Secrets> {
  let current = secrets;
  let turn: Promise<unknown> = Promise.resolve();
  return {
    get: async () => current,
    rotate(next) {
      const run = turn.then(async () => {
        const replaced = await next(current);
        if (replaced !== null) current = replaced;
        return current;
      });
      turn = run.catch(() => undefined);
      return run;
    },
  };
}

/** A bank feed's state: ACTIVE once the provider links it to the account; REJECTED with the provider's message. */
export interface BankFeedState {
  status: 'PENDING' | 'ACTIVE' | 'REJECTED' | 'NOT_CONNECTED';
  message: string | null;
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
  /** Minor units; null when the platform does not report it. */
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
  /** Whether the books let this account carry the borrower's transfers between its own accounts (the internal-transfer account); absent means no. */
  usableForInternalTransfers?: boolean;
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

/** An account of the chart in which moves between the borrower's own accounts are categorised. */
export interface NewInternalTransferAccount {
  name: string;
  nominalCode: string;
  description?: string;
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
  /**
   * For providers that book only the gateway's side of the move (the other side arrives as the
   * borrower's own bank line): which side that is, and the account both sides are categorised in
   * (the mapping's internal-transfer account). Absent where the mapping has none.
   */
  oneSided?: { side: 'from' | 'to'; transitAccountId: string; bankLineRule?: BankLineRule | null } | null;
  /** Which side is the lender account (absent in transfers queued by earlier versions). */
  lenderSide?: 'from' | 'to';
}

/**
 * Asks the provider, where it has automatic reconciliation rules, to categorise the borrower's own
 * bank lines with the lender (on the other side of a one-sided transfer) in the transit account as
 * they arrive. One rule per company, whatever the number of transfers carrying this.
 */
export interface BankLineRule {
  /** The lender's name as the borrower's bank shows it on the lines. */
  counterpartyName: string;
}

/** Money spent from a bank account to a supplier, on one expense line. */
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
  /** The invoice's customer, for providers whose payments name it; null when the books show none. */
  customerId: string | null;
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
  /** In date order; at most the provider's `maxStatementLines` per call. */
  lines: StatementLine[];
}

export interface WriteOptions {
  /** Sent as the provider's idempotency key when it takes one; the same key is reused on every retry of one operation. */
  idempotencyKey: string;
  /**
   * For a write the provider realises in several calls (say, a transaction and then its
   * reconciliation): the step earlier attempts finished, and a way to record each step once done,
   * so that a retry resumes after it instead of repeating it. A one-call write ignores it.
   */
  progress?: WriteProgress;
}

/** See {@link WriteOptions.progress}. */
export interface WriteProgress {
  /** The last step an earlier attempt finished; null before the first. */
  done: StepRecord | null;
  /** Saves a finished step before the next call goes out; throws when the worker no longer holds the operation. */
  record(step: StepRecord): Promise<void>;
}

export interface StepRecord {
  /** The adapter's own name for the step, e.g. `transaction`. */
  step: string;
  /** Ids of the records the steps so far created. */
  recordIds: string[];
}

export type WriteStatus = 'PENDING' | 'SUCCESS' | 'FAILED' | 'TIMED_OUT';

export interface WriteResult {
  status: WriteStatus;
  /** The provider's handle for an asynchronous write, followed with `getWrite`. */
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

import type {
  AccountingProvider, BankAccount, ConnectionCheck, Invoice, InvoicePaymentInput, LedgerAccount, NewBankAccount, NewExpenseAccount,
  NewSupplier, SpendMoneyInput, StatementLinesInput, Supplier, TransferInput, WriteKind, WriteOptions, WriteResult, ProviderMessage,
} from '../accounting-provider';
import type { HttpAttemptInfo } from '../http';
import { ProviderError } from '../provider-error';
import { XeroClient } from './xero.client';
import { XeroBankFeed, type FeedState } from './xero-bank-feed';
import type { XeroRateBudget } from './xero-rate-budget';
import { markerIn, toBankAccount, toInvoice, toLedgerAccount, toSupplier } from './xero.mappers';
import type { XeroOAuthClient } from './xero-oauth.client';
import { XeroTokens } from './xero-tokens';
import { bankAccountBody, bankTransferBody, contactBody, expenseAccountBody, paymentBody, spendMoneyBody } from './xero-write.mappers';
import type { XeroConfig, XeroProviderConnection, XeroSecrets, XeroStatementLines } from './xero.settings';
import type { XeroEnvelope, XeroValidationError } from './xero.types';

export interface XeroAdapterOptions {
  apiUrl: string;
  /** Null when the lender's Xero app is not configured: reads and writes of connected companies still work, new connections do not. */
  oauth: XeroOAuthClient | null;
  statementLines: XeroStatementLines;
  timeoutMs?: number;
  onRequest?: (info: HttpAttemptInfo) => void;
  /** The organisations' rate budget; one per adapter by default. */
  budget?: XeroRateBudget;
}

/**
 * Xero's Accounting API, reached with the borrower's OAuth tokens. Writes answer at once, each
 * with the outbox's idempotency key and the operation's marker in its `Reference`; batch endpoints
 * are called with `summarizeErrors=false`, so a refused element answers 200 with its
 * `ValidationErrors`, which become the write's errors word for word. The lender account's entries
 * are created reconciled (the `reconciled` setting), so that it never shows unmatched lines, or
 * its statement lines are sent through Bank Feeds (the `feed` setting).
 *
 * @example
 * const adapter = new XeroAdapter({ apiUrl: 'https://api.xero.com', oauth, statementLines: 'reconciled' });
 * await adapter.postSpendMoney(conn, fee, { idempotencyKey: op.idempotencyKey });
 */
export class XeroAdapter implements AccountingProvider<XeroConfig, XeroSecrets> {
  readonly client: XeroClient;
  private readonly tokens: XeroTokens;
  private readonly baseCurrencies = new Map<string, string>();
  private readonly bankFeed: XeroBankFeed;

  constructor(private readonly options: XeroAdapterOptions) {
    this.tokens = new XeroTokens(() => this.oauth());
    this.client = new XeroClient({ apiUrl: options.apiUrl, timeoutMs: options.timeoutMs, onRequest: options.onRequest, budget: options.budget }, this.tokens);
    this.bankFeed = new XeroBankFeed(this.client);
  }

  /** The OAuth client of the lender's Xero app; throws when XERO_CLIENT_ID and XERO_CLIENT_SECRET are not set. */
  oauth(): XeroOAuthClient {
    if (!this.options.oauth) throw new ProviderError('REJECTED', "The lender's Xero app is not configured: set XERO_CLIENT_ID and XERO_CLIENT_SECRET", { provider: 'Xero' });
    return this.options.oauth;
  }

  private get reconciled(): boolean {
    return this.options.statementLines === 'reconciled';
  }

  private get feeds(): boolean {
    return this.options.statementLines === 'feed';
  }

  async verifyConnection(conn: XeroProviderConnection): Promise<ConnectionCheck> {
    const token = await this.tokens.accessToken(conn);
    const tenant = (await this.oauth().connections(token)).find((c) => c.tenantId === conn.config.tenantId);
    if (!tenant) return { ok: false, reason: 'the borrower no longer grants access to this Xero organisation: they must connect it again' };
    return { ok: true, platformName: 'Xero', companyName: tenant.tenantName ?? undefined };
  }

  async listBankAccounts(conn: XeroProviderConnection): Promise<BankAccount[]> {
    const { Accounts = [] } = await this.client.call(conn, { method: 'GET', path: '/Accounts', query: { where: 'Type=="BANK"' } });
    const base = Accounts.every((a) => a.CurrencyCode) ? '' : await this.baseCurrency(conn);
    return Accounts.filter((a) => a.Type === 'BANK').map((a) => toBankAccount(a, base));
  }

  async listAccounts(conn: XeroProviderConnection): Promise<LedgerAccount[]> {
    const { Accounts = [] } = await this.client.call(conn, { method: 'GET', path: '/Accounts' });
    return Accounts.map(toLedgerAccount);
  }

  /** Active contacts: Xero marks a contact a supplier only once it has bills, so the lender contact may not be one yet. */
  async listSuppliers(conn: XeroProviderConnection): Promise<Supplier[]> {
    return (await this.client.listAll(conn, '/Contacts', 'Contacts', { where: 'ContactStatus=="ACTIVE"' })).map(toSupplier);
  }

  async listInvoices(conn: XeroProviderConnection): Promise<Invoice[]> {
    const invoices = await this.client.listAll(conn, '/Invoices', 'Invoices', { where: 'Type=="ACCREC"' });
    const base = invoices.every((i) => i.CurrencyCode) ? '' : await this.baseCurrency(conn);
    return invoices.map((i) => toInvoice(i, base));
  }

  async getInvoice(conn: XeroProviderConnection, id: string): Promise<Invoice | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    try {
      const [invoice] = (await this.client.call(conn, { method: 'GET', path: `/Invoices/${id}` })).Invoices ?? [];
      return invoice ? toInvoice(invoice, invoice.CurrencyCode ? '' : await this.baseCurrency(conn)) : null;
    } catch (err) {
      if (err instanceof ProviderError && err.kind === 'NOT_FOUND') return null;
      throw err;
    }
  }

  async bankAccountRequirements(): Promise<string[]> {
    return ['accountNumber'];
  }

  /** With the `feed` setting, the new account is connected as a bank feed too; a refused feed shows on the mapping, the account stays. */
  async createBankAccount(conn: XeroProviderConnection, input: NewBankAccount, opts: WriteOptions): Promise<WriteResult> {
    const body = bankAccountBody(input);
    if (!body) return failure([{ field: 'accountNumber', message: 'Xero needs a bank account number to create a bank account' }]);
    const created = this.created(await this.client.call(conn, { method: 'PUT', path: '/Accounts', body, idempotencyKey: opts.idempotencyKey }), 'Accounts', 'AccountID');
    if (this.feeds && created.status === 'SUCCESS') {
      // The account exists whatever becomes of its feed: a feed Xero refuses (or an app without bank-feed
      // access) shows on the mapping, and the first statement line connects a missing one again.
      await this.bankFeed.connect(conn, created.recordIds[0], input.currency).catch(() => null);
    }
    return created;
  }

  async createExpenseAccount(conn: XeroProviderConnection, input: NewExpenseAccount, opts: WriteOptions): Promise<WriteResult> {
    const body = expenseAccountBody(input);
    return this.created(await this.client.call(conn, { method: 'PUT', path: '/Accounts', body, idempotencyKey: opts.idempotencyKey }), 'Accounts', 'AccountID');
  }

  async createSupplier(conn: XeroProviderConnection, input: NewSupplier, opts: WriteOptions): Promise<WriteResult> {
    const answer = await this.client.call(conn, { method: 'PUT', path: '/Contacts', query: { summarizeErrors: false }, body: contactBody(input), idempotencyKey: opts.idempotencyKey });
    return this.created(answer, 'Contacts', 'ContactID');
  }

  async postTransfer(conn: XeroProviderConnection, input: TransferInput, opts: WriteOptions): Promise<WriteResult> {
    const answer = await this.client.call(conn, { method: 'PUT', path: '/BankTransfers', body: bankTransferBody(input, this.reconciled), idempotencyKey: opts.idempotencyKey });
    return this.created(answer, 'BankTransfers', 'BankTransferID');
  }

  async postSpendMoney(conn: XeroProviderConnection, input: SpendMoneyInput, opts: WriteOptions): Promise<WriteResult> {
    const answer = await this.client.call(conn, { method: 'PUT', path: '/BankTransactions', query: { summarizeErrors: false }, body: spendMoneyBody(input, this.reconciled), idempotencyKey: opts.idempotencyKey });
    return this.created(answer, 'BankTransactions', 'BankTransactionID');
  }

  /** Settled only when Xero answered the payment's id: an answer with no error and no id says nothing of whether it exists. */
  async postInvoicePayment(conn: XeroProviderConnection, input: InvoicePaymentInput, opts: WriteOptions): Promise<WriteResult> {
    const answer = await this.client.call(conn, { method: 'PUT', path: '/Payments', query: { summarizeErrors: false }, body: paymentBody(input, this.reconciled), idempotencyKey: opts.idempotencyKey });
    return this.created(answer, 'Payments', 'PaymentID');
  }

  /** Through the lender account's bank feed (the `feed` setting): one statement per batch, followed until Xero delivers it. */
  async postStatementLines(conn: XeroProviderConnection, input: StatementLinesInput): Promise<WriteResult> {
    if (!this.feeds) throw new ProviderError('REJECTED', "Xero's lender-account entries are their statement lines here (XERO_STATEMENT_LINES is not feed): no statement lines are sent", { provider: 'Xero' });
    return this.bankFeed.post(conn, input);
  }

  /** A statement sent through the bank feed, by its id. */
  async getWrite(conn: XeroProviderConnection, statementId: string): Promise<WriteResult> {
    return this.bankFeed.status(conn, statementId);
  }

  /** The lender account's bank feed, where the `feed` setting sends its statement lines; null otherwise. */
  async lenderAccountFeed(conn: XeroProviderConnection, bankAccountId: string): Promise<FeedState | null> {
    return this.feeds ? this.bankFeed.state(conn, bankAccountId) : null;
  }

  async findWrite(conn: XeroProviderConnection, kind: WriteKind, marker: string, _hint: { bankAccountId?: string } = {}): Promise<string | null> {
    return (await this.findWrites(conn, kind, [marker], _hint))[0];
  }

  /** One read of the records a kind of write creates, then each marker looked for in their references. */
  async findWrites(conn: XeroProviderConnection, kind: WriteKind, markers: string[], _hint: { bankAccountId?: string } = {}): Promise<(string | null)[]> {
    let records: { id?: string; reference?: string; status?: string }[];
    switch (kind) {
      case 'TRANSFER':
        records = ((await this.client.call(conn, { method: 'GET', path: '/BankTransfers' })).BankTransfers ?? []).map((t) => ({ id: t.BankTransferID, reference: t.Reference }));
        break;
      case 'SPEND_MONEY':
        records = (await this.client.listAll(conn, '/BankTransactions', 'BankTransactions', { where: 'Type=="SPEND"' })).map((t) => ({ id: t.BankTransactionID, reference: t.Reference, status: t.Status }));
        break;
      case 'INVOICE_PAYMENT':
        records = (await this.client.listAll(conn, '/Payments', 'Payments')).map((p) => ({ id: p.PaymentID, reference: p.Reference, status: p.Status }));
        break;
      case 'STATEMENT_LINES':
        return this.feeds ? this.bankFeed.findLines(conn, markers) : markers.map(() => null);
      default:
        return markers.map(() => null);
    }
    const live = records.filter((r) => r.id && r.status !== 'DELETED' && r.status !== 'VOIDED');
    return markers.map((marker) => live.find((r) => markerIn(r.reference) === marker)?.id ?? null);
  }

  /** Removes the company's tenant connection, then revokes its refresh token (which ends its token family). */
  async disconnect(conn: XeroProviderConnection): Promise<void> {
    const token = await this.tokens.accessToken(conn);
    if (conn.config.connectionId) await this.oauth().removeConnection(token, conn.config.connectionId);
    const secrets = await conn.credentials.get();
    if (secrets) await this.oauth().revoke(secrets.refreshToken);
  }

  /** The organisation's own currency, for records Xero answers without one; read once per organisation. */
  private async baseCurrency(conn: XeroProviderConnection): Promise<string> {
    const tenantId = conn.config.tenantId ?? '';
    let currency = this.baseCurrencies.get(tenantId);
    if (!currency) {
      const body = (await this.client.call(conn, { method: 'GET', path: '/Organisation' })) as XeroEnvelope & { Organisations?: { BaseCurrency?: string }[] };
      currency = body.Organisations?.[0]?.BaseCurrency ?? '';
      if (!currency) throw new ProviderError('TEMPORARY', 'Xero answered the organisation without its base currency', { provider: 'Xero' });
      this.baseCurrencies.set(tenantId, currency);
    }
    return currency;
  }

  /** The one record a create answered: its id, or its `ValidationErrors` word for word; no id and no error is an unknown outcome. */
  private created<K extends keyof XeroEnvelope>(answer: XeroEnvelope, key: K, idField: string): WriteResult {
    const [record] = ((answer[key] ?? []) as unknown as Record<string, unknown>[]);
    const errors = ((record?.ValidationErrors ?? []) as XeroValidationError[]).map((v) => ({ field: null, message: v.Message }));
    if (errors.length || record?.StatusAttributeString === 'ERROR') {
      return failure(errors.length ? errors : [{ field: null, message: `Xero refused the ${String(key)} record without saying why` }]);
    }
    const id = record?.[idField];
    if (typeof id !== 'string' || !id) {
      return { status: 'TIMED_OUT', providerOperationId: null, recordIds: [], errors: [], message: `Xero answered the ${String(key)} write without an error and without its ${idField}` };
    }
    return { status: 'SUCCESS', providerOperationId: null, recordIds: [id], errors: [], message: null };
  }
}

function failure(errors: ProviderMessage[]): WriteResult {
  return { status: 'FAILED', providerOperationId: null, recordIds: [], errors, message: 'Xero refused the write' };
}

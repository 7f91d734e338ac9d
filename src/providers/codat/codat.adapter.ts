import type {
  AccountingProvider,
  BankAccount,
  ConnectionCheck,
  Invoice,
  InvoicePaymentInput,
  LedgerAccount,
  NewBankAccount,
  NewExpenseAccount,
  NewSupplier,
  SetupRecords,
  SpendMoneyInput,
  StatementLinesInput,
  Supplier,
  TransferInput,
  WriteKind,
  WriteOptions,
  WriteResult,
} from '../accounting-provider';
import { ProviderError } from '../provider-error';
import { CodatClient, codatPath, type CodatClientOptions } from './codat.client';
import {
  checkConnection,
  isLive,
  requiredBankAccountFields,
  toBankAccount,
  toInvoice,
  toLedgerAccount,
  toSupplier,
  toWriteResult,
} from './codat.mappers';
import { CodatSync, type CodatSyncDataType, type CodatSyncOptions } from './codat.sync';
import type * as C from './codat.types';
import type { CodatProviderConnection } from './codat.settings';
import * as body from './codat.write.mappers';
import type { CodatConfig, CodatSecrets } from './codat.settings';

export type CodatAdapterOptions = CodatClientOptions & Pick<CodatSyncOptions, 'syncWaitMs' | 'syncPollMs'>;

/** The data type to sync before looking for each kind of write (CONTRACT §2.7 names). */
const SYNCED: Record<WriteKind, CodatSyncDataType> = {
  TRANSFER: 'transfers',
  SPEND_MONEY: 'directCosts',
  INVOICE_PAYMENT: 'payments',
  STATEMENT_LINES: 'bankTransactions',
};

/**
 * The data type behind each list a set-up write is searched in: the `dataType` its pushes report
 * and the one to sync (CONTRACT §2.7). `push/accounts` reports `chartOfAccounts`, not `accounts`.
 */
const SETUP_SYNCED: Record<SetupRecords, CodatSyncDataType> = {
  BANK_ACCOUNTS: 'bankAccounts',
  ACCOUNTS: 'chartOfAccounts',
  SUPPLIERS: 'suppliers',
};

/**
 * Writes to a borrower's books (Xero) through Codat's Lending API. Writes are push operations:
 * they usually come back PENDING and are followed with {@link CodatAdapter.getWrite}.
 *
 * @example
 * const codat = new CodatAdapter({ baseUrl: config.codat.baseUrl ?? undefined, apiKey: config.codat.apiKey, timeoutMs: 10_000 });
 * const check = await codat.verifyConnection(conn);
 * if (!check.ok) throw badInput('connectionId', check.reason!);
 * const write = await codat.postTransfer(conn, transfer, { idempotencyKey: operation.id });
 */
export class CodatAdapter implements AccountingProvider<CodatConfig, CodatSecrets> {
  private readonly client: CodatClient;
  private readonly sync: CodatSync;

  constructor(options: CodatAdapterOptions = {}) {
    this.client = new CodatClient(options);
    this.sync = new CodatSync(this.client, options);
  }

  async verifyConnection(conn: CodatProviderConnection): Promise<ConnectionCheck> {
    try {
      const company = await orNull(this.client.get<C.CodatCompany>(conn, codatPath`/companies/${conn.config.companyId}`));
      const connection = company
        ? await orNull(this.client.get<C.CodatConnection>(conn, codatPath`/companies/${conn.config.companyId}/connections/${conn.config.connectionId}`))
        : null;
      return checkConnection(conn.config, company, connection);
    } catch (err) {
      // Codat answers 400 to ids that are not UUIDs: that is a wrong id, not a failure of the check.
      if (err instanceof ProviderError && err.kind === 'REJECTED') return { ok: false, reason: err.message };
      throw err;
    }
  }

  async listBankAccounts(conn: CodatProviderConnection): Promise<BankAccount[]> {
    const rows = await this.client.listAll<C.CodatBankAccount>(conn, codatPath`/companies/${conn.config.companyId}/connections/${conn.config.connectionId}/data/bankAccounts`);
    return rows.filter(isLive).map(toBankAccount);
  }

  async listAccounts(conn: CodatProviderConnection): Promise<LedgerAccount[]> {
    const rows = await this.client.listAll<C.CodatAccount>(conn, codatPath`/companies/${conn.config.companyId}/data/accounts`);
    return rows.filter(isLive).map(toLedgerAccount);
  }

  async listSuppliers(conn: CodatProviderConnection): Promise<Supplier[]> {
    const rows = await this.client.listAll<C.CodatSupplier & { id: string }>(conn, codatPath`/companies/${conn.config.companyId}/data/suppliers`);
    return rows.filter(isLive).map(toSupplier);
  }

  async listInvoices(conn: CodatProviderConnection): Promise<Invoice[]> {
    const rows = await this.client.listAll<C.CodatInvoice>(conn, codatPath`/companies/${conn.config.companyId}/data/invoices`);
    return rows.filter(isLive).map(toInvoice);
  }

  async getInvoice(conn: CodatProviderConnection, id: string): Promise<Invoice | null> {
    const row = await orNull(this.client.get<C.CodatInvoice>(conn, codatPath`/companies/${conn.config.companyId}/data/invoices/${id}`));
    return row && isLive(row) ? toInvoice(row) : null;
  }

  async bankAccountRequirements(conn: CodatProviderConnection): Promise<string[]> {
    const model = await this.client.get<C.CodatPushOption>(conn, codatPath`/companies/${conn.config.companyId}/connections/${conn.config.connectionId}/options/bankAccounts`);
    return requiredBankAccountFields(model ?? {});
  }

  createBankAccount(conn: CodatProviderConnection, input: NewBankAccount, opts: WriteOptions): Promise<WriteResult> {
    return this.push(conn, 'bankAccounts', body.bankAccountBody(input), opts);
  }

  createExpenseAccount(conn: CodatProviderConnection, input: NewExpenseAccount, opts: WriteOptions): Promise<WriteResult> {
    return this.push(conn, 'accounts', body.accountBody(input), opts);
  }

  createSupplier(conn: CodatProviderConnection, input: NewSupplier, opts: WriteOptions): Promise<WriteResult> {
    return this.push(conn, 'suppliers', body.supplierBody(input), opts);
  }

  postTransfer(conn: CodatProviderConnection, input: TransferInput, opts: WriteOptions): Promise<WriteResult> {
    return this.push(conn, 'transfers', body.transferBody(input), opts);
  }

  postSpendMoney(conn: CodatProviderConnection, input: SpendMoneyInput, opts: WriteOptions): Promise<WriteResult> {
    return this.push(conn, 'directCosts', body.directCostBody(input), opts);
  }

  postInvoicePayment(conn: CodatProviderConnection, input: InvoicePaymentInput, opts: WriteOptions): Promise<WriteResult> {
    return this.push(conn, 'payments', body.paymentBody(input), opts);
  }

  async postStatementLines(conn: CodatProviderConnection, input: StatementLinesInput, opts: WriteOptions): Promise<WriteResult> {
    const payload = body.bankTransactionsBody(input);
    const path = codatPath`/companies/${conn.config.companyId}/connections/${conn.config.connectionId}/push/bankAccounts/${input.bankAccountId}/bankTransactions`;
    return toWriteResult(await this.client.post<C.CodatPushOperation>(conn, path, payload, opts.idempotencyKey));
  }

  async getWrite(conn: CodatProviderConnection, providerOperationId: string): Promise<WriteResult> {
    return toWriteResult(await this.client.get<C.CodatPushOperation>(conn, codatPath`/companies/${conn.config.companyId}/push/${providerOperationId}`));
  }

  /**
   * Reads Codat's cache, which shows a pushed record only after the next sync of its data type,
   * so the data type is synced first: a null answer then means the write is not in the books.
   * A sync that fails or outlasts `syncWaitMs`, or a push of the same data type still pending,
   * throws TEMPORARY rather than answer on stale data.
   * Deleted records still count, so that a record the borrower removed is not written again.
   */
  async findWrite(conn: CodatProviderConnection, kind: WriteKind, marker: string, hint: { bankAccountId?: string }): Promise<string | null> {
    const [found] = await this.findWrites(conn, kind, [marker], hint);
    return found;
  }

  async findWrites(conn: CodatProviderConnection, kind: WriteKind, markers: string[], hint: { bankAccountId?: string }): Promise<(string | null)[]> {
    const { companyId: c, connectionId: k } = conn.config;
    const dataType = Object.hasOwn(SYNCED, kind) ? SYNCED[kind] : undefined;
    if (!dataType) throw new ProviderError('REJECTED', `Codat cannot look up writes of kind ${String(kind)}`);
    if (kind === 'STATEMENT_LINES' && !hint.bankAccountId) {
      throw new ProviderError('REJECTED', 'Looking for a statement line needs the bank account it was sent to (hint.bankAccountId)');
    }
    await this.settle(conn, dataType);
    let carries: (marker: string) => { id?: string; metadata?: C.CodatMetadata | null }[];
    switch (kind) {
      case 'TRANSFER': {
        const rows = await this.client.listAll<C.CodatTransfer>(conn, codatPath`/companies/${c}/connections/${k}/data/transfers`);
        carries = (marker) => rows.filter((r) => body.carriesMarker(r.description, marker));
        break;
      }
      case 'SPEND_MONEY': {
        const rows = await this.client.listAll<C.CodatDirectCost>(conn, codatPath`/companies/${c}/connections/${k}/data/directCosts`);
        carries = (marker) => rows.filter((r) => body.carriesMarker(r.reference, marker) || body.carriesMarker(r.note, marker));
        break;
      }
      case 'INVOICE_PAYMENT': {
        const rows = await this.client.listAll<C.CodatPayment>(conn, codatPath`/companies/${c}/data/payments`);
        carries = (marker) => rows.filter((r) => body.carriesMarker(r.reference, marker) || body.carriesMarker(r.note, marker));
        break;
      }
      case 'STATEMENT_LINES': {
        const path = codatPath`/companies/${c}/connections/${k}/data/bankAccounts/${hint.bankAccountId!}/bankTransactions`;
        const rows = await this.client.listAll<C.CodatBankTransaction>(conn, path);
        carries = (marker) => rows.filter((r) => r.id === marker);
        break;
      }
      default:
        throw new ProviderError('REJECTED', `Codat cannot look up writes of kind ${String(kind)}`);
    }
    return markers.map((marker) => {
      const candidates = carries(marker);
      const found = candidates.find(isLive) ?? candidates[0];
      return found?.id ?? null;
    });
  }

  /**
   * The lists set-up writes are searched in read Codat's cache as well: a bank account, account or
   * supplier pushed by a write whose answer was lost shows there only once its push has completed
   * and its data type has been synced since. Until then the search would find it absent and the
   * write would create it a second time. Throws TEMPORARY while such a push is pending or the sync
   * fails or outlasts `syncWaitMs`. The settings page's listings skip this: they stay as fast as a cached read.
   */
  async settleForSearch(conn: CodatProviderConnection, records: SetupRecords): Promise<void> {
    const dataType = Object.hasOwn(SETUP_SYNCED, records) ? SETUP_SYNCED[records] : undefined;
    if (!dataType) throw new ProviderError('REJECTED', `Codat cannot bring the ${String(records)} list up to date`);
    await this.settle(conn, dataType);
  }

  /** After this, Codat's reads of `dataType` show every push of it that reached Codat (see {@link noPushPending}). */
  private async settle(conn: CodatProviderConnection, dataType: CodatSyncDataType): Promise<void> {
    await this.noPushPending(conn, dataType);
    await this.sync.refresh(conn, dataType);
  }

  /**
   * A push whose answer was lost may still be pending: Codat's reads cannot show its record until
   * it completes, and its history does not say which write it carries. While a push of the same
   * data type is pending on the connection, the books cannot answer "not there": this throws
   * TEMPORARY, and the search is made again later. Asked before the sync, so that a push that
   * completes meanwhile is in the synced data.
   */
  private async noPushPending(conn: CodatProviderConnection, dataType: CodatSyncDataType): Promise<void> {
    const { companyId: c, connectionId: k } = conn.config;
    const pushes = await this.client.listAll<C.CodatPushOperation>(conn, codatPath`/companies/${c}/push`, { query: `status=Pending&&dataType=${dataType}` });
    const pending = pushes.filter((p) => p.status === 'Pending' && p.dataType === dataType && p.dataConnectionKey === k);
    if (pending.length) {
      throw new ProviderError('TEMPORARY', `Codat has ${pending.length} ${dataType} push${pending.length > 1 ? 'es' : ''} still pending on the connection (${pending[0].pushOperationKey}${pending.length > 1 ? ', …' : ''}); the books will be searched once they complete`);
    }
  }

  private async push(conn: CodatProviderConnection, dataType: string, payload: unknown, opts: WriteOptions): Promise<WriteResult> {
    const path = `${codatPath`/companies/${conn.config.companyId}/connections/${conn.config.connectionId}`}/push/${dataType}`;
    return toWriteResult(await this.client.post<C.CodatPushOperation>(conn, path, payload, opts.idempotencyKey));
  }
}

/** A 404 becomes null; every other failure (401 included) propagates. */
async function orNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof ProviderError && err.kind === 'NOT_FOUND') return null;
    throw err;
  }
}

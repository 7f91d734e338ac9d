import type {
  AccountingProvider,
  BankAccount,
  ConnectionCheck,
  Invoice,
  InvoicePaymentInput,
  LedgerAccount,
  NewBankAccount,
  NewExpenseAccount,
  NewInternalTransferAccount,
  NewSupplier,
  ProviderMessage,
  SpendMoneyInput,
  StatementLinesInput,
  StepRecord,
  Supplier,
  TransferInput,
  WriteKind,
  WriteOptions,
  WriteResult,
} from '../accounting-provider';
import { ProviderError } from '../provider-error';
import { SinaoClient } from './sinao.client';
import { markerText, receivedAt, toBankAccount, toInvoice, toLedgerAccount, toSupplier } from './sinao.mappers';
import { bankLineRule, sameRule, type SinaoRuleInput } from './sinao.rules';
import type { SinaoConfig, SinaoProviderConnection, SinaoSecrets } from './sinao.settings';
import type * as S from './sinao.types';

/**
 * The lender cash account holds the ledger's entries: money out of it is negative, money into it
 * positive (an advance and a fee go out, a repayment and the customer's settlement come in), so
 * its balance is what the lender owes the borrower. Sinao publishes no convention of its own.
 */
const OUT = -1;
const IN = 1;

/** A transaction to write on the lender cash account, and how to reconcile it once it exists. */
interface Entry {
  marker: string;
  sourceId: string;
  amountMinor: number;
  date: string;
  label: string;
  contactId?: string;
  reconcile(conn: SinaoProviderConnection, transactionId: number): Promise<void>;
}

/**
 * Sinao, reached with the borrower's application key. Each ledger write is two calls: a
 * transaction on the lender cash account carrying the operation's marker in `details`, then
 * `POST /reconcile` linking it to an account (categorisation, `replace_all`) or to the sales
 * invoice it settles. Sinao takes no idempotency key, so a write never posts a transaction before
 * looking for it by its marker, and resumes after the step an earlier attempt recorded.
 *
 * @example
 * const adapter = new SinaoAdapter({ baseUrl: 'https://api.sinao.app/v1' });
 * await adapter.postSpendMoney(conn, fee, { idempotencyKey: op.id, progress });
 */
export class SinaoAdapter implements AccountingProvider<SinaoConfig, SinaoSecrets> {
  private readonly client: SinaoClient;

  constructor(options: { baseUrl: string; timeoutMs?: number; pageSize?: number }) {
    this.client = new SinaoClient(options);
  }

  async verifyConnection(conn: SinaoProviderConnection): Promise<ConnectionCheck> {
    try {
      const app = await this.client.get<S.SinaoApp>(conn, '');
      return { ok: true, platformName: 'Sinao', companyName: app.organization?.name ?? undefined };
    } catch (err) {
      if (err instanceof ProviderError && err.kind === 'NOT_FOUND') return { ok: false, reason: `Sinao has no application ${conn.config.appId}: check the application id` };
      throw err;
    }
  }

  async listBankAccounts(conn: SinaoProviderConnection): Promise<BankAccount[]> {
    const sources = await this.client.listAll<S.SinaoCashflowSource>(conn, '/cashflowsources/');
    return sources.filter((s) => s.type === 'bank').map(toBankAccount);
  }

  async listAccounts(conn: SinaoProviderConnection): Promise<LedgerAccount[]> {
    return (await this.client.listAll<S.SinaoAccount>(conn, '/accounts/')).map(toLedgerAccount);
  }

  async listSuppliers(conn: SinaoProviderConnection): Promise<Supplier[]> {
    return (await this.client.listAll<S.SinaoOrganization>(conn, '/organizations')).map(toSupplier);
  }

  async listInvoices(conn: SinaoProviderConnection): Promise<Invoice[]> {
    return (await this.client.listAll<S.SinaoInvoice>(conn, '/invoices')).map(toInvoice);
  }

  async getInvoice(conn: SinaoProviderConnection, id: string): Promise<Invoice | null> {
    if (!/^\d+$/.test(id)) return null;
    try {
      const invoice = toInvoice(await this.client.get<S.SinaoInvoice>(conn, `/invoices/${id}`));
      // The transactions already reconciled with it, so that a payment in the books is not also counted as still to come.
      const payments = await this.client.listAll<S.SinaoPayment>(conn, '/payments');
      invoice.appliedPayments = payments
        .filter((p) => String(p.document?.id) === id && p.transaction)
        .map((p) => ({ recordId: String(p.transaction!.id), marker: null }));
      return invoice;
    } catch (err) {
      if (err instanceof ProviderError && err.kind === 'NOT_FOUND') return null;
      throw err;
    }
  }

  async bankAccountRequirements(): Promise<string[]> {
    return [];
  }

  /**
   * The lender cash account: a `bank` source (its transactions are money that moves, reconciled
   * like a bank's), of `account_type` `special` — it is neither a current account the borrower
   * pays from nor a loan: the lender holds the advances against invoices, and this account only
   * mirrors what passes through it. It opens at 0: the gateway's entries are its whole history.
   */
  async createBankAccount(conn: SinaoProviderConnection, input: NewBankAccount): Promise<WriteResult> {
    const body = { name: input.name, type: 'bank', account_type: 'special', balance_amount: 0, identifiant: input.iban ?? input.accountNumber ?? undefined };
    const source = await this.client.send<S.SinaoCashflowSource>(conn, 'POST', '/cashflowsources/', body);
    return success([String(source.id)]);
  }

  async createExpenseAccount(conn: SinaoProviderConnection, input: NewExpenseAccount): Promise<WriteResult> {
    if (!/^6\d{2,9}$/.test(input.nominalCode)) {
      return failure('nominalCode', `${input.nominalCode} is not an expense account number of the French chart (class 6, e.g. 627100)`);
    }
    const body = { accounting_number: input.nominalCode, name: input.name, description: input.description, is_purchase: true };
    const account = await this.client.send<S.SinaoAccount>(conn, 'POST', '/accounts/', body);
    return success([String(account.id)]);
  }

  /** Class 58 of the plan comptable général, "virements internes": 58 and up to eight more digits. */
  checkInternalTransferAccount(input: NewInternalTransferAccount): ProviderMessage | null {
    if (/^58\d{0,8}$/.test(input.nominalCode)) return null;
    return { field: 'nominalCode', message: `${input.nominalCode} is not an internal-transfer account number of the French chart (class 58, e.g. 581000)` };
  }

  /**
   * `POST /accounts/` with the fields the specification lists: `accounting_number`, `name`,
   * `description`, and `is_cashflow`, as the seeded 580000 has it — money passes through it
   * between the company's cash accounts.
   */
  async createInternalTransferAccount(conn: SinaoProviderConnection, input: NewInternalTransferAccount): Promise<WriteResult> {
    const problem = this.checkInternalTransferAccount(input);
    if (problem) return failure(problem.field!, problem.message);
    const body = { accounting_number: input.nominalCode, name: input.name, description: input.description, is_cashflow: true };
    const account = await this.client.send<S.SinaoAccount>(conn, 'POST', '/accounts/', body);
    return success([String(account.id)]);
  }

  async createSupplier(conn: SinaoProviderConnection, input: NewSupplier): Promise<WriteResult> {
    const body = { name: input.name, national_id: input.registrationNumber, country_iso2: input.address?.country?.length === 2 ? input.address.country : undefined };
    const org = await this.client.send<S.SinaoOrganization>(conn, 'POST', '/organizations', body);
    return success([String(org.id)]);
  }

  /**
   * An advance (`from` the lender account) or a repayment (`to` it): one side only, since the
   * borrower's bank line for the other side arrives from the bank. Both sides are categorised in
   * the internal-transfer account, which is how Sinao matches two moves between one's own accounts.
   *
   * With `bankLineRule`, the categorisation also creates the rule that categorises those bank lines
   * as they arrive, unless the application already has it. It is created here, with the first
   * advance or repayment written, rather than when the mapping is complete or write-back switched
   * on: Sinao makes a rule only within a reconciliation (`type`, `id` and `movements` are required
   * beside `rule`), and before its first transfer the gateway has nothing of its own to reconcile —
   * hanging the rule on an entry made up for the purpose would put that entry in the borrower's
   * books. This categorisation is also the very one the rule repeats for the bank's side. The
   * look-up before each such categorisation (one `GET /rules/`) is what keeps it to one rule across
   * retries, lost answers and restarts; a rule the borrower deletes comes back with the next
   * transfer while the setting is on.
   */
  postTransfer(conn: SinaoProviderConnection, input: TransferInput, opts: WriteOptions): Promise<WriteResult> {
    const oneSided = input.oneSided;
    if (!oneSided) return Promise.resolve(failure('internalTransferAccountId', 'Sinao records a transfer against an internal-transfer account: map one first'));
    const out = oneSided.side === 'from';
    const designatedId = out ? input.toAccountId : input.fromAccountId;
    return this.write(conn, opts, {
      marker: input.marker,
      sourceId: out ? input.fromAccountId : input.toAccountId,
      amountMinor: (out ? OUT : IN) * input.amountMinor,
      date: input.date,
      label: input.description,
      reconcile: async (c, id) => {
        const wanted = oneSided.bankLineRule ? bankLineRule(designatedId, oneSided.transitAccountId, oneSided.bankLineRule.counterpartyName) : null;
        const rule = wanted && (await this.lacksRule(c, wanted)) ? wanted : undefined;
        await this.categorise(c, id, oneSided.transitAccountId, input.amountMinor, rule);
      },
    });
  }

  /** A fee: money out of the lender account, the lender as contact, categorised in the expense account. */
  postSpendMoney(conn: SinaoProviderConnection, input: SpendMoneyInput, opts: WriteOptions): Promise<WriteResult> {
    return this.write(conn, opts, {
      marker: input.marker,
      sourceId: input.bankAccountId,
      amountMinor: OUT * input.amountMinor,
      date: input.date,
      label: input.description,
      contactId: input.supplierId,
      reconcile: (c, id) => this.categorise(c, id, input.expenseAccountId, input.amountMinor),
    });
  }

  /**
   * The customer's settlement: money into the lender account, reconciled with the sales invoice
   * as its parent and the transaction as a `bank_entry` child — the specification's enums have no
   * `transaction` child type, and a transaction on a `bank` source is a bank entry.
   */
  postInvoicePayment(conn: SinaoProviderConnection, input: InvoicePaymentInput, opts: WriteOptions): Promise<WriteResult> {
    return this.write(conn, opts, {
      marker: input.marker,
      sourceId: input.bankAccountId,
      amountMinor: IN * input.amountMinor,
      date: input.date,
      label: input.reference ? `Règlement ${input.reference}` : 'Règlement de facture',
      reconcile: async (c, id) => {
        if (await this.paysInvoice(c, id, input.invoiceId)) return;
        const movements = [{ type: 'bank_entry', id, amount: input.amountMinor }];
        await this.client.send(c, 'POST', '/reconcile', { type: 'sales', id: Number(input.invoiceId), movements, paid_at: receivedAt(input.date) });
      },
    });
  }

  async postStatementLines(_conn: SinaoProviderConnection, _input: StatementLinesInput): Promise<WriteResult> {
    throw new ProviderError('REJECTED', 'Sinao takes no statement lines: each entry is itself a transaction of the lender cash account');
  }

  /**
   * The record of a write whose outcome is unknown: the transaction found by its marker, once
   * reconciled. A transaction found unreconciled is the write's first step only: the write resumes
   * with the reconciliation.
   */
  async findWrite(conn: SinaoProviderConnection, kind: WriteKind, marker: string): Promise<string | StepRecord | null> {
    const tx = await this.findTransaction(conn, marker);
    if (!tx) return null;
    const whole = kind === 'INVOICE_PAYMENT'
      ? (await this.client.listAll<S.SinaoPayment>(conn, '/payments')).some((p) => p.transaction?.id === tx.id)
      // Sinao sets `lettered_at` once a transaction is wholly reconciled.
      : Boolean(tx.lettered_at);
    return whole ? String(tx.id) : { step: 'transaction', recordIds: [String(tx.id)] };
  }

  async findWrites(conn: SinaoProviderConnection, kind: WriteKind, markers: string[]): Promise<(string | null)[]> {
    const found: (string | null)[] = [];
    for (const marker of markers) {
      const one = await this.findWrite(conn, kind, marker);
      found.push(typeof one === 'string' ? one : null);
    }
    return found;
  }

  /** Transaction, then reconciliation, each done once: see the class comment. */
  private async write(conn: SinaoProviderConnection, opts: WriteOptions, entry: Entry): Promise<WriteResult> {
    const done = opts.progress?.done;
    let id = done?.step === 'transaction' && done.recordIds[0] ? Number(done.recordIds[0]) : null;
    if (id === null) {
      id = (await this.findTransaction(conn, entry.marker))?.id ?? null;
      if (id !== null) await opts.progress?.record({ step: 'transaction', recordIds: [String(id)] });
    }
    if (id === null) {
      const body = {
        cashflow_source_id: Number(entry.sourceId),
        amount: entry.amountMinor,
        received_at: receivedAt(entry.date),
        label: entry.label.slice(0, 255),
        details: markerText(entry.marker),
        method: 'transfer',
        contact_organization_id: entry.contactId ? Number(entry.contactId) : undefined,
      };
      id = (await this.client.send<S.SinaoTransaction>(conn, 'POST', '/transactions/', body)).id;
      await opts.progress?.record({ step: 'transaction', recordIds: [String(id)] });
    }
    await entry.reconcile(conn, id);
    return success([String(id)]);
  }

  /**
   * `replace_all`: a repeated categorisation replaces the first instead of adding to it. With
   * `rule`, Sinao creates the rule in the same call, so the rule exists exactly when the
   * categorisation does: a call whose answer is lost is found whole (the transaction lettered) or
   * not at all.
   */
  private async categorise(conn: SinaoProviderConnection, transactionId: number, accountId: string, amountMinor: number, rule?: SinaoRuleInput): Promise<void> {
    const movements = [{ type: 'account', id: Number(accountId), amount: amountMinor }];
    await this.client.send(conn, 'POST', '/reconcile', { type: 'transaction', id: transactionId, movements, replace_all: true, ...(rule ? { rule } : {}) });
  }

  /**
   * Whether the application is known not to have this rule yet. A rule has no free-text field to
   * carry a marker, so it is found by what it says — its event, its account and its conditions,
   * which name the borrower's bank account and the lender — which only the gateway composes this
   * way. Sinao's specification files `/rules/` under its hidden routes: where the key may not read
   * them, the rule is not sent (one it could not find again might be sent twice), and the
   * categorisation goes ahead without it; a failure to reach Sinao fails the step as any other.
   */
  private async lacksRule(conn: SinaoProviderConnection, wanted: SinaoRuleInput): Promise<boolean> {
    try {
      const rules = await this.client.listAll<S.SinaoRule>(conn, '/rules/');
      return !rules.some((r) => sameRule(r, wanted));
    } catch (err) {
      if (err instanceof ProviderError && ['NOT_FOUND', 'UNAUTHORIZED', 'REJECTED'].includes(err.kind)) return false;
      throw err;
    }
  }

  private async paysInvoice(conn: SinaoProviderConnection, transactionId: number, invoiceId: string): Promise<boolean> {
    const payments = await this.client.listAll<S.SinaoPayment>(conn, '/payments');
    return payments.some((p) => p.transaction?.id === transactionId && String(p.document?.id) === invoiceId);
  }

  private async findTransaction(conn: SinaoProviderConnection, marker: string): Promise<S.SinaoTransaction | null> {
    const found = await this.client.listAll<S.SinaoTransaction>(conn, '/transactions/', { search: marker });
    return found.find((t) => t.details?.includes(marker)) ?? null;
  }
}

function success(recordIds: string[]): WriteResult {
  return { status: 'SUCCESS', providerOperationId: null, recordIds, errors: [], message: null };
}

function failure(field: string, message: string): WriteResult {
  return { status: 'FAILED', providerOperationId: null, recordIds: [], errors: [{ field, message }], message };
}

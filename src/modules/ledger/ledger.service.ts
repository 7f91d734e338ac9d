import { createHash } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { isCurrency, parseAmount } from '../../common/money';
import { isUniqueViolation, runSql } from '../../common/sql';
import { timeOrderedId } from '../../common/time-ordered-id';
import { transact } from '../../common/transaction';
import type { DataSource } from 'typeorm';
import type { RequestContext } from '../../context';
import { AppError, badInput } from '../../errors';
import type { Invoice } from '../../providers/accounting-provider';
import type { CompanyService } from '../companies/company.service';
import type { ProviderConnections } from '../companies/provider-connections';
import { missingFields, type MappingService } from '../mapping/mapping.service';
import type { WritebackService } from '../writeback/writeback.service';
import { LedgerEventEntity, type LedgerEventKind } from './ledger-event.entity';
import type { LedgerEventInput } from './ledger.inputs';
import { checkEventDate, checkInvoice, checkInvoiceAmount, checkOpenInvoice } from './ledger.rules';
import { planOperations, STATEMENT_SIGN, type PlannedEvent } from './ledger.plan';
import { WritebackOperationEntity } from '../writeback/writeback-operation.entity';
import type { MappingValues } from '../mapping/mapping-change.entity';

type EventInput = LedgerEventInput & { invoiceId?: string };

interface Normalised {
  amountMinor: number;
  currency: string;
  date: string;
  description: string | null;
  reference: string | null;
  invoiceId: string | null;
}

export interface LedgerServiceDeps {
  db: DataSource;
  companies: Pick<CompanyService, 'get'>;
  mapping: Pick<MappingService, 'values'>;
  connections: Pick<ProviderConnections, 'capabilities'>;
  writeback: Pick<WritebackService, 'enqueue' | 'kick'>;
  lenderName: string;
}

/**
 * Records lending events. Each is validated, then stored together with its write-back operations
 * in one transaction (the outbox) and the mutation returns at once; the worker delivers them.
 * `(company, kind, externalId)` makes a re-submission safe.
 */
export class LedgerService {
  constructor(private readonly deps: LedgerServiceDeps) {}

  async record(ctx: RequestContext, companyId: string, kind: LedgerEventKind, input: EventInput): Promise<LedgerEventEntity> {
    const company = await this.deps.companies.get(ctx, companyId);
    if (!isCurrency(input.currency)) throw badInput('currency', `${input.currency} is not an ISO 4217 currency`);
    const amount = parseAmount(input.amount, input.currency);
    if (!amount.ok) throw badInput('amount', amount.reason);
    if (amount.minor <= 0) throw badInput('amount', 'amount must be greater than 0');
    const normalised = {
      amountMinor: amount.minor,
      currency: input.currency,
      date: input.date,
      description: input.description?.trim() || null,
      reference: input.reference?.trim() || null,
      invoiceId: input.invoiceId ?? null,
    };
    const payloadHash = createHash('sha256').update(JSON.stringify(normalised)).digest('hex');
    // The repeat check comes before every business rule: a re-sent event gets its original back
    // even when the rules would now refuse it (an invoice it paid is no longer open).
    const repeat = await this.findRepeat(this.deps.db.manager, companyId, kind, input.externalId, payloadHash);
    if (repeat) return repeat;
    try {
      const event = await this.recordNew(ctx, companyId, kind, input.externalId, normalised, payloadHash, !company.writebackEnabled);
      if (company.writebackEnabled) this.deps.writeback.kick();
      return event;
    } catch (err) {
      // An identical submission recorded meanwhile wins over a refusal its own write may have caused.
      if (err instanceof AppError || isUniqueViolation(err)) {
        const again = await this.findRepeat(this.deps.db.manager, companyId, kind, input.externalId, payloadHash);
        if (again) return again;
      }
      throw err;
    }
  }

  private async recordNew(
    ctx: RequestContext,
    companyId: string,
    kind: LedgerEventKind,
    externalId: string,
    normalised: Normalised,
    payloadHash: string,
    held: boolean,
  ): Promise<LedgerEventEntity> {
    const dateProblem = checkEventDate(normalised.date, new Date());
    if (dateProblem) throw badInput('date', dateProblem);
    const [{ values, currency, required, autoReconcileBankLines }, capabilities] = await Promise.all([this.deps.mapping.values(companyId), this.deps.connections.capabilities(companyId)]);
    const missing = missingFields(values, required);
    if (missing.length) throw new AppError('MAPPING_INCOMPLETE', `Complete the mapping first; still missing: ${missing.join(', ')}`, { missing });
    const mappedCurrency = currency ?? (await ctx.loaders.load(companyId, 'bankAccounts')).find((b) => b.id === values.lenderBankAccountId)?.currency;
    if (mappedCurrency && mappedCurrency !== normalised.currency) {
      throw badInput('currency', `The mapped bank accounts are in ${mappedCurrency}; this event is in ${normalised.currency}`);
    }

    let invoice: Invoice | null = null;
    if (normalised.invoiceId) {
      invoice = await ctx.loaders.invoice(companyId, normalised.invoiceId);
      if (!invoice) throw badInput('invoiceId', `No invoice ${normalised.invoiceId} in the borrower's books`);
      const problem = kind === 'INVOICE_RECONCILIATION' ? checkInvoice(invoice, normalised.currency) : checkOpenInvoice(invoice);
      if (problem) throw badInput('invoiceId', problem);
    }

    const eventId = timeOrderedId();
    const mapping = completeMapping(values);
    const common = { eventId, externalId, ...normalised, mapping, autoReconcileBankLines };
    let planned: PlannedEvent;
    if (kind === 'INVOICE_RECONCILIATION') {
      if (!invoice) throw badInput('invoiceId', 'An invoice reconciliation names the invoice it pays');
      planned = { ...common, kind, invoice };
    } else {
      planned = { ...common, kind, invoice };
    }
    // A twin recorded since the check above fails this insert on the unique (company, kind,
    // externalId) index, or one of the checks below; either way `record` then answers with it.
    return transact(this.deps.db, async (m) => {
      const feed = await this.lockFeed(m, companyId, mapping.lenderBankAccountId);
      // Statement lines carry running balances where the provider keeps them: they must come in date order.
      if (capabilities.orderedStatements && normalised.date < feed.lastDate) {
        throw badInput('date', `Events must be recorded in date order: the lender account's statement already has a line dated ${feed.lastDate}`);
      }
      if (planned.kind === 'INVOICE_RECONCILIATION') {
        // Under the feed's lock, so that two payments of one invoice cannot both count on the same amount due.
        const paid = planned.invoice;
        const problem = checkInvoiceAmount(paid, normalised.amountMinor, normalised.currency, await this.unreflectedMinor(m, companyId, paid));
        if (problem) throw badInput('invoiceId', problem);
      }
      const balance = feed.balanceMinor + BigInt(STATEMENT_SIGN[kind] * normalised.amountMinor);
      const row = m.create(LedgerEventEntity, { id: eventId, companyId, kind, externalId, payloadHash, ...normalised, mapping: { ...values, autoReconcileBankLines } });
      await m.insert(LedgerEventEntity, row);
      const ops = planOperations(planned, { main: timeOrderedId(), line: timeOrderedId() }, balance, this.deps.lenderName, capabilities);
      await this.deps.writeback.enqueue(m, companyId, ops.map((op) => ({ ...op, held })));
      await runSql(m, `UPDATE statement_feeds SET balance_minor = $1, last_date = $2 WHERE company_id = $3 AND bank_account_id = $4`, [
        balance.toString(),
        normalised.date,
        companyId,
        mapping.lenderBankAccountId,
      ]);
      return row;
    });
  }

  async events(eventIds: readonly string[]): Promise<LedgerEventEntity[]> {
    return eventIds.length ? this.deps.db.getRepository(LedgerEventEntity).findBy({ id: In([...eventIds]) }) : [];
  }

  private async findRepeat(m: EntityManager, companyId: string, kind: LedgerEventKind, externalId: string, payloadHash: string) {
    const existing = await m.findOneBy(LedgerEventEntity, { companyId, kind, externalId });
    if (!existing) return null;
    if (existing.payloadHash !== payloadHash) {
      throw new AppError('CONFLICT', `A ${kind.toLowerCase().replace(/_/g, ' ')} with externalId "${externalId}" was already recorded with different details`, {
        field: 'externalId',
        existingEventId: existing.id,
      });
    }
    return existing;
  }

  /** The lender account's running balance and last date, its row locked for this transaction so concurrent events get consecutive balances. */
  private async lockFeed(m: EntityManager, companyId: string, bankAccountId: string): Promise<{ balanceMinor: bigint; lastDate: string }> {
    // One statement creates the row or, with a no-op update, locks it (on Postgres) and reads it.
    // As text: better-sqlite3 reads integers as doubles, which are not exact beyond 2^53.
    const [row] = await runSql<{ balance: string; last_date: string }>(
      m,
      `INSERT INTO statement_feeds (company_id, bank_account_id, balance_minor, last_date) VALUES ($1, $2, 0, '0000-00-00')
       ON CONFLICT (company_id, bank_account_id) DO UPDATE SET balance_minor = statement_feeds.balance_minor
       RETURNING CAST(balance_minor AS TEXT) AS balance, last_date`,
      [companyId, bankAccountId],
    );
    return { balanceMinor: BigInt(row.balance), lastDate: row.last_date };
  }

  /**
   * What recorded payments of an invoice the books do not show yet: a payment the invoice's
   * allocations list (by record id or by the marker it carried) is already out of its amount due,
   * whether or not its operation has succeeded; any other one not FAILED, pending or delivered and
   * not yet synced by the provider, is still to come off it.
   */
  private async unreflectedMinor(m: EntityManager, companyId: string, invoice: Invoice): Promise<bigint> {
    const events = await m.find(LedgerEventEntity, { where: { companyId, invoiceId: invoice.id, kind: 'INVOICE_RECONCILIATION' }, select: { id: true, amountMinor: true } });
    if (!events.length) return 0n;
    const payments = await m.find(WritebackOperationEntity, {
      where: { eventId: In(events.map((e) => e.id)), kind: 'INVOICE_PAYMENT' },
      select: { id: true, eventId: true, status: true, providerRecordIds: true, progress: true },
    });
    const markers = new Set(invoice.appliedPayments.map((p) => p.marker).filter(Boolean));
    const recordIds = new Set(invoice.appliedPayments.map((p) => p.recordId).filter(Boolean));
    let total = 0n;
    for (const event of events) {
      const op = payments.find((p) => p.eventId === event.id);
      if (!op || op.status === 'FAILED') continue;
      // A write of several steps names its record once its first step is done, before it succeeds.
      const ids = [...(op.providerRecordIds ?? []), ...(op.progress?.recordIds ?? [])];
      const shown = markers.has(op.id) || ids.some((id) => recordIds.has(id));
      if (!shown) total += BigInt(event.amountMinor);
    }
    return total;
  }
}

/** The mapping of a company whose required fields are all set (checked just before). */
function completeMapping(v: MappingValues): PlannedEvent['mapping'] {
  const { lenderBankAccountId, designatedBankAccountId, expenseAccountId, lenderSupplierId } = v;
  if (!lenderBankAccountId || !designatedBankAccountId || !expenseAccountId || !lenderSupplierId) throw new Error('The mapping is incomplete');
  return { lenderBankAccountId, designatedBankAccountId, expenseAccountId, lenderSupplierId, internalTransferAccountId: v.internalTransferAccountId };
}

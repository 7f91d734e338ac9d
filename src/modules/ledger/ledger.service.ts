import { createHash, randomUUID } from 'node:crypto';
import { In, QueryFailedError, type EntityManager } from 'typeorm';
import { isCurrency, parseAmount } from '../../common/money';
import { isPostgres, runSql } from '../../common/sql';
import { transact } from '../../common/transaction';
import type { RequestContext, Services } from '../../context';
import { AppError, badInput } from '../../errors';
import type { Invoice } from '../../providers/accounting-provider';
import { missingFields } from '../mapping/mapping.service';
import { LedgerEventEntity, type LedgerEventKind } from './ledger-event.entity';
import type { LedgerEventInput } from './ledger.inputs';
import { checkEventDate, checkInvoice } from './ledger.rules';
import { planOperations, STATEMENT_SIGN, type PlannedEvent } from './ledger.plan';
import { StatementFeedEntity } from './statement-feed.entity';

type EventInput = LedgerEventInput & { invoiceId?: string };

/**
 * Records lending events. Each is validated, then stored together with its write-back operations
 * in one transaction (the outbox) and the mutation returns at once; the worker delivers them.
 * `(company, kind, externalId)` makes a re-submission safe.
 */
export class LedgerService {
  constructor(private readonly services: Services) {}

  async record(ctx: RequestContext, companyId: string, kind: LedgerEventKind, input: EventInput): Promise<LedgerEventEntity> {
    const company = await this.services.companies.get(ctx, companyId);
    if (!isCurrency(input.currency)) throw badInput('currency', `${input.currency} is not an ISO 4217 currency`);
    const amount = parseAmount(input.amount, input.currency);
    if (!amount.ok) throw badInput('amount', amount.reason);
    if (amount.minor <= 0) throw badInput('amount', 'amount must be greater than 0');
    const dateProblem = checkEventDate(input.date, new Date());
    if (dateProblem) throw badInput('date', dateProblem);
    const normalised = {
      amountMinor: amount.minor,
      currency: input.currency,
      date: input.date,
      description: input.description?.trim() || null,
      reference: input.reference?.trim() || null,
      invoiceId: input.invoiceId ?? null,
    };
    const payloadHash = createHash('sha256').update(JSON.stringify(normalised)).digest('hex');
    const repeat = await this.findRepeat(this.services.db.manager, companyId, kind, input.externalId, payloadHash);
    if (repeat) return repeat;

    const { values, currency } = await this.services.mapping.values(companyId);
    const missing = missingFields(values);
    if (missing.length) throw new AppError('MAPPING_INCOMPLETE', `Complete the mapping first; still missing: ${missing.join(', ')}`, { missing });
    const mappedCurrency = currency ?? (await ctx.loaders.load(companyId, 'bankAccounts')).find((b) => b.id === values.lenderBankAccountId)?.currency;
    if (mappedCurrency && mappedCurrency !== input.currency) {
      throw badInput('currency', `The mapped bank accounts are in ${mappedCurrency}; this event is in ${input.currency}`);
    }

    let invoice: Invoice | null = null;
    if (normalised.invoiceId) {
      invoice = (await ctx.loaders.load(companyId, 'invoices')).find((i) => i.id === normalised.invoiceId) ?? null;
      if (!invoice) throw badInput('invoiceId', `No invoice ${normalised.invoiceId} in the borrower's books`);
      if (kind === 'INVOICE_RECONCILIATION') {
        const problem = checkInvoice(invoice, amount.minor, input.currency, await this.reconcilingMinor(companyId, invoice.id));
        if (problem) throw badInput('invoiceId', problem);
      }
    }

    const eventId = randomUUID();
    const planned: PlannedEvent = { eventId, kind, externalId: input.externalId, ...normalised, invoice, mapping: values as PlannedEvent['mapping'] };
    try {
      const event = await transact(this.services.db, async (m) => {
        const again = await this.findRepeat(m, companyId, kind, input.externalId, payloadHash);
        if (again) return again;
        const feed = await this.lockFeed(m, companyId, values.lenderBankAccountId!);
        if (input.date < feed.lastDate) {
          throw badInput('date', `Events must be recorded in date order: the lender account's statement already has a line dated ${feed.lastDate}`);
        }
        const balance = feed.balanceMinor + STATEMENT_SIGN[kind] * amount.minor;
        const row = m.create(LedgerEventEntity, { id: eventId, companyId, kind, externalId: input.externalId, payloadHash, ...normalised, mapping: values });
        await m.insert(LedgerEventEntity, row);
        const ops = planOperations(planned, { main: randomUUID(), line: randomUUID() }, balance, this.services.config.lenderName);
        await this.services.writeback.enqueue(m, companyId, ops.map((op) => ({ ...op, held: !company.writebackEnabled })));
        await m.update(StatementFeedEntity, { companyId, bankAccountId: values.lenderBankAccountId! }, { balanceMinor: balance, lastDate: input.date });
        return row;
      });
      if (company.writebackEnabled) this.services.writeback.kick();
      return event;
    } catch (err) {
      // A concurrent identical submission won the race: answer as a repeat.
      if (err instanceof QueryFailedError && /unique|duplicate/i.test(err.message)) {
        const repeat = await this.findRepeat(this.services.db.manager, companyId, kind, input.externalId, payloadHash);
        if (repeat) return repeat;
      }
      throw err;
    }
  }

  async events(eventIds: readonly string[]): Promise<LedgerEventEntity[]> {
    return eventIds.length ? this.services.db.getRepository(LedgerEventEntity).findBy({ id: In([...eventIds]) }) : [];
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

  /** The lender account's feed row, locked for this transaction so concurrent events get consecutive balances. */
  private async lockFeed(m: EntityManager, companyId: string, bankAccountId: string): Promise<StatementFeedEntity> {
    await runSql(m, `INSERT INTO statement_feeds (company_id, bank_account_id, balance_minor, last_date) VALUES ($1, $2, 0, '0000-00-00') ON CONFLICT DO NOTHING`, [
      companyId,
      bankAccountId,
    ]);
    return m.getRepository(StatementFeedEntity).findOneOrFail({
      where: { companyId, bankAccountId },
      ...(isPostgres(m) ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** Amounts already recorded against an invoice whose payment has not reached the books yet. */
  private async reconcilingMinor(companyId: string, invoiceId: string): Promise<number> {
    const rows = await runSql<{ total: string | number | null }>(
      this.services.db,
      `SELECT SUM(e.amount_minor) AS total FROM ledger_events e
       JOIN writeback_operations o ON o.event_id = e.id AND o.kind = 'INVOICE_PAYMENT'
       WHERE e.company_id = $1 AND e.invoice_id = $2 AND e.kind = 'INVOICE_RECONCILIATION' AND o.status IN ('HELD', 'PENDING', 'IN_PROGRESS')`,
      [companyId, invoiceId],
    );
    return Number(rows[0]?.total ?? 0);
  }
}

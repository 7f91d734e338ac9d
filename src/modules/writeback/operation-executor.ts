import { randomUUID } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import type {
  AccountingProvider,
  ProviderConnection,
  StatementLine,
  WriteKind,
  WriteResult,
} from '../../providers/accounting-provider';
import { ProviderError } from '../../providers/provider-error';
import type { ProviderRegistry } from '../../providers/registry';
import { transact } from '../../common/transaction';
import { CompanyEntity } from '../companies/company.entity';
import type { CompanyService } from '../companies/company.service';
import { isOrdered, lockHead, refreshHead } from './queue-heads';
import { WritebackOperationEntity, type OperationKind } from './writeback-operation.entity';

const LOOKUP_KIND: Partial<Record<OperationKind, WriteKind>> = {
  TRANSFER: 'TRANSFER',
  SPEND_MONEY: 'SPEND_MONEY',
  INVOICE_PAYMENT: 'INVOICE_PAYMENT',
  STATEMENT_LINE: 'STATEMENT_LINES',
};

export interface ExecutorDeps {
  db: DataSource;
  providers: ProviderRegistry;
  companies: Pick<CompanyService, 'connectionFor'>;
  config: Config;
  log: Logger;
}

/**
 * Takes one claimed operation (or batch of statement lines) one step further: send it, or
 * follow the provider's asynchronous operation, or — when its outcome is unknown — look for it
 * in the books before anything is posted again. Then records the next state.
 */
export class OperationExecutor {
  constructor(private readonly deps: ExecutorDeps) {}

  async execute(batch: WritebackOperationEntity[]): Promise<void> {
    const head = batch[0];
    const company = await this.deps.db.getRepository(CompanyEntity).findOneByOrFail({ id: head.companyId });
    const provider = this.deps.providers.get(company.provider);
    const conn = this.deps.companies.connectionFor(company);
    try {
      if (head.providerOperationId) {
        await this.settle(batch, await provider.getWrite(conn, head.providerOperationId), provider, conn);
      } else {
        await this.save(batch, { attempts: head.attempts + 1 });
        await this.settle(batch, await this.send(provider, conn, batch), provider, conn);
      }
    } catch (err) {
      await this.onError(batch, err, provider, conn);
    }
  }

  private send(provider: AccountingProvider, conn: ProviderConnection, batch: WritebackOperationEntity[]): Promise<WriteResult> {
    const head = batch[0];
    const p = head.payload as never;
    const opts = { idempotencyKey: head.idempotencyKey };
    switch (head.kind) {
      case 'CREATE_BANK_ACCOUNT':
        return provider.createBankAccount(conn, p, opts);
      case 'CREATE_EXPENSE_ACCOUNT':
        return provider.createExpenseAccount(conn, p, opts);
      case 'CREATE_SUPPLIER':
        return provider.createSupplier(conn, p, opts);
      case 'TRANSFER':
        return provider.postTransfer(conn, p, opts);
      case 'SPEND_MONEY':
        return provider.postSpendMoney(conn, p, opts);
      case 'INVOICE_PAYMENT':
        return provider.postInvoicePayment(conn, p, opts);
      case 'STATEMENT_LINE': {
        const { bankAccountId, currency } = head.payload as { bankAccountId: string; currency: string };
        const lines = batch.map((op) => (op.payload as { line: StatementLine }).line);
        return provider.postStatementLines(conn, { bankAccountId, currency, lines }, opts);
      }
    }
  }

  private async settle(batch: WritebackOperationEntity[], result: WriteResult, provider: AccountingProvider, conn: ProviderConnection): Promise<void> {
    const now = Date.now();
    switch (result.status) {
      case 'PENDING':
        return this.save(batch, {
          status: 'PENDING',
          providerOperationId: result.providerOperationId,
          nextAttemptAt: now + this.deps.config.worker.pollMs,
          lastError: null,
        });
      case 'SUCCESS':
        return this.save(batch, {
          status: 'SUCCEEDED',
          providerOperationId: result.providerOperationId,
          providerRecordIds: result.recordIds,
          completedAt: now,
          lastError: null,
        });
      case 'FAILED':
        return this.fail(batch, describe(result));
      case 'TIMED_OUT':
        return this.resolveUnknown(batch, provider, conn, result);
    }
  }

  /** The provider gave up waiting, but the write may still have landed: look before posting again. */
  private async resolveUnknown(batch: WritebackOperationEntity[], provider: AccountingProvider, conn: ProviderConnection, result: WriteResult): Promise<void> {
    const head = batch[0];
    if (!LOOKUP_KIND[head.kind]) return this.fail(batch, `${describe(result)}; check the borrower's books before retrying`);
    const found = await this.lookup(batch, provider, conn);
    if (found) {
      this.deps.log.info({ operationId: head.id, recordId: found }, 'timed-out write found in the books');
      return this.save(batch, { status: 'SUCCEEDED', providerRecordIds: [found], completedAt: Date.now(), lastError: null });
    }
    if (head.attempts >= this.deps.config.worker.maxAttempts) return this.fail(batch, `${describe(result)}; not found in the books after ${head.attempts} attempts`);
    // Not in the books: post again, under a new idempotency key (the old one would replay the time-out).
    return this.save(batch, {
      status: 'PENDING',
      providerOperationId: null,
      idempotencyKey: randomUUID(),
      nextAttemptAt: Date.now(),
      lastError: `${describe(result)}; not found in the books, posting again`,
    });
  }

  /** The id of the record this write created, if the books show one carrying its marker. */
  private async lookup(batch: WritebackOperationEntity[], provider: AccountingProvider, conn: ProviderConnection): Promise<string | null> {
    const head = batch[0];
    const kind = LOOKUP_KIND[head.kind];
    if (!kind) return null;
    const marker = head.kind === 'STATEMENT_LINE' ? (head.payload as { line: StatementLine }).line.id : head.id;
    return provider.findWrite(conn, kind, marker, { bankAccountId: head.payload.bankAccountId as string | undefined });
  }

  private async onError(batch: WritebackOperationEntity[], err: unknown, provider?: AccountingProvider, conn?: ProviderConnection): Promise<void> {
    const head = batch[0];
    const message = err instanceof Error ? err.message : String(err);
    const retryable = !(err instanceof ProviderError) || err.retryable;
    if (!retryable) return this.fail(batch, message);
    if (head.attempts >= this.deps.config.worker.maxAttempts) return this.fail(batch, `gave up after ${head.attempts} attempts: ${message}`);
    if (!(err instanceof ProviderError)) this.deps.log.error({ err, operationId: head.id }, 'unexpected error delivering an operation');
    const retryAfter = err instanceof ProviderError ? err.details.retryAfterMs : undefined;
    const changes: Partial<WritebackOperationEntity> = { status: 'PENDING', nextAttemptAt: Date.now() + backoff(head.attempts, retryAfter), lastError: message };
    // Codat keeps a 5xx answer against its Idempotency-Key, so the same key would only replay it.
    // Post again under a new key, but only once the books show the write did not land.
    const status = err instanceof ProviderError ? err.details.status ?? 0 : 0;
    if (!head.providerOperationId && status >= 500 && provider && conn) {
      const found = await this.lookup(batch, provider, conn).catch(() => undefined);
      if (found) return this.save(batch, { status: 'SUCCEEDED', providerRecordIds: [found], completedAt: Date.now(), lastError: null });
      if (found === null) changes.idempotencyKey = randomUUID();
    }
    await this.save(batch, changes);
  }

  private fail(batch: WritebackOperationEntity[], message: string): Promise<void> {
    this.deps.log.warn({ operationIds: batch.map((op) => op.id), kind: batch[0].kind, companyId: batch[0].companyId, error: message }, 'write-back operation failed');
    return this.save(batch, { status: 'FAILED', lastError: message, completedAt: Date.now() });
  }

  /** A change of status moves the stream's queue head on, in the same transaction. */
  private async save(batch: WritebackOperationEntity[], changes: Partial<WritebackOperationEntity>): Promise<void> {
    const releasing = changes.status !== undefined && changes.status !== 'IN_PROGRESS';
    const update = releasing ? { ...changes, leaseOwner: null, leaseExpiresAt: null } : changes;
    const where = { seq: In(batch.map((op) => op.seq)) };
    const values = update as QueryDeepPartialEntity<WritebackOperationEntity>;
    const { companyId, stream } = batch[0];
    if (!releasing || !isOrdered(stream)) await this.deps.db.getRepository(WritebackOperationEntity).update(where, values);
    else {
      await transact(this.deps.db, async (m) => {
        await lockHead(m, companyId, stream);
        await m.update(WritebackOperationEntity, where, values);
        await refreshHead(m, companyId, stream);
      });
    }
    for (const op of batch) Object.assign(op, update);
  }
}

/** Exponential backoff with full jitter, at least what the provider's Retry-After asked for. */
export function backoff(attempt: number, retryAfterMs?: number): number {
  const ceiling = Math.min(60_000, 200 * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(Math.random() * ceiling);
  return Math.max(retryAfterMs ?? 0, jittered);
}

function describe(result: WriteResult): string {
  const details = result.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
  return [result.message ?? `provider write ${result.status.toLowerCase()}`, ...details].join(' — ');
}

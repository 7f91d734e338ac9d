import type { StepRecord, WriteOptions, WriteResult } from '../../providers/accounting-provider';
import { ProviderError } from '../../providers/provider-error';
import type { ResolvedConnection } from '../companies/provider-connections';
import type { Batch } from './claimed-saves';
import { readOperation, type StatementLinePayload } from './operation-payload';
import type { WritebackOperationEntity } from './writeback-operation.entity';

/**
 * Sends a claimed operation (or batch of statement lines) to its provider: the adapter call its
 * kind stands for, under the operation's idempotency key, with `record` saving each step of a write
 * of several steps as it is done.
 *
 * @example const result = await sendWrite(provider, batch, (step) => saves.save(batch, { progress: step }));
 */
export function sendWrite({ adapter, conn, definition }: ResolvedConnection, batch: Batch, record: (step: StepRecord) => Promise<void>): Promise<WriteResult> {
  const head = batch[0];
  const opts: WriteOptions = {
    idempotencyKey: head.idempotencyKey,
    progress: { done: head.progress, record },
  };
  const op = readOperation(head);
  switch (op.kind) {
    case 'CREATE_BANK_ACCOUNT':
      return adapter.createBankAccount(conn, op.payload, opts);
    case 'CREATE_EXPENSE_ACCOUNT':
      return adapter.createExpenseAccount(conn, op.payload, opts);
    case 'CREATE_INTERNAL_TRANSFER_ACCOUNT':
      if (!adapter.createInternalTransferAccount) throw new ProviderError('REJECTED', `${definition.displayName} has no internal-transfer account to create`);
      return adapter.createInternalTransferAccount(conn, op.payload, opts);
    case 'CREATE_SUPPLIER':
      return adapter.createSupplier(conn, op.payload, opts);
    case 'TRANSFER':
      return adapter.postTransfer(conn, op.payload, opts);
    case 'SPEND_MONEY':
      return adapter.postSpendMoney(conn, op.payload, opts);
    case 'INVOICE_PAYMENT':
      return adapter.postInvoicePayment(conn, op.payload, opts);
    case 'STATEMENT_LINE': {
      const { bankAccountId, currency } = op.payload;
      const lines = batch.map((member) => statementLine(member).line);
      return adapter.postStatementLines(conn, { bankAccountId, currency, lines }, opts);
    }
  }
}

/** A member of a batch of statement lines. */
function statementLine(op: WritebackOperationEntity): StatementLinePayload {
  const typed = readOperation(op);
  if (typed.kind !== 'STATEMENT_LINE') throw new Error(`Operation ${op.id} (${typed.kind}) was batched with statement lines`);
  return typed.payload;
}

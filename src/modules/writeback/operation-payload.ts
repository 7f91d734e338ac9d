import type {
  InvoicePaymentInput,
  NewBankAccount,
  NewExpenseAccount,
  NewInternalTransferAccount,
  NewSupplier,
  SpendMoneyInput,
  StatementLine,
  TransferInput,
} from '../../providers/accounting-provider';
import type { OperationKind, OperationStream, StoredPayload } from './writeback-operation.entity';

/** One statement line of the lender account, sent in a batch with the lines due for the same account. */
export interface StatementLinePayload {
  bankAccountId: string;
  currency: string;
  line: StatementLine;
}

/** What each kind of operation carries, fixed when it is recorded: the provider-neutral input of its write. */
export interface PayloadByKind {
  CREATE_BANK_ACCOUNT: NewBankAccount;
  CREATE_EXPENSE_ACCOUNT: NewExpenseAccount;
  CREATE_INTERNAL_TRANSFER_ACCOUNT: NewInternalTransferAccount;
  CREATE_SUPPLIER: NewSupplier;
  TRANSFER: TransferInput;
  SPEND_MONEY: SpendMoneyInput;
  INVOICE_PAYMENT: InvoicePaymentInput;
  STATEMENT_LINE: StatementLinePayload;
}

/** The payloads' version, stored with each (`v`); rows written before versions existed are version 1. */
export const PAYLOAD_VERSION = 1;

/** An operation's kind with its payload: `switch (op.kind)` narrows the payload. */
export type TypedOperation = { [K in OperationKind]: { kind: K; payload: PayloadByKind[K] } }[OperationKind];

/** An operation to queue. */
export type NewOperation = TypedOperation & {
  stream: OperationStream;
  eventId?: string;
  held?: boolean;
  /** Give the operation a known id (ledger writes carry it as their marker). */
  id?: string;
};

/** The payload as stored: the kind's payload and its version. */
export function storePayload(op: TypedOperation): StoredPayload {
  return { ...op.payload, v: PAYLOAD_VERSION };
}

/**
 * Reads a stored operation back as its typed kind and payload. The payload was written from the
 * same type by {@link storePayload}; a version this gateway does not know is refused rather than
 * guessed at.
 */
export function readOperation(row: { id: string; kind: OperationKind; payload: StoredPayload }): TypedOperation {
  const { v, ...payload } = row.payload;
  if (v !== undefined && v !== PAYLOAD_VERSION) throw new Error(`Operation ${row.id} has a payload of version ${String(v)}, which this gateway cannot read`);
  // The one place a stored payload is given its type: it was written from that type, under this version.
  return { kind: row.kind, payload } as unknown as TypedOperation;
}

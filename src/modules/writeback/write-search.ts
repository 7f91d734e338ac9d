import { sameName } from '../../common/same-name';
import type { AccountingProvider, ProviderConnection, StatementLine, WriteKind } from '../../providers/accounting-provider';
import type { OperationKind, WritebackOperationEntity } from './writeback-operation.entity';

const LOOKUP_KIND: Partial<Record<OperationKind, WriteKind>> = {
  TRANSFER: 'TRANSFER',
  SPEND_MONEY: 'SPEND_MONEY',
  INVOICE_PAYMENT: 'INVOICE_PAYMENT',
  STATEMENT_LINE: 'STATEMENT_LINES',
};

/** What the books say about a write whose outcome is unknown. */
export type SearchOutcome =
  /** One record id per operation of the batch, in order. */
  | { kind: 'FOUND'; recordIds: string[] }
  | { kind: 'ABSENT' }
  /** The books could not be searched now (provider down, sync not finished, or a batch only partly visible yet). */
  | { kind: 'UNREACHABLE'; error: string };

/**
 * Looks in the borrower's books for the record(s) an operation (or a batch of statement lines)
 * may already have created, so that nothing is posted twice and nothing is called FAILED while
 * it is in the books. Ledger writes are found by their marker (the provider syncs first).
 * Set-up writes carry no marker: they are found by what the mapping mutations already refuse to
 * create twice — the bank account's or supplier's name, the expense account's nominal code.
 */
export async function searchBooks(provider: AccountingProvider, conn: ProviderConnection, batch: WritebackOperationEntity[]): Promise<SearchOutcome> {
  try {
    const ids = await lookUp(provider, conn, batch);
    if (ids.every((id) => id !== null)) return { kind: 'FOUND', recordIds: ids as string[] };
    if (ids.every((id) => id === null)) return { kind: 'ABSENT' };
    // A batch is one provider write: part of it visible means the rest is not synced yet.
    return { kind: 'UNREACHABLE', error: `only ${ids.filter((id) => id !== null).length} of ${ids.length} statement lines are visible in the books yet` };
  } catch (err) {
    return { kind: 'UNREACHABLE', error: err instanceof Error ? err.message : String(err) };
  }
}

async function lookUp(provider: AccountingProvider, conn: ProviderConnection, batch: WritebackOperationEntity[]): Promise<(string | null)[]> {
  const head = batch[0];
  const bankAccountId = head.payload.bankAccountId as string | undefined;
  const kind = LOOKUP_KIND[head.kind];
  if (kind === 'STATEMENT_LINES') {
    // Each line by its own marker: every member gets its own record id.
    return provider.findWrites(conn, kind, batch.map((op) => (op.payload as { line: StatementLine }).line.id), { bankAccountId });
  }
  if (kind) return [await provider.findWrite(conn, kind, head.id, { bankAccountId })];
  const p = head.payload as { name?: string; nominalCode?: string };
  switch (head.kind) {
    case 'CREATE_BANK_ACCOUNT':
      return [(await provider.listBankAccounts(conn)).find((a) => sameName(a.name, p.name))?.id ?? null];
    case 'CREATE_EXPENSE_ACCOUNT':
      return [(await provider.listAccounts(conn)).find((a) => a.nominalCode !== null && a.nominalCode === p.nominalCode)?.id ?? null];
    case 'CREATE_SUPPLIER':
      return [(await provider.listSuppliers(conn)).find((s) => sameName(s.name, p.name))?.id ?? null];
    default:
      throw new Error(`No way to search the books for a ${head.kind} write`);
  }
}

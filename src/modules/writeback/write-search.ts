import { sameName } from '../../common/same-name';
import type { AccountingProvider, ProviderConnection, StepRecord } from '../../providers/accounting-provider';
import { ProviderError } from '../../providers/provider-error';
import { readOperation } from './operation-payload';
import type { WritebackOperationEntity } from './writeback-operation.entity';

/** What the books say about a write whose outcome is unknown. */
export type SearchOutcome =
  /** One record id per operation of the batch, in order. */
  | { kind: 'FOUND'; recordIds: string[] }
  | { kind: 'ABSENT' }
  /** A write of several steps with only its first ones in the books: it resumes after them. */
  | { kind: 'PARTIAL'; progress: StepRecord }
  /** The books could not be searched now (provider down, sync not finished, or a batch only partly visible yet). */
  | { kind: 'UNREACHABLE'; error: string; refused?: boolean };

/**
 * Looks in the borrower's books for the record(s) an operation (or a batch of statement lines)
 * may already have created, so that nothing is posted twice and nothing is called FAILED while
 * it is in the books. Ledger writes are found by their marker (the provider syncs first).
 * Set-up writes carry no marker: they are found by what the mapping mutations already refuse to
 * create twice — the bank account's or supplier's name, the expense or internal-transfer account's nominal code —
 * in lists the provider first brings up to date with its writes.
 */
export async function searchBooks(provider: AccountingProvider, conn: ProviderConnection, batch: WritebackOperationEntity[]): Promise<SearchOutcome> {
  try {
    const ids = await lookUp(provider, conn, batch);
    const partial = ids.find((id): id is StepRecord => typeof id === 'object' && id !== null);
    if (partial) return { kind: 'PARTIAL', progress: partial };
    if (ids.every((id) => id !== null)) return { kind: 'FOUND', recordIds: ids as string[] };
    if (ids.every((id) => id === null)) return { kind: 'ABSENT' };
    // A batch is one provider write: part of it visible means the rest is not synced yet.
    return { kind: 'UNREACHABLE', error: `only ${ids.filter((id) => id !== null).length} of ${ids.length} statement lines are visible in the books yet` };
  } catch (err) {
    // Refused credentials: the books cannot be searched until the borrower connects again.
    const refused = err instanceof ProviderError && err.kind === 'UNAUTHORIZED';
    return { kind: 'UNREACHABLE', error: err instanceof Error ? err.message : String(err), ...(refused ? { refused } : {}) };
  }
}

async function lookUp(provider: AccountingProvider, conn: ProviderConnection, batch: WritebackOperationEntity[]): Promise<(string | StepRecord | null)[]> {
  const head = batch[0];
  const op = readOperation(head);
  switch (op.kind) {
    case 'STATEMENT_LINE': {
      // Each line by its own marker: every member gets its own record id.
      const markers = batch.map((member) => {
        const typed = readOperation(member);
        return typed.kind === 'STATEMENT_LINE' ? typed.payload.line.id : member.id;
      });
      return provider.findWrites(conn, 'STATEMENT_LINES', markers, { bankAccountId: op.payload.bankAccountId });
    }
    case 'TRANSFER':
      return [await provider.findWrite(conn, 'TRANSFER', head.id, {})];
    case 'SPEND_MONEY':
      return [await provider.findWrite(conn, 'SPEND_MONEY', head.id, { bankAccountId: op.payload.bankAccountId })];
    case 'INVOICE_PAYMENT':
      return [await provider.findWrite(conn, 'INVOICE_PAYMENT', head.id, { bankAccountId: op.payload.bankAccountId })];
    // A list that lags behind the provider's writes would say "not there" of a write that landed or
    // is still being applied, and it would go out a second time: the provider brings it up to date first.
    case 'CREATE_BANK_ACCOUNT':
      await provider.settleForSearch?.(conn, 'BANK_ACCOUNTS');
      return [(await provider.listBankAccounts(conn)).find((a) => sameName(a.name, op.payload.name))?.id ?? null];
    case 'CREATE_EXPENSE_ACCOUNT':
    case 'CREATE_INTERNAL_TRANSFER_ACCOUNT':
      await provider.settleForSearch?.(conn, 'ACCOUNTS');
      return [(await provider.listAccounts(conn)).find((a) => a.nominalCode !== null && a.nominalCode === op.payload.nominalCode)?.id ?? null];
    case 'CREATE_SUPPLIER':
      await provider.settleForSearch?.(conn, 'SUPPLIERS');
      return [(await provider.listSuppliers(conn)).find((s) => sameName(s.name, op.payload.name))?.id ?? null];
  }
}

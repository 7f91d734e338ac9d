import type { BankAccount, LedgerAccount, Supplier } from '../../providers/accounting-provider';
import type { MappingValues } from './mapping-change.entity';

export interface MappingProblem {
  field: keyof MappingValues;
  reason: string;
}

/**
 * Checks a mapping against the borrower's books as the provider shows them. Only the fields
 * being changed are checked for existence and kind (a stale one already stored is reported by
 * `accountMapping`, not here); the cross-field rules are checked on the whole result.
 */
export function checkMapping(
  v: MappingValues,
  books: { bankAccounts: BankAccount[]; accounts: LedgerAccount[]; suppliers: Supplier[] },
  changed: Set<keyof MappingValues>,
): { problems: MappingProblem[]; currency: string | null } {
  const problems: MappingProblem[] = [];
  const bank = (field: 'lenderBankAccountId' | 'designatedBankAccountId') => {
    const id = v[field];
    if (!id) return null;
    const found = books.bankAccounts.find((b) => b.id === id);
    if (!changed.has(field)) return found ?? null;
    if (!found) {
      const other = books.accounts.find((a) => a.id === id);
      problems.push({ field, reason: other ? `${other.name} is not a bank account` : `no bank account ${id} in the books` });
    } else if (found.status === 'ARCHIVED') {
      problems.push({ field, reason: `${found.name} is archived` });
    }
    return found ?? null;
  };
  const lender = bank('lenderBankAccountId');
  const designated = bank('designatedBankAccountId');
  if (v.lenderBankAccountId && v.lenderBankAccountId === v.designatedBankAccountId) {
    problems.push({ field: changed.has('designatedBankAccountId') ? 'designatedBankAccountId' : 'lenderBankAccountId', reason: 'the lender account and the designated account must be different accounts' });
  } else if (lender && designated && lender.currency !== designated.currency) {
    problems.push({
      field: changed.has('designatedBankAccountId') ? 'designatedBankAccountId' : 'lenderBankAccountId',
      reason: `the lender account is in ${lender.currency} but the designated account is in ${designated.currency}; they must share a currency`,
    });
  }
  if (v.expenseAccountId && changed.has('expenseAccountId')) {
    const a = books.accounts.find((x) => x.id === v.expenseAccountId);
    if (!a) problems.push({ field: 'expenseAccountId', reason: `no account ${v.expenseAccountId} in the chart of accounts` });
    else if (a.type !== 'EXPENSE') problems.push({ field: 'expenseAccountId', reason: `${a.name} is an ${a.type.toLowerCase()} account, not an expense account` });
    else if (a.status !== 'ACTIVE') problems.push({ field: 'expenseAccountId', reason: `${a.name} is not active (${a.status.toLowerCase()})` });
  }
  if (v.lenderSupplierId && changed.has('lenderSupplierId')) {
    const s = books.suppliers.find((x) => x.id === v.lenderSupplierId);
    if (!s) problems.push({ field: 'lenderSupplierId', reason: `no supplier ${v.lenderSupplierId} in the books` });
    else if (s.status !== 'ACTIVE') problems.push({ field: 'lenderSupplierId', reason: `${s.name} is not active (${s.status.toLowerCase()})` });
  }
  if (v.internalTransferAccountId && changed.has('internalTransferAccountId')) {
    const a = books.accounts.find((x) => x.id === v.internalTransferAccountId);
    if (!a) problems.push({ field: 'internalTransferAccountId', reason: `no account ${v.internalTransferAccountId} in the chart of accounts` });
    else if (a.status !== 'ACTIVE') problems.push({ field: 'internalTransferAccountId', reason: `${a.name} is not active (${a.status.toLowerCase()})` });
  }
  return { problems, currency: lender?.currency ?? designated?.currency ?? null };
}

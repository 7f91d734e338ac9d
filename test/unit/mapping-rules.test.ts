import { checkMapping } from '../../src/modules/mapping/mapping.rules';
import type { MappingValues } from '../../src/modules/mapping/mapping-change.entity';
import type { BankAccount, LedgerAccount, Supplier } from '../../src/providers/accounting-provider';

const bank = (id: string, name: string, currency = 'GBP', status: BankAccount['status'] = 'ACTIVE'): BankAccount => ({
  id, name, currency, status, accountNumber: null, sortCode: null, iban: null, balanceMinor: null,
});
const account = (id: string, name: string, type: LedgerAccount['type'], status: LedgerAccount['status'] = 'ACTIVE'): LedgerAccount => ({
  id, name, type, status, nominalCode: null, fullyQualifiedCategory: null, isBankAccount: false, currency: null,
});
const supplier = (id: string, name: string, status: Supplier['status'] = 'ACTIVE'): Supplier => ({ id, name, status, emailAddress: null, phone: null });

const books = {
  bankAccounts: [bank('lender', 'Acme Invoice Finance'), bank('current', 'Business Current'), bank('euro', 'Euro Account', 'EUR'), bank('old', 'Old Account', 'GBP', 'ARCHIVED')],
  accounts: [account('fees', 'Finance fees', 'EXPENSE'), account('sales', 'Sales', 'INCOME'), account('closed', 'Old fees', 'EXPENSE', 'ARCHIVED')],
  suppliers: [supplier('acme', 'Acme Invoice Finance Ltd'), supplier('gone', 'Gone Ltd', 'ARCHIVED')],
};
const complete: MappingValues = { lenderBankAccountId: 'lender', designatedBankAccountId: 'current', expenseAccountId: 'fees', lenderSupplierId: 'acme', internalTransferAccountId: null };
const ALL = new Set(Object.keys(complete) as (keyof MappingValues)[]);
const check = (over: Partial<MappingValues>, changed = ALL) => checkMapping({ ...complete, ...over }, books, changed);

describe('checkMapping', () => {
  it('accepts a complete mapping and gives the currency the bank accounts share', () => {
    expect(check({})).toEqual({ problems: [], currency: 'GBP' });
  });

  it('accepts a partial mapping, taking the currency from whichever bank account is set', () => {
    const none: MappingValues = { lenderBankAccountId: null, designatedBankAccountId: null, expenseAccountId: null, lenderSupplierId: null, internalTransferAccountId: null };
    expect(checkMapping(none, books, ALL)).toEqual({ problems: [], currency: null });
    expect(checkMapping({ ...none, designatedBankAccountId: 'euro' }, books, ALL)).toEqual({ problems: [], currency: 'EUR' });
  });

  it('refuses a bank account that is not in the books, or is a chart account instead', () => {
    expect(check({ lenderBankAccountId: 'nope' }).problems).toEqual([{ field: 'lenderBankAccountId', reason: 'no bank account nope in the books' }]);
    expect(check({ designatedBankAccountId: 'sales' }).problems).toEqual([{ field: 'designatedBankAccountId', reason: 'Sales is not a bank account' }]);
  });

  it('refuses an archived bank account', () => {
    expect(check({ designatedBankAccountId: 'old' }).problems).toEqual([{ field: 'designatedBankAccountId', reason: 'Old Account is archived' }]);
  });

  it('refuses the same account on both sides, on the field being changed', () => {
    const reason = 'the lender account and the designated account must be different accounts';
    expect(check({ designatedBankAccountId: 'lender' }).problems).toEqual([{ field: 'designatedBankAccountId', reason }]);
    expect(check({ designatedBankAccountId: 'lender' }, new Set(['lenderBankAccountId'])).problems).toEqual([{ field: 'lenderBankAccountId', reason }]);
  });

  it('refuses bank accounts in two currencies', () => {
    expect(check({ designatedBankAccountId: 'euro' }).problems).toEqual([
      { field: 'designatedBankAccountId', reason: 'the lender account is in GBP but the designated account is in EUR; they must share a currency' },
    ]);
  });

  it('refuses an expense account that is missing, of another type or not active', () => {
    expect(check({ expenseAccountId: 'nope' }).problems).toEqual([{ field: 'expenseAccountId', reason: 'no account nope in the chart of accounts' }]);
    expect(check({ expenseAccountId: 'sales' }).problems).toEqual([{ field: 'expenseAccountId', reason: 'Sales is an income account, not an expense account' }]);
    expect(check({ expenseAccountId: 'closed' }).problems).toEqual([{ field: 'expenseAccountId', reason: 'Old fees is not active (archived)' }]);
  });

  it('refuses a supplier that is missing or not active', () => {
    expect(check({ lenderSupplierId: 'nope' }).problems).toEqual([{ field: 'lenderSupplierId', reason: 'no supplier nope in the books' }]);
    expect(check({ lenderSupplierId: 'gone' }).problems).toEqual([{ field: 'lenderSupplierId', reason: 'Gone Ltd is not active (archived)' }]);
  });

  it('checks only the fields being changed for existence and kind; a stale stored value is not reported here', () => {
    const stale = { lenderSupplierId: 'gone', expenseAccountId: 'sales', designatedBankAccountId: 'old' };
    expect(check(stale, new Set(['lenderBankAccountId'])).problems).toEqual([]);
  });

  it('reports every problem at once', () => {
    const fields = check({ lenderBankAccountId: 'nope', expenseAccountId: 'sales', lenderSupplierId: 'gone' }).problems.map((p) => p.field);
    expect(fields).toEqual(['lenderBankAccountId', 'expenseAccountId', 'lenderSupplierId']);
  });
});

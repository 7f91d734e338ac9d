import { formatMinor } from '../../common/money';
import type * as P from '../../providers/accounting-provider';
import type { Account, BankAccount, Invoice, Supplier } from './books.types';

export const toBankAccount = (b: P.BankAccount): BankAccount => ({
  ...b,
  balance: b.balanceMinor === null ? null : formatMinor(b.balanceMinor, b.currency),
});

export const toAccount = (a: P.LedgerAccount): Account => ({
  id: a.id,
  name: a.name,
  nominalCode: a.nominalCode,
  type: a.type,
  category: a.fullyQualifiedCategory,
  status: a.status,
  isBankAccount: a.isBankAccount,
  currency: a.currency,
  usableForInternalTransfers: a.usableForInternalTransfers === true,
});

export const toSupplier = (s: P.Supplier, matchScore: number | null = null): Supplier => ({
  ...s,
  matchScore,
});

export const toInvoice = (i: P.Invoice): Invoice => ({
  id: i.id,
  number: i.number,
  customerId: i.customerId,
  customerName: i.customerName,
  issueDate: i.issueDate,
  dueDate: i.dueDate,
  currency: i.currency,
  total: formatMinor(i.totalMinor, i.currency),
  amountDue: formatMinor(i.amountDueMinor, i.currency),
  status: i.status,
});

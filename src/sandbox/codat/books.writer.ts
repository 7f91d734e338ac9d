import { bankAccountById, invoiceById, moveBankBalance } from './books-lookup';
import { newUuid } from '../kit';
import { allocateToInvoice } from './invoice-allocation';
import { money } from './money';
import { asArray, asObject } from './push-findings';
import { bankLedgerAccount } from './chart.seed';
import type { AccountRecord, BankAccountRecord, Books, BooksRecord, JsonObject, SupplierRecord } from './sandbox.types';

export interface CreatedRecord {
  id: string;
  dataType: string;
}

/** Writes that passed validation land in the books the way Xero would book them, then show in reads. */

const READ_ONLY = ['id', 'metadata', 'modifiedDate', 'sourceModifiedDate'];

function stored(body: JsonObject, id: string, now: Date): BooksRecord {
  const copy = structuredClone(body);
  for (const key of READ_ONLY) delete copy[key];
  const stamp = now.toISOString();
  return { id, ...copy, modifiedDate: stamp, sourceModifiedDate: stamp, metadata: { isDeleted: false } };
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function applyBankAccount(books: Books, body: JsonObject, now: Date): CreatedRecord[] {
  const stamp = now.toISOString();
  const currency = String(body.currency);
  const bank: BankAccountRecord = {
    ...stored(body, newUuid(), now),
    accountName: String(body.accountName),
    accountType: body.accountType === 'Credit' ? 'Credit' : 'Debit',
    nominalCode: str(body.nominalCode),
    sortCode: currency === 'GBP' ? str(body.sortCode) : null,
    accountNumber: str(body.accountNumber),
    iBan: str(body.iBan),
    currency,
    // Xero opens a new bank account empty, whatever balance the request claims.
    balance: 0,
    institution: str(body.institution),
    status: 'Active',
  };
  books.bankAccounts.push(bank);
  books.accounts.push(bankLedgerAccount(bank, stamp, stamp));
  books.statements[bank.id] = [];
  return [{ id: bank.id, dataType: 'bankAccounts' }];
}

export function applyAccount(books: Books, body: JsonObject, now: Date): CreatedRecord[] {
  const category = String(body.fullyQualifiedCategory);
  const name = String(body.name);
  const account: AccountRecord = {
    ...stored(body, newUuid(), now),
    nominalCode: String(body.nominalCode),
    name,
    description: str(body.description),
    fullyQualifiedCategory: category,
    fullyQualifiedName: `${category}.${name}`,
    currency: str(body.currency) ?? 'GBP',
    currentBalance: 0,
    type: category.split('.')[0] as AccountRecord['type'],
    status: 'Active',
    isBankAccount: false,
    validDatatypeLinks: [],
  };
  books.accounts.push(account);
  return [{ id: account.id, dataType: 'chartOfAccounts' }];
}

export function applySupplier(books: Books, body: JsonObject, now: Date): CreatedRecord[] {
  const supplier: SupplierRecord = {
    ...stored(body, newUuid(), now),
    supplierName: String(body.supplierName),
    addresses: asArray(body.addresses) ?? [],
    // Xero's "InActive" is what Codat's schema calls Archived.
    status: body.status === 'InActive' || body.status === 'Archived' ? 'Archived' : body.status === 'Unknown' ? 'Unknown' : 'Active',
  };
  books.suppliers.push(supplier);
  return [{ id: supplier.id, dataType: 'suppliers' }];
}

export function applyTransfer(books: Books, body: JsonObject, now: Date): CreatedRecord[] {
  const transfer = stored(body, newUuid(), now);
  const from = asObject(body.from)!;
  const to = asObject(body.to)!;
  moveBankBalance(books, String(asObject(from.accountRef)!.id), -Number(from.amount), money);
  moveBankBalance(books, String(asObject(to.accountRef)!.id), Number(to.amount), money);
  books.transfers.push(transfer);
  return [{ id: transfer.id, dataType: 'transfers' }];
}

/** A negative direct cost is booked by Xero as receive money, which Codat reports as a direct income. */
export function applyDirectCost(books: Books, body: JsonObject, now: Date): CreatedRecord[] {
  const record = stored(body, newUuid(), now);
  for (const raw of asArray(body.paymentAllocations) ?? []) {
    const allocation = asObject(raw)!;
    const bankId = String(asObject(asObject(allocation.payment)!.accountRef)!.id);
    moveBankBalance(books, bankId, -Number(asObject(allocation.allocation)!.totalAmount), money);
  }
  const income = Number(body.totalAmount) < 0;
  (income ? books.directIncomes : books.directCosts).push(record);
  return [{ id: record.id, dataType: income ? 'directIncomes' : 'directCosts' }];
}

export function applyPayment(books: Books, body: JsonObject, now: Date): CreatedRecord[] {
  const payment = stored(body, newUuid(), now);
  const accountRef = asObject(body.accountRef)!;
  const bank = bankAccountById(books, accountRef.id)!;
  for (const line of asArray(body.lines) ?? []) {
    for (const raw of asArray(asObject(line)!.links) ?? []) {
      const link = asObject(raw)!;
      const invoice = link.type === 'Invoice' ? invoiceById(books, link.id) : undefined;
      if (!invoice) continue;
      allocateToInvoice(invoice, { id: payment.id, accountRef: { id: bank.id, name: bank.accountName }, currency: body.currency, date: body.date, reference: body.reference, note: body.note }, -Number(link.amount));
      const receivable = books.accounts.find((account) => account.name === 'Accounts Receivable');
      if (receivable) receivable.currentBalance = money(receivable.currentBalance + Number(link.amount));
    }
  }
  moveBankBalance(books, bank.id, Number(body.totalAmount), money);
  books.payments.push(payment);
  return [{ id: payment.id, dataType: 'payments' }];
}

/** Statement lines join the account's feed in the order sent; the last running balance is the feed's. */
export function applyBankTransactions(books: Books, body: JsonObject, accountId: string, now: Date): CreatedRecord[] {
  const statement = (books.statements[accountId] ??= []);
  return (asArray(body.transactions) ?? []).map((raw) => {
    const line = asObject(raw)!;
    const id = str(line.id) ?? newUuid();
    statement.push({
      id,
      accountId,
      clearedOnDate: String(line.date),
      description: str(line.description),
      counterparty: str(line.counterparty),
      reference: str(line.reference),
      reconciled: line.reconciled === true,
      amount: Number(line.amount),
      balance: Number(line.balance),
      transactionType: str(line.transactionType) ?? 'Unknown',
      modifiedDate: now.toISOString(),
    });
    return { id, dataType: 'bankTransactions' };
  });
}

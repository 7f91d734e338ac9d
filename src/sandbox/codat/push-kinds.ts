import {
  applyAccount, applyBankAccount, applyBankTransactions, applyDirectCost, applyPayment, applySupplier, applyTransfer,
  type CreatedRecord,
} from './books.writer';
import { validateAccount, validateBankAccount, validateSupplier } from './master-data.rules';
import { validateBankTransactions } from './statement.rules';
import { validateDirectCost, validatePayment, validateTransfer } from './transaction.rules';
import type { PushFindings } from './push-findings';
import type { Books, JsonObject, PushDataType } from './sandbox.types';

export interface PushContext {
  /** The bank account in the path of a bank-transactions push. */
  accountId?: string;
  now: Date;
}

export interface PushKind {
  /** Codat's name for the record in push failure messages ("Push failed for Account: …"). */
  recordName: string;
  validate(books: Books, body: JsonObject, ctx: PushContext): PushFindings;
  apply(books: Books, body: JsonObject, ctx: PushContext): CreatedRecord[];
}

/** What each push endpoint checks (Xero's rules) and books once it succeeds. */
export const PUSH_KINDS: Record<PushDataType, PushKind> = {
  bankAccounts: {
    recordName: 'BankAccount',
    validate: (books, body) => validateBankAccount(books, body),
    apply: (books, body, ctx) => applyBankAccount(books, body, ctx.now),
  },
  chartOfAccounts: {
    recordName: 'Account',
    validate: (books, body) => validateAccount(books, body),
    apply: (books, body, ctx) => applyAccount(books, body, ctx.now),
  },
  suppliers: {
    recordName: 'Supplier',
    validate: (books, body) => validateSupplier(books, body),
    apply: (books, body, ctx) => applySupplier(books, body, ctx.now),
  },
  transfers: {
    recordName: 'Transfer',
    validate: (books, body) => validateTransfer(books, body),
    apply: (books, body, ctx) => applyTransfer(books, body, ctx.now),
  },
  bankTransactions: {
    recordName: 'BankTransactions',
    validate: (books, body, ctx) => validateBankTransactions(books, body, ctx.accountId ?? '', ctx.now),
    apply: (books, body, ctx) => applyBankTransactions(books, body, ctx.accountId ?? '', ctx.now),
  },
  directCosts: {
    recordName: 'DirectCost',
    validate: (books, body) => validateDirectCost(books, body),
    apply: (books, body, ctx) => applyDirectCost(books, body, ctx.now),
  },
  payments: {
    recordName: 'Payment',
    validate: (books, body) => validatePayment(books, body),
    apply: (books, body, ctx) => applyPayment(books, body, ctx.now),
  },
};

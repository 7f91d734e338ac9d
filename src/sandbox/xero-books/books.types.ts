/**
 * One Xero organisation's books in Xero's own terms: the records the Accounting and Bank Feeds
 * APIs show, with calendar days as `YYYY-MM-DD` and instants as epoch milliseconds (each API
 * renders them its own way).
 */

export type AccountType =
  | 'BANK' | 'CURRENT' | 'CURRLIAB' | 'DEPRECIATN' | 'DIRECTCOSTS' | 'EQUITY' | 'EXPENSE' | 'FIXED' | 'INVENTORY'
  | 'LIABILITY' | 'NONCURRENT' | 'OTHERINCOME' | 'OVERHEADS' | 'PREPAYMENT' | 'REVENUE' | 'SALES' | 'TERMLIAB' | 'PAYG';
export type AccountClass = 'ASSET' | 'EQUITY' | 'EXPENSE' | 'LIABILITY' | 'REVENUE';

export interface Account {
  accountId: string;
  code?: string;
  name: string;
  type: AccountType;
  status: 'ACTIVE' | 'ARCHIVED';
  taxType: string;
  description?: string;
  bankAccountNumber?: string;
  bankAccountType?: 'BANK' | 'CREDITCARD' | 'PAYPAL' | 'NONE' | '';
  currencyCode?: string;
  enablePaymentsToAccount: boolean;
  systemAccount?: 'DEBTORS' | 'CREDITORS';
  /** What the account held before the sandbox's own records (seeded history). */
  openingBalance: number;
  updatedAt: number;
}

export interface Contact {
  contactId: string;
  name: string;
  contactNumber?: string;
  firstName?: string;
  lastName?: string;
  emailAddress?: string;
  status: 'ACTIVE' | 'ARCHIVED';
  updatedAt: number;
}

export type LineAmountTypes = 'Exclusive' | 'Inclusive' | 'NoTax';

export interface LineItem {
  lineItemId: string;
  description?: string;
  quantity: number;
  unitAmount: number;
  accountCode?: string;
  accountId?: string;
  taxType: string;
  taxAmount: number;
  /** Net of tax when the amounts are Exclusive, gross when Inclusive. */
  lineAmount: number;
}

export interface Invoice {
  invoiceId: string;
  type: 'ACCREC' | 'ACCPAY';
  invoiceNumber: string;
  reference?: string;
  contactId: string;
  date: string;
  dueDate: string;
  status: 'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | 'PAID' | 'VOIDED' | 'DELETED';
  lineAmountTypes: LineAmountTypes;
  lineItems: LineItem[];
  subTotal: number;
  totalTax: number;
  total: number;
  amountPaid: number;
  amountDue: number;
  currencyCode: string;
  fullyPaidOnDate?: string;
  paymentIds: string[];
  updatedAt: number;
}

export type BankTransactionType = 'RECEIVE' | 'SPEND' | 'RECEIVE-TRANSFER' | 'SPEND-TRANSFER';

export interface BankTransaction {
  bankTransactionId: string;
  type: BankTransactionType;
  contactId?: string;
  bankAccountId: string;
  date: string;
  reference?: string;
  isReconciled: boolean;
  status: 'AUTHORISED' | 'DELETED' | 'VOIDED';
  lineAmountTypes: LineAmountTypes;
  lineItems: LineItem[];
  subTotal: number;
  totalTax: number;
  total: number;
  currencyCode: string;
  url?: string;
  /** Set on the two transactions a bank transfer books. */
  bankTransferId?: string;
  updatedAt: number;
}

export interface BankTransfer {
  bankTransferId: string;
  fromAccountId: string;
  toAccountId: string;
  amount: number;
  date: string;
  reference?: string;
  fromIsReconciled: boolean;
  toIsReconciled: boolean;
  fromBankTransactionId: string;
  toBankTransactionId: string;
  status: 'AUTHORISED' | 'DELETED';
  createdAt: number;
}

export interface Payment {
  paymentId: string;
  invoiceId: string;
  accountId: string;
  amount: number;
  date: string;
  reference?: string;
  isReconciled: boolean;
  status: 'AUTHORISED' | 'DELETED';
  paymentType: 'ACCRECPAYMENT' | 'ACCPAYPAYMENT';
  updatedAt: number;
}

/** A Bank Feeds error: `{type, title, status, detail}`. */
export interface FeedProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
}

export interface FeedConnection {
  id: string;
  accountToken: string;
  accountNumber?: string;
  accountName?: string;
  accountId?: string;
  accountType: 'BANK' | 'CREDITCARD';
  currency: string;
  country?: string;
  /** ACTIVE once Xero has linked the feed to its bank account (the API then shows no status). */
  status: 'PENDING' | 'ACTIVE' | 'REJECTED';
  error?: FeedProblem;
  /** When the pending connection is settled; `rejectWith` settles it as rejected. */
  dueAt: number;
  rejectWith?: FeedProblem;
}

export type CreditDebit = 'CREDIT' | 'DEBIT';

export interface StatementLine {
  postedDate: string;
  description?: string;
  amount: number;
  creditDebitIndicator: CreditDebit;
  transactionId?: string;
  payeeName?: string;
  reference?: string;
  chequeNumber?: string;
  transactionType?: string;
}

export interface Statement {
  id: string;
  feedConnectionId: string;
  status: 'PENDING' | 'DELIVERED' | 'REJECTED';
  startDate: string;
  endDate: string;
  startBalance: { amount: number; creditDebitIndicator: CreditDebit };
  endBalance: { amount: number; creditDebitIndicator: CreditDebit };
  lines: StatementLine[];
  errors: FeedProblem[];
  dueAt: number;
  rejectWith?: FeedProblem;
}

/** A request object as a client sent it (PascalCase for Accounting, camelCase for Bank Feeds). */
export type Json = Record<string, unknown>;

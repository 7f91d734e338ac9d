import type { PushOption } from './sandbox.types';

/*
 * Codat's spec has no Xero example for these two models. Both trees below are INFERRED:
 * - bank accounts from the Xero request example for POST push/bankAccounts (Codat-Sync-Expenses.yaml)
 *   and Xero's display rules for GBP sort codes;
 * - bank transactions from the Bank Feeds CreateBankTransactions schema and Codat's Xero bank-feed
 *   rules (chronological, not future-dated, at most a year old, at most 1000, balance required).
 * The sandbox validates pushes against the same rules.
 */

const text = (displayName: string, description: string, required: boolean, extra: Partial<PushOption> = {}): PushOption => ({
  type: 'String', displayName, description, required, ...extra,
});

export const INFERRED_XERO_BANK_ACCOUNTS_OPTIONS: PushOption = {
  type: 'Object',
  displayName: 'Bank Account',
  description: 'An account that bank transactions may be recorded against',
  required: true,
  properties: {
    accountName: text('Name', 'The name of the bank account in the originating system', true),
    accountType: text('Account Type', 'The type of account', true, {
      options: [
        { value: 'Debit', type: 'String', displayName: 'Debit', required: false },
        { value: 'Credit', type: 'String', displayName: 'Credit', required: false },
      ],
    }),
    nominalCode: text('Nominal Code', 'The external reference given to each nominal account for a business', false, {
      validation: { warnings: [{ field: 'NominalCode', details: 'Max length of 10 characters.' }], information: [] },
    }),
    sortCode: text('Sort Code', 'The sort code for the bank account', true, {
      validation: { warnings: [], information: [{ field: 'SortCode', details: 'Required when currency is GBP. Six digits.' }] },
    }),
    accountNumber: text('Account Number', 'The account number for the bank account', true, {
      validation: { warnings: [], information: [{ field: 'AccountNumber', details: 'Required when currency is GBP.' }] },
    }),
    iBan: text('IBAN', 'The international bank account number of the account. Often used when making or receiving international payments', false),
    currency: text('Currency', 'The currency of the bank account', true),
    institution: text('Institution', 'The institution of the bank account', false),
  },
};

export const INFERRED_XERO_BANK_TRANSACTIONS_OPTIONS: PushOption = {
  type: 'Object',
  displayName: 'Bank Transactions',
  description: 'Statement lines for one bank account, as a bank feed delivers them',
  required: true,
  properties: {
    accountId: text('Account ID', 'Unique identifier for a bank account. Must equal the accountId in the path.', true),
    transactions: {
      type: 'Array',
      displayName: 'Transactions',
      description: 'The statement lines, oldest first',
      required: true,
      validation: {
        warnings: [
          { field: 'Transactions', details: 'Must be in chronological order.' },
          { field: 'Transactions', details: 'Maximum of 1000 transactions per request.' },
        ],
        information: [],
      },
      properties: {
        id: text('ID', 'Identifier for the bank account transaction, unique for the company in the accounting software', false),
        date: {
          type: 'DateTime', displayName: 'Date', description: 'The date of the transaction, as a local date-time without offset', required: true,
          validation: { warnings: [{ field: 'Transactions.Date', details: 'Must not be in the future and must be no more than 1 year old.' }], information: [] },
        },
        description: text('Description', 'Description of the bank transaction', false),
        counterparty: text('Counterparty', 'The giving or receiving party such as a person or organization', false),
        reference: text('Reference', 'An optional reference to the bank transaction', false),
        reconciled: { type: 'Boolean', displayName: 'Reconciled', description: 'True if the bank transaction has been reconciled', required: false },
        amount: {
          type: 'Number', displayName: 'Amount', description: 'The amount transacted in the bank transaction', required: true,
          validation: { warnings: [{ field: 'Transactions.Amount', details: 'Credits are positive and debits negative; a mismatch with transactionType raises a warning.' }], information: [] },
        },
        balance: { type: 'Number', displayName: 'Balance', description: 'The remaining balance in the account after this transaction. Required for Xero.', required: true },
        transactionType: text('Transaction Type', 'Type of transaction for the bank statement line', false, {
          options: ['Credit', 'Debit', 'Int', 'Div', 'Fee', 'SerChg', 'Dep', 'Atm', 'Pos', 'Xfer', 'Check', 'Payment', 'Cash', 'DirectDep', 'DirectDebit', 'RepeatPmt', 'Other', 'Unknown']
            .map((value) => ({ value, type: 'String', displayName: value, required: false })),
        }),
      },
    },
  },
};

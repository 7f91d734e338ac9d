import { deterministicUuid } from '../kit';
import type { AccountRecord, BankAccountRecord } from './sandbox.types';

/** What Codat's Xero example gives bank accounts (GET data/accounts, Xero example). */
export const BANK_ACCOUNT_LINKS = [
  {
    property: 'Id',
    links: ['Payment.AccountRef.Id', 'BillPayment.AccountRef.Id', 'DirectIncome.LineItems.AccountRef.Id', 'DirectCost.LineItems.AccountRef.Id'],
  },
];

interface SeedBank {
  label: string;
  code: string;
  name: string;
  currency: string;
  sortCode: string | null;
  accountNumber: string | null;
  iBan: string | null;
  balance: number;
  status: 'Active' | 'Archived';
}

const BANKS: SeedBank[] = [
  { label: 'bank:current', code: '090', name: 'Business Current Account', currency: 'GBP', sortCode: '404784', accountNumber: '71562940', iBan: null, balance: 18432.57, status: 'Active' },
  { label: 'bank:savings', code: '091', name: 'Business Savings Account', currency: 'GBP', sortCode: '404784', accountNumber: '83920175', iBan: null, balance: 25000, status: 'Active' },
  { label: 'bank:eur', code: '092', name: 'EUR Account', currency: 'EUR', sortCode: null, accountNumber: '40478455103821', iBan: 'GB94MIDL40478455103821', balance: 3250, status: 'Active' },
  { label: 'bank:old', code: '093', name: 'Old Business Current Account', currency: 'GBP', sortCode: '309634', accountNumber: '10457723', iBan: null, balance: 0, status: 'Archived' },
];

type Category = `${AccountRecord['type']}.${string}`;

/** [label, nominal code, name, fullyQualifiedCategory, status] in the spirit of Xero's default UK chart. */
const LEDGER: Array<[string, string, string, Category, 'Active' | 'Archived']> = [
  ['acc:ar', '610', 'Accounts Receivable', 'Asset.Current', 'Active'],
  ['acc:prepayments', '620', 'Prepayments', 'Asset.Prepayment', 'Active'],
  ['acc:inventory', '630', 'Inventory', 'Asset.Inventory', 'Active'],
  ['acc:office-equipment', '710', 'Office Equipment', 'Asset.Fixed', 'Active'],
  ['acc:computer-equipment', '720', 'Computer Equipment', 'Asset.Fixed', 'Active'],
  ['acc:ap', '800', 'Accounts Payable', 'Liability.Current', 'Active'],
  ['acc:vat', '820', 'VAT', 'Liability.Current', 'Active'],
  ['acc:paye', '825', 'PAYE Payable', 'Liability.Current', 'Active'],
  ['acc:directors-loan', '835', "Directors' Loan Account", 'Liability.Current', 'Active'],
  ['acc:loan', '900', 'Loan', 'Liability.NonCurrent', 'Active'],
  ['acc:retained', '960', 'Retained Earnings', 'Equity.Equity', 'Active'],
  ['acc:capital', '970', 'Owner A Funds Introduced', 'Equity.Equity', 'Active'],
  ['acc:sales', '200', 'Sales', 'Income.Revenue', 'Active'],
  ['acc:other-revenue', '260', 'Other Revenue', 'Income.Revenue', 'Active'],
  ['acc:interest-income', '270', 'Interest Income', 'Income.Other', 'Active'],
  ['acc:cogs', '310', 'Cost of Goods Sold', 'Expense.DirectCosts', 'Active'],
  ['acc:advertising', '400', 'Advertising & Marketing', 'Expense.Overhead', 'Active'],
  ['acc:bank-fees', '404', 'Bank Fees', 'Expense.Overhead', 'Active'],
  ['acc:accountancy', '412', 'Accountancy Fees', 'Expense.Overhead', 'Active'],
  ['acc:general', '429', 'General Expenses', 'Expense.Overhead', 'Active'],
  ['acc:insurance', '433', 'Insurance', 'Expense.Overhead', 'Active'],
  ['acc:interest-paid', '437', 'Interest Paid', 'Expense.Expense', 'Active'],
  ['acc:utilities', '445', 'Light, Power, Heating', 'Expense.Overhead', 'Active'],
  ['acc:office', '453', 'Office Expenses', 'Expense.Overhead', 'Active'],
  ['acc:printing', '461', 'Printing & Stationery', 'Expense.Overhead', 'Active'],
  ['acc:rent', '469', 'Rent', 'Expense.Overhead', 'Active'],
  ['acc:salaries', '477', 'Salaries', 'Expense.Wages', 'Active'],
  ['acc:subscriptions', '485', 'Subscriptions', 'Expense.Overhead', 'Active'],
  ['acc:telephone', '489', 'Telephone & Internet', 'Expense.Overhead', 'Active'],
  ['acc:travel', '493', 'Travel - National', 'Expense.Overhead', 'Active'],
  ['acc:factoring-fees', '498', 'Factoring Fees', 'Expense.Expense', 'Archived'],
];

export function seedBankAccounts(companyId: string, modifiedDate: string, sourceModifiedDate: string): BankAccountRecord[] {
  return BANKS.map((bank) => ({
    id: deterministicUuid(companyId, bank.label),
    accountName: bank.name,
    accountType: 'Debit',
    nominalCode: bank.code,
    sortCode: bank.sortCode,
    accountNumber: bank.accountNumber,
    iBan: bank.iBan,
    currency: bank.currency,
    balance: bank.balance,
    institution: 'HSBC UK',
    status: bank.status,
    modifiedDate,
    sourceModifiedDate,
    metadata: { isDeleted: false },
  }));
}

/** A bank account's entry in the chart of accounts: in Xero it is one record with one id. */
export function bankLedgerAccount(bank: BankAccountRecord, modifiedDate: string, sourceModifiedDate: string | null): AccountRecord {
  return {
    id: bank.id,
    nominalCode: bank.nominalCode,
    name: bank.accountName,
    description: null,
    fullyQualifiedCategory: 'Asset.Bank',
    fullyQualifiedName: `Asset.Bank.${bank.accountName}`,
    currency: bank.currency,
    currentBalance: bank.balance,
    type: 'Asset',
    status: bank.status,
    isBankAccount: true,
    validDatatypeLinks: BANK_ACCOUNT_LINKS,
    modifiedDate,
    sourceModifiedDate,
    metadata: { isDeleted: false },
  };
}

export function seedChartOfAccounts(companyId: string, banks: BankAccountRecord[], modifiedDate: string, sourceModifiedDate: string): AccountRecord[] {
  const ledger = LEDGER.map(([label, code, name, category, status]): AccountRecord => ({
    id: deterministicUuid(companyId, label),
    nominalCode: code,
    name,
    description: null,
    fullyQualifiedCategory: category,
    fullyQualifiedName: `${category}.${name}`,
    currency: 'GBP',
    currentBalance: 0,
    type: category.split('.')[0] as AccountRecord['type'],
    status,
    isBankAccount: false,
    validDatatypeLinks: [],
    modifiedDate,
    sourceModifiedDate,
    metadata: { isDeleted: false },
  }));
  return [...banks.map((bank) => bankLedgerAccount(bank, modifiedDate, sourceModifiedDate)), ...ledger];
}

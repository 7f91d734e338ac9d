import { dayOffset } from './xero-dates';
import { deterministicUuid } from '../kit';
import { money } from './money';
import type { BankAccountRecord, StatementLineRecord } from './sandbox.types';

/** [days ago, amount, description, counterparty]; positive is money in. */
type Line = [number, number, string, string];

const CURRENT: Line[] = [
  [88, -54, 'BT BUSINESS DD', 'BT Business'],
  [60, 2400, 'HARBOUR LOGISTICS INV-0098', 'Harbour Logistics Ltd'],
  [50, 960, 'MERIDIAN HEALTH INV-0099', 'Meridian Health Clinics'],
  [40, 5000, 'TFR FROM 83920175', 'Business Savings Account'],
  [33, -86.4, 'VIKING DIRECT CARD 4417', 'Viking Direct'],
  [20, 2000, 'OAKWOOD HOTELS PART PMT INV-0100', 'Oakwood Hotels Ltd'],
  [10, -1850, 'REGUS MGMT RENT', 'Regus Management UK Ltd'],
];

const SAVINGS: Line[] = [
  [70, 31.25, 'GROSS INTEREST', 'HSBC UK'],
  [40, -5000, 'TFR TO 71562940', 'Business Current Account'],
];

/**
 * Bank-feed history for the current and savings accounts. Running balances are worked back from
 * each account's balance, so the last line's balance equals the account's balance.
 */
export function seedStatements(companyId: string, banks: BankAccountRecord[], now: Date, modified: string): Record<string, StatementLineRecord[]> {
  const statements: Record<string, StatementLineRecord[]> = {};
  const build = (bank: BankAccountRecord, label: string, lines: Line[]) => {
    let balance = money(bank.balance - lines.reduce((sum, [, amount]) => sum + amount, 0));
    statements[bank.id] = lines.map(([age, amount, description, counterparty], index) => {
      balance = money(balance + amount);
      return {
        id: deterministicUuid(companyId, `statement:${label}:${index}`),
        accountId: bank.id,
        clearedOnDate: dayOffset(now, -age),
        description,
        counterparty,
        reconciled: true,
        amount,
        balance,
        transactionType: amount >= 0 ? 'Credit' : 'Debit',
        modifiedDate: modified,
      };
    });
  };
  build(banks[0], 'current', CURRENT);
  build(banks[1], 'savings', SAVINGS);
  for (const bank of banks) statements[bank.id] ??= [];
  return statements;
}

import { bankAccountById } from './books-lookup';
import { PushFindings } from './push-findings';
import { localDateTime } from './xero-dates';
import type { Books, JsonObject } from './sandbox.types';
import { statementLineFieldFindings, statementWindow } from '../xero-books';
import { xeroView } from './xero-projection';

export const BANK_TRANSACTION_TYPES = [
  'Unknown', 'Credit', 'Debit', 'Int', 'Div', 'Fee', 'SerChg', 'Dep', 'Atm', 'Pos', 'Xfer', 'Check', 'Payment', 'Cash',
  'DirectDep', 'DirectDebit', 'RepeatPmt', 'Other',
] as const;

const CODAT_FIELD: Record<string, string> = { description: 'Description', payeeName: 'Counterparty', reference: 'Reference' };
const textOf = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * P5, by Codat's Xero bank-feed rules: lines in chronological order, each with the running
 * balance (Codat's own checks); a sign that disagrees with the transaction type is only a
 * warning, as Codat documents. Each line lands in Xero as a statement line: its day must fall in
 * the window of Xero's statement rule (no later than today, no more than a year back), which
 * Codat words line by line, and its text fields within Xero's limits, in Xero's words.
 */
export function validateBankTransactions(books: Books, body: JsonObject, accountId: string, now: Date): PushFindings {
  const findings = new PushFindings('BankTransactions');
  const bank = bankAccountById(books, accountId);
  if (!bank) findings.error('AccountId', 'AccountId must match the ID of an existing bank account.');
  else if (bank.status === 'Archived') findings.error('AccountId', 'AccountId refers to an archived bank account.');

  const { earliest: yearAgo, latest: today } = statementWindow(xeroView(books, now));
  const lines = findings.requireList(body.transactions, 'Transactions') ?? [];
  let previous: string | undefined;
  lines.forEach((line, i) => {
    const at = `Transactions[${i}]`;
    const day = findings.requireDate(line.date, `${at}.Date`);
    const amount = findings.requireAmount(line.amount, `${at}.Amount`);
    findings.requireAmount(line.balance, `${at}.Balance`);
    findings.optionalEnum(line.transactionType, `${at}.TransactionType`, BANK_TRANSACTION_TYPES);
    if (day !== undefined) {
      if (day > today) findings.error(`${at}.Date`, `${at}.Date must not be in the future.`);
      if (day < yearAgo) findings.error(`${at}.Date`, `${at}.Date must be no more than 1 year old.`);
      const moment = localDateTime(String(line.date));
      if (previous !== undefined && moment < previous) findings.error(`${at}.Date`, 'Transactions must be in chronological order.');
      previous = moment;
    }
    // The counterparty is the statement line's payee in Xero.
    const asXero = { description: textOf(line.description), payeeName: textOf(line.counterparty), reference: textOf(line.reference) };
    for (const { field, message } of statementLineFieldFindings(asXero)) findings.error(`${at}.${CODAT_FIELD[field]}`, message);
    if (amount !== undefined && (line.transactionType === 'Credit' && amount < 0 || line.transactionType === 'Debit' && amount > 0)) {
      findings.warning(`${at}.Amount`, `The sign of ${at}.Amount does not match its transactionType ${line.transactionType} (credits are positive, debits negative).`);
    }
  });
  return findings;
}

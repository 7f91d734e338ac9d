import { newUuid } from '../kit';
import { keepContact, resolveContact } from './account.rules';
import type { Account, BankTransaction, BankTransfer, Json } from './books.types';
import { lineAmountTypes, priceLines } from './line-items';
import { readAmount, round2 } from './money';
import type { AccountRef, OrganisationBooks } from './organisation-books';
import { object, refused, text, type Outcome } from './outcome';
import { dayFrom, dayOf } from './xero-dates';

/** A live bank account named by `AccountID` or `Code`, or a message saying why not. */
export function resolveBankAccount(books: OrganisationBooks, value: unknown, label: string, messages: string[]): Account | undefined {
  const ref = object(value) as AccountRef | undefined;
  if (!ref || (!text(ref.AccountID) && !text(ref.Code))) {
    messages.push(`${label} must be specified with an AccountID or Code.`);
    return undefined;
  }
  const account = books.accountByRef(ref);
  if (!account) messages.push(`${label} could not be found.`);
  else if (account.type !== 'BANK') messages.push(`${label} must be a bank account.`);
  else if (account.status !== 'ACTIVE') messages.push(`${label} has been archived, or has been deleted.`);
  else return account;
  return undefined;
}

/**
 * Xero's rule that money moves through a bank account in that account's currency. Emulators of
 * services that write bank transactions to Xero apply it on their own records through this.
 *
 * @example
 * bankCurrencyFindings(eurAccount, 'GBP'); // ['The currency GBP does not match the currency of the bank account (EUR).']
 */
export function bankCurrencyFindings(bank: Account, currency: string): string[] {
  return currency !== bank.currencyCode ? [`The currency ${currency} does not match the currency of the bank account (${bank.currencyCode}).`] : [];
}

/** A request's date, today when it gives none. */
export function requestDay(books: OrganisationBooks, value: unknown, messages: string[]): string {
  if (value === undefined || value === null || value === '') return dayFrom(books.now(), 0);
  const day = dayOf(value);
  if (!day) messages.push('The Date is not a valid date.');
  return day ?? dayFrom(books.now(), 0);
}

/**
 * Xero's rule for the account a bank transaction's line is coded to, once it exists and is live:
 * not a bank account (money between bank accounts is a transfer). Emulators of services that
 * write spent or received money to Xero apply it through this.
 *
 * @example
 * bankTransactionLineFinding(books.accountByCode('090')!); // 'A line item cannot be coded to a bank account; use a bank transfer.'
 */
export function bankTransactionLineFinding(account: Account): string | undefined {
  return account.type === 'BANK' ? 'A line item cannot be coded to a bank account; use a bank transfer.' : undefined;
}

/**
 * One element of `PUT /BankTransactions`: SPEND or RECEIVE money on a live bank account, with a
 * contact and at least one line coded to an account that is not a bank account. Transfers'
 * `*-TRANSFER` transactions come from `PUT /BankTransfers` only.
 */
export function createBankTransaction(books: OrganisationBooks, input: Json): Outcome<BankTransaction> {
  const messages: string[] = [];
  const type = text(input.Type)?.toUpperCase();
  if (!type) messages.push('The Type must be specified.');
  else if (type === 'SPEND-TRANSFER' || type === 'RECEIVE-TRANSFER') messages.push('Bank transfers must be created through the BankTransfers endpoint.');
  else if (type !== 'SPEND' && type !== 'RECEIVE') messages.push(`The Type ${type} cannot be created by this endpoint; use SPEND or RECEIVE.`);
  const bank = resolveBankAccount(books, input.BankAccount, 'The BankAccount', messages);
  const contact = resolveContact(books, input.Contact, messages);
  const amountTypes = lineAmountTypes(input.LineAmountTypes, messages);
  const priced = priceLines(books, input.LineItems, amountTypes, messages, bankTransactionLineFinding);
  const date = requestDay(books, input.Date, messages);
  const currency = text(input.CurrencyCode) ?? bank?.currencyCode ?? books.profile.baseCurrency;
  if (bank) messages.push(...bankCurrencyFindings(bank, currency));
  if (priced && priced.total < 0) messages.push('The total of a bank transaction cannot be negative.');
  const reference = text(input.Reference);
  if (reference && reference.length > 255) messages.push('The Reference must be 255 characters or fewer.');
  if (input.IsReconciled !== undefined && typeof input.IsReconciled !== 'boolean') messages.push('IsReconciled must be true or false.');
  if (messages.length > 0) return refused(messages);

  const transaction: BankTransaction = {
    bankTransactionId: newUuid(),
    type: type as BankTransaction['type'],
    contactId: keepContact(books, contact!).contactId,
    bankAccountId: bank!.accountId,
    date,
    reference,
    isReconciled: input.IsReconciled === true,
    status: 'AUTHORISED',
    lineAmountTypes: amountTypes,
    ...priced!,
    currencyCode: currency,
    url: text(input.Url),
    updatedAt: books.now(),
  };
  books.bankTransactions.push(transaction);
  return { ok: true, record: transaction };
}

export interface TransferAccountFindings extends Array<{ side: 'From' | 'To'; message: string }> {
  from?: Account;
  to?: Account;
}

/**
 * Xero's rules for a bank transfer's two accounts: each a live bank account (by `AccountID` or
 * `Code`), two different ones, of one currency. Emulators of services that write transfers to
 * Xero apply the same rules on their own records through this.
 *
 * @example
 * transferAccountFindings(books, { AccountID: a }, { AccountID: a }); // [{ side: 'To', message: 'The FromBankAccount and ToBankAccount must be different accounts.' }]
 */
export function transferAccountFindings(books: OrganisationBooks, fromRef: unknown, toRef: unknown): TransferAccountFindings {
  const findings: TransferAccountFindings = [];
  const collect = (side: 'From' | 'To', ref: unknown) => {
    const messages: string[] = [];
    const account = resolveBankAccount(books, ref, `The ${side}BankAccount`, messages);
    findings.push(...messages.map((message) => ({ side, message })));
    return account;
  };
  const from = collect('From', fromRef);
  const to = collect('To', toRef);
  if (from && to && from.accountId === to.accountId) findings.push({ side: 'To', message: 'The FromBankAccount and ToBankAccount must be different accounts.' });
  else if (from && to && from.currencyCode !== to.currencyCode) findings.push({ side: 'To', message: 'Transfers between bank accounts of different currencies are not supported by this sandbox.' });
  findings.from = from;
  findings.to = to;
  return findings;
}

/**
 * `PUT /BankTransfers`: between two different live bank accounts of one currency, a positive
 * amount. Books a SPEND-TRANSFER on the From account and a RECEIVE-TRANSFER on the To account,
 * each reconciled as its flag says.
 */
export function createBankTransfer(books: OrganisationBooks, input: Json): Outcome<BankTransfer> {
  const messages: string[] = [];
  const sides = transferAccountFindings(books, input.FromBankAccount, input.ToBankAccount);
  const { from, to } = sides;
  messages.push(...sides.map((f) => f.message));
  const amount = readAmount(input.Amount);
  if (amount === undefined) messages.push('The Amount must be specified.');
  else if (amount <= 0) messages.push('The Amount must be greater than zero.');
  const date = requestDay(books, input.Date, messages);
  const reference = text(input.Reference);
  if (reference && reference.length > 255) messages.push('The Reference must be 255 characters or fewer.');
  for (const flag of ['FromIsReconciled', 'ToIsReconciled']) {
    if (input[flag] !== undefined && typeof input[flag] !== 'boolean') messages.push(`${flag} must be true or false.`);
  }
  if (messages.length > 0) return refused(messages);

  const bankTransferId = newUuid();
  const now = books.now();
  const leg = (type: 'SPEND-TRANSFER' | 'RECEIVE-TRANSFER', account: Account, reconciled: boolean): BankTransaction => ({
    bankTransactionId: newUuid(), type, bankAccountId: account.accountId, date, reference, isReconciled: reconciled, status: 'AUTHORISED',
    lineAmountTypes: 'NoTax', lineItems: [], subTotal: round2(amount!), totalTax: 0, total: round2(amount!), currencyCode: account.currencyCode ?? books.profile.baseCurrency,
    bankTransferId, updatedAt: now,
  });
  const spend = leg('SPEND-TRANSFER', from!, input.FromIsReconciled === true);
  const receive = leg('RECEIVE-TRANSFER', to!, input.ToIsReconciled === true);
  books.bankTransactions.push(spend, receive);
  const transfer: BankTransfer = {
    bankTransferId, fromAccountId: from!.accountId, toAccountId: to!.accountId, amount: round2(amount!), date, reference,
    fromIsReconciled: spend.isReconciled, toIsReconciled: receive.isReconciled,
    fromBankTransactionId: spend.bankTransactionId, toBankTransactionId: receive.bankTransactionId, status: 'AUTHORISED', createdAt: now,
  };
  books.bankTransfers.push(transfer);
  return { ok: true, record: transfer };
}

import { newUuid } from '../kit';
import type { CreditDebit, FeedConnection, FeedProblem, Json, Statement, StatementLine } from './books.types';
import { readAmount, round2, sum2 } from './money';
import type { OrganisationBooks } from './organisation-books';
import { object, text } from './outcome';
import { dayFrom, dayOf, dayYearBefore } from './xero-dates';

/** Bank Feeds' errors, with the types, titles and details of its spec where it gives them. */
export const feedProblem = {
  invalidRequest: (detail: string): FeedProblem => ({ type: 'invalid-request', title: 'Invalid Request', status: 400, detail }),
  duplicate: (): FeedProblem => ({ type: 'duplicate-statement', title: 'Duplicate Statement Received', status: 409, detail: 'The received statement was marked as a duplicate.' }),
  endBalance: (): FeedProblem => ({ type: 'invalid-end-balance', title: 'Invalid End Balance', status: 422, detail: 'End balance does not match start balance +/- statement line amounts.' }),
  startDate: (): FeedProblem => ({ type: 'invalid-start-date', title: 'Invalid Start Date', status: 400, detail: 'The start date can be no older than one year from the current date.' }),
  dates: (): FeedProblem => ({ type: 'invalid-start-and-end-date', title: 'Invalid Start and End Date', status: 400, detail: 'The start date must be on or before the end date.' }),
  endDate: (): FeedProblem => ({ type: 'invalid-end-date', title: 'Invalid End Date', status: 400, detail: 'The end date cannot be in the future.' }),
  feedConnection: (): FeedProblem => ({ type: 'invalid-feed-connection', title: 'Invalid Feed Connection', status: 400, detail: 'The feed connection does not exist, is not active or was rejected.' }),
  alreadyConnected: (): FeedProblem => ({ type: 'feed-already-connected-in-current-organisation', title: 'Feed Already Connected', status: 400, detail: 'The AccountToken is already connected to a bank account in this organisation.' }),
  accountNotValid: (): FeedProblem => ({ type: 'account-not-valid', title: 'Account Not Valid', status: 400, detail: 'The account is not an active bank account of this organisation, or already has a feed.' }),
};

/**
 * One feed connection of `POST /FeedConnections`: an accountToken unique in the organisation, and
 * an `accountId` of a live bank account or an `accountNumber` (matched to a bank account by its
 * number, else a new bank account named `accountName`). Pending until `dueAt`.
 */
export function createFeedConnection(books: OrganisationBooks, input: Json, dueAt: number): FeedConnection | FeedProblem {
  const accountToken = text(input.accountToken);
  const accountNumber = text(input.accountNumber);
  const accountId = text(input.accountId);
  const accountType = input.accountType ?? 'BANK';
  if (!accountToken) return feedProblem.invalidRequest("For the request field 'AccountToken' a value is required.");
  if (accountToken.length > 50) return feedProblem.invalidRequest("For the request field 'AccountToken' exceeded the maximum length of 50.");
  if (accountType !== 'BANK' && accountType !== 'CREDITCARD') return feedProblem.invalidRequest("For the request field 'AccountType' the value must be BANK or CREDITCARD.");
  if (!accountId && !accountNumber) return feedProblem.invalidRequest("For the request field 'AccountNumber' a value is required when AccountId is not given.");
  if (accountNumber && accountNumber.length > 40) return feedProblem.invalidRequest("For the request field 'AccountNumber' exceeded the maximum length of 40.");
  const accountName = text(input.accountName);
  if (accountName && accountName.length > 30) return feedProblem.invalidRequest("For the request field 'AccountName' exceeded the maximum length of 30.");
  const currency = text(input.currency) ?? books.profile.baseCurrency;
  if (books.feedConnections.some((f) => f.accountToken === accountToken && f.status !== 'REJECTED')) return feedProblem.alreadyConnected();

  const account = accountId ? books.accountById(accountId) : books.accounts.find((a) => a.type === 'BANK' && a.bankAccountNumber === accountNumber);
  if (accountId && (!account || account.type !== 'BANK' || account.status !== 'ACTIVE')) return feedProblem.accountNotValid();
  if (account && books.feedConnections.some((f) => f.accountId === account.accountId && f.status !== 'REJECTED')) return feedProblem.accountNotValid();
  if (account && account.currencyCode !== currency) return feedProblem.invalidRequest("For the request field 'Currency' the value does not match the bank account's currency.");
  const connection: FeedConnection = {
    id: newUuid(), accountToken, accountNumber: accountNumber ?? account?.bankAccountNumber, accountName: accountName ?? account?.name,
    accountId: account?.accountId, accountType: accountType as FeedConnection['accountType'], currency, country: text(input.country),
    status: 'PENDING', dueAt,
  };
  books.feedConnections.push(connection);
  return connection;
}

/** Settles a pending connection: linked to its bank account (created when none matched), or rejected. */
export function settleFeedConnection(books: OrganisationBooks, connection: FeedConnection): void {
  if (connection.status !== 'PENDING') return;
  if (connection.rejectWith) {
    connection.status = 'REJECTED';
    connection.error = connection.rejectWith;
    return;
  }
  if (!connection.accountId) {
    const accountId = newUuid();
    books.accounts.push({
      accountId, name: connection.accountName ?? `Bank feed ${connection.accountNumber}`, type: 'BANK', status: 'ACTIVE', taxType: 'NONE',
      bankAccountNumber: connection.accountNumber, bankAccountType: connection.accountType, currencyCode: connection.currency,
      enablePaymentsToAccount: false, openingBalance: 0, updatedAt: books.now(),
    });
    connection.accountId = accountId;
  }
  connection.status = 'ACTIVE';
}

/**
 * The days a statement may cover: from one year before today (the start date can be no older)
 * to today (the end date cannot be in the future). Services that feed Xero statement lines of
 * their own check each line's day against this window.
 *
 * @example
 * statementWindow(books); // { earliest: '2025-12-02', latest: '2026-12-02' } on 2 December 2026
 */
export function statementWindow(books: OrganisationBooks): { earliest: string; latest: string } {
  return { earliest: dayYearBefore(books.now()), latest: dayFrom(books.now(), 0) };
}

const LINE_FIELD_LIMITS = [['description', 2000], ['payeeName', 255], ['reference', 255], ['chequeNumber', 20], ['transactionType', 30]] as const;

/**
 * Xero's limits on a statement line's text fields, in its words. Services that feed Xero
 * statement lines of their own check each line's fields through this.
 *
 * @example
 * statementLineFieldFindings({ reference: 'x'.repeat(256) }); // [{ field: 'reference', message: "For the request field 'StatementLine.Reference' exceeded the maximum length of 255." }]
 */
export function statementLineFieldFindings(line: Json): Array<{ field: (typeof LINE_FIELD_LIMITS)[number][0]; message: string }> {
  return LINE_FIELD_LIMITS.filter(([field, max]) => line[field] !== undefined && (typeof line[field] !== 'string' || (line[field] as string).length > max))
    .map(([field, max]) => ({ field, message: `For the request field 'StatementLine.${field[0].toUpperCase()}${field.slice(1)}' exceeded the maximum length of ${max}.` }));
}

const signed = (amount: number, indicator: CreditDebit) => (indicator === 'CREDIT' ? amount : -amount);

/**
 * One statement of `POST /Statements`, checked as Xero checks it before accepting it: a known feed
 * connection, dates in order, a start no older than a year and an end not in the future, every
 * line dated within them with an unsigned amount, the end balance equal to the start balance
 * plus credits minus debits, and no line whose `transactionId` the feed already received.
 */
export function checkStatement(books: OrganisationBooks, input: Json): { statement: Omit<Statement, 'id' | 'status' | 'errors' | 'dueAt'> } | { problem: FeedProblem } {
  const connection = books.feedConnectionById(input.feedConnectionId);
  if (!connection || connection.status === 'REJECTED') return { problem: feedProblem.feedConnection() };
  const startDate = dayOf(input.startDate);
  const endDate = dayOf(input.endDate);
  if (!startDate || !endDate) return { problem: feedProblem.invalidRequest("For the request field 'StartDate' and 'EndDate' a date (YYYY-MM-DD) is required.") };
  if (startDate > endDate) return { problem: feedProblem.dates() };
  const window = statementWindow(books);
  if (startDate < window.earliest) return { problem: feedProblem.startDate() };
  if (endDate > window.latest) return { problem: feedProblem.endDate() };
  const balance = (value: unknown, field: string) => {
    const b = object(value);
    const amount = readAmount(b?.amount);
    const indicator = b?.creditDebitIndicator;
    if (amount === undefined || amount < 0 || (indicator !== 'CREDIT' && indicator !== 'DEBIT')) return undefined;
    return { amount: round2(amount), creditDebitIndicator: indicator as CreditDebit, field };
  };
  const start = balance(input.startBalance, 'StartBalance');
  const end = balance(input.endBalance, 'EndBalance');
  if (!start || !end) return { problem: feedProblem.invalidRequest("For the request field 'StartBalance' and 'EndBalance' an unsigned amount and a creditDebitIndicator are required.") };

  const lines: StatementLine[] = [];
  for (const raw of Array.isArray(input.statementLines) ? input.statementLines : []) {
    const line = object(raw) ?? {};
    const postedDate = dayOf(line.postedDate);
    const amount = readAmount(line.amount);
    const indicator = line.creditDebitIndicator;
    if (!postedDate || postedDate < startDate || postedDate > endDate) return { problem: feedProblem.invalidRequest("For the request field 'StatementLine.PostedDate' the date must be within the statement's start and end dates.") };
    if (amount === undefined || amount < 0) return { problem: feedProblem.invalidRequest("For the request field 'StatementLine.Amount' an unsigned amount is required.") };
    if (indicator !== 'CREDIT' && indicator !== 'DEBIT') return { problem: feedProblem.invalidRequest("For the request field 'StatementLine.CreditDebitIndicator' the value must be CREDIT or DEBIT.") };
    const tooLong = statementLineFieldFindings(line)[0];
    if (tooLong) return { problem: feedProblem.invalidRequest(tooLong.message) };
    lines.push({
      postedDate, amount: round2(amount), creditDebitIndicator: indicator, description: text(line.description), transactionId: text(line.transactionId),
      payeeName: text(line.payeeName), reference: text(line.reference), chequeNumber: text(line.chequeNumber), transactionType: text(line.transactionType),
    });
  }
  const expected = sum2([signed(start.amount, start.creditDebitIndicator), ...lines.map((l) => signed(l.amount, l.creditDebitIndicator))]);
  if (Math.abs(expected - signed(end.amount, end.creditDebitIndicator)) >= 0.005) return { problem: feedProblem.endBalance() };

  const seen = new Set(books.statements.filter((s) => s.feedConnectionId === connection.id && s.status !== 'REJECTED').flatMap((s) => s.lines.map((l) => l.transactionId)).filter(Boolean));
  const ids = lines.map((l) => l.transactionId).filter((id): id is string => id !== undefined);
  if (ids.some((id) => seen.has(id)) || new Set(ids).size !== ids.length) return { problem: feedProblem.duplicate() };
  return {
    statement: {
      feedConnectionId: connection.id, startDate, endDate,
      startBalance: { amount: start.amount, creditDebitIndicator: start.creditDebitIndicator },
      endBalance: { amount: end.amount, creditDebitIndicator: end.creditDebitIndicator }, lines,
    },
  };
}

/** Delivers a pending statement once its feed connection is active; rejects it if the connection was rejected. */
export function settleStatement(books: OrganisationBooks, statement: Statement): void {
  if (statement.status !== 'PENDING') return;
  const connection = books.feedConnectionById(statement.feedConnectionId);
  if (statement.rejectWith || connection?.status === 'REJECTED') {
    statement.status = 'REJECTED';
    statement.errors = [statement.rejectWith ?? feedProblem.feedConnection()];
    return;
  }
  if (connection?.status === 'ACTIVE') statement.status = 'DELIVERED';
}

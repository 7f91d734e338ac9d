import { formatMinor } from '../../common/money';
import type { BankFeedState, StatementLinesInput, WriteResult } from '../accounting-provider';
import { ProviderError } from '../provider-error';
import type { XeroClient } from './xero.client';
import type { XeroProviderConnection } from './xero.settings';

interface FeedConnection { id?: string; accountToken?: string; accountId?: string; status?: 'PENDING' | 'REJECTED'; error?: FeedError }
interface FeedError { title?: string; detail?: string; type?: string }
interface Statement { id?: string; feedConnectionId?: string; status?: 'PENDING' | 'REJECTED' | 'DELIVERED'; errors?: FeedError[]; statementLines?: Array<{ transactionId?: string }> }
interface Page<T> { items?: T[]; pagination?: { pageCount?: number } }

export type FeedState = BankFeedState;

/** Xero's limit on an account token's length. */
const TOKEN_LENGTH = 50;
const PAGE_SIZE = 100;
/** Statements read back, newest first, when a line's outcome is unknown. */
const SEARCH_LIMIT = 20;

/**
 * The lender account as a Xero bank feed (Bank Feeds API): connected once (`POST /FeedConnections`,
 * the account's id as its token), then each batch of statement lines sent as one statement whose
 * start and end balances Xero checks, with unsigned amounts and the line's id as `transactionId` so
 * that Xero refuses a line it already has. Statements are delivered asynchronously: the write is
 * PENDING until `GET /Statements/{id}` says DELIVERED or REJECTED.
 *
 * @example
 * await feed.connect(conn, lenderAccountId, 'GBP');
 * const sent = await feed.post(conn, { bankAccountId: lenderAccountId, currency: 'GBP', lines });
 * // sent.status === 'PENDING' → later feed.status(conn, sent.providerOperationId!)
 */
export class XeroBankFeed {
  /** Feed connection ids by organisation and account: an account's feed never moves. */
  private readonly ids = new Map<string, string>();

  constructor(private readonly client: XeroClient) {}

  /** Connects the account as a feed; an account already connected is left as it is. */
  async connect(conn: XeroProviderConnection, accountId: string, currency: string): Promise<FeedState> {
    const existing = await this.find(conn, accountId);
    if (existing) return stateOf(existing);
    const item = { accountToken: accountId.slice(0, TOKEN_LENGTH), accountId, accountType: 'BANK', currency };
    try {
      const answer = await this.client.feed<Page<FeedConnection>>(conn, { method: 'POST', path: '/FeedConnections', body: { items: [item] } });
      const created = answer.items?.[0];
      if (created?.id) this.ids.set(this.key(conn, accountId), created.id);
      return created ? stateOf(created) : { status: 'PENDING', message: null };
    } catch (err) {
      if (err instanceof ProviderError && err.kind === 'REJECTED') return { status: 'REJECTED', message: err.details.messages?.map((m) => m.message).join('; ') || err.message };
      throw err;
    }
  }

  /** The account's feed as Xero shows it now. */
  async state(conn: XeroProviderConnection, accountId: string): Promise<FeedState> {
    const found = await this.find(conn, accountId);
    return found ? stateOf(found) : { status: 'NOT_CONNECTED', message: null };
  }

  /** Sends the lines as one statement; a line Xero already received (409 duplicate) is looked up instead. */
  async post(conn: XeroProviderConnection, input: StatementLinesInput): Promise<WriteResult> {
    const { lines, currency } = input;
    let feedConnectionId = (await this.find(conn, input.bankAccountId, true))?.id;
    if (!feedConnectionId) {
      // No feed yet (its connection failed when the account was created): connect it now.
      await this.connect(conn, input.bankAccountId, currency);
      feedConnectionId = this.ids.get(this.key(conn, input.bankAccountId));
    }
    if (!feedConnectionId) return failed('The lender account is not connected as a Xero bank feed');
    const first = lines[0];
    const last = lines[lines.length - 1];
    const startMinor = BigInt(first.balanceMinor) - BigInt(first.amountMinor);
    const statement = {
      feedConnectionId,
      startDate: first.date,
      endDate: last.date,
      startBalance: balance(startMinor, currency),
      endBalance: balance(BigInt(last.balanceMinor), currency),
      statementLines: lines.map((line) => ({
        postedDate: line.date,
        description: line.description.slice(0, 2000),
        amount: Number(formatMinor(Math.abs(line.amountMinor), currency)),
        creditDebitIndicator: line.amountMinor < 0 ? 'DEBIT' : 'CREDIT',
        transactionId: line.id,
        ...(line.counterparty ? { payeeName: line.counterparty.slice(0, 255) } : {}),
        ...(line.reference ? { reference: line.reference.slice(0, 255) } : {}),
      })),
    };
    try {
      const answer = await this.client.feed<Page<Statement>>(conn, { method: 'POST', path: '/Statements', body: { items: [statement] } });
      const sent = answer.items?.[0];
      if (!sent?.id) return { status: 'TIMED_OUT', providerOperationId: null, recordIds: [], errors: [], message: 'Xero accepted the statement without its id' };
      return this.outcome(sent, lines.length);
    } catch (err) {
      if (err instanceof ProviderError && err.details.status === 409) {
        const ids = await this.findLines(conn, lines.map((l) => l.id));
        if (ids.every((id) => id !== null)) return { status: 'SUCCESS', providerOperationId: null, recordIds: ids as string[], errors: [], message: 'Xero already had these statement lines' };
      }
      throw err;
    }
  }

  /** A statement sent earlier: PENDING until Xero delivers or rejects it. */
  async status(conn: XeroProviderConnection, statementId: string, count = 1): Promise<WriteResult> {
    const statement = await this.client.feed<Statement>(conn, { method: 'GET', path: `/Statements/${statementId}` });
    return this.outcome(statement, statement.statementLines?.length ?? count);
  }

  /** The statements holding each line, by its `transactionId`: the newest statements first, a few at most. */
  async findLines(conn: XeroProviderConnection, transactionIds: string[]): Promise<(string | null)[]> {
    const found = new Map<string, string>();
    const all: Statement[] = [];
    for (let page = 1; page <= 100; page++) {
      const answer = await this.client.feed<Page<Statement>>(conn, { method: 'GET', path: '/Statements', query: { page, pageSize: PAGE_SIZE } });
      all.push(...(answer.items ?? []));
      if ((answer.items?.length ?? 0) < PAGE_SIZE || page >= (answer.pagination?.pageCount ?? page)) break;
    }
    for (const listed of all.filter((s) => s.status !== 'REJECTED' && s.id).reverse().slice(0, SEARCH_LIMIT)) {
      const statement = await this.client.feed<Statement>(conn, { method: 'GET', path: `/Statements/${listed.id}` });
      for (const line of statement.statementLines ?? []) if (line.transactionId) found.set(line.transactionId, listed.id!);
      if (transactionIds.every((id) => found.has(id))) break;
    }
    return transactionIds.map((id) => found.get(id) ?? null);
  }

  private outcome(statement: Statement, lineCount: number): WriteResult {
    const id = statement.id!;
    switch (statement.status) {
      case 'DELIVERED':
        return { status: 'SUCCESS', providerOperationId: id, recordIds: Array.from({ length: lineCount }, () => id), errors: [], message: null };
      case 'REJECTED': {
        const errors = (statement.errors ?? []).map((e) => ({ field: null, message: e.detail ?? e.title ?? 'rejected' }));
        return { ...failed('Xero rejected the statement'), errors: errors.length ? errors : [{ field: null, message: 'Xero rejected the statement without saying why' }] };
      }
      default:
        return { status: 'PENDING', providerOperationId: id, recordIds: [], errors: [], message: null };
    }
  }

  /** `cached`: a connection id found before is taken as it is (a statement to a removed one is refused anyway). */
  private async find(conn: XeroProviderConnection, accountId: string, cached = false): Promise<FeedConnection | null> {
    const known = this.ids.get(this.key(conn, accountId));
    if (known && cached) return { id: known, accountId };
    if (known) {
      try {
        return await this.client.feed<FeedConnection>(conn, { method: 'GET', path: `/FeedConnections/${known}` });
      } catch (err) {
        if (!(err instanceof ProviderError && err.kind === 'NOT_FOUND')) throw err;
        this.ids.delete(this.key(conn, accountId));
      }
    }
    for (let page = 1; page <= 100; page++) {
      const answer = await this.client.feed<Page<FeedConnection>>(conn, { method: 'GET', path: '/FeedConnections', query: { page, pageSize: PAGE_SIZE } });
      const items = answer.items ?? [];
      // A rejected connection is kept only when no other one links the account.
      const match = items.find((f) => f.accountId === accountId && f.status !== 'REJECTED') ?? items.find((f) => f.accountId === accountId);
      if (match?.id) {
        if (match.status !== 'REJECTED') this.ids.set(this.key(conn, accountId), match.id);
        return match;
      }
      if (items.length < PAGE_SIZE || page >= (answer.pagination?.pageCount ?? page)) return null;
    }
    return null;
  }

  private key(conn: XeroProviderConnection, accountId: string): string {
    return `${conn.config.tenantId}:${accountId}`;
  }
}

function stateOf(feed: FeedConnection): FeedState {
  if (feed.status === 'REJECTED') return { status: 'REJECTED', message: feed.error?.detail ?? feed.error?.title ?? null };
  return { status: feed.status === 'PENDING' ? 'PENDING' : 'ACTIVE', message: null };
}

function balance(minor: bigint, currency: string) {
  return { amount: Number(formatMinor(minor < 0n ? -minor : minor, currency)), creditDebitIndicator: minor < 0n ? 'DEBIT' : 'CREDIT' };
}

function failed(message: string): WriteResult {
  return { status: 'FAILED', providerOperationId: null, recordIds: [], errors: [{ field: null, message }], message };
}

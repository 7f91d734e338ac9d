import { Router, type Request } from 'express';
import { newUuid, principalOf, slice, type Edge, type Reply } from '../kit';
import { checkStatement, createFeedConnection, feedProblem, type FeedConnection, type FeedProblem, type Json, type Statement } from '../xero-books';
import { FeedsProblem } from './accounting-dialect';
import type { XeroBooksStore, XeroCaller } from './xero-books.store';

/**
 * The Bank Feeds API (api.xero.com/bankfeeds.xro/1.0), camelCase and problem+json as Xero's spec
 * has it. Feed connections are created PENDING and settle later (linked to their bank account,
 * or REJECTED); statements are checked at once (400, 409 duplicate, 422 end balance) and then
 * delivered asynchronously: PENDING, then DELIVERED or REJECTED.
 */
export function bankFeedsRoutes(store: XeroBooksStore, edge: Edge): Router {
  const router = Router();
  const booksOf = (req: Request) => store.books(principalOf<XeroCaller>(req)!.tenantId);
  const target = (req: Request) => ({ method: req.method, path: req.path, companyId: principalOf<XeroCaller>(req)!.tenantId });

  router.get('/FeedConnections', edge.route((req) => ({ status: 202, body: page(req, booksOf(req).feedConnections.map(showConnection)) })));
  router.get('/FeedConnections/:id', edge.route((req) => {
    const connection = booksOf(req).feedConnectionById(req.params.id);
    if (!connection) throw new FeedsProblem(404, 'Bank Feed Not Found', 'No feed connection with that id was found.', 'bank-feed-not-found');
    return { status: 200, body: showConnection(connection) };
  }));
  router.post('/FeedConnections', edge.route((req) => {
    const books = booksOf(req);
    const items = itemsOf(req);
    const answered = items.map((item) => {
      const created = createFeedConnection(books, item, store.now() + store.settings.feedConnectionDelayMs);
      if ('type' in created) return { accountToken: item.accountToken, status: 'REJECTED', error: created };
      const fault = store.faults.take(['REJECT_FEED_CONNECTION'], target(req));
      if (fault) created.rejectWith = { ...feedProblem.accountNotValid(), detail: fault.message ?? feedProblem.accountNotValid().detail };
      return { id: created.id, accountToken: created.accountToken, status: 'PENDING' };
    });
    store.pending(books);
    return { status: answered.some((item) => item.status === 'PENDING') ? 202 : 400, body: { items: answered } };
  }));
  router.post('/FeedConnections/DeleteRequests', edge.route((req) => {
    const books = booksOf(req);
    const answered = itemsOf(req).map((item) => {
      const index = books.feedConnections.findIndex((f) => f.id === item.id);
      if (index < 0) return { id: item.id, status: 'REJECTED', error: { type: 'feed-not-found-or-already-deleted', title: 'Feed Not Found', status: 400, detail: 'The feed connection was not found or is already deleted.' } };
      books.feedConnections.splice(index, 1);
      return { id: item.id, status: 'PENDING' };
    });
    return { status: 202, body: { items: answered } };
  }));

  router.get('/Statements', edge.route((req) => ({ status: 200, body: page(req, booksOf(req).statements.map((s) => showStatement(s, false))) })));
  router.get('/Statements/:statementId', edge.route((req) => {
    const statement = booksOf(req).statementById(req.params.statementId);
    if (!statement) throw new FeedsProblem(404, 'Statement Not Found', 'No statement with that id was found.', 'statement-not-found');
    return { status: 200, body: showStatement(statement, true) };
  }));
  router.post('/Statements', edge.route((req): Reply => {
    const books = booksOf(req);
    const items = itemsOf(req);
    if (Buffer.byteLength(JSON.stringify(req.body ?? {})) > 3_000_000) throw new FeedsProblem(413, 'Request too large', 'Request size exceeds the limit of 3000000 bytes.', 'invalid-request');
    const checked = items.map((item) => checkStatement(books, item));
    const duplicate = checked.findIndex((c) => 'problem' in c && c.problem.type === 'duplicate-statement');
    if (duplicate >= 0) {
      return problemReply(409, {
        items: items.map((item, i) => ({ id: newUuid(), feedConnectionId: item.feedConnectionId, status: 'REJECTED', errors: 'problem' in checked[i] ? [(checked[i] as { problem: FeedProblem }).problem] : [] })),
      });
    }
    const refused = checked.find((c): c is { problem: FeedProblem } => 'problem' in c);
    if (refused) throw new FeedsProblem(refused.problem.status, refused.problem.title, refused.problem.detail, refused.problem.type);
    const created = checked.map((c) => {
      const statement: Statement = { ...(c as { statement: Omit<Statement, 'id' | 'status' | 'errors' | 'dueAt'> }).statement, id: newUuid(), status: 'PENDING', errors: [], dueAt: store.now() + store.settings.statementDelayMs };
      const fault = store.faults.take(['REJECT_STATEMENT'], target(req));
      if (fault) statement.rejectWith = { type: 'internal-error', title: 'Statement Rejected', status: 500, detail: fault.message ?? 'The statement could not be delivered.' };
      books.statements.push(statement);
      return statement;
    });
    store.pending(books);
    return { status: 202, body: { items: created.map((s) => ({ id: s.id, feedConnectionId: s.feedConnectionId, status: s.status })) } };
  }));

  return router;
}

function itemsOf(req: Request): Json[] {
  const items = (req.body as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items) || items.length === 0) throw new FeedsProblem(400, 'Invalid Request', 'For the request field missing parameter.', 'invalid-request');
  return items.map((item) => (item !== null && typeof item === 'object' ? item : {}) as Json);
}

function problemReply(status: number, body: unknown): Reply {
  return { status, body, headers: { 'Content-Type': 'application/problem+json' } };
}

function page<T>(req: Request, items: T[]): { pagination: Record<string, number>; items: T[] } {
  const pageNumber = Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1);
  const pageSize = Math.max(1, Number.parseInt(String(req.query.pageSize ?? '10'), 10) || 10);
  return {
    pagination: { page: pageNumber, pageSize, pageCount: Math.max(1, Math.ceil(items.length / pageSize)), itemCount: items.length },
    items: slice(items, (pageNumber - 1) * pageSize, pageSize),
  };
}

/** Xero shows a settled, linked connection without a status (its spec's statuses are PENDING and REJECTED only). */
export function showConnection(connection: FeedConnection): Record<string, unknown> {
  const shown: Record<string, unknown> = {
    id: connection.id, accountToken: connection.accountToken, accountType: connection.accountType, accountNumber: connection.accountNumber,
    accountName: connection.accountName, accountId: connection.accountId, currency: connection.currency, country: connection.country,
  };
  if (connection.status !== 'ACTIVE') shown.status = connection.status;
  if (connection.error) shown.error = connection.error;
  return Object.fromEntries(Object.entries(shown).filter(([, v]) => v !== undefined));
}

export function showStatement(statement: Statement, withLines: boolean): Record<string, unknown> {
  const shown: Record<string, unknown> = {
    id: statement.id, feedConnectionId: statement.feedConnectionId, status: statement.status, startDate: statement.startDate, endDate: statement.endDate,
    startBalance: statement.startBalance, endBalance: statement.endBalance, statementLineCount: statement.lines.length,
  };
  if (withLines) shown.statementLines = statement.lines.map((line) => Object.fromEntries(Object.entries(line).filter(([, v]) => v !== undefined)));
  if (statement.errors.length > 0) shown.errors = statement.errors;
  return shown;
}

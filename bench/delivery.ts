import { PerformanceObserver } from 'node:perf_hooks';
import type { RequestLogEntry } from '../src/sandbox/codat/sandbox.types';
import type { BenchCompany, BenchGateway } from './bench-gateway';
import { countSql, topShapes } from './sql-counter';

export interface DeliveryResult {
  operations: number;
  /** How many of each kind, and when the last of them succeeded, from the start of delivery. */
  byKind: Record<string, { count: number; doneAfterMs: number }>;
  elapsedMs: number;
  requests: ProviderRequests;
  /** SQL statements the gateway ran while delivering, and the transactions among them (each also counted in statements). */
  statements: number;
  transactions: number;
  /** Time this process spent collecting garbage while delivering (the gateway's and the emulator's heaps are one). */
  gcMs: number;
}

export interface ProviderRequests {
  /** POSTs to …/push/<dataType>, by data type. */
  pushPosts: Record<string, number>;
  /** GETs of one push operation's status. */
  pushPolls: number;
  /** Every other GET (data reads, company and connection checks). */
  reads: number;
  other: number;
  /** Answers outside 2xx, or connections dropped. */
  notOk: number;
}

/** Whether any operation is still to deliver: one step into an index, whatever the outbox holds. */
export const UNFINISHED_PROBE = "SELECT 1 FROM writeback_operations WHERE status IN ('PENDING', 'IN_PROGRESS') LIMIT 1";

/**
 * Starts the worker on an outbox filled beforehand and waits until every operation has
 * SUCCEEDED. Progress is read in SQL, not through GraphQL, with one index probe per poll and a
 * count every 5 s, so that watching costs the gateway next to nothing whatever the backlog; the
 * end time is the last operation's own completion time, not when the watcher noticed it.
 */
export async function deliverAll(b: BenchGateway, companies: BenchCompany[], opts: { timeoutMs: number; progress: (line: string) => void }): Promise<DeliveryResult> {
  const db = b.gw.services.db;
  // The watcher's own statements, which are not the gateway's work.
  let polls = 0;
  const watch = <T>(sql: string): Promise<T[]> => {
    polls++;
    return db.query(sql);
  };
  const counts = async () => {
    const rows = await watch<{ status: string; n: string | number }>('SELECT status, COUNT(*) AS n FROM writeback_operations GROUP BY status');
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
  };
  const before = await counts();
  const total = Object.values(before).reduce((a, n) => a + n, 0);
  if (before.PENDING !== total) throw new Error(`Expected every operation PENDING before delivery, found ${JSON.stringify(before)}`);
  const booksBefore = booksCounts(b, companies);
  polls = 0;

  // Counted as they happen, not kept: the sandbox's request log holds only the latest exchanges,
  // and keeping 400,000 of them here would grow the heap every collection walks.
  const requests: ProviderRequests = { pushPosts: {}, pushPolls: 0, reads: 0, other: 0, notOk: 0 };
  const stopCounting = b.store.requests.observe((entry) => tally(requests, entry));
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  gc.observe({ entryTypes: ['gc'] });
  // What delivery costs the database, whatever the machine's speed: statements and transactions.
  const counting = countSql(db);
  const started = Date.now();
  b.gw.worker.start();
  let lastReport = started;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Counting every status reads the whole table (33 ms with 200,000 operations on SQLite, in the
    // gateway's own thread): only every 5 s. In between, one index probe asks whether any is left.
    const report = Date.now() - lastReport >= 5000;
    if (!report && (await watch(UNFINISHED_PROBE)).length) continue;
    const now = await counts();
    if (now.FAILED) {
      const [failed] = await watch<{ kind: string; last_error: string }>("SELECT kind, last_error FROM writeback_operations WHERE status = 'FAILED' LIMIT 1");
      throw new Error(`${now.FAILED} operation(s) FAILED during delivery, e.g. ${failed.kind}: ${failed.last_error}`);
    }
    if ((now.SUCCEEDED ?? 0) === total) break;
    if (Date.now() - started > opts.timeoutMs) throw new Error(`Delivery did not finish within ${opts.timeoutMs / 1000} s: ${JSON.stringify(now)}`);
    if (report) {
      lastReport = Date.now();
      opts.progress(`delivery: ${now.SUCCEEDED ?? 0}/${total} operations succeeded after ${((lastReport - started) / 1000).toFixed(1)} s`);
    }
  }
  await b.gw.worker.stop();
  stopCounting();
  gc.disconnect();
  const sql = counting.stop();
  const kinds: { kind: string; n: string | number; last: string | number }[] = await db.query(
    'SELECT kind, COUNT(*) AS n, MAX(completed_at) AS last FROM writeback_operations GROUP BY kind',
  );
  const byKind = Object.fromEntries(kinds.map((r) => [r.kind, { count: Number(r.n), doneAfterMs: Number(r.last) - started }]));

  // SUCCEEDED is the gateway's word; the books must agree, once each.
  b.store.settleDue();
  const booksAfter = booksCounts(b, companies);
  const costs = booksAfter.directCosts - booksBefore.directCosts;
  const lines = booksAfter.statementLines - booksBefore.statementLines;
  if (costs !== (byKind.SPEND_MONEY?.count ?? 0) || lines !== (byKind.STATEMENT_LINE?.count ?? 0)) {
    throw new Error(`The books gained ${costs} direct costs and ${lines} statement lines for ${JSON.stringify(byKind)}`);
  }
  const elapsedMs = Math.max(...Object.values(byKind).map((k) => k.doneAfterMs));
  // Operations/s falls during a delivery without anything slowing down: statement lines go out
  // several to a request and are done early, the ledger's writes one at a time, in order, after them.
  opts.progress(`delivery: the last of each kind done after ${Object.entries(byKind).map(([kind, k]) => `${kind} (${k.count}) ${(k.doneAfterMs / 1000).toFixed(1)} s`).join(', ')}`);
  opts.progress(`delivery: ${(gcMs / 1000).toFixed(1)} s collecting garbage`);
  opts.progress(`delivery: statements per operation, by shape (the watcher's own statements included):\n${topShapes(sql, total)}`);
  return { operations: total, byKind, elapsedMs, requests, statements: sql.statements - polls, transactions: sql.transactions, gcMs };
}

function booksCounts(b: BenchGateway, companies: BenchCompany[]): { directCosts: number; statementLines: number } {
  let directCosts = 0;
  let statementLines = 0;
  for (const c of companies) {
    const books = b.store.liveBooks(c.codatCompanyId)!;
    directCosts += books.directCosts.length;
    statementLines += books.statements[c.lenderBankAccountId]?.length ?? 0;
  }
  return { directCosts, statementLines };
}

function tally(out: ProviderRequests, entry: RequestLogEntry): void {
  if (entry.status < 200 || entry.status >= 300 || entry.responseLost) out.notOk++;
  const push = /\/push\/(?:bankAccounts\/[^/]+\/)?([A-Za-z]+)$/.exec(entry.path);
  if (entry.method === 'POST' && push) out.pushPosts[push[1]] = (out.pushPosts[push[1]] ?? 0) + 1;
  else if (entry.method === 'GET' && /^\/companies\/[^/]+\/push\/[^/]+$/.test(entry.path)) out.pushPolls++;
  else if (entry.method === 'GET') out.reads++;
  else out.other++;
}

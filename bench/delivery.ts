import { PerformanceObserver } from 'node:perf_hooks';
import { isPostgres } from '../src/common/sql';
import type { BenchCompany, BenchGateway } from './bench-gateway';
import { CpuAccount, DATABASE_BACKENDS_SQL } from './cpu-usage';
import type { ProviderRequests } from './sandbox-control';
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
  /** Time this process spent collecting garbage while delivering (the emulator's heap included when it is embedded). */
  gcMs: number;
  /**
   * Cores each part kept busy while delivering (CPU seconds per second): this process (the
   * gateway, and the emulator when embedded), the emulator's process, the database's Postgres backends.
   */
  cores: { gateway: number; emulator: number | null; database: number | null };
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
  const booksBefore = await b.sandbox.booksCounts(companies);
  polls = 0;

  // Counted as they happen, not kept: the sandbox's request log holds only the latest exchanges,
  // and keeping 400,000 of them here would grow the heap every collection walks.
  await b.sandbox.startCounting();
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  gc.observe({ entryTypes: ['gc'] });
  // What delivery costs the database, whatever the machine's speed: statements and transactions.
  const counting = countSql(db);
  // Where the CPU goes tells what bounds the rate: the gateway's one thread, the emulator or Postgres.
  const backends = async () =>
    isPostgres(db) ? (await db.query(DATABASE_BACKENDS_SQL)).map((r: { pid: number }) => Number(r.pid)) : [];
  const cpu = await new CpuAccount({ gateway: () => [process.pid], emulator: () => (b.sandboxPid ? [b.sandboxPid] : []), database: backends }).begin();
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
  const used = await cpu.end();
  const wall = (Date.now() - started) / 1000;
  const requests = await b.sandbox.stopCounting();
  gc.disconnect();
  const sql = counting.stop();
  const kinds: { kind: string; n: string | number; last: string | number }[] = await db.query(
    'SELECT kind, COUNT(*) AS n, MAX(completed_at) AS last FROM writeback_operations GROUP BY kind',
  );
  const byKind = Object.fromEntries(kinds.map((r) => [r.kind, { count: Number(r.n), doneAfterMs: Number(r.last) - started }]));

  // SUCCEEDED is the gateway's word; the books must agree, once each.
  const booksAfter = await b.sandbox.booksCounts(companies);
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
  const cores = {
    gateway: used.groups.gateway / wall,
    emulator: b.sandboxPid ? used.groups.emulator / wall : null,
    database: isPostgres(db) ? used.groups.database / wall : null,
  };
  return { operations: total, byKind, elapsedMs, requests, statements: sql.statements - polls, transactions: sql.transactions, gcMs, cores };
}

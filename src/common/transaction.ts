import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { isPostgres } from './sql';

const queues = new WeakMap<DataSource, Promise<unknown>>();
const patchedRunners = new WeakSet<QueryRunner>();
/** Set while a transaction's own statements run, so they pass; any other statement waits its turn. */
const insideTransaction = new AsyncLocalStorage<true>();

/** Whole-transaction retries after SQLite reported the database busy past the connection's busy time-out. */
const BUSY_RETRIES = 5;
const BUSY_BACKOFF_MS = 50;

/**
 * A database transaction. Postgres gives each one its own pooled connection; TypeORM's SQLite
 * driver shares one connection, where two interleaved transactions would nest into each other,
 * so on SQLite they take turns.
 *
 * On SQLite the write lock is taken when the transaction begins (`BEGIN IMMEDIATE`): a deferred
 * transaction that reads first and writes later cannot upgrade once another process has written in
 * between, and fails at once instead of waiting. Waiting for the lock is the connection's busy
 * time-out; should another process hold it even longer, the whole transaction runs again.
 * `fn` may therefore run more than once and must do nothing outside the database.
 *
 * A statement run outside any transaction on that shared connection would otherwise join whichever
 * transaction is open at that moment, and vanish with it if it rolls back: on SQLite such a
 * statement takes its turn in the same queue, between transactions.
 */
export function transact<T>(db: DataSource, fn: (m: EntityManager) => Promise<T>): Promise<T> {
  if (isPostgres(db)) return db.transaction(fn);
  return inTurn(db, () => withBusyRetry(() => immediateTransaction(db, fn)));
}

function inTurn<T>(db: DataSource, work: () => Promise<T>): Promise<T> {
  const run = (queues.get(db) ?? Promise.resolve()).then(work);
  queues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}

async function immediateTransaction<T>(db: DataSource, fn: (m: EntityManager) => Promise<T>): Promise<T> {
  const runner = db.createQueryRunner();
  // TypeORM's SQLite runner always begins with a plain (deferred) BEGIN and has no option for
  // another kind. The driver hands out one runner for its one connection: patch it once, not on
  // every transaction (a wrapper per transaction nests until the call stack overflows).
  if (!patchedRunners.has(runner)) {
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    runner.query = ((sql: string, ...rest: unknown[]) => {
      if (insideTransaction.getStore()) return query(sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : sql, ...rest);
      return inTurn(db, () => query(sql, ...rest));
    }) as QueryRunner['query'];
    patchedRunners.add(runner);
  }
  try {
    return await insideTransaction.run(true, () => runner.manager.transaction(fn));
  } finally {
    await runner.release();
  }
}

async function withBusyRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= BUSY_RETRIES || !isSqliteBusy(err)) throw err;
      await new Promise((r) => setTimeout(r, BUSY_BACKOFF_MS * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, …), also when wrapped by TypeORM. */
export function isSqliteBusy(err: unknown): boolean {
  const codeOf = (e: unknown) => (e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : '');
  const driverError = err && typeof err === 'object' && 'driverError' in err ? (err as { driverError: unknown }).driverError : null;
  return [codeOf(err), codeOf(driverError)].some((code) => code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED');
}

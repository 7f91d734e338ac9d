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
 *
 * Each SQLite commit waits for the disk (synchronous FULL) in the gateway's own thread, so the
 * transactions that queue up while one runs commit together, as one group: each in a savepoint of
 * its own, so that one that fails rolls back alone, and each answered only once the group's commit
 * is on disk.
 */
export function transact<T>(db: DataSource, fn: (m: EntityManager) => Promise<T>): Promise<T> {
  if (isPostgres(db)) return db.transaction(fn);
  return new Promise<T>((resolve, reject) => {
    let group = forming.get(db);
    if (!group) {
      const units: Unit[] = [];
      group = units;
      forming.set(db, units);
      void inTurn(db, async () => {
        // When its turn comes, the group waits one turn of the event loop for the transactions
        // that answers just arrived will ask for, then closes: later callers form the next group.
        await new Promise((next) => setImmediate(next));
        forming.delete(db);
        return commitGroup(db, units);
      });
    }
    group.push({ fn, resolve, reject } as Unit);
  });
}

interface Unit {
  fn: (m: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Transactions waiting for their turn on SQLite, to be committed together when it comes. */
const forming = new WeakMap<DataSource, Unit[]>();

async function commitGroup(db: DataSource, units: Unit[]): Promise<void> {
  let outcomes: Outcome[];
  try {
    outcomes = await withBusyRetry(() => immediateTransaction(db, (m) => runUnits(m, units)));
  } catch (err) {
    for (const unit of units) unit.reject(err);
    return;
  }
  outcomes.forEach((outcome, i) => (outcome.ok ? units[i].resolve(outcome.value) : units[i].reject(outcome.error)));
}

async function runUnits(m: EntityManager, units: Unit[]): Promise<Outcome[]> {
  if (units.length === 1) return [{ ok: true, value: await units[0].fn(m) }];
  const outcomes: Outcome[] = [];
  for (const unit of units) {
    await m.query('SAVEPOINT wg_unit');
    try {
      outcomes.push({ ok: true, value: await unit.fn(m) });
      await m.query('RELEASE wg_unit');
    } catch (error) {
      // Busy: the whole group runs again (see withBusyRetry).
      if (isSqliteBusy(error)) throw error;
      await m.query('ROLLBACK TO wg_unit');
      await m.query('RELEASE wg_unit');
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
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

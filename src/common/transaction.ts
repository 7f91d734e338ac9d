import type { DataSource, EntityManager } from 'typeorm';
import { isPostgres } from './sql';

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * A database transaction. Postgres gives each one its own pooled connection; TypeORM's SQLite
 * driver shares one connection, where two interleaved transactions would nest into each other,
 * so on SQLite they take turns.
 */
export function transact<T>(db: DataSource, fn: (m: EntityManager) => Promise<T>): Promise<T> {
  if (isPostgres(db)) return db.transaction(fn);
  const previous = queues.get(db) ?? Promise.resolve();
  const run = previous.then(() => db.transaction(fn));
  queues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}

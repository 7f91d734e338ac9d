import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { Config } from '../config';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../../migrations';
import { isSqliteBusy } from '../common/transaction';
import { PreparingPgClient } from './preparing-pg-client';

/**
 * The TypeORM DataSource for either database. Schema changes only ever come from
 * `migrations/`; `synchronize` stays off.
 */
export function dataSourceOptions(database: Config['database']): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;
  if (database.kind === 'postgres') {
    return { ...common, type: 'postgres', url: database.url, extra: { max: 10, ...(database.preparedStatements ? { Client: PreparingPgClient } : {}) } };
  }
  if (database.file !== ':memory:') fs.mkdirSync(path.dirname(database.file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.file,
    // WAL is switched on in prepareDatabase, with retries, rather than by TypeORM's `enableWAL`.
    prepareDatabase: async (connection: Database.Database) => {
      // A commit is on disk before it is answered, power cut included. SQLite's own default depends
      // on the file: FULL for a new one, NORMAL (a WAL commit may be lost with the machine) for a
      // file already in WAL mode when opened — so a restart would quietly weaken it.
      connection.pragma('synchronous = FULL');
      if (database.file !== ':memory:') await switchToWal(connection, SQLITE_BUSY_TIMEOUT_MS);
    },
    // Lets a second process (a restarted worker, the migration CLI) wait for the write lock instead of failing.
    timeout: SQLITE_BUSY_TIMEOUT_MS,
    // Prepared statements kept: one per statement shape (an IN list of each length is a shape of its own).
    statementCacheSize: 500,
  };
}

const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * Puts a new database file in WAL mode before TypeORM asks for it. Switching needs the file to
 * itself, and SQLite answers "database is locked" at once, without waiting, when another process
 * opening the same new file (two gateways booting together) holds it at that moment: this waits
 * and tries again. A file already in WAL mode answers at once.
 */
export async function switchToWal(connection: Database.Database, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      connection.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if (!isSqliteBusy(err) || Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
    }
  }
}

export function createDataSource(database: Config['database']): DataSource {
  const db = new DataSource(dataSourceOptions(database));
  if (database.kind !== 'postgres') bindIntegers(db);
  return db;
}

type EscapeQuery = (sql: string, parameters: Record<string, unknown>, nativeParameters: Record<string, unknown>) => [string, unknown[]];

/**
 * TypeORM's SQLite drivers write number parameters into the SQL text, so every save of a
 * timestamp is a statement never seen before: prepared again, and pushing the statements that do
 * repeat out of the prepared-statement cache. Integers are bound instead, as BigInt, which
 * better-sqlite3 binds as INTEGER, the type the literal had (a Number would be bound as REAL).
 */
function bindIntegers(db: DataSource): void {
  const driver = db.driver as unknown as { escapeQueryWithParameters: EscapeQuery };
  const escape = driver.escapeQueryWithParameters.bind(driver);
  driver.escapeQueryWithParameters = (sql, parameters, nativeParameters) => {
    const bound: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(parameters ?? {})) bound[key] = Number.isSafeInteger(value) ? BigInt(value as number) : value;
    return escape(sql, bound, nativeParameters);
  };
}

/** Arbitrary constant naming the migration lock among Postgres advisory locks. */
const MIGRATION_LOCK = 7_311_042;

/**
 * Runs pending migrations. Several gateway instances may boot at once on one database: they take
 * turns (an advisory lock on Postgres, an exclusive lock on a lock file beside the SQLite file,
 * released by the OS if the process dies), so each migration runs exactly once.
 */
export async function migrate(db: DataSource): Promise<void> {
  if (db.options.type !== 'postgres') {
    const file = String(db.options.database);
    if (file === ':memory:') return void (await db.runMigrations({ transaction: 'each' }));
    const lock = new Database(`${file}.migration-lock`, { timeout: 120_000 });
    try {
      lock.exec('BEGIN EXCLUSIVE');
      await db.runMigrations({ transaction: 'each' });
    } finally {
      lock.close();
    }
    return;
  }
  const runner = db.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await db.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

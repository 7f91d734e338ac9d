import fs from 'node:fs';
import path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { Config } from '../config';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../../migrations';

/**
 * The TypeORM DataSource for either database. Schema changes only ever come from
 * `migrations/`; `synchronize` stays off.
 */
export function dataSourceOptions(database: Config['database']): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;
  if (database.kind === 'postgres') {
    return { ...common, type: 'postgres', url: database.url, extra: { max: 10 } };
  }
  if (database.file !== ':memory:') fs.mkdirSync(path.dirname(database.file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.file,
    enableWAL: database.file !== ':memory:',
    // Lets a second process (a restarted worker, the migration CLI) wait for the write lock instead of failing.
    timeout: 10000,
  };
}

export function createDataSource(database: Config['database']): DataSource {
  return new DataSource(dataSourceOptions(database));
}

/** Arbitrary constant naming the migration lock among Postgres advisory locks. */
const MIGRATION_LOCK = 7_311_042;

/**
 * Runs pending migrations. On Postgres several gateway instances may boot at once: an advisory
 * lock makes them take turns, so each migration runs exactly once.
 */
export async function migrate(db: DataSource): Promise<void> {
  if (db.options.type !== 'postgres') {
    await db.runMigrations({ transaction: 'each' });
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

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { Config } from '../../src/config';
import { createDataSource } from '../../src/database/data-source';

/**
 * Each test file gets a database of its own: a fresh in-memory SQLite by default, or, when
 * DATABASE_URL points at Postgres (as in CI's second pass), a new database on that server.
 */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base || !/^postgres(ql)?:\/\//.test(base)) return { url: 'sqlite::memory:', drop: async () => {} };
  const name = `wg_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export const usingPostgres = () => /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');

/**
 * A second connection to a test gateway's Postgres database, alone in its pool, so that what it
 * prepared can be read back from it.
 *
 * @example const db = await oneConnection(t.gw.services.config.database, true);
 */
export async function oneConnection(database: Config['database'], preparedStatements: boolean): Promise<DataSource> {
  if (database.kind !== 'postgres') throw new Error('Postgres only');
  const ds = createDataSource({ ...database, preparedStatements });
  (ds.options.extra as { max: number }).max = 1;
  return ds.initialize();
}

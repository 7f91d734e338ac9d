import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface BenchDatabase {
  /** What the gateway's DATABASE_URL is set to. */
  url: string;
  /** The gateway's DATA_DIR: a temporary folder, so that nothing lands in ./data. */
  dataDir: string;
  drop(): Promise<void>;
}

/**
 * A database no one else uses, so every phase starts from empty tables: a SQLite file in a new
 * temporary folder, or a new database on the Postgres server `postgresUrl` points at.
 */
export async function createBenchDatabase(postgresUrl: string | null): Promise<BenchDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-bench-'));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (!postgresUrl) {
    return { url: `sqlite:${path.join(dataDir, 'gateway.sqlite')}`, dataDir, drop: async () => removeDir() };
  }
  const name = `wg_bench_${randomBytes(6).toString('hex')}`;
  try {
    await onServer(postgresUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  } catch (err) {
    removeDir();
    throw err;
  }
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    drop: async () => {
      removeDir();
      // FORCE: a gateway that failed half-way may still hold connections.
      await onServer(postgresUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function onServer<T>(postgresUrl: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

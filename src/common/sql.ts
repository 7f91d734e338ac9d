import type { DataSource, EntityManager } from 'typeorm';

const optionsOf = (db: DataSource | EntityManager) => ('options' in db ? db.options : db.connection.options);

export const isPostgres = (db: DataSource | EntityManager) => optionsOf(db).type === 'postgres';

/**
 * Runs hand-written SQL on either database. Queries are written with Postgres-style `$n`
 * placeholders; for SQLite they become `?` with the parameters reordered to match.
 * Returns the rows, also for UPDATE … RETURNING (which both databases support).
 */
export async function runSql<T = Record<string, unknown>>(db: DataSource | EntityManager, text: string, params: unknown[]): Promise<T[]> {
  let query = text;
  let values = params;
  if (!isPostgres(db)) {
    values = [];
    query = text.replace(/\$(\d+)/g, (_m, n: string) => {
      values.push(params[Number(n) - 1]);
      return '?';
    });
  }
  const own = 'options' in db ? db.createQueryRunner() : null;
  const runner = own ?? (db as EntityManager).queryRunner;
  try {
    if (!runner) return (await (db as EntityManager).query(query, values)) as T[];
    const result = (await runner.query(query, values, true)) as { records?: T[] };
    return result.records ?? [];
  } finally {
    await own?.release();
  }
}

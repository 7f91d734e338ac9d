import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';

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

/**
 * Whether a statement failed on a unique index or primary key (Postgres 23505, SQLite's
 * CONSTRAINT_UNIQUE or CONSTRAINT_PRIMARYKEY): the row is already there, typically written by a
 * concurrent request.
 *
 * @example if (isUniqueViolation(err)) return findExisting();
 */
export function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const code = (err.driverError as { code?: unknown } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

import type Database from 'better-sqlite3';
import { switchToWal } from '../../src/database/data-source';

/** A connection whose `journal_mode` pragma fails with `errors` in turn, then answers "wal". */
function connection(errors: { code: string }[]) {
  const calls: string[] = [];
  const conn = {
    pragma(sql: string) {
      calls.push(sql);
      const err = errors.shift();
      if (err) throw Object.assign(new Error('database is locked'), err);
      return [{ journal_mode: 'wal' }];
    },
  };
  return { conn: conn as unknown as Database.Database, calls };
}

describe('switchToWal: two gateways opening a new SQLite file at once', () => {
  it('tries again when SQLite answers "database is locked" at once, as the loser of two switches does', async () => {
    const { conn, calls } = connection([{ code: 'SQLITE_BUSY' }, { code: 'SQLITE_BUSY_SNAPSHOT' }]);
    await switchToWal(conn, 5_000);
    expect(calls).toEqual(['journal_mode = WAL', 'journal_mode = WAL', 'journal_mode = WAL']);
  });

  it('gives up with the error once the wait is over, and passes any other error on at once', async () => {
    const busy = connection(Array.from({ length: 100 }, () => ({ code: 'SQLITE_BUSY' })));
    await expect(switchToWal(busy.conn, 150)).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    const other = connection([{ code: 'SQLITE_CORRUPT' }]);
    await expect(switchToWal(other.conn, 5_000)).rejects.toMatchObject({ code: 'SQLITE_CORRUPT' });
    expect(other.calls).toHaveLength(1);
  });
});

import { DataSource } from 'typeorm';
import { transact } from '../../src/common/transaction';

/**
 * SQLite shares one connection: transactions take turns, and a lone statement never joins one;
 * those that queue up commit together, each rolled back alone if it fails.
 */
describe('SQLite transactions', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    await db.initialize();
    await db.query('CREATE TABLE counter (n integer NOT NULL)');
    await db.query('INSERT INTO counter (n) VALUES (0)');
  });
  afterAll(() => db.destroy());

  // The gateway runs for weeks: its ten-thousandth SQLite transaction must work like its first.
  it('commits 20,000 transactions one after another', async () => {
    for (let i = 0; i < 20_000; i++) await transact(db, (m) => m.query('UPDATE counter SET n = n + 1'));
    const [{ n }] = await db.query('SELECT n FROM counter');
    expect(n).toBe(20_000);
  }, 60_000);

  it('keeps a statement made outside a transaction when a transaction open at that moment rolls back', async () => {
    await db.query('CREATE TABLE saves (id integer NOT NULL)');
    let entered!: () => void;
    const open = new Promise<void>((r) => (entered = r));
    const refused = transact(db, async (m) => {
      await m.query('INSERT INTO saves (id) VALUES (1)');
      entered();
      await new Promise((r) => setTimeout(r, 50));
      throw new Error('refused');
    });
    await open;
    await db.query('INSERT INTO saves (id) VALUES (2)');
    await expect(refused).rejects.toThrow('refused');
    expect(await db.query('SELECT id FROM saves ORDER BY id')).toEqual([{ id: 2 }]);
  });

  it('commits the transactions that queue up together, and rolls back alone one that fails', async () => {
    await db.query('CREATE TABLE grouped (id integer NOT NULL)');
    const logQuery = db.logger.logQuery;
    let commits = 0;
    db.logger.logQuery = (query, ...rest) => {
      if (/^COMMIT/.test(query)) commits++;
      return logQuery.call(db.logger, query, ...rest);
    };
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          transact(db, async (m) => {
            await m.query('INSERT INTO grouped (id) VALUES (?)', [i]);
            if (i === 4) throw new Error('refused 4');
            return i;
          }),
        ),
      );
      expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([0, 1, 2, 3, 'refused 4', 5, 6, 7, 8, 9]);
      expect((await db.query('SELECT id FROM grouped ORDER BY id')).map((r: { id: number }) => r.id)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
      expect(commits).toBeLessThan(10);
    } finally {
      db.logger.logQuery = logQuery;
    }
  });
});

import { DataSource } from 'typeorm';
import { transact } from '../../src/common/transaction';

/** The gateway runs for weeks: its ten-thousandth SQLite transaction must work like its first. */
describe('SQLite transactions over a long run', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    await db.initialize();
    await db.query('CREATE TABLE counter (n integer NOT NULL)');
    await db.query('INSERT INTO counter (n) VALUES (0)');
  });
  afterAll(() => db.destroy());

  it('commits 20,000 transactions one after another', async () => {
    for (let i = 0; i < 20_000; i++) await transact(db, (m) => m.query('UPDATE counter SET n = n + 1'));
    const [{ n }] = await db.query('SELECT n FROM counter');
    expect(n).toBe(20_000);
  }, 60_000);
});

import { DataSource } from 'typeorm';
import { isUniqueViolation } from '../../src/common/sql';
import { createTestDatabase } from '../helpers/test-database';

/** Against the database the suite runs on: SQLite by default, Postgres with DATABASE_URL. */
describe('isUniqueViolation', () => {
  let db: DataSource;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const test = await createTestDatabase();
    drop = test.drop;
    const url = test.url;
    db = url.startsWith('sqlite:') ? new DataSource({ type: 'better-sqlite3', database: ':memory:' }) : new DataSource({ type: 'postgres', url });
    await db.initialize();
    await db.query('CREATE TABLE refs (id integer PRIMARY KEY, ref varchar(20) NOT NULL UNIQUE)');
    await db.query("INSERT INTO refs (id, ref) VALUES (1, 'a')");
  });
  afterAll(async () => {
    await db.destroy();
    await drop();
  });

  const failure = async (sql: string) => {
    try {
      await db.query(sql);
    } catch (err) {
      return err;
    }
    throw new Error(`expected ${sql} to fail`);
  };

  it('recognises a second row with the same unique value or primary key', async () => {
    expect(isUniqueViolation(await failure("INSERT INTO refs (id, ref) VALUES (2, 'a')"))).toBe(true);
    expect(isUniqueViolation(await failure("INSERT INTO refs (id, ref) VALUES (1, 'b')"))).toBe(true);
  });

  it('does not mistake other failures for one', async () => {
    expect(isUniqueViolation(await failure('INSERT INTO refs (id, ref) VALUES (3, NULL)'))).toBe(false);
    expect(isUniqueViolation(await failure('SELECT * FROM no_such_table'))).toBe(false);
    expect(isUniqueViolation(new Error('duplicate key value violates unique constraint'))).toBe(false);
  });
});

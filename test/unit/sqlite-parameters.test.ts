import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '../../src/database/data-source';
import { WritebackOperationEntity } from '../../src/modules/writeback/writeback-operation.entity';

/** Every save of a delivery writes a timestamp: its SQL must not change with the time. */
describe('SQLite parameters', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = createDataSource({ kind: 'sqlite', file: ':memory:' });
    await db.initialize();
    await migrate(db);
  });
  afterAll(() => db.destroy());

  it('binds integers instead of writing them into the SQL, so one statement serves every timestamp', () => {
    const save = (at: number) =>
      db.createQueryBuilder().update(WritebackOperationEntity).set({ nextAttemptAt: at, attempts: 2 }).where('seq = :seq', { seq: 7 }).getQueryAndParameters();
    const [first, firstParameters] = save(1_796_222_986_222);
    const [second] = save(1_796_222_986_223);
    expect(second).toBe(first);
    expect(first).not.toContain('1796222986222');
    expect(firstParameters).toEqual(expect.arrayContaining([1_796_222_986_222n, 2n, 7n]));
  });

  it('binds an integer as INTEGER and a fraction as REAL, the types their literals had', async () => {
    const driver = db.driver as unknown as { escapeQueryWithParameters(sql: string, p: object, n: object): [string, unknown[]] };
    const [sql, parameters] = driver.escapeQueryWithParameters('SELECT typeof(:whole) AS whole, typeof(:fraction) AS fraction', { whole: 5, fraction: 1.5 }, {});
    expect(await db.query(sql, parameters)).toEqual([{ whole: 'integer', fraction: 'real' }]);
  });
});

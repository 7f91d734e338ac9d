import type { DataSource } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import { pipeline } from '../../src/database/pg-pipeline';
import { oneConnection, usingPostgres } from '../helpers/test-database';
import { useTestGateway } from '../helpers/test-gateway';

/**
 * On Postgres the end of a delivery is a pipeline: statements sent in one round trip that run in
 * order, each with its own snapshot, and commit or roll back together.
 */
(usingPostgres() ? describe : describe.skip)('statement pipelines on Postgres', () => {
  const t = useTestGateway({ skipDemo: true, env: { WORKER_ENABLED: 'false' } });
  let db: DataSource;

  const connection = (preparedStatements: boolean) => oneConnection(t.gw.services.config.database, preparedStatements);
  /** The connection's prepared statements of these texts, with when each was prepared. */
  const prepared = (ds: DataSource, statements: { text: string }[]) =>
    ds.query('SELECT name, prepare_time::text AS at FROM pg_prepared_statements WHERE statement = ANY($1) ORDER BY name', [statements.map((s) => s.text)]);
  const count = async () => Number(((await t.gw.services.db.query('SELECT COUNT(*) AS n FROM pipeline_rows')) as { n: string }[])[0].n);

  beforeAll(async () => {
    db = await connection(true);
    await t.gw.services.db.query('CREATE TABLE IF NOT EXISTS pipeline_rows (id integer PRIMARY KEY, note text)');
  });
  beforeEach(() => t.gw.services.db.query('TRUNCATE pipeline_rows'));
  afterAll(() => db?.destroy());

  it("returns each statement's rows, and commits them together", async () => {
    const results = await pipeline(db, [
      { text: 'INSERT INTO pipeline_rows (id, note) VALUES ($1, $2) RETURNING id', values: [1, 'one'] },
      { text: 'SELECT note FROM pipeline_rows WHERE id = $1', values: [1] },
    ]);
    expect(results).toEqual([[{ id: 1 }], [{ note: 'one' }]]);
    expect(await count()).toBe(1);
  });

  it('rolls back every statement when a later one fails, and the connection goes on working', async () => {
    const failing = pipeline(db, [
      { text: 'INSERT INTO pipeline_rows (id, note) VALUES ($1, $2)', values: [2, 'kept only if all succeed'] },
      { text: 'INSERT INTO pipeline_rows (id, note) VALUES ($1, $2)', values: [2, 'the same id again'] },
    ]);
    await expect(failing).rejects.toBeInstanceOf(QueryFailedError);
    expect(await count()).toBe(0);

    // The statements the failed pipeline may have prepared are prepared again, safely.
    await pipeline(db, [
      { text: 'INSERT INTO pipeline_rows (id, note) VALUES ($1, $2)', values: [3, 'after the failure'] },
      { text: 'INSERT INTO pipeline_rows (id, note) VALUES ($1, $2)', values: [4, 'after the failure'] },
    ]);
    expect(await count()).toBe(2);
  });

  it('gives each statement a snapshot taken when it starts: after a lock it waited for, the next sees what the holder committed', async () => {
    await t.gw.services.db.query("INSERT INTO pipeline_rows (id, note) VALUES (10, 'locked')");
    const holder = t.gw.services.db.createQueryRunner();
    await holder.startTransaction();
    try {
      await holder.query('SELECT id FROM pipeline_rows WHERE id = 10 FOR UPDATE');
      await holder.query("INSERT INTO pipeline_rows (id, note) VALUES (11, 'written while holding the lock')");
      const waiting = pipeline(db, [
        { text: 'SELECT id FROM pipeline_rows WHERE id = $1 FOR UPDATE', values: [10] },
        { text: 'SELECT COUNT(*) AS n FROM pipeline_rows WHERE id > $1', values: [10] },
      ]);
      await new Promise((r) => setTimeout(r, 200));
      await holder.commitTransaction();
      const [, [{ n }]] = await waiting;
      expect(Number(n)).toBe(1);
    } finally {
      await holder.release();
    }
  });

  it('prepares its statements once per connection, and nothing with DATABASE_PREPARED_STATEMENTS off', async () => {
    const statements = [
      { text: 'SELECT $1::int AS a', values: [1] },
      { text: 'SELECT $1::int + 1 AS b', values: [1] },
    ];
    expect(await pipeline(db, statements)).toEqual([[{ a: 1 }], [{ b: 2 }]]);
    const first = await prepared(db, statements);
    expect(first).toHaveLength(2);
    for (let k = 0; k < 3; k++) expect(await pipeline(db, statements)).toEqual([[{ a: 1 }], [{ b: 2 }]]);
    expect(await prepared(db, statements)).toEqual(first);

    const plain = await connection(false);
    try {
      expect(await pipeline(plain, statements)).toEqual([[{ a: 1 }], [{ b: 2 }]]);
      expect(await prepared(plain, statements)).toEqual([]);
    } finally {
      await plain.destroy();
    }
  });
});

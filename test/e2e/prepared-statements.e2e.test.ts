import type { DataSource } from 'typeorm';
import { RecordFeeDocument } from '../generated/graphql';
import { MAX_PREPARED_PER_CONNECTION } from '../../src/database/preparing-pg-client';
import { OperationClaimer } from '../../src/modules/writeback/operation-claimer';
import { daysAgo, mappedBorrower } from '../helpers/fixtures';
import { oneConnection, usingPostgres } from '../helpers/test-database';
import { ok, useTestGateway, type TestGateway } from '../helpers/test-gateway';

/**
 * On Postgres each statement is parsed and planned once per connection. A running gateway must
 * keep working when a newer one's migration adds a column, and the server's memory for prepared
 * statements stays bounded.
 */
(usingPostgres() ? describe : describe.skip)('prepared statements on Postgres', () => {
  const t = useTestGateway({ skipDemo: true, env: { WORKER_ENABLED: 'false' } });
  let db: DataSource;

  const connection = (preparedStatements: boolean) => oneConnection(t.gw.services.config.database, preparedStatements);
  const prepared = async (ds: DataSource) => ((await ds.query('SELECT statement FROM pg_prepared_statements')) as { statement: string }[]).map((r) => r.statement);
  const recordFee = (tg: TestGateway, companyId: string, externalId: string) =>
    tg.gql(RecordFeeDocument, { companyId, input: { externalId, amount: '3.00', currency: 'GBP', date: daysAgo(1), reference: externalId, description: null } });

  beforeAll(async () => {
    db = await connection(true);
  });
  afterAll(() => db?.destroy());

  it('prepares a claim once, and the claim keeps working after a newer gateway adds a column', async () => {
    const [first, second] = [await mappedBorrower(t, { name: 'Prepared One Ltd' }), await mappedBorrower(t, { name: 'Prepared Two Ltd' })];
    ok(await recordFee(t, first.id, 'prepared-1'));
    const claimer = new OperationClaimer(db, 'worker-prepared', 60_000, async () => 1000);
    expect((await claimer.claim(10)).flat().map((op) => op.companyId)).toContain(first.id);
    // The statements that take due operations, due heads, their operations and a batch's lines, each prepared once.
    const claims = (await prepared(db)).filter((s) => /^\s*UPDATE writeback_(queue_heads SET due_at|operations SET status = 'IN_PROGRESS')/.test(s));
    expect(claims).toHaveLength(4);

    await t.gw.services.db.query('ALTER TABLE writeback_operations ADD COLUMN added_later text');
    try {
      ok(await recordFee(t, second.id, 'prepared-2'));
      const claimed = (await claimer.claim(10)).flat();
      expect(claimed.map((op) => op.companyId)).toContain(second.id);
      expect(claimed.every((op) => op.status === 'IN_PROGRESS' && op.claimToken)).toBe(true);
    } finally {
      await t.gw.services.db.query('ALTER TABLE writeback_operations DROP COLUMN added_later');
    }
  });

  it('leaves statements returning a table\'s every column unprepared, and prepares a bounded number per connection', async () => {
    expect(await db.query('SELECT * FROM writeback_queue_heads WHERE stream = $1', ['NONE'])).toEqual([]);
    expect((await prepared(db)).filter((s) => s.includes('SELECT *'))).toEqual([]);
    for (let k = 0; k < MAX_PREPARED_PER_CONNECTION + 10; k++) {
      expect(await db.query(`SELECT $1::int + ${k} AS n`, [1])).toEqual([{ n: 1 + k }]);
    }
    expect(await prepared(db)).toHaveLength(MAX_PREPARED_PER_CONNECTION);
  });

  it('prepares nothing with DATABASE_PREPARED_STATEMENTS off', async () => {
    const plain = await connection(false);
    try {
      expect(await plain.query('SELECT $1::int AS n', [7])).toEqual([{ n: 7 }]);
      expect(await prepared(plain)).toEqual([]);
    } finally {
      await plain.destroy();
    }
  });
});

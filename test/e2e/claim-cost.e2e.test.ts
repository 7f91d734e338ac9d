import { randomUUID } from 'node:crypto';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { OperationClaimer } from '../../src/modules/writeback/operation-claimer';
import { usingPostgres } from '../helpers/test-database';
import { useTestGateway } from '../helpers/test-gateway';

interface Plan {
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
}

/**
 * After an outage a backlog is recorded faster than Postgres refreshes its statistics. A claim
 * must still cost what it claims: the pages its statements touch do not grow with the backlog.
 */
(usingPostgres() ? describe : describe.skip)('the cost of a claim on Postgres', () => {
  const t = useTestGateway({ skipDemo: true, env: { WORKER_ENABLED: 'false' } });
  const CLAIM = 16;

  /** `count` operations of one ordered stream spread over `companies`. */
  const insert = (companies: string[], status: string, count: number) =>
    t.gw.services.db.query(
      `INSERT INTO writeback_operations (id, company_id, kind, stream, status, payload, attempts, idempotency_key, next_attempt_at, created_at, updated_at)
       SELECT gen_random_uuid(), ($1::varchar[])[1 + g % $2], 'SPEND_MONEY', 'LEDGER', $3, '{}', 0, md5(random()::text), 0, now(), now()
       FROM generate_series(0, $4 - 1) AS g`,
      [companies, companies.length, status, count],
    );

  /** Pages touched by a claim of the heads of `CLAIM` new companies, each with `depth` operations queued, on top of what the table holds. */
  async function claimCost(depth: number): Promise<number> {
    const db = t.gw.services.db;
    const companies = Array.from({ length: CLAIM }, () => randomUUID());
    await insert(companies, 'PENDING', CLAIM * depth);
    await db.query(
      `INSERT INTO writeback_queue_heads (company_id, stream, head_seq, due_at)
       SELECT company_id, stream, MIN(seq), 0 FROM writeback_operations WHERE company_id = ANY($1) GROUP BY company_id, stream`,
      [companies],
    );
    // Each of the claim's statements is first run under EXPLAIN ANALYZE and undone.
    let pages = 0;
    const query = PostgresQueryRunner.prototype.query;
    const run = (runner: PostgresQueryRunner, ...args: unknown[]) => (query as (...a: unknown[]) => Promise<unknown>).apply(runner, args);
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(async function (this: PostgresQueryRunner, text: string, params?: unknown[], ...rest: unknown[]) {
      if (/^\s*(UPDATE|SELECT|INSERT|DELETE|WITH)\b/i.test(text)) {
        await run(this, 'SAVEPOINT claim_cost');
        const [{ 'QUERY PLAN': [{ Plan: plan }] }] = (await run(this, `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${text}`, params)) as { 'QUERY PLAN': { Plan: Plan }[] }[];
        await run(this, 'ROLLBACK TO SAVEPOINT claim_cost');
        pages += plan['Shared Hit Blocks'] + plan['Shared Read Blocks'];
      }
      return run(this, text, params, ...rest);
    } as typeof query);
    try {
      const claimed = (await new OperationClaimer(db, `cost-${depth}`, 60_000, async () => 1).claim(CLAIM)).flat();
      // One head per company, the rest of each queue waiting behind it.
      expect(claimed.map((op) => op.companyId).sort()).toEqual([...companies].sort());
    } finally {
      spy.mockRestore();
    }
    return pages;
  }

  it('touches at most 1.5 times as many pages with 40,000 operations queued as with 160, while the statistics still describe a delivered history', async () => {
    const db = t.gw.services.db;
    // This test's own database: its statistics stay as they are until it is dropped.
    await db.query('ALTER TABLE writeback_operations SET (autovacuum_enabled = false)');
    await insert([randomUUID(), randomUUID()], 'SUCCEEDED', 2_000);
    await db.query('ANALYZE writeback_operations');

    const small = await claimCost(10);
    const large = await claimCost(2_500);
    expect(large).toBeLessThanOrEqual(1.5 * small);
  });
});

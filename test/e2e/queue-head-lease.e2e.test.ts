import { RecordFeeDocument } from '../generated/graphql';
import { runSql } from '../../src/common/sql';
import { OperationClaimer } from '../../src/modules/writeback/operation-claimer';
import { OperationExecutor } from '../../src/modules/writeback/operation-executor';
import { WritebackOperationEntity } from '../../src/modules/writeback/writeback-operation.entity';
import { books, clearFaults, daysAgo, injectFault, mappedBorrower } from '../helpers/fixtures';
import { ok, useTestGateway } from '../helpers/test-gateway';

/**
 * A write whose provider call outlives the lease it was claimed with: the worker renews the lease
 * and, with it, the due time of its stream's queue head, so no other worker reads the live write
 * as due, takes it over or posts it a second time.
 */
describe('queue heads follow lease renewal', () => {
  const LEASE_MS = 1000;
  const t = useTestGateway({ skipDemo: true, env: { WORKER_LEASE_MS: String(LEASE_MS) } });
  afterEach(() => clearFaults(t));

  it('keeps a slow delivery to its worker: the head is due only when the renewed lease runs out, and the write is posted once', async () => {
    const b = await mappedBorrower(t);
    const { db, connections, config, log } = t.gw.services;
    await t.gw.worker.stop();
    try {
      const fee = ok(await t.gql(RecordFeeDocument, { companyId: b.id, input: { externalId: 'slow-fee', amount: '7.00', currency: 'GBP', date: daysAgo(1), reference: 'slow-fee', description: null } })).recordFee;
      const spendId = fee.operations.find((o) => o.kind === 'SPEND_MONEY')!.id;
      // The provider holds its answer for three leases' length.
      await injectFault(t, { fault: 'SLOW_RESPONSE', delayMs: 3 * LEASE_MS, match: { pathIncludes: '/push/directCosts', companyId: b.codatCompanyId } });
      const executor = new OperationExecutor({ db, connections, config, log });
      const a = new OperationClaimer(db, 'worker-a', LEASE_MS, async () => 1000);
      const mine = (await a.claim(10)).find((batch) => batch[0].id === spendId);
      expect(mine).toBeDefined();
      const delivering = executor.execute(mine!);

      // Another worker keeps claiming for as long as the slow answer takes.
      const other = new OperationClaimer(db, 'worker-b', 60_000, async () => 1000);
      const taken: string[] = [];
      const heads: { due: number; lease: number }[] = [];
      let done = false;
      void delivering.finally(() => (done = true));
      while (!done) {
        for (const batch of await other.claim(10)) taken.push(...batch.map((op) => op.id));
        const op = await db.getRepository(WritebackOperationEntity).findOneByOrFail({ id: spendId });
        const [head] = await runSql<{ due_at: string | number }>(db, 'SELECT due_at FROM writeback_queue_heads WHERE company_id = $1 AND stream = $2 AND head_seq = $3', [b.id, op.stream, op.seq]);
        if (op.status === 'IN_PROGRESS' && head) heads.push({ due: Number(head.due_at), lease: op.leaseExpiresAt! });
        await new Promise((r) => setTimeout(r, 100));
      }
      await delivering;

      expect(taken).not.toContain(spendId);
      // The lease was renewed past its first end, and the head's due time went with it.
      expect(Math.max(...heads.map((h) => h.lease)) - Math.min(...heads.map((h) => h.lease))).toBeGreaterThan(LEASE_MS);
      expect(heads.filter((h) => h.due < h.lease)).toEqual([]);
      const posts = t.sandbox.store.requestLog.filter((r: { method: string; path: string }) => r.method === 'POST' && r.path.includes('/push/directCosts') && r.path.includes(b.codatCompanyId));
      expect(posts).toHaveLength(1);
      const copies = (await books(t, b.codatCompanyId)).directCosts.filter((c: { reference?: string }) => c.reference?.includes('slow-fee'));
      expect(copies.length).toBeLessThanOrEqual(1);
    } finally {
      t.gw.worker.start();
    }
  });
});

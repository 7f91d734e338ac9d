import {
  CreateLenderBankAccountDocument,
  EnsureLenderSupplierDocument,
  RecordFeeDocument,
  RetryWritebackOperationDocument,
  SetWritebackEnabledDocument,
  WritebackOperationDocument,
  WritebackOperationsDocument,
} from '../generated/graphql';
import { randomUUID } from 'node:crypto';
import { transact } from '../../src/common/transaction';
import { OperationClaimer } from '../../src/modules/writeback/operation-claimer';
import { OperationExecutor } from '../../src/modules/writeback/operation-executor';
import { readOperation } from '../../src/modules/writeback/operation-payload';
import { lockHead, refreshHead } from '../../src/modules/writeback/queue-heads';
import { WritebackOperationEntity } from '../../src/modules/writeback/writeback-operation.entity';
import { books, clearFaults, daysAgo, eventually, injectFault, mappedBorrower, newBorrower, settled } from '../helpers/fixtures';
import { ok, useTestGateway } from '../helpers/test-gateway';

type Borrower = Awaited<ReturnType<typeof mappedBorrower>>;

/**
 * The delivery rule: a write whose outcome is unknown is searched for in the books before it is
 * sent again or called FAILED; saves are fenced to the worker holding the claim; waiting on the
 * provider does not use up attempts. WORKER_MAX_ATTEMPTS=1 makes every first send the last one.
 */
describe('delivery rule: exactly once, never FAILED while in the books', () => {
  const t = useTestGateway({ skipDemo: true, env: { WORKER_MAX_ATTEMPTS: '1' } });
  let b: Borrower;
  let day = 60;

  beforeAll(async () => {
    b = await mappedBorrower(t);
  });
  afterEach(() => clearFaults(t));

  const repo = () => t.gw.services.db.getRepository(WritebackOperationEntity);
  const operation = async (id: string) => ok(await t.gql(WritebackOperationDocument, { id })).writebackOperation;
  const postsOf = (path: string, companyId: string) =>
    t.sandbox.store.requestLog.filter((r: { method: string; path: string }) => r.method === 'POST' && r.path.includes(path) && r.path.includes(companyId)).length;

  async function recordFee(borrower: Borrower, externalId: string) {
    day -= 1;
    const event = ok(await t.gql(RecordFeeDocument, { companyId: borrower.id, input: { externalId, amount: '12.00', currency: 'GBP', date: daysAgo(day), reference: externalId, description: null } })).recordFee;
    return { spend: event.operations.find((o) => o.kind === 'SPEND_MONEY')!, line: event.operations.find((o) => o.kind === 'STATEMENT_LINE')! };
  }

  async function copiesInBooks(externalId: string) {
    return (await books(t, b.codatCompanyId)).directCosts.filter((c: { reference?: string }) => c.reference?.includes(externalId));
  }

  it('does not FAIL a push created by the last attempt whose status could not be read: it finds it in the books', async () => {
    // Every poll of the push answers 500 (the client's own retries included), so only the books can tell.
    await injectFault(t, { fault: 'SERVER_ERROR', count: 40, match: { method: 'GET', pathIncludes: '/push/', companyId: b.codatCompanyId } });
    const { spend } = await recordFee(b, 'fee-landed-last');
    await settled(t, b.id);
    const op = await operation(spend.id);
    const copies = await copiesInBooks('fee-landed-last');
    expect(op.status).toBe('SUCCEEDED');
    expect(copies).toHaveLength(1);
    expect(op.providerRecordIds).toEqual([copies[0].id]);
    expect(postsOf('/push/directCosts', b.codatCompanyId)).toBeGreaterThanOrEqual(1);
  });

  it('does not FAIL a write whose last answer was lost while its push is still pending: it waits for the push, then finds it', async () => {
    // The push is created, its answer lost, and it stays pending: the books cannot show it yet.
    const match = { method: 'POST', pathIncludes: '/push/directCosts', companyId: b.codatCompanyId };
    await injectFault(t, { fault: 'LOSE_RESPONSE', count: 1, match });
    await injectFault(t, { fault: 'STAY_PENDING', count: 1, match });
    const posts = postsOf('/push/directCosts', b.codatCompanyId);
    const { spend } = await recordFee(b, 'fee-lost-pending');
    await eventually(async () => (await operation(spend.id)).attempts === 1 && postsOf('/push/directCosts', b.codatCompanyId) > 0);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await operation(spend.id)).status).not.toBe('FAILED');

    await clearFaults(t);
    await settled(t, b.id);
    const op = await operation(spend.id);
    const copies = await copiesInBooks('fee-lost-pending');
    expect(op.status).toBe('SUCCEEDED');
    expect(copies).toHaveLength(1);
    expect(op.providerRecordIds).toEqual([copies[0].id]);
    expect(postsOf('/push/directCosts', b.codatCompanyId)).toBe(posts + 1);
  });

  /** The company's one write of `kind`: the mutation that queued it may have answered PENDING or an error. */
  async function setupWrite(companyId: string, kind: string) {
    const ops = ok(await t.gql(WritebackOperationsDocument, { companyId, status: null, first: 50, after: null })).writebackOperations.nodes.filter((o) => o.kind === kind);
    expect(ops).toHaveLength(1);
    return ops[0];
  }

  it('does not FAIL, nor create again, a set-up write whose answer was lost while its push is still pending: it waits for the push, then finds it', async () => {
    const fresh = await newBorrower(t, 'Pending Lender Account Ltd');
    // The lender account's push is created, its answer lost, and it stays pending: the bank accounts cannot show it yet.
    const match = { method: 'POST', pathIncludes: '/push/bankAccounts', companyId: fresh.codatCompanyId };
    await injectFault(t, { fault: 'LOSE_RESPONSE', count: 1, match });
    await injectFault(t, { fault: 'STAY_PENDING', count: 1, match });
    await t.gql(CreateLenderBankAccountDocument, { companyId: fresh.id, input: { name: 'Acme Invoice Finance', currency: 'GBP', sortCode: '404784', accountNumber: '70872490' } });
    const { id } = await setupWrite(fresh.id, 'CREATE_BANK_ACCOUNT');
    await eventually(async () => (await operation(id)).attempts === 1 && postsOf('/push/bankAccounts', fresh.codatCompanyId) > 0);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await operation(id)).status).not.toBe('FAILED');

    await clearFaults(t);
    await settled(t, fresh.id);
    const op = await operation(id);
    const copies = (await books(t, fresh.codatCompanyId)).bankAccounts.filter((a: { accountName: string }) => a.accountName === 'Acme Invoice Finance');
    expect(op.status).toBe('SUCCEEDED');
    expect(copies).toHaveLength(1);
    expect(op.providerRecordIds).toEqual([copies[0].id]);
    expect(postsOf('/push/bankAccounts', fresh.codatCompanyId)).toBe(1);
  });

  it('does not FAIL, nor create again, a set-up write whose answer was lost and whose push completed before its data type was synced: it syncs, then finds it', async () => {
    const fresh = await newBorrower(t, 'Unsynced Supplier Ltd');
    const store = t.sandbox.store;
    // Reads show each data type as of its last sync, as Codat's do: the completed push shows only after a sync of suppliers.
    store.setReadsAfterSync(true);
    try {
      await injectFault(t, { fault: 'LOSE_RESPONSE', count: 1, match: { method: 'POST', pathIncludes: '/push/suppliers', companyId: fresh.codatCompanyId } });
      await t.gql(EnsureLenderSupplierDocument, { companyId: fresh.id, input: { name: 'Northgate Receivables Finance' } });
      const { id } = await setupWrite(fresh.id, 'CREATE_SUPPLIER');
      await settled(t, fresh.id);
      const op = await operation(id);
      const copies = (await books(t, fresh.codatCompanyId)).suppliers.filter((s: { supplierName: string }) => s.supplierName === 'Northgate Receivables Finance');
      expect(op.status).toBe('SUCCEEDED');
      expect(copies).toHaveLength(1);
      expect(op.providerRecordIds).toEqual([copies[0].id]);
      expect(postsOf('/push/suppliers', fresh.codatCompanyId)).toBe(1);
    } finally {
      store.setReadsAfterSync(false);
    }
  });

  it('lets throttling wait: several 429s do not use up the attempts', async () => {
    await injectFault(t, { fault: 'RATE_LIMIT', retryAfterSeconds: 0, count: 4, match: { pathIncludes: '/push/directCosts', companyId: b.codatCompanyId } });
    const { spend } = await recordFee(b, 'fee-throttled');
    await settled(t, b.id);
    const op = await operation(spend.id);
    expect(op.status).toBe('SUCCEEDED');
    expect(op.attempts).toBe(1);
    expect(await copiesInBooks('fee-throttled')).toHaveLength(1);
  });

  it('retrying a FAILED write that is in the books marks it SUCCEEDED without posting it again', async () => {
    const { spend } = await recordFee(b, 'fee-failed-but-landed');
    await settled(t, b.id);
    const [landed] = await copiesInBooks('fee-failed-but-landed');
    // As an earlier gateway left it: FAILED after its last attempt, though the push had landed.
    await repo().update({ id: spend.id }, { status: 'FAILED', providerOperationId: null, providerRecordIds: null, lastError: 'gave up after 1 attempts: Codat did not answer' });
    const posts = postsOf('/push/directCosts', b.codatCompanyId);

    ok(await t.gql(RetryWritebackOperationDocument, { id: spend.id }));
    const done = await eventually(async () => {
      const o = await operation(spend.id);
      return o.status !== 'PENDING' && o.status !== 'IN_PROGRESS' && o;
    });
    expect(done.status).toBe('SUCCEEDED');
    expect(done.providerRecordIds).toEqual([landed.id]);
    expect(await copiesInBooks('fee-failed-but-landed')).toHaveLength(1);
    expect(postsOf('/push/directCosts', b.codatCompanyId)).toBe(posts);
  });

  it('gives each statement line of a batch found by a look-up its own record id', async () => {
    const held = await mappedBorrower(t, { enabled: false });
    const fees = [];
    for (const n of [1, 2, 3]) {
      day -= 1;
      fees.push(ok(await t.gql(RecordFeeDocument, { companyId: held.id, input: { externalId: `batch-${n}`, amount: `${n}.00`, currency: 'GBP', date: daysAgo(day), reference: `batch-${n}`, description: null } })).recordFee);
    }
    // The batch's push lands but times out: the lines are found in the books by their markers.
    await injectFault(t, { fault: 'TIME_OUT', applied: true, match: { pathIncludes: '/bankTransactions', companyId: held.codatCompanyId } });
    ok(await t.gql(SetWritebackEnabledDocument, { companyId: held.id, enabled: true, releaseHeld: true }));
    await settled(t, held.id);

    const lines = await Promise.all(fees.map((f) => operation(f.operations.find((o) => o.kind === 'STATEMENT_LINE')!.id)));
    expect(postsOf('/push/bankAccounts/', held.codatCompanyId)).toBe(1);
    const inBooks = (await books(t, held.codatCompanyId)).bankAccounts.find((a: { id: string }) => a.id === held.lenderId).statementLines.map((l: { id: string }) => l.id);
    for (const line of lines) {
      expect(line.status).toBe('SUCCEEDED');
      expect(line.providerRecordIds).toEqual([line.id]);
      expect(inBooks.filter((id: string) => id === line.id)).toHaveLength(1);
    }
  });

  it('a rejected batch of statement lines queued again while a worker claims books every line: none is SUCCEEDED by the push of another line', async () => {
    const { db, connections, config, log } = t.gw.services;
    const held = await mappedBorrower(t, { enabled: false });
    const fees = [];
    for (const n of [1, 2, 3, 4]) {
      day -= 1;
      fees.push(ok(await t.gql(RecordFeeDocument, { companyId: held.id, input: { externalId: `rejected-batch-${n}`, amount: `${n}.00`, currency: 'GBP', date: daysAgo(day), reference: `rejected-batch-${n}`, description: null } })).recordFee);
    }
    const lineIds = fees.map((f) => f.operations.find((o) => o.kind === 'STATEMENT_LINE')!.id);
    // The provider rejects the batch's push: every line of it is FAILED, together.
    await injectFault(t, { fault: 'FAIL', message: 'The bank feed is not connected', match: { pathIncludes: '/bankTransactions', companyId: held.codatCompanyId } });
    ok(await t.gql(SetWritebackEnabledDocument, { companyId: held.id, enabled: true, releaseHeld: true }));
    await settled(t, held.id);
    const failed = await Promise.all(lineIds.map((id) => repo().findOneByOrFail({ id })));
    expect(failed.map((op) => op.status)).toEqual(['FAILED', 'FAILED', 'FAILED', 'FAILED']);
    expect(new Set(failed.map((op) => op.batchId)).size).toBe(1);

    // A retry queues the whole batch again in one statement. Replay by hand the interleaving that
    // re-queueing line by line allowed: another gateway's worker claims while only the first line is
    // queued again, and sends it alone; then the other lines are queued again behind it.
    await t.gw.worker.stop();
    const requeue = (ops: WritebackOperationEntity[]) =>
      transact(db, async (m) => {
        await lockHead(m, held.id, 'FEED');
        for (const op of ops) {
          await m.update(WritebackOperationEntity, { seq: op.seq }, { status: 'PENDING', attempts: 0, idempotencyKey: randomUUID(), providerOperationId: null, outcomeUnknown: true, firstAttemptAt: null, nextAttemptAt: Date.now(), completedAt: null });
        }
        await refreshHead(m, held.id, 'FEED');
      });
    await requeue(failed.slice(0, 1));
    const executor = new OperationExecutor({ db, connections, config, log });
    const claimed = await new OperationClaimer(db, 'other-gateway', 60_000, async () => 1000).claim(10);
    expect(claimed.map((batch) => batch.map((op) => op.id))).toEqual([[lineIds[0]]]);
    await executor.execute(claimed[0]);
    expect((await repo().findOneByOrFail({ id: lineIds[0] })).providerOperationId).not.toBeNull();
    await requeue(failed.slice(1));
    t.gw.worker.start();
    await settled(t, held.id);

    const inBooks = (await books(t, held.codatCompanyId)).bankAccounts.find((a: { id: string }) => a.id === held.lenderId).statementLines.map((l: { id: string }) => l.id);
    for (const id of lineIds) {
      const line = await operation(id);
      expect({ id, status: line.status, providerRecordIds: line.providerRecordIds }).toEqual({ id, status: 'SUCCEEDED', providerRecordIds: [id] });
      expect({ id, copies: inBooks.filter((booked: string) => booked === id).length }).toEqual({ id, copies: 1 });
    }
  });

  it('does not post again a write sent by a worker that died before recording the attempt: the next claim finds it in the books', async () => {
    const { db, connections, config, log } = t.gw.services;
    await t.gw.worker.stop();
    try {
      const { spend } = await recordFee(b, 'fee-died-mid-send');
      // Worker A claims and sends at once, as a fresh claim does, then dies before saving anything.
      const [dying] = (await new OperationClaimer(db, 'worker-a', 1000, async () => 1000).claim(10)).filter((batch) => batch[0].id === spend.id);
      const op = readOperation(dying[0]);
      if (op.kind !== 'SPEND_MONEY') throw new Error(`expected a fee's spend, got ${op.kind}`);
      const { adapter, conn } = await connections.resolve(b.id);
      await adapter.postSpendMoney(conn, op.payload, { idempotencyKey: dying[0].idempotencyKey });
      const posts = postsOf('/push/directCosts', b.codatCompanyId);
      expect((await repo().findOneByOrFail({ id: spend.id })).attempts).toBe(0);

      await new Promise((r) => setTimeout(r, 1100));
      const executor = new OperationExecutor({ db, connections, config, log });
      const [takenOver] = (await new OperationClaimer(db, 'worker-b', 60_000, async () => 1000).claim(10)).filter((batch) => batch[0].id === spend.id);
      expect(takenOver[0].outcomeUnknown).toBe(true);
      await executor.execute(takenOver);

      const after = await operation(spend.id);
      const copies = await copiesInBooks('fee-died-mid-send');
      expect(after.status).toBe('SUCCEEDED');
      expect(copies).toHaveLength(1);
      expect(after.providerRecordIds).toEqual([copies[0].id]);
      expect(postsOf('/push/directCosts', b.codatCompanyId)).toBe(posts);
    } finally {
      t.gw.worker.start();
    }
  });

  it("refuses a stale worker's save: a worker whose lease ran out cannot overwrite the new holder's SUCCEEDED", async () => {
    const { db, connections, config, log } = t.gw.services;
    await t.gw.worker.stop();
    try {
      const { spend } = await recordFee(b, 'fee-stale-worker');
      const executor = new OperationExecutor({ db, connections, config, log });
      // Worker A claims with a lease that runs out at once; worker B takes the operation over and delivers it.
      const stale = (await new OperationClaimer(db, 'worker-a', 1, async () => 1000).claim(10)).find((batch) => batch[0].id === spend.id)!;
      expect(stale).toBeDefined();
      await new Promise((r) => setTimeout(r, 20));
      const fresh = new OperationClaimer(db, 'worker-b', 60_000, async () => 1000);
      await eventually(async () => {
        for (const batch of await fresh.claim(10)) await executor.execute(batch);
        return (await repo().findOneByOrFail({ id: spend.id })).status === 'SUCCEEDED';
      }, 15000, 'worker B to deliver the fee');
      const delivered = await repo().findOneByOrFail({ id: spend.id });
      const posts = postsOf('/push/directCosts', b.codatCompanyId);

      // Worker A wakes up and carries on with its stale copy; the provider throttles it, its only attempt.
      await injectFault(t, { fault: 'RATE_LIMIT', retryAfterSeconds: 0, count: 5, match: { pathIncludes: '/push/directCosts', companyId: b.codatCompanyId } });
      await executor.execute(stale);

      const after = await repo().findOneByOrFail({ id: spend.id });
      expect(after.status).toBe('SUCCEEDED');
      expect(after.providerRecordIds).toEqual(delivered.providerRecordIds);
      expect(after.attempts).toBe(delivered.attempts);
      expect(postsOf('/push/directCosts', b.codatCompanyId)).toBe(posts);
      expect(await copiesInBooks('fee-stale-worker')).toHaveLength(1);
    } finally {
      t.gw.worker.start();
    }
  });
});

describe('delivery rule: waiting on a rate limit never gives up', () => {
  const t = useTestGateway({ skipDemo: true, env: { WORKER_GIVE_UP_AFTER_MS: '1000' } });

  it('delivers a write throttled for longer than WORKER_GIVE_UP_AFTER_MS, once, without using attempts', async () => {
    const b = await mappedBorrower(t);
    await injectFault(t, { fault: 'RATE_LIMIT', retryAfterSeconds: 1, count: 3, match: { pathIncludes: '/push/directCosts', companyId: b.codatCompanyId } });
    const started = Date.now();
    const event = ok(await t.gql(RecordFeeDocument, { companyId: b.id, input: { externalId: 'fee-long-throttle', amount: '12.00', currency: 'GBP', date: daysAgo(3), reference: 'fee-long-throttle', description: null } })).recordFee;
    const spend = event.operations.find((o) => o.kind === 'SPEND_MONEY')!;
    await settled(t, b.id);
    const op = ok(await t.gql(WritebackOperationDocument, { id: spend.id })).writebackOperation;
    expect(Date.now() - started).toBeGreaterThan(2000);
    expect(op.status).toBe('SUCCEEDED');
    expect(op.attempts).toBe(1);
    expect((await books(t, b.codatCompanyId)).directCosts.filter((c: { reference?: string }) => c.reference?.includes('fee-long-throttle'))).toHaveLength(1);
  });
});

import { RecordFeeDocument } from '../generated/graphql';
import { runSql } from '../../src/common/sql';
import { ClaimedSaves, LostClaim, type Batch } from '../../src/modules/writeback/claimed-saves';
import { OperationExecutor } from '../../src/modules/writeback/operation-executor';
import { OperationClaimer } from '../../src/modules/writeback/operation-claimer';
import { WritebackOperationEntity } from '../../src/modules/writeback/writeback-operation.entity';
import { daysAgo, mappedBorrower } from '../helpers/fixtures';
import { ok, useTestGateway } from '../helpers/test-gateway';

/**
 * The end of a delivery is saved only by the worker that still holds the claim, and whole: the
 * outcome of every member of a batch and the move of its stream's queue head together, or nothing.
 */
describe('fenced end-of-delivery saves', () => {
  const t = useTestGateway({ skipDemo: true });
  let companyId: string;
  let day = 30;

  beforeAll(async () => {
    companyId = (await mappedBorrower(t)).id;
    await t.gw.worker.stop();
    // Two fees: two writes in the ledger's stream, and two statement lines that go out as one batch.
    await recordFee('fenced-1');
    await recordFee('fenced-2');
  });

  const db = () => t.gw.services.db;
  const saves = () => new ClaimedSaves(db(), 60_000, t.gw.services.log);
  const claimer = (owner: string, leaseMs: number) => new OperationClaimer(db(), owner, leaseMs, async () => 1000);
  const recordFee = async (externalId: string, company = companyId) =>
    ok(await t.gql(RecordFeeDocument, { companyId: company, input: { externalId, amount: '3.00', currency: 'GBP', date: daysAgo(day--), reference: externalId, description: null } })).recordFee;
  const head = async (stream: string) =>
    (await runSql<{ head_seq: number }>(db(), 'SELECT head_seq FROM writeback_queue_heads WHERE company_id = $1 AND stream = $2', [companyId, stream])).map((r) => Number(r.head_seq))[0] ?? null;
  const stored = (batch: Batch) => Promise.all(batch.map((op) => db().getRepository(WritebackOperationEntity).findOneByOrFail({ seq: op.seq })));
  const succeeded = { status: 'SUCCEEDED' as const, outcomeUnknown: false, completedAt: Date.now(), lastError: null };

  it('saves nothing of a batch whose claim holds only part of it: no member SUCCEEDED, the head unmoved', async () => {
    const batch = (await claimer('worker-c', 1).claim(10)).find((b) => b[0].stream === 'FEED' && b.length > 1)!;
    expect(batch).toBeDefined();
    const feedHead = await head('FEED');
    expect(feedHead).toBe(batch[0].seq);
    // Another worker's claim on the last member.
    await runSql(db(), 'UPDATE writeback_operations SET claim_token = $1 WHERE seq = $2', ['someone-else', batch[batch.length - 1].seq]);

    await expect(saves().save(batch, succeeded, batch.map((op) => [`line-${op.seq}`]))).rejects.toBeInstanceOf(LostClaim);
    for (const op of await stored(batch)) expect(op).toMatchObject({ status: 'IN_PROGRESS', providerRecordIds: null });
    expect(await head('FEED')).toBe(feedHead);
  });

  it("refuses the outcome of a worker whose claim was taken over, and leaves the stream's head where it was", async () => {
    const stale = (await claimer('worker-a', 1).claim(10)).find((batch) => batch[0].stream === 'LEDGER')!;
    await new Promise((r) => setTimeout(r, 20));
    const fresh = (await claimer('worker-b', 60_000).claim(10)).find((batch) => batch[0].seq === stale[0].seq)!;
    expect(fresh[0].claimToken).not.toBe(stale[0].claimToken);

    await expect(saves().save(stale, succeeded, [['stale-record']])).rejects.toBeInstanceOf(LostClaim);
    const [after] = await stored(stale);
    expect(after).toMatchObject({ status: 'IN_PROGRESS', claimToken: fresh[0].claimToken, providerRecordIds: null });
    expect(await head('LEDGER')).toBe(stale[0].seq);

    // The holder's own outcome moves the head on to the stream's next fee.
    await saves().save(fresh, succeeded, [['fresh-record']]);
    expect((await stored(fresh))[0]).toMatchObject({ status: 'SUCCEEDED', providerRecordIds: ['fresh-record'] });
    const next = await head('LEDGER');
    expect(next).toBeGreaterThan(fresh[0].seq);
  });

  it('lets a statement line claimed with a batch it was not sent with leave the batch: pending again, of unknown outcome, out of the claim', async () => {
    const other = (await mappedBorrower(t)).id;
    await recordFee('stray-1', other);
    await recordFee('stray-2', other);
    const batch = (await claimer('worker-e', 60_000).claim(50)).find((b) => b[0].companyId === other && b[0].stream === 'FEED')!;
    expect(batch).toHaveLength(2);
    // The batch's push was sent with its head alone; the other line joined the batch after.
    await runSql(db(), 'UPDATE writeback_operations SET provider_operation_id = $1 WHERE seq = $2', ['push-of-the-head', batch[0].seq]);
    batch[0].providerOperationId = 'push-of-the-head';
    const [, stray] = batch;

    const { connections, config, log } = t.gw.services;
    await new OperationExecutor({ db: db(), connections, config, log }).execute(batch);

    expect((await stored([stray]))[0]).toMatchObject({ status: 'PENDING', batchId: null, claimToken: null, leaseOwner: null, outcomeUnknown: true });
  });
});

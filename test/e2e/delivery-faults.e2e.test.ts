import { RecordFeeDocument, RetryWritebackOperationDocument, WritebackOperationDocument } from '../generated/graphql';
import { BORROWER_FIXTURES, type FaultTarget, type NeutralFault } from '../helpers/borrowers';
import { daysAgo, eventually, mappedBorrower, settled } from '../helpers/fixtures';
import { ok, useTestGateway } from '../helpers/test-gateway';

/**
 * Each fault the provider can throw at a delivery, injected in its sandbox: the write must end up
 * in the books exactly once (or, for a rejection, not at all until retried).
 */
describe.each(BORROWER_FIXTURES)('delivery through provider faults, on $provider', (fixture) => {
  const t = useTestGateway({ skipDemo: true, env: { WORKER_MAX_ATTEMPTS: '6' } });
  let b: Awaited<ReturnType<typeof mappedBorrower<object>>>;
  let day = 40;
  const can = (...kinds: NeutralFault[]) => (kinds.every((k) => fixture.faultKinds.includes(k)) ? it : it.skip);

  beforeAll(async () => {
    b = await mappedBorrower(t, { fixture });
  });
  afterEach(() => fixture.clearFaults(t));

  /** The fee's copies in the books: the records carrying its write's marker. */
  const copies = async (opId: string) => (await fixture.entries(t, b.ref)).filter((e) => e.markers.includes(opId));

  async function feeThrough(fault: { fault: NeutralFault; count?: number; retryAfterSeconds?: number; message?: string; on?: FaultTarget } | null, externalId: string, timeoutMs = 30_000) {
    if (fault) await fixture.injectFault(t, b.ref, { on: 'fee', ...fault });
    const before = await fixture.entries(t, b.ref);
    day -= 1;
    const event = ok(await t.gql(RecordFeeDocument, { companyId: b.id, input: { externalId, amount: '25.00', currency: fixture.currency, date: daysAgo(day), reference: externalId, description: null } })).recordFee;
    await settled(t, b.id, timeoutMs);
    const after = await fixture.entries(t, b.ref);
    const spend = event.operations.find((o) => o.kind === 'SPEND_MONEY')!;
    const op = ok(await t.gql(WritebackOperationDocument, { id: spend.id })).writebackOperation;
    return { mine: await copies(spend.id), op, newEntries: after.length - before.length };
  }

  it('waits out a 429 and its Retry-After, then delivers once', async () => {
    const started = Date.now();
    const { mine, op } = await feeThrough({ fault: 'RATE_LIMIT', retryAfterSeconds: 1, count: 2 }, 'fee-429');
    expect(op.status).toBe('SUCCEEDED');
    expect(mine).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('retries a 500 and delivers once', async () => {
    const { mine, op } = await feeThrough({ fault: 'SERVER_ERROR', count: 2 }, 'fee-500');
    expect(op.status).toBe('SUCCEEDED');
    expect(mine).toHaveLength(1);
    expect((await fixture.requestsFor(t, 'fee')).filter((r) => r.status === 500).length).toBeGreaterThanOrEqual(2);
  });

  it('does not post again when the response was lost after the write landed', async () => {
    const { mine, op, newEntries } = await feeThrough({ fault: 'LOST_RESPONSE' }, 'fee-lost');
    expect(op.status).toBe('SUCCEEDED');
    expect(mine).toHaveLength(1);
    expect(newEntries).toBe(1);
    expect(op.providerRecordIds).toEqual([mine[0].id]);
    expect(mine[0].whole).toBe(true);
  });

  it('posts once a write whose request never arrived', async () => {
    const { mine, op, newEntries } = await feeThrough({ fault: 'LOST_REQUEST' }, 'fee-never-arrived');
    expect(op.status).toBe('SUCCEEDED');
    expect(mine).toHaveLength(1);
    expect(newEntries).toBe(1);
  });

  can('SERVER_ERROR_AFTER_WRITE')('finds a write answered 500 after it landed, instead of posting it again', async () => {
    const { mine, op, newEntries } = await feeThrough({ fault: 'SERVER_ERROR_AFTER_WRITE', count: 2 }, 'fee-500-landed');
    expect(op.status).toBe('SUCCEEDED');
    expect(newEntries).toBe(1);
    expect(op.providerRecordIds).toEqual([mine[0].id]);
  });

  (fixture.faultTargets.includes('second-step') ? it : it.skip).each([
    ['the answer to the second step is lost', 'LOST_RESPONSE'],
    ['the second step fails with a 500', 'SERVER_ERROR'],
    ['the second step is written, then answered 500', 'SERVER_ERROR_AFTER_WRITE'],
  ] as const)('completes a two-step write once when %s', async (_why, fault) => {
    const { mine, op, newEntries } = await feeThrough({ fault, on: 'second-step', count: 2 }, `fee-step-${fault.toLowerCase()}`);
    expect(op.status).toBe('SUCCEEDED');
    expect(newEntries).toBe(1);
    expect(mine.map((e) => e.whole)).toEqual([true]);
    expect((await fixture.requestsFor(t, 'second-step')).length).toBeGreaterThanOrEqual(2);
  });

  (fixture.faultTargets.includes('second-step') ? it : it.skip)('never gives up a write whose first step is in the books: it completes once the second goes through', async () => {
    // One failure more than the attempts allowed: giving up would leave the first step in the books under a FAILED operation.
    const { mine, op, newEntries } = await feeThrough({ fault: 'SERVER_ERROR', on: 'second-step', count: 7 }, 'fee-step-outlasts-attempts', 100_000);
    expect(op.status).toBe('SUCCEEDED');
    expect(op.attempts).toBeGreaterThan(6);
    expect(newEntries).toBe(1);
    expect(mine.map((e) => e.whole)).toEqual([true]);
  }, 120_000);

  (fixture.faultTargets.includes('second-step') ? it : it.skip)('never gives up a write whose first step landed unseen on its last attempt: it completes it', async () => {
    // Five 500s, then, on the last attempt allowed, a 500 after the first step is written: the
    // search on giving up finds that step alone in the books, which must not end as FAILED.
    await fixture.injectFault(t, b.ref, { on: 'fee', fault: 'SERVER_ERROR', count: 5 });
    await fixture.injectFault(t, b.ref, { on: 'fee', fault: 'SERVER_ERROR_AFTER_WRITE', count: 1 });
    const { mine, op, newEntries } = await feeThrough(null, 'fee-first-step-unseen', 100_000);
    expect(op.status).toBe('SUCCEEDED');
    expect(op.attempts).toBeGreaterThan(6);
    expect(newEntries).toBe(1);
    expect(mine.map((e) => e.whole)).toEqual([true]);
  }, 120_000);

  can('TIMED_OUT_LANDED')('finds a timed-out write that landed, instead of posting it again', async () => {
    const { mine, op, newEntries } = await feeThrough({ fault: 'TIMED_OUT_LANDED' }, 'fee-timeout-landed');
    expect(op.status).toBe('SUCCEEDED');
    expect(newEntries).toBe(1);
    expect(op.providerRecordIds).toEqual([mine[0].id]);
  });

  can('TIMED_OUT_NOT_LANDED')('posts again, once, a timed-out write that did not land', async () => {
    const { mine, op, newEntries } = await feeThrough({ fault: 'TIMED_OUT_NOT_LANDED' }, 'fee-timeout-lost');
    expect(op.status).toBe('SUCCEEDED');
    expect(mine).toHaveLength(1);
    expect(newEntries).toBe(1);
  });

  can('REJECTED')('ends a provider rejection as FAILED with its message, and retries it on request', async () => {
    const { mine, op } = await feeThrough({ fault: 'REJECTED', message: 'The contact is archived' }, 'fee-rejected');
    expect(op.status).toBe('FAILED');
    expect(op.lastError).toMatch(/contact is archived/);
    expect(ok(await t.gql(WritebackOperationDocument, { id: op.id })).writebackOperation.failure).toBe('REJECTED');
    expect(mine).toHaveLength(0);

    const retried = ok(await t.gql(RetryWritebackOperationDocument, { id: op.id })).retryWritebackOperation;
    expect(retried.status).toMatch(/PENDING|IN_PROGRESS|SUCCEEDED/);
    const done = await eventually(async () => {
      const o = ok(await t.gql(WritebackOperationDocument, { id: op.id })).writebackOperation;
      return o.status === 'SUCCEEDED' && o;
    });
    expect(await copies(op.id)).toHaveLength(1);
    expect(done.attempts).toBe(1);
    expect(done.failure).toBeNull();
  });

  it('gives up after the maximum attempts and says why', async () => {
    const { op, mine } = await feeThrough({ fault: 'SERVER_ERROR', count: 50 }, 'fee-gave-up');
    expect(op.status).toBe('FAILED');
    expect(op.attempts).toBe(6);
    expect(op.lastError).toMatch(/gave up after 6 attempts/);
    expect(ok(await t.gql(WritebackOperationDocument, { id: op.id })).writebackOperation.failure).toBe('GAVE_UP');
    expect(mine).toHaveLength(0);
  });
});

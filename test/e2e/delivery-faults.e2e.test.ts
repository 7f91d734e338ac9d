import { RecordFeeDocument, RetryWritebackOperationDocument, WritebackOperationDocument } from '../generated/graphql';
import { books, clearFaults, daysAgo, eventually, injectFault, mappedBorrower, settled } from '../helpers/fixtures';
import { ok, useTestGateway } from '../helpers/test-gateway';

/**
 * Each fault the provider can throw at a delivery, injected in the Codat sandbox: the write
 * must end up in the books exactly once (or, for a rejection, not at all until retried).
 */
describe('delivery through provider faults', () => {
  const t = useTestGateway({ skipDemo: true, env: { WORKER_MAX_ATTEMPTS: '6' } });
  let b: Awaited<ReturnType<typeof mappedBorrower>>;
  let day = 40;

  beforeAll(async () => {
    b = await mappedBorrower(t);
  });
  afterEach(() => clearFaults(t));

  async function feeThrough(fault: Record<string, unknown> | null, externalId: string) {
    if (fault) await injectFault(t, { match: { pathIncludes: '/push/directCosts', companyId: b.codatCompanyId }, ...fault });
    const before = await books(t, b.codatCompanyId);
    day -= 1;
    const event = ok(await t.gql(RecordFeeDocument, { companyId: b.id, input: { externalId, amount: '25.00', currency: 'GBP', date: daysAgo(day), reference: externalId, description: null } })).recordFee;
    await settled(t, b.id);
    const after = await books(t, b.codatCompanyId);
    const mine = after.directCosts.filter((c: { reference?: string }) => c.reference?.includes(externalId));
    const spend = event.operations.find((o) => o.kind === 'SPEND_MONEY')!;
    const op = ok(await t.gql(WritebackOperationDocument, { id: spend.id })).writebackOperation;
    return { mine, op, newCosts: after.directCosts.length - before.directCosts.length };
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
    expect(t.sandbox.store.requestLog.filter((r: { path: string; status: number }) => r.path.includes('/push/directCosts') && r.status === 500).length).toBeGreaterThanOrEqual(2);
  });

  it('does not post again when the response was lost after the write landed', async () => {
    const { mine, op, newCosts } = await feeThrough({ fault: 'LOSE_RESPONSE' }, 'fee-lost');
    expect(op.status).toBe('SUCCEEDED');
    expect(mine).toHaveLength(1);
    expect(newCosts).toBe(1);
  });

  it('finds a timed-out write that landed, instead of posting it again', async () => {
    const { mine, op, newCosts } = await feeThrough({ fault: 'TIME_OUT', applied: true }, 'fee-timeout-landed');
    expect(op.status).toBe('SUCCEEDED');
    expect(newCosts).toBe(1);
    expect(op.providerRecordIds).toEqual([mine[0].id]);
  });

  it('posts again, once, a timed-out write that did not land', async () => {
    const { mine, op, newCosts } = await feeThrough({ fault: 'TIME_OUT', applied: false }, 'fee-timeout-lost');
    expect(op.status).toBe('SUCCEEDED');
    expect(mine).toHaveLength(1);
    expect(newCosts).toBe(1);
  });

  it('ends a provider rejection as FAILED with its message, and retries it on request', async () => {
    const { mine, op } = await feeThrough({ fault: 'FAIL', message: 'The contact is archived' }, 'fee-rejected');
    expect(op.status).toBe('FAILED');
    expect(op.lastError).toMatch(/contact is archived/);
    expect(mine).toHaveLength(0);

    const retried = ok(await t.gql(RetryWritebackOperationDocument, { id: op.id })).retryWritebackOperation;
    expect(retried.status).toMatch(/PENDING|IN_PROGRESS|SUCCEEDED/);
    const done = await eventually(async () => {
      const o = ok(await t.gql(WritebackOperationDocument, { id: op.id })).writebackOperation;
      return o.status === 'SUCCEEDED' && o;
    });
    const after = await books(t, b.codatCompanyId);
    expect(after.directCosts.filter((c: { reference?: string }) => c.reference?.includes('fee-rejected'))).toHaveLength(1);
    expect(done.attempts).toBe(1);
  });

  it('gives up after the maximum attempts and says why', async () => {
    const { op, mine } = await feeThrough({ fault: 'SERVER_ERROR', count: 50 }, 'fee-gave-up');
    expect(op.status).toBe('FAILED');
    expect(op.attempts).toBe(6);
    expect(op.lastError).toMatch(/gave up after 6 attempts/);
    expect(mine).toHaveLength(0);
  });
});

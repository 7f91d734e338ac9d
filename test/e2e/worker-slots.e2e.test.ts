import { RecordFeeDocument } from '../generated/graphql';
import { daysAgo, mappedBorrower, settled } from '../helpers/fixtures';
import { ok, useTestGateway } from '../helpers/test-gateway';

/**
 * A worker slot is for work: a push just sent waits a moment before its status is asked, and
 * meanwhile the slot takes another delivery. One slot (WORKER_CONCURRENCY=1) and a poll interval
 * long enough that the wait is its longest (100 ms) make the order of the exchanges show it.
 */
describe('worker slots', () => {
  const t = useTestGateway({ skipDemo: true, env: { WORKER_CONCURRENCY: '1', WORKER_POLL_MS: '1000' } });

  it('sends the next write while an accepted push waits to be asked about, with one slot', async () => {
    const b = await mappedBorrower(t);
    t.sandbox.store.clearRequestLog();
    // One fee: a direct cost and a statement line, on two streams, each a push to follow.
    const fee = ok(await t.gql(RecordFeeDocument, { companyId: b.id, input: { externalId: 'slot-fee', amount: '9.00', currency: 'GBP', date: daysAgo(3), reference: 'slot-fee', description: null } })).recordFee;
    const ops = await settled(t, b.id);
    expect(ops.filter((o) => fee.operations.some((f) => f.id === o.id)).map((o) => o.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);

    const pushes = t.sandbox.store.requestLog.filter((r) => r.path.includes(b.codatCompanyId) && r.path.includes('/push'));
    const kinds = pushes.map((r) => (r.method === 'POST' ? 'send' : 'ask'));
    // Held through the wait, the one slot would give send, ask, send, ask.
    expect(kinds).toEqual(['send', 'send', 'ask', 'ask']);
  });
});

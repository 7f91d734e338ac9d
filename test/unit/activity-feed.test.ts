import { ActivityFeed, type ActivityOperation } from '../../web/settings/src/activity-feed.loader';
import type { Api } from '../../web/settings/src/api.client';

/** A writebackOperations list as the API pages it: oldest first, cursors after a position. */
function fakeApi(ops: ActivityOperation[]) {
  const calls: (string | null)[] = [];
  const api = (async (_doc: unknown, vars: { after: string | null; first: number }) => {
    calls.push(vars.after);
    const start = vars.after === null ? 0 : Number(vars.after);
    const nodes = ops.slice(start, start + vars.first);
    const end = start + nodes.length;
    return { writebackOperations: { nodes, pageInfo: { hasNextPage: end < ops.length, endCursor: nodes.length ? String(end) : null } } };
  }) as unknown as Api;
  return { api, calls };
}

const op = (i: number, status: ActivityOperation['status'] = 'PENDING') => ({ id: `op-${i}`, status }) as ActivityOperation;

describe('the activity feed of the settings page', () => {
  it('shows the latest operations newest first, and polls only the last two pages again', async () => {
    const ops = Array.from({ length: 450 }, (_, i) => op(i));
    const { api, calls } = fakeApi(ops);
    const feed = new ActivityFeed(api, 'company-1', 50);

    const first = await feed.refresh();
    expect(first.total).toBe(450);
    expect(first.latest.map((o) => o.id).slice(0, 2)).toEqual(['op-449', 'op-448']);
    expect(first.latest).toHaveLength(50);
    expect(calls).toEqual([null, '200', '400']);

    calls.length = 0;
    ops.push(...Array.from({ length: 160 }, (_, i) => op(450 + i)));
    const second = await feed.refresh();
    expect(calls).toEqual(['200', '400', '600']);
    expect(second.total).toBe(610);
    expect(second.latest[0].id).toBe('op-609');

    calls.length = 0;
    const third = await feed.refresh();
    expect(calls).toEqual(['400', '600']);
    expect(third.total).toBe(610);
    expect(third.latest.map((o) => o.id)).toEqual(second.latest.map((o) => o.id));
  });

  it('sees a status change of a shown operation on the next poll', async () => {
    const ops = Array.from({ length: 3 }, (_, i) => op(i));
    const { api } = fakeApi(ops);
    const feed = new ActivityFeed(api, 'company-1');
    expect((await feed.refresh()).latest.map((o) => o.status)).toEqual(['PENDING', 'PENDING', 'PENDING']);
    ops[1] = op(1, 'FAILED');
    expect((await feed.refresh()).latest.map((o) => o.status)).toEqual(['PENDING', 'FAILED', 'PENDING']);
  });
});

import request from 'supertest';
import { PREFIX, sandboxKit } from './sandbox-test-kit';

describe('Codat sandbox: the request log', () => {
  it('keeps only the latest exchanges, oldest first, and the admin route shows them', async () => {
    const kit = sandboxKit({ requestLogSize: 3 });
    for (let i = 1; i <= 5; i++) await kit.get(`/companies/${kit.companyId}?n=${i}`);
    const res = await request(kit.app).get(`${PREFIX}/_sandbox/requests`);
    expect(res.status).toBe(200);
    expect(res.body.map((r: { query: { n: string } }) => r.query.n)).toEqual(['3', '4', '5']);
    expect(kit.store.requestLog.map((r) => r.query.n)).toEqual(['3', '4', '5']);
  });

  it('lets an observer count every exchange, also those the ring has forgotten', async () => {
    const kit = sandboxKit({ requestLogSize: 2 });
    const seen: string[] = [];
    const stop = kit.store.requests.observe((entry) => seen.push(entry.query.n));
    for (let i = 1; i <= 4; i++) await kit.get(`/companies/${kit.companyId}?n=${i}`);
    stop();
    await kit.get(`/companies/${kit.companyId}?n=5`);
    expect(seen).toEqual(['1', '2', '3', '4']);
    expect(kit.store.requestLog).toHaveLength(2);
  });

  it('starts empty again once cleared, through the admin route', async () => {
    const kit = sandboxKit({ requestLogSize: 2 });
    for (let i = 1; i <= 3; i++) await kit.get(`/companies/${kit.companyId}?n=${i}`);
    expect((await request(kit.app).delete(`${PREFIX}/_sandbox/requests`)).status).toBe(204);
    await kit.get(`/companies/${kit.companyId}?n=9`);
    expect(kit.store.requestLog.map((r) => r.query.n)).toEqual(['9']);
  });
});

import { PREFIX, expectErrorMessage, sandboxKit, until, type SandboxKit } from './sandbox-test-kit';

describe('Codat sandbox: injected faults', () => {
  let kit: SandboxKit;
  beforeEach(() => {
    kit = sandboxKit();
  });
  afterEach(() => expect(kit.violations).toEqual([]));

  const fault = async (spec: object) => {
    const res = await kit.admin.post(`${PREFIX}/_sandbox/faults`).send(spec);
    expect(res.status).toBe(201);
    return res.body;
  };
  const supplierCount = () => kit.store.books(kit.companyId).suppliers.length;
  const pushSupplier = (name: string, key?: string) => kit.post(`${kit.conn}/push/suppliers`, { supplierName: name, status: 'Active' }, key);

  it('RATE_LIMIT answers 429 with Retry-After and applies nothing', async () => {
    await fault({ fault: 'RATE_LIMIT', retryAfterSeconds: 7, match: { method: 'POST' } });
    const before = supplierCount();
    const limited = await pushSupplier('Limited Ltd');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');
    expectErrorMessage(limited.body, 429);
    expect(kit.store.pushes.list(kit.companyId)).toEqual([]);
    const after = await pushSupplier('Limited Ltd');
    expect(after.status).toBe(200);
    await kit.settled(after.body.pushOperationKey);
    expect(supplierCount()).toBe(before + 1);
  });

  it('SERVER_ERROR answers 500 and applies nothing; reads can be hit too', async () => {
    await fault({ fault: 'SERVER_ERROR', count: 2 });
    const failedPush = await pushSupplier('Broken Ltd');
    expect(failedPush.status).toBe(500);
    expectErrorMessage(failedPush.body, 500);
    expect((await kit.get(`/companies/${kit.companyId}/data/suppliers`)).status).toBe(500);
    expect((await kit.get(`/companies/${kit.companyId}/data/suppliers`)).status).toBe(200);
    expect(kit.store.pushes.list(kit.companyId)).toEqual([]);
  });

  it('LOSE_RESPONSE applies the push, then drops the connection without an answer', async () => {
    await fault({ fault: 'LOSE_RESPONSE', match: { pathIncludes: '/push/suppliers' } });
    const before = supplierCount();
    await expect(pushSupplier('Ghost Ltd', 'lost-1')).rejects.toThrow(/socket hang up|ECONNRESET/);
    const [op] = kit.store.pushes.list(kit.companyId);
    expect(op.dataType).toBe('suppliers');
    expect((await kit.settled(op.pushOperationKey)).status).toBe('Success');
    expect(supplierCount()).toBe(before + 1);
    const lost = kit.exchanges.find((ex) => ex.responseLost)!;
    expect(lost).toMatchObject({ method: 'POST', status: 200, responseBody: { pushOperationKey: op.pushOperationKey, status: 'Pending' } });
    expect(kit.store.requestLog.filter((r) => r.responseLost)).toEqual([expect.objectContaining({ method: 'POST', status: 200 })]);

    const retry = await pushSupplier('Ghost Ltd', 'lost-1');
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ pushOperationKey: op.pushOperationKey, status: 'Success' });
    expect(supplierCount()).toBe(before + 1);
  });

  it('FAIL completes the operation Failed with the given message, and books nothing', async () => {
    await fault({ fault: 'FAIL', message: 'Xero is unavailable for this organisation' });
    const before = supplierCount();
    const done = await kit.settled((await pushSupplier('Refused Ltd')).body.pushOperationKey);
    expect(done).toMatchObject({ status: 'Failed', statusCode: 400 });
    expect(done.validation.errors).toEqual([{ itemId: null, message: 'Xero is unavailable for this organisation', validatorName: 'Supplier' }]);
    expect(supplierCount()).toBe(before);
  });

  it('STAY_PENDING holds the operation Pending until the faults are cleared', async () => {
    await fault({ fault: 'STAY_PENDING' });
    const held = (await pushSupplier('Held Ltd')).body.pushOperationKey;
    const other = await pushSupplier('Free Ltd');
    expect((await kit.settled(other.body.pushOperationKey)).status).toBe('Success');
    expect((await kit.get(`/companies/${kit.companyId}/push/${held}`)).body.status).toBe('Pending');
    expect((await kit.admin.delete(`${PREFIX}/_sandbox/faults`)).status).toBe(204);
    expect((await kit.settled(held)).status).toBe('Success');
  });

  it.each([
    [false, 0],
    [true, 1],
  ])('TIME_OUT with applied=%s ends TimedOut and books %i supplier', async (applied, added) => {
    await fault({ fault: 'TIME_OUT', applied });
    const before = supplierCount();
    const done = await kit.settled((await pushSupplier('Late Ltd')).body.pushOperationKey);
    expect(done).toMatchObject({ status: 'TimedOut', changes: [], completedOnUtc: expect.any(String) });
    expect(supplierCount()).toBe(before + added);
  });

  it('SLOW_RESPONSE delays the answer; faults match by company and are consumed count times', async () => {
    const other = kit.store.createCompany('Elsewhere Ltd');
    kit.store.addAccountingConnection(other.id);
    await fault({ fault: 'SERVER_ERROR', count: 2, match: { companyId: other.id } });
    expect((await kit.get(`/companies/${kit.companyId}`)).status).toBe(200);
    expect((await kit.get(`/companies/${other.id}`)).status).toBe(500);
    expect((await kit.admin.get(`${PREFIX}/_sandbox/faults`)).body).toEqual([expect.objectContaining({ fault: 'SERVER_ERROR', count: 1 })]);
    expect((await kit.get(`/companies/${other.id}`)).status).toBe(500);
    expect((await kit.get(`/companies/${other.id}`)).status).toBe(200);

    await fault({ fault: 'SLOW_RESPONSE', delayMs: 30 });
    const started = Date.now();
    expect((await kit.get(`/companies/${kit.companyId}`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('refuses an unknown fault', async () => {
    const res = await kit.admin.post(`${PREFIX}/_sandbox/faults`).send({ fault: 'EXPLODE' });
    expect(res.status).toBe(400);
  });

  it('changes settings and clears the request log over the admin routes', async () => {
    const res = await kit.admin.patch(`${PREFIX}/_sandbox/settings`).send({ pushDelayMs: 1, maxPageSize: 3 });
    expect(res.body).toEqual({ pushDelayMs: 1, maxPageSize: 3, readsAfterSync: false });
    expect((await kit.get(`/companies/${kit.companyId}/data/accounts`)).body.results).toHaveLength(3);
    expect((await kit.admin.patch(`${PREFIX}/_sandbox/settings`).send({ maxPageSize: 0 })).status).toBe(400);
    expect((await kit.admin.get(`${PREFIX}/_sandbox/requests`)).body.length).toBeGreaterThan(0);
    await kit.admin.delete(`${PREFIX}/_sandbox/requests`);
    expect((await kit.admin.get(`${PREFIX}/_sandbox/requests`)).body).toEqual([]);
  });

  it('reset() forgets companies, operations and faults', async () => {
    await fault({ fault: 'FAIL' });
    await until(() => kit.store.faults.list().length === 1);
    kit.store.reset();
    expect(kit.store.hasCompany(kit.companyId)).toBe(false);
    expect(kit.store.faults.list()).toEqual([]);
    expect(kit.store.settings).toEqual({ pushDelayMs: 5, maxPageSize: 5000, readsAfterSync: false });
  });
  describe('random faults', () => {
    const random = async (spec: object) => {
      const res = await kit.admin.post(`${PREFIX}/_sandbox/faults/random`).send(spec);
      expect(res.status).toBe(201);
      return res.body;
    };
    const statuses = async (n: number) => {
      const seen: number[] = [];
      for (let i = 0; i < n; i++) seen.push((await kit.get(`/companies/${kit.companyId}`)).status);
      return seen;
    };

    it('faults requests at the given rate, with the kinds given, and the same seed draws the same faults', async () => {
      await random({ rate: 0.3, kinds: ['SERVER_ERROR'], seed: 7 });
      const first = await statuses(200);
      const failed = first.filter((s) => s === 500).length;
      expect(failed).toBeGreaterThan(40);
      expect(failed).toBeLessThan(80);
      expect(first.every((s) => s === 200 || s === 500)).toBe(true);
      expect((await kit.admin.get(`${PREFIX}/_sandbox/faults/random`)).body).toMatchObject({ requests: 200, operations: 0, applied: { SERVER_ERROR: failed } });

      await random({ rate: 0.3, kinds: ['SERVER_ERROR'], seed: 7 });
      expect(await statuses(200)).toEqual(first);
      await random({ rate: 0.3, kinds: ['SERVER_ERROR'], seed: 8 });
      expect(await statuses(200)).not.toEqual(first);
    });

    it('gives each request at most one exchange fault, of every kind listed', async () => {
      await random({ rate: 1, kinds: ['RATE_LIMIT', 'SERVER_ERROR', 'LOSE_RESPONSE', 'SLOW_RESPONSE'], seed: 3, delayMs: 5, retryAfterSeconds: 2 });
      const seen: string[] = [];
      for (let i = 0; i < 40; i++) {
        const res = await kit.get(`/companies/${kit.companyId}`).then((r) => `${r.status}${r.headers['retry-after'] ? ` retry-after ${r.headers['retry-after']}` : ''}`, (e: Error) => e.message);
        seen.push(res);
      }
      const state = (await kit.admin.get(`${PREFIX}/_sandbox/faults/random`)).body;
      expect(state.requests).toBe(40);
      expect(Object.values(state.applied as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(40);
      expect(seen.filter((s) => s === '429 retry-after 2')).toHaveLength(state.applied.RATE_LIMIT);
      expect(seen.filter((s) => s === '500')).toHaveLength(state.applied.SERVER_ERROR);
      expect(seen.filter((s) => /socket hang up|ECONNRESET/.test(s))).toHaveLength(state.applied.LOSE_RESPONSE);
      expect(seen.filter((s) => s === '200')).toHaveLength(state.applied.SLOW_RESPONSE);
      for (const kind of ['RATE_LIMIT', 'SERVER_ERROR', 'LOSE_RESPONSE', 'SLOW_RESPONSE']) expect(state.applied[kind]).toBeGreaterThan(0);
    });

    it('draws operation faults for push operations: FAIL books nothing, TIME_OUT books or not', async () => {
      await random({ rate: 1, kinds: ['FAIL'], seed: 1, message: 'Refused at random' });
      const before = supplierCount();
      expect((await kit.get(`/companies/${kit.companyId}`)).status).toBe(200);
      const failed = await kit.settled((await pushSupplier('Unlucky Ltd')).body.pushOperationKey);
      expect(failed).toMatchObject({ status: 'Failed', validation: { errors: [expect.objectContaining({ message: 'Refused at random' })] } });
      expect(supplierCount()).toBe(before);

      await random({ rate: 1, kinds: ['TIME_OUT'], seed: 1, applied: true });
      expect((await kit.settled((await pushSupplier('Late Ltd')).body.pushOperationKey)).status).toBe('TimedOut');
      expect(supplierCount()).toBe(before + 1);
      await random({ rate: 1, kinds: ['TIME_OUT'], seed: 1, applied: false });
      expect((await kit.settled((await pushSupplier('Later Ltd')).body.pushOperationKey)).status).toBe('TimedOut');
      expect(supplierCount()).toBe(before + 1);
      expect((await kit.admin.get(`${PREFIX}/_sandbox/faults/random`)).body).toMatchObject({ operations: 1, applied: { TIME_OUT: 1 }, timeOutsLanded: 0 });
    });

    it('holds STAY_PENDING operations for a while only; clearing the faults switches random faults off', async () => {
      // The hold is long enough for the first read to land inside it on a loaded machine.
      await random({ rate: 1, kinds: ['STAY_PENDING'], holdMs: 1500 });
      const held = (await pushSupplier('Held Ltd')).body.pushOperationKey;
      expect((await kit.get(`/companies/${kit.companyId}/push/${held}`)).body.status).toBe('Pending');
      const deadline = Date.now() + 6000;
      while ((await kit.get(`/companies/${kit.companyId}/push/${held}`)).body.status === 'Pending' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect((await kit.get(`/companies/${kit.companyId}/push/${held}`)).body.status).toBe('Success');

      expect((await kit.admin.delete(`${PREFIX}/_sandbox/faults`)).status).toBe(204);
      expect((await kit.admin.get(`${PREFIX}/_sandbox/faults/random`)).status).toBe(404);
      expect(await statuses(5)).toEqual([200, 200, 200, 200, 200]);
    });

    it('refuses a bad rate or an unknown kind', async () => {
      for (const spec of [{}, { rate: 1.5 }, { rate: 0.2, kinds: ['EXPLODE'] }, { rate: 0.2, kinds: [] }, { rate: 0.2, seed: 1.5 }]) {
        expect((await kit.admin.post(`${PREFIX}/_sandbox/faults/random`).send(spec)).status).toBe(400);
      }
    });
  });
});

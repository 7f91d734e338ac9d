import { CODAT_IDEMPOTENCY } from '../../src/sandbox/codat/codat-dialect';
import { IdempotencyCache } from '../../src/sandbox/kit';
import { PREFIX, sandboxKit, until, type SandboxKit } from './sandbox-test-kit';

describe('Codat sandbox: Idempotency-Key', () => {
  let kit: SandboxKit;
  beforeEach(() => {
    kit = sandboxKit();
  });
  // 409 and 422 are Codat's documented idempotency answers, which the spec leaves undeclared.
  afterEach(() => expect(kit.violations.filter((v) => !/ → (409|422):/.test(v))).toEqual([]));

  const body = { supplierName: 'Idempotent Ltd', status: 'Active' };
  const push = (key: string, payload: object = body) => kit.post(`${kit.conn}/push/suppliers`, payload, key);
  const suppliersNamed = (name: string) => kit.store.books(kit.companyId).suppliers.filter((s) => s.supplierName === name).length;

  it('replays the same operation, in its current state, for the same key and body', async () => {
    const first = await push('key-1');
    await kit.settled(first.body.pushOperationKey);
    const again = await push('key-1', { status: 'Active', supplierName: 'Idempotent Ltd' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ pushOperationKey: first.body.pushOperationKey, status: 'Success' });
    expect(kit.store.pushes.list(kit.companyId)).toHaveLength(1);
    expect(suppliersNamed('Idempotent Ltd')).toBe(1);
  });

  it('answers 422 to the same key with a different body', async () => {
    await push('key-2');
    const other = await push('key-2', { ...body, supplierName: 'Someone Else Ltd' });
    expect(other.status).toBe(422);
    expect(kit.store.pushes.list(kit.companyId)).toHaveLength(1);
  });

  it('answers 409 while the first request with the key is still being processed', async () => {
    await kit.admin.post(`${PREFIX}/_sandbox/faults`).send({ fault: 'SLOW_RESPONSE', delayMs: 2000 });
    const slow = push('key-3').then((res) => res);
    await until(() => kit.store.faults.list().length === 0);
    const concurrent = await push('key-3');
    expect(concurrent.status).toBe(409);
    expect((await slow).status).toBe(200);
    const after = await push('key-3');
    expect(after.body.pushOperationKey).toBe((await slow).body.pushOperationKey);
  });

  it('does not keep a 429: the key is free for the retry', async () => {
    await kit.admin.post(`${PREFIX}/_sandbox/faults`).send({ fault: 'RATE_LIMIT', match: { method: 'POST' } });
    expect((await push('key-4')).status).toBe(429);
    const retry = await push('key-4');
    expect(retry.status).toBe(200);
    await kit.settled(retry.body.pushOperationKey);
    expect(suppliersNamed('Idempotent Ltd')).toBe(1);
  });

  it('replays other answers too, a 500 included, as Codat documents', async () => {
    await kit.admin.post(`${PREFIX}/_sandbox/faults`).send({ fault: 'SERVER_ERROR' });
    const failed = await push('key-5');
    expect(failed.status).toBe(500);
    const replay = await push('key-5');
    expect(replay.status).toBe(500);
    expect(replay.body).toEqual(failed.body);
    expect(kit.store.pushes.list(kit.companyId)).toEqual([]);
  });

  it('scopes keys per company', async () => {
    const other = kit.store.createCompany('Other Ltd');
    const otherConnection = kit.store.addAccountingConnection(other.id);
    const here = await push('shared-key');
    const there = await kit.post(`/companies/${other.id}/connections/${otherConnection.id}/push/suppliers`, body, 'shared-key');
    expect(there.status).toBe(200);
    expect(there.body.pushOperationKey).not.toBe(here.body.pushOperationKey);
    expect(there.body.companyId).toBe(other.id);
  });

  it('creates a new operation for every push without a key', async () => {
    await push('');
    await kit.post(`${kit.conn}/push/suppliers`, { supplierName: 'No Key Ltd', status: 'Active' });
    await kit.post(`${kit.conn}/push/suppliers`, { supplierName: 'No Key Two Ltd', status: 'Active' });
    expect(kit.store.pushes.list(kit.companyId)).toHaveLength(3);
  });
});

describe('IdempotencyCache', () => {
  it('frees a key answered 429 and keeps any other answer for 90 minutes, per scope', () => {
    const cache = new IdempotencyCache(CODAT_IDEMPOTENCY);
    expect(cache.begin('c1', 'k', 'a', 0)).toEqual({ kind: 'new' });
    expect(cache.begin('c1', 'k', 'a', 1)).toEqual({ kind: 'in-flight' });
    cache.finish('c1', 'k', { status: 429, body: {} });
    expect(cache.begin('c1', 'k', 'a', 2)).toEqual({ kind: 'new' });
    cache.finish('c1', 'k', { status: 400, body: { no: 1 } });
    expect(cache.begin('c1', 'k', 'a', 3)).toEqual({ kind: 'replay', reply: { status: 400, body: { no: 1 } } });
    expect(cache.begin('c1', 'k', 'b', 4)).toEqual({ kind: 'mismatch' });
    expect(cache.begin('c2', 'k', 'b', 5)).toEqual({ kind: 'new' });
    expect(cache.begin('c1', 'k', 'b', 90 * 60 * 1000 + 10)).toEqual({ kind: 'new' });
  });
});

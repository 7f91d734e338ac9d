import express, { Router } from 'express';
import request from 'supertest';
import {
  COMMON_FAULTS, FaultQueue, IdempotencyCache, IntegerIds, RequestLog, SandboxInputError, adminRoutes, createEdge, deterministicUuid, slice,
  type ErrorDialect, type Exchange, type Reply,
} from '../../src/sandbox/kit';

/**
 * The kit carrying an emulator shaped like Sinao's: `Api-Key` auth, no idempotency keys, integer
 * ids, `ApiResponse` error bodies and offset/limit paging over bare arrays.
 */
class NotFound extends Error {}

const apiResponse = (code: number, type: string, message: string): Reply => ({ status: code, body: { code, type, message } });

const dialect: ErrorDialect = {
  unauthorized: () => apiResponse(401, 'error', 'Unauthorized'),
  rateLimited: (seconds) => ({ ...apiResponse(429, 'error', 'Too many requests'), headers: { 'Retry-After': String(seconds) } }),
  serverError: () => apiResponse(500, 'error', 'Server error'),
  keyInFlight: () => apiResponse(409, 'error', 'In flight'),
  keyMismatch: () => apiResponse(422, 'error', 'Mismatch'),
  badJson: () => apiResponse(400, 'error', 'Bad request'),
  tooLarge: () => apiResponse(413, 'error', 'Too large'),
  notFound: (message) => apiResponse(404, 'error', message ?? 'Not found'),
  badRequest: (message) => apiResponse(400, 'error', message),
  fromThrown: (error) => {
    if (error instanceof NotFound) return apiResponse(404, 'error', error.message);
    if (error instanceof SandboxInputError) return apiResponse(400, 'error', error.message);
    return apiResponse(500, 'error', `Sandbox error: ${(error as Error).message}`);
  },
};

function emulator(opts: { idempotency?: IdempotencyCache } = {}) {
  const ids = new IntegerIds(100);
  const transactions = new Map<string, { id: number; label: string }[]>();
  const store = {
    faults: new FaultQueue({ kinds: COMMON_FAULTS }),
    requests: new RequestLog(50),
    queueFault(spec: Parameters<FaultQueue['add']>[0]) {
      return this.faults.add(spec as never);
    },
    clearFaults() {
      this.faults.clear();
    },
    reset() {
      transactions.clear();
      ids.reset();
    },
  };
  const exchanges: Exchange[] = [];
  const edge = createEdge({
    dialect,
    faults: store.faults,
    log: store.requests,
    authorize: (req) => req.get('Api-Key') === 'key-1',
    scope: (req) => req.params.appId as string | undefined,
    idempotency: opts.idempotency ? { cache: opts.idempotency } : undefined,
    onExchange: (exchange) => exchanges.push(exchange),
  });
  const api = Router();
  api.use(...edge.entry);
  api.get('/apps/:appId/transactions/', edge.route((req) => {
    const all = transactions.get(String(req.params.appId)) ?? [];
    return { status: 200, body: slice(all, Number(req.query.offset ?? 0), Number(req.query.limit ?? 10)) };
  }));
  api.post('/apps/:appId/transactions/', edge.route((req) => {
    const appId = String(req.params.appId);
    const created = { id: ids.next(appId), label: String((req.body as { label?: unknown }).label) };
    transactions.set(appId, [...(transactions.get(appId) ?? []), created]);
    return { status: 200, body: created };
  }));
  api.get('/apps/:appId/transactions/:id', edge.route((req) => {
    const found = (transactions.get(String(req.params.appId)) ?? []).find((t) => String(t.id) === req.params.id);
    if (!found) throw new NotFound(`No transaction ${String(req.params.id)}`);
    return { status: 200, body: found };
  }));
  api.use(...edge.exit);
  const app = express();
  app.use('/_sandbox', adminRoutes({
    dialect,
    store,
    booksView: (appId) => {
      if (!transactions.has(appId)) throw new NotFound(`No app ${appId}`);
      return { transactions: transactions.get(appId) };
    },
    settings: { current: () => ({}), patch: () => undefined },
  }));
  app.use(api);
  return { app, store, exchanges, agent: () => request(app) };
}

describe('the sandbox kit, for a provider without idempotency keys', () => {
  const post = (kit: ReturnType<typeof emulator>, label: string, headers: Record<string, string> = {}) =>
    kit.agent().post('/apps/7/transactions/').set({ 'Api-Key': 'key-1', ...headers }).send({ label });

  it('answers in the provider dialect: no key, an unknown path, a thrown not-found, a body that is not JSON', async () => {
    const kit = emulator();
    expect((await kit.agent().get('/apps/7/transactions/')).body).toEqual({ code: 401, type: 'error', message: 'Unauthorized' });
    expect((await kit.agent().get('/nowhere').set('Api-Key', 'key-1')).body).toEqual({ code: 404, type: 'error', message: 'Not found' });
    expect((await kit.agent().get('/apps/7/transactions/5').set('Api-Key', 'key-1')).body).toEqual({ code: 404, type: 'error', message: 'No transaction 5' });
    const bad = await kit.agent().post('/apps/7/transactions/').set({ 'Api-Key': 'key-1', 'content-type': 'application/json' }).send('{"label":');
    expect(bad.body).toEqual({ code: 400, type: 'error', message: 'Bad request' });
  });

  it('posts twice when the same request is sent twice, whatever header it carries, with integer ids in sequence', async () => {
    const kit = emulator();
    const first = await post(kit, 'Fee', { 'Idempotency-Key': 'k' });
    const second = await post(kit, 'Fee', { 'Idempotency-Key': 'k' });
    expect([first.body.id, second.body.id]).toEqual([100, 101]);
    expect((await kit.agent().get('/apps/7/transactions/?offset=1&limit=5').set('Api-Key', 'key-1')).body).toEqual([{ id: 101, label: 'Fee' }]);
  });

  it('replays under a key when the provider has them', async () => {
    const kit = emulator({ idempotency: new IdempotencyCache({ retentionMs: 60_000 }) });
    const first = await post(kit, 'Fee', { 'Idempotency-Key': 'k' });
    const second = await post(kit, 'Fee', { 'Idempotency-Key': 'k' });
    expect(second.body).toEqual(first.body);
    expect((await post(kit, 'Other', { 'Idempotency-Key': 'k' })).body).toEqual({ code: 422, type: 'error', message: 'Mismatch' });
  });

  it('injects the common faults: a rate limit with Retry-After, a server error, a lost response that still lands', async () => {
    const kit = emulator();
    await kit.agent().post('/_sandbox/faults').send({ fault: 'RATE_LIMIT', retryAfterSeconds: 3 });
    const limited = await post(kit, 'Fee');
    expect([limited.status, limited.headers['retry-after'], limited.body.code]).toEqual([429, '3', 429]);
    await kit.agent().post('/_sandbox/faults').send({ fault: 'SERVER_ERROR' });
    expect((await post(kit, 'Fee')).body).toEqual({ code: 500, type: 'error', message: 'Server error' });
    await kit.agent().post('/_sandbox/faults').send({ fault: 'LOSE_RESPONSE' });
    await expect(post(kit, 'Lost')).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(kit.exchanges.at(-1)).toMatchObject({ status: 200, responseLost: true, responseBody: { id: 100, label: 'Lost' } });
    expect((await kit.agent().get('/_sandbox/companies/7/books')).body).toEqual({ transactions: [{ id: 100, label: 'Lost' }] });
  });

  it('refuses the faults of asynchronous providers, and admin input errors, in the provider dialect', async () => {
    const kit = emulator();
    const refused = await kit.agent().post('/_sandbox/faults').send({ fault: 'TIME_OUT' });
    expect(refused.body).toEqual({ code: 400, type: 'error', message: `Unknown fault; expected one of ${COMMON_FAULTS.join(', ')}.` });
    expect((await kit.agent().get('/_sandbox/faults/random')).body).toEqual({ code: 404, type: 'error', message: 'Random faults are off.' });
    expect((await kit.agent().get('/_sandbox/companies/9/books')).status).toBe(404);
  });

  it('keeps the request log, and forgets it on demand', async () => {
    const kit = emulator();
    await post(kit, 'Fee');
    expect((await kit.agent().get('/_sandbox/requests')).body).toEqual([expect.objectContaining({ method: 'POST', path: '/apps/7/transactions/', status: 200 })]);
    expect((await kit.agent().delete('/_sandbox/requests')).status).toBe(204);
    expect((await kit.agent().get('/_sandbox/requests')).body).toEqual([]);
  });
});

describe('kit helpers', () => {
  it('slice pages by offset and limit, clamping what is out of range', () => {
    expect(slice(['a', 'b', 'c', 'd'], 1, 2)).toEqual(['b', 'c']);
    expect(slice(['a', 'b'], -3, 1)).toEqual(['a']);
    expect(slice(['a', 'b'], 5, 10)).toEqual([]);
  });

  it('gives the same UUID for the same scope and label, and integer ids per scope', () => {
    expect(deterministicUuid('c1', 'x')).toBe(deterministicUuid('c1', 'x'));
    expect(deterministicUuid('c1', 'x')).not.toBe(deterministicUuid('c2', 'x'));
    expect(deterministicUuid('c1', 'x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ids = new IntegerIds();
    expect([ids.next(1), ids.next(1), ids.next(2)]).toEqual([1, 2, 1]);
  });
});

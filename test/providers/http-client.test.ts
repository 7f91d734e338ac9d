import { HttpClient, parseRetryAfter, type HttpAttemptInfo, type HttpClientOptions } from '../../src/providers/http';
import { ProviderError } from '../../src/providers/provider-error';
import { parseCodatError } from '../../src/providers/codat/codat.mappers';
import { json, startStubServer, type Handler, type RecordedRequest } from './support/stub-server';

const API_KEY = 'sk_live_0123456789abcdef';
const AUTH = `Basic ${Buffer.from(API_KEY).toString('base64')}`;

async function withServer(handler: Handler, options: Partial<HttpClientOptions>, run: (ctx: { client: HttpClient; sleeps: number[]; attempts: HttpAttemptInfo[]; requests: RecordedRequest[] }) => Promise<void>) {
  const server = await startStubServer(handler);
  const sleeps: number[] = [];
  const attempts: HttpAttemptInfo[] = [];
  const client = new HttpClient({
    baseUrl: server.url,
    providerName: 'Codat',
    authHint: 'check CODAT_API_KEY',
    parseError: parseCodatError,
    defaultHeaders: { Authorization: AUTH },
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    onRequest: (info) => attempts.push(info),
    ...options,
  });
  try {
    await run({ client, sleeps, attempts, requests: server.requests });
  } finally {
    await server.close();
  }
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  }
  throw new Error('expected the call to fail');
}

/** Answers with each of `statuses` in turn, then 200. */
function sequence(...answers: [number, unknown, Record<string, string>?][]): Handler {
  let i = 0;
  return (_req, res) => {
    const [status, body, headers] = answers[Math.min(i++, answers.length - 1)];
    json(res, status, body, headers);
  };
}

const codatError = (statusCode: number, error: string) => ({ statusCode, service: 'PublicApi', error, correlationId: '7eb40d6b415d7bcd99ce658268284056', canBeRetried: 'Unknown', detailedErrorCode: 0 });

describe('HttpClient', () => {
  it('retries a 500 and returns the parsed body of the next success', async () => {
    await withServer(sequence([500, codatError(500, 'There is a problem with our server.')], [200, { ok: true }]), {}, async ({ client, sleeps, attempts, requests }) => {
      const res = await client.request<{ ok: boolean }>({ method: 'GET', path: '/companies', query: { page: 1, skip: undefined }, retry: true });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true });
      expect(res.headers['content-type']).toBe('application/json');
      expect(requests.map((r) => r.url)).toEqual(['/companies?page=1', '/companies?page=1']);
      expect(sleeps).toEqual([125]); // full jitter: 0.5 × 250 ms
      expect(attempts.map((a) => [a.attempt, a.status])).toEqual([[1, 500], [2, 200]]);
    });
  });

  it('waits for Retry-After on a 429 before trying again', async () => {
    await withServer(sequence([429, codatError(429, 'Too many requests'), { 'Retry-After': '1' }], [200, {}]), {}, async ({ client, sleeps }) => {
      await client.request({ method: 'GET', path: '/x', retry: true });
      expect(sleeps).toEqual([1000]);
    });
  });

  it('reads Retry-After given as an HTTP date', () => {
    const now = Date.parse('2026-05-01T10:00:00Z');
    expect(parseRetryAfter('Fri, 01 May 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 01 May 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('backs off exponentially with full jitter, capped at maxDelayMs', async () => {
    await withServer(sequence([503, codatError(503, 'offline')]), { retries: 4, baseDelayMs: 100, maxDelayMs: 500, random: () => 0.999 }, async ({ client, sleeps, requests }) => {
      const err = await failure(client.request({ method: 'GET', path: '/x', retry: true }));
      expect(err.kind).toBe('TEMPORARY');
      expect(requests).toHaveLength(5);
      expect(sleeps).toEqual([99, 199, 399, 499]);
    });
  });

  it('gives up after `retries` and reports the right kind', async () => {
    await withServer(sequence([429, codatError(429, 'Too many requests'), { 'Retry-After': '2' }]), { retries: 2 }, async ({ client, requests }) => {
      const err = await failure(client.request({ method: 'GET', path: '/companies/c1/data/accounts', retry: true }));
      expect(err.kind).toBe('RATE_LIMITED');
      expect(err.retryable).toBe(true);
      expect(err.details.retryAfterMs).toBe(2000);
      expect(err.message).toBe('Codat answered 429 Too Many Requests to GET /companies/c1/data/accounts after 3 attempts; retry after 2 s');
      expect(requests).toHaveLength(3);
    });
    await withServer(sequence([502, 'Bad gateway']), { retries: 1 }, async ({ client, requests }) => {
      const err = await failure(client.request({ method: 'GET', path: '/x', retry: true }));
      expect(err.kind).toBe('TEMPORARY');
      expect(err.details.status).toBe(502);
      expect(requests).toHaveLength(2);
    });
  });

  it('hands a Retry-After longer than maxDelayMs to the caller instead of waiting', async () => {
    await withServer(sequence([429, codatError(429, 'Quota'), { 'Retry-After': '3600' }]), { maxDelayMs: 30_000 }, async ({ client, sleeps, requests }) => {
      const err = await failure(client.request({ method: 'GET', path: '/x', retry: true }));
      expect(err.kind).toBe('RATE_LIMITED');
      expect(err.details.retryAfterMs).toBe(3_600_000);
      expect(sleeps).toEqual([]);
      expect(requests).toHaveLength(1);
    });
  });

  it('does not retry when the request is not marked retryable', async () => {
    await withServer(sequence([500, codatError(500, 'boom')]), {}, async ({ client, requests }) => {
      const err = await failure(client.request({ method: 'POST', path: '/push', body: {} }));
      expect(err.kind).toBe('TEMPORARY');
      expect(err.details.maybeApplied).toBe(true);
      expect(requests).toHaveLength(1);
    });
  });

  it('normalises 4xx answers without retrying them', async () => {
    const validation = {
      ...codatError(400, 'Error processing request - not valid.'),
      validation: { errors: [{ itemId: 'NominalCode', message: 'NominalCode must not be longer than 10 characters long.', validatorName: 'Account' }], warnings: [] },
    };
    const cases: [number, unknown, string][] = [
      [400, validation, 'REJECTED'],
      [422, codatError(422, 'Idempotency key reused with a different body'), 'REJECTED'],
      [401, codatError(401, 'Unauthorized'), 'UNAUTHORIZED'],
      [403, codatError(403, 'You are using an outdated API key or a key not associated with that resource.'), 'UNAUTHORIZED'],
      [404, codatError(404, 'No company was found with ID 846ed55c'), 'NOT_FOUND'],
      [409, codatError(409, 'The data set has not been requested.'), 'TEMPORARY'],
    ];
    for (const [status, body, kind] of cases) {
      await withServer(sequence([status, body]), {}, async ({ client, requests }) => {
        const err = await failure(client.request({ method: 'GET', path: '/companies/846ed55c', retry: true }));
        expect([status, err.kind]).toEqual([status, kind]);
        expect(err.details.status).toBe(status);
        expect(requests).toHaveLength(1);
      });
    }
  });

  it('writes messages a person can act on', async () => {
    await withServer(sequence([401, codatError(401, 'Unauthorized')]), {}, async ({ client }) => {
      const err = await failure(client.request({ method: 'GET', path: '/companies/c1' }));
      expect(err.message).toBe('Codat answered 401 Unauthorized: check CODAT_API_KEY');
    });
    const invalid = { ...codatError(400, 'Error processing request - not valid.'), validation: { errors: [{ itemId: 'NominalCode', message: 'Too long', validatorName: 'Account' }] } };
    await withServer(sequence([400, invalid]), {}, async ({ client }) => {
      const err = await failure(client.request({ method: 'POST', path: '/companies/c1/push/accounts', body: {} }));
      expect(err.message).toBe('Codat answered 400 Bad Request to POST /companies/c1/push/accounts: Error processing request - not valid. (Too long) [correlation id 7eb40d6b415d7bcd99ce658268284056]');
      expect(err.details.messages).toEqual([{ field: 'NominalCode', message: 'Too long' }]);
    });
  });

  it('times out a request that gets no answer', async () => {
    const hang: Handler = () => undefined;
    // Long enough for a loaded machine to deliver the second request before the client gives up on it.
    await withServer(hang, { timeoutMs: 1000, retries: 1 }, async ({ client, requests, attempts }) => {
      const started = Date.now();
      const err = await failure(client.request({ method: 'POST', path: '/push/transfers', body: { a: 1 }, headers: { 'Idempotency-Key': 'k1' }, retry: true }));
      expect(Date.now() - started).toBeLessThan(10000);
      expect(err.kind).toBe('TEMPORARY');
      expect(err.details.maybeApplied).toBe(true);
      expect(err.message).toBe('Codat did not answer POST /push/transfers within 1000 ms after 2 attempts');
      expect(requests).toHaveLength(2);
      expect(requests.every((r) => r.headers['idempotency-key'] === 'k1')).toBe(true);
      expect(attempts.map((a) => a.status)).toEqual([null, null]);
    });
    await withServer(hang, { timeoutMs: 100, retries: 0 }, async ({ client }) => {
      const err = await failure(client.request({ method: 'GET', path: '/x', retry: true }));
      expect(err.details.maybeApplied).toBe(false);
    });
  });

  it('marks a connection dropped after sending as maybe applied, a refused connection as not', async () => {
    await withServer((_req, res) => void res.socket?.destroy(), { retries: 0 }, async ({ client }) => {
      const err = await failure(client.request({ method: 'POST', path: '/push', body: {} }));
      expect(err.kind).toBe('TEMPORARY');
      expect(err.details.maybeApplied).toBe(true);
    });
    const server = await startStubServer(() => undefined);
    const closedUrl = server.url;
    await server.close();
    const client = new HttpClient({ baseUrl: closedUrl, providerName: 'Codat', retries: 2, sleep: async () => undefined });
    const err = await failure(client.request({ method: 'POST', path: '/push', body: {}, retry: true }));
    expect(err.kind).toBe('TEMPORARY');
    expect(err.details.maybeApplied).toBe(false);
    expect(err.message).toMatch(/^Codat could not be reached for POST \/push \(ECONNREFUSED\) after 3 attempts$/);
  });

  it('never lets the Authorization header or the API key into an error', async () => {
    const echo: Handler = (req, res) => {
      const auth = String(req.headers.authorization);
      const decoded = Buffer.from(auth.replace('Basic ', ''), 'base64').toString();
      const status = req.url?.startsWith('/bad') ? 400 : req.url?.startsWith('/auth') ? 403 : 500;
      json(res, status, { error: `Header ${auth} for key ${decoded}`, validation: { errors: [{ itemId: auth, message: `key ${decoded}` }] } });
    };
    await withServer(echo, { retries: 0 }, async ({ client }) => {
      for (const path of ['/bad', '/auth', '/boom']) {
        const err = await failure(client.request({ method: 'GET', path }));
        const everything = JSON.stringify({ message: err.message, details: err.details, stack: err.stack });
        expect(everything).not.toContain(API_KEY);
        expect(everything).not.toContain(Buffer.from(API_KEY).toString('base64'));
        expect(err.message).toContain('[redacted]');
      }
    });
  });

  it('rejects a success answer whose body is not JSON as a temporary failure', async () => {
    await withServer((_req, res) => void res.end('<html>maintenance</html>'), {}, async ({ client }) => {
      const err = await failure(client.request({ method: 'GET', path: '/x' }));
      expect(err.kind).toBe('TEMPORARY');
      expect(err.message).toContain('not JSON');
    });
  });

  it('sends JSON bodies with the default and per-request headers', async () => {
    const echo: Handler = (req, res) =>
      json(res, 200, { got: JSON.parse(req.body), type: req.headers['content-type'], key: req.headers['idempotency-key'], auth: req.headers.authorization });
    await withServer(echo, {}, async ({ client }) => {
      const res = await client.request<Record<string, unknown>>({ method: 'POST', path: 'push', body: { amount: 1.5 }, headers: { 'Idempotency-Key': 'abc' } });
      expect(res.body).toEqual({ got: { amount: 1.5 }, type: 'application/json', key: 'abc', auth: AUTH });
    });
  });
});

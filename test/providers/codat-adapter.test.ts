import type { ServerResponse } from 'node:http';
import { heldCredentials } from '../../src/providers/accounting-provider';
import type { CodatProviderConnection } from '../../src/providers/codat/codat.settings';
import { CodatAdapter } from '../../src/providers/codat/codat.adapter';
import { CodatClient } from '../../src/providers/codat/codat.client';
import { ProviderError } from '../../src/providers/provider-error';
import * as F from './fixtures/codat-xero.fixtures';
import { json, startStubServer, type RecordedRequest } from './support/stub-server';

const KEY = 'codat-test-key';
const codatConn = (companyId: string, connectionId: string, apiKey?: string): CodatProviderConnection => ({
  kind: 'CODAT',
  companyId: null,
  config: { companyId, connectionId },
  credentials: heldCredentials(apiKey ? { apiKey } : null),
});
const conn = codatConn(F.company.id, F.xeroConnection.id);
const C = `/companies/${F.company.id}`;
const K = `${C}/connections/${F.xeroConnection.id}`;

type Route = (req: RecordedRequest, query: URLSearchParams) => [number, unknown] | undefined;

/** A stub answering by path; any other path is a Codat 404. */
async function codatStub(routes: Record<string, Route | [number, unknown]>) {
  const server = await startStubServer((req, res: ServerResponse) => {
    const url = new URL(req.url, 'http://stub');
    const route = routes[`${req.method} ${url.pathname}`];
    const answer = typeof route === 'function' ? route(req, url.searchParams) : route;
    const [status, body] = answer ?? [404, { statusCode: 404, service: 'PublicApi', error: `Not found: ${url.pathname}` }];
    json(res, status, body);
  });
  const adapter = new CodatAdapter({ baseUrl: server.url, apiKey: KEY, retries: 1, sleep: async () => undefined });
  return { server, adapter };
}

/** Serves `items` in pages of `cap`, whatever page size is asked for: with `next` links only, or with `totalResults` only. */
function paged(items: unknown[], cap: number, withLinks: boolean): Route {
  return (_req, query) => {
    const page = Number(query.get('page') ?? 1);
    const results = items.slice((page - 1) * cap, page * cap);
    const next = withLinks && page * cap < items.length ? { next: { href: `/x?page=${page + 1}&pageSize=${cap}` } } : {};
    return [200, { results, pageNumber: page, pageSize: cap, totalResults: withLinks ? undefined : items.length, _links: { self: { href: '/x' }, current: { href: `/x?page=${page}` }, ...next } }];
  };
}

describe('CodatClient paging', () => {
  const items = Array.from({ length: 7 }, (_, i) => ({ id: `r${i}` }));

  it.each([
    ['next links', true],
    ['totalResults only', false],
  ])('follows every page (%s) even when Codat caps the page size', async (_name, withLinks) => {
    const { server } = await codatStub({ [`GET ${C}/data/suppliers`]: paged(items, 3, withLinks) });
    try {
      const client = new CodatClient({ baseUrl: server.url, apiKey: KEY });
      const rows = await client.listAll<{ id: string }>(conn, `${C}/data/suppliers`);
      expect(rows.map((r) => r.id)).toEqual(items.map((r) => r.id));
      expect(server.requests.map((r) => new URL(r.url, 'http://x').search)).toEqual(['?page=1&pageSize=500', '?page=2&pageSize=500', '?page=3&pageSize=500']);
      expect(server.requests[0].headers.authorization).toBe(`Basic ${Buffer.from(KEY).toString('base64')}`);
    } finally {
      await server.close();
    }
  });

  it('refuses a server that ignores the page asked for', async () => {
    const { server } = await codatStub({ [`GET ${C}/data/suppliers`]: [200, { results: [{ id: 'a' }], pageNumber: 1, pageSize: 1, totalResults: 2, _links: {} }] });
    try {
      const err = await new CodatClient({ baseUrl: server.url, apiKey: KEY }).listAll(conn, `${C}/data/suppliers`).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'TEMPORARY', message: `Codat answered page 1 of ${C}/data/suppliers when asked for page 2` });
    } finally {
      await server.close();
    }
  });

  it('uses the connection’s own key before the default one, and fails clearly without any', async () => {
    const { server } = await codatStub({ [`GET ${C}/data/suppliers`]: [200, { results: [], pageNumber: 1, pageSize: 500, totalResults: 0, _links: {} }] });
    try {
      await new CodatClient({ baseUrl: server.url, apiKey: KEY }).listAll(conn, `${C}/data/suppliers`);
      await new CodatClient({ baseUrl: server.url, apiKey: KEY }).listAll(codatConn(F.company.id, F.xeroConnection.id, 'own-key'), `${C}/data/suppliers`);
      expect(server.requests.map((r) => r.headers.authorization)).toEqual([`Basic ${Buffer.from(KEY).toString('base64')}`, `Basic ${Buffer.from('own-key').toString('base64')}`]);
      const err = await new CodatClient({ baseUrl: server.url }).listAll(conn, `${C}/data/suppliers`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProviderError);
      expect((err as ProviderError).kind).toBe('UNAUTHORIZED');
    } finally {
      await server.close();
    }
  });
});

describe('CodatAdapter over HTTP', () => {
  it('verifies a linked accounting connection', async () => {
    const { server, adapter } = await codatStub({ [`GET ${C}`]: [200, F.company], [`GET ${K}`]: [200, F.xeroConnection] });
    try {
      expect(await adapter.verifyConnection(conn)).toEqual({ ok: true, companyName: F.company.name, platformName: 'Xero' });
      expect(await adapter.verifyConnection(codatConn(F.company.id, 'missing'))).toMatchObject({ ok: false, reason: expect.stringContaining('has no connection missing') });
      expect(await adapter.verifyConnection(codatConn('missing', F.xeroConnection.id))).toMatchObject({ ok: false, reason: expect.stringContaining('Codat has no company missing') });
    } finally {
      await server.close();
    }
  });

  it('throws UNAUTHORIZED when Codat refuses the key', async () => {
    const { server, adapter } = await codatStub({ [`GET ${C}`]: [401, { statusCode: 401, service: 'PublicApi', error: 'Unauthorized' }] });
    try {
      const err = await adapter.verifyConnection(conn).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'UNAUTHORIZED', message: expect.stringMatching(/^Codat answered 401 Unauthorized: check CODAT_API_KEY/) });
    } finally {
      await server.close();
    }
  });

  it('reads bank accounts without the deleted ones', async () => {
    const rows = [...F.xeroBankAccounts.results, { ...F.xeroBankAccounts.results[0], id: 'gone', metadata: { isDeleted: true } }];
    const { server, adapter } = await codatStub({ [`GET ${K}/data/bankAccounts`]: [200, { ...F.xeroBankAccounts, results: rows, pageSize: 500, totalResults: 3 }] });
    try {
      expect((await adapter.listBankAccounts(conn)).map((a) => a.id)).toEqual(F.xeroBankAccounts.results.map((a) => a.id));
    } finally {
      await server.close();
    }
  });

  it('posts a transfer with its Idempotency-Key and follows the push operation', async () => {
    const success = { ...F.xeroPendingPush, dataType: 'transfers', status: 'Success', statusCode: 200, changes: [{ type: 'Created', recordRef: { id: 'tr-1', dataType: 'transfers' } }] };
    const { server, adapter } = await codatStub({
      [`POST ${K}/push/transfers`]: [200, { ...F.xeroPendingPush, dataType: 'transfers' }],
      [`GET ${C}/push/${F.xeroPendingPush.pushOperationKey}`]: [200, success],
    });
    try {
      const input = { marker: 'wb-1', date: '2026-05-01', fromAccountId: 'lender', toAccountId: 'designated', amountMinor: 80000, currency: 'GBP', description: 'Advance' };
      const write = await adapter.postTransfer(conn, input, { idempotencyKey: 'op-1' });
      expect(write).toMatchObject({ status: 'PENDING', providerOperationId: F.xeroPendingPush.pushOperationKey });
      const post = server.requests[0];
      expect(post.headers['idempotency-key']).toBe('op-1');
      expect(JSON.parse(post.body)).toMatchObject({ description: 'Advance [wb-1]', from: { amount: 800 } });
      expect(await adapter.getWrite(conn, F.xeroPendingPush.pushOperationKey)).toMatchObject({ status: 'SUCCESS', recordIds: ['tr-1'] });
    } finally {
      await server.close();
    }
  });

  it('retries a rate-limited write with the same Idempotency-Key', async () => {
    let calls = 0;
    const { server, adapter } = await codatStub({
      [`POST ${K}/push/payments`]: () => (++calls === 1 ? [429, { statusCode: 429, error: 'Too many requests' }] : [200, F.xeroPendingPush]),
    });
    try {
      const input = { marker: 'm', date: '2026-05-01', invoiceId: 'i', customerId: 'c', bankAccountId: 'b', amountMinor: 100, currency: 'GBP' };
      expect((await adapter.postInvoicePayment(conn, input, { idempotencyKey: 'op-9' })).status).toBe('PENDING');
      expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual(['op-9', 'op-9']);
    } finally {
      await server.close();
    }
  });

  it('sends statement lines to the bank account in both path and body', async () => {
    const { server, adapter } = await codatStub({ [`POST ${K}/push/bankAccounts/src-1/bankTransactions`]: [200, F.xeroPendingPush] });
    try {
      const line = { id: 'op-1', date: '2026-05-01', amountMinor: -80000, balanceMinor: -80000, description: 'Advance' };
      await adapter.postStatementLines(conn, { bankAccountId: 'src-1', currency: 'GBP', lines: [line] }, { idempotencyKey: 'op-1' });
      expect(JSON.parse(server.requests[0].body).accountId).toBe('src-1');
    } finally {
      await server.close();
    }
  });

  it('finds an earlier write by its marker', async () => {
    const page = (results: unknown[]) => [200, { results, pageNumber: 1, pageSize: 500, totalResults: results.length, _links: {} }] as [number, unknown];
    const { server, adapter } = await codatStub({
      ...syncRoutes(() => 'Complete'),
      [`GET ${K}/data/transfers`]: page([{ id: 't0', description: 'Advance [wb-10]' }, { id: 't1', description: 'Advance [wb-1]' }]),
      [`GET ${K}/data/directCosts`]: page([{ id: 'd1', reference: 'INV-1 [wb-2]' }]),
      [`GET ${C}/data/payments`]: page([{ id: 'p-old', reference: 'wb-3', metadata: { isDeleted: true } }, { id: 'p1', reference: 'wb-3' }]),
      [`GET ${K}/data/bankAccounts/acc-1/bankTransactions`]: page([{ id: 'op-7' }]),
    });
    try {
      expect(await adapter.findWrite(conn, 'TRANSFER', 'wb-1', {})).toBe('t1');
      expect(await adapter.findWrite(conn, 'TRANSFER', 'wb-9', {})).toBeNull();
      expect(await adapter.findWrite(conn, 'SPEND_MONEY', 'wb-2', {})).toBe('d1');
      expect(await adapter.findWrite(conn, 'INVOICE_PAYMENT', 'wb-3', {})).toBe('p1');
      expect(await adapter.findWrite(conn, 'STATEMENT_LINES', 'op-7', { bankAccountId: 'acc-1' })).toBe('op-7');
      await expect(adapter.findWrite(conn, 'STATEMENT_LINES', 'op-7', {})).rejects.toMatchObject({ kind: 'REJECTED' });
    } finally {
      await server.close();
    }
  });
});

const PULL_ID = '97d60846-f07a-4d42-b5a0-0bdcc6ebf56b';
const pullOperation = (dataType: string, status: string) => ({
  id: PULL_ID,
  companyId: F.company.id,
  connectionId: F.xeroConnection.id,
  dataType,
  status,
  requested: '2026-05-01T10:00:00Z',
  progress: status === 'Complete' ? 100 : 10,
  isCompleted: status === 'Complete',
  isErrored: status.endsWith('Error'),
});

/** The company's push history (list-create-operations), filtered by its `query` as Codat does for `field=value&&…`. */
function pushHistory(pushes: Record<string, unknown>[]): Route {
  return (_req, query) => {
    const clauses = (query.get('query') ?? '').split('&&').filter(Boolean).map((c) => c.split('='));
    const results = pushes.filter((p) => clauses.every(([field, value]) => String(p[field]) === value));
    return [200, { results, pageNumber: 1, pageSize: 500, totalResults: results.length, _links: {} }];
  };
}

/**
 * refresh-data-type for every data type, answering Queued; get-pull-operation answers `status(n)`
 * on its n-th call; the push history holds `pushes`.
 */
function syncRoutes(status: (poll: number) => string, pushes: Record<string, unknown>[] = []): Record<string, Route> {
  let polls = 0;
  const routes: Record<string, Route> = {
    [`GET ${C}/push`]: pushHistory(pushes),
    [`GET ${C}/data/history/${PULL_ID}`]: () => [200, pullOperation('transfers', status(++polls))],
  };
  for (const dataType of ['transfers', 'directCosts', 'payments', 'bankTransactions', 'bankAccounts', 'chartOfAccounts', 'suppliers']) {
    routes[`POST ${C}/data/queue/${dataType}`] = () => [200, pullOperation(dataType, 'Queued')];
  }
  return routes;
}

const page = (results: unknown[]) => [200, { results, pageNumber: 1, pageSize: 500, totalResults: results.length, _links: {} }] as [number, unknown];
const paths = (requests: RecordedRequest[]) => requests.map((r) => `${r.method} ${r.url.split('?')[0]}`);

async function stubWithSleep(routes: Record<string, Route | [number, unknown]>, options: { syncWaitMs?: number } = {}) {
  const { server } = await codatStub(routes);
  const slept: number[] = [];
  const adapter = new CodatAdapter({ baseUrl: server.url, apiKey: KEY, retries: 1, ...options, sleep: async (ms) => void slept.push(ms) });
  return { server, adapter, slept };
}

/** A push in the company's history, on the test connection unless told otherwise. */
const push = (dataType: string, status: string, dataConnectionKey: string = F.xeroConnection.id) => ({
  ...F.xeroPendingPush,
  pushOperationKey: `${dataType}-${status}-${dataConnectionKey}`,
  dataType,
  status,
  dataConnectionKey,
});

describe('CodatAdapter.findWrite syncs before it reads', () => {
  it.each([
    ['TRANSFER', 'transfers', `${K}/data/transfers`, {}],
    ['SPEND_MONEY', 'directCosts', `${K}/data/directCosts`, {}],
    ['INVOICE_PAYMENT', 'payments', `${C}/data/payments`, {}],
    ['STATEMENT_LINES', 'bankTransactions', `${K}/data/bankAccounts/acc-1/bankTransactions`, { bankAccountId: 'acc-1' }],
  ] as const)('%s: queues a sync of %s on the connection and waits for it before listing', async (kind, dataType, listPath, hint) => {
    const { server, adapter, slept } = await stubWithSleep({
      ...syncRoutes((poll) => (poll < 3 ? 'Fetching' : 'Complete')),
      [`GET ${listPath}`]: page([{ id: 'wb-1', description: '[wb-1]', reference: 'wb-1' }]),
    });
    try {
      expect(await adapter.findWrite(conn, kind, 'wb-1', hint)).toBe('wb-1');
      expect(paths(server.requests)).toEqual([
        `GET ${C}/push`,
        `POST ${C}/data/queue/${dataType}`,
        `GET ${C}/data/history/${PULL_ID}`,
        `GET ${C}/data/history/${PULL_ID}`,
        `GET ${C}/data/history/${PULL_ID}`,
        `GET ${listPath}`,
      ]);
      const queue = server.requests[1];
      expect(new URL(queue.url, 'http://x').searchParams.get('connectionId')).toBe(F.xeroConnection.id);
      expect(queue.headers.authorization).toBe(`Basic ${Buffer.from(KEY).toString('base64')}`);
      // Queuing a sync writes nothing to the books, so it carries no Idempotency-Key.
      expect(queue.headers['idempotency-key']).toBeUndefined();
      expect(slept).toEqual([500, 500, 500]);
    } finally {
      await server.close();
    }
  });

  it.each(['FetchError', 'AuthError', 'Cancelled', 'NotSupported'])('throws TEMPORARY without listing when the sync ends %s', async (status) => {
    const { server, adapter } = await stubWithSleep({
      ...syncRoutes((poll) => (poll < 2 ? 'Fetching' : status)),
      [`GET ${K}/data/transfers`]: page([]),
    });
    try {
      const err = await adapter.findWrite(conn, 'TRANSFER', 'wb-1', {}).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProviderError);
      expect(err).toMatchObject({ kind: 'TEMPORARY', retryable: true, message: expect.stringContaining(`ended ${status}`) });
      expect(paths(server.requests)).not.toContain(`GET ${K}/data/transfers`);
    } finally {
      await server.close();
    }
  });

  it('throws TEMPORARY without listing when the sync does not finish within syncWaitMs', async () => {
    const { server, adapter, slept } = await stubWithSleep(
      { ...syncRoutes(() => 'Fetching'), [`GET ${K}/data/transfers`]: page([]) },
      { syncWaitMs: 2000 },
    );
    try {
      const err = await adapter.findWrite(conn, 'TRANSFER', 'wb-1', {}).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'TEMPORARY', message: expect.stringContaining('still Fetching after 2000 ms') });
      expect(slept).toEqual([500, 500, 500, 500]);
      expect(paths(server.requests)).toEqual([`GET ${C}/push`, `POST ${C}/data/queue/transfers`, ...Array(4).fill(`GET ${C}/data/history/${PULL_ID}`)]);
    } finally {
      await server.close();
    }
  });

  it('throws TEMPORARY when Codat refuses to queue the sync', async () => {
    const { server, adapter } = await stubWithSleep({
      [`GET ${C}/push`]: pushHistory([]),
      [`POST ${C}/data/queue/payments`]: [500, { statusCode: 500, service: 'PublicApi', error: 'There is a problem with our server.' }],
      [`GET ${C}/data/payments`]: page([]),
    });
    try {
      await expect(adapter.findWrite(conn, 'INVOICE_PAYMENT', 'wb-1', {})).rejects.toMatchObject({ kind: 'TEMPORARY' });
      expect(paths(server.requests)).not.toContain(`GET ${C}/data/payments`);
    } finally {
      await server.close();
    }
  });

  it('throws TEMPORARY without syncing while a push of the same data type is pending on the connection: its record cannot show yet', async () => {
    const { server, adapter } = await stubWithSleep({
      ...syncRoutes(() => 'Complete', [push('directCosts', 'Pending'), push('directCosts', 'Success')]),
      [`GET ${K}/data/directCosts`]: page([]),
    });
    try {
      const err = await adapter.findWrite(conn, 'SPEND_MONEY', 'wb-1', {}).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'TEMPORARY', message: expect.stringContaining('1 directCosts push still pending') });
      expect(paths(server.requests)).toEqual([`GET ${C}/push`]);
      expect(new URL(server.requests[0].url, 'http://x').searchParams.get('query')).toBe('status=Pending&&dataType=directCosts');
    } finally {
      await server.close();
    }
  });

  it('answers "not there" when the pending pushes are of another data type or on another connection', async () => {
    const { server, adapter } = await stubWithSleep({
      ...syncRoutes(() => 'Complete', [push('transfers', 'Pending'), push('directCosts', 'Pending', 'b2c3d4e5-0000-4000-8000-000000000000')]),
      [`GET ${K}/data/directCosts`]: page([]),
    });
    try {
      expect(await adapter.findWrite(conn, 'SPEND_MONEY', 'wb-1', {})).toBeNull();
    } finally {
      await server.close();
    }
  });
});

describe('CodatAdapter.settleForSearch: the lists set-up writes are searched in show every push that reached Codat', () => {
  const SETUP = [
    ['BANK_ACCOUNTS', 'bankAccounts'],
    ['ACCOUNTS', 'chartOfAccounts'],
    ['SUPPLIERS', 'suppliers'],
  ] as const;

  it.each(SETUP)('%s: asks for pending %s pushes, then queues a sync of that data type on the connection and waits for it', async (records, dataType) => {
    const { server, adapter, slept } = await stubWithSleep(syncRoutes((poll) => (poll < 2 ? 'Fetching' : 'Complete')));
    try {
      await adapter.settleForSearch(conn, records);
      expect(paths(server.requests)).toEqual([
        `GET ${C}/push`,
        `POST ${C}/data/queue/${dataType}`,
        `GET ${C}/data/history/${PULL_ID}`,
        `GET ${C}/data/history/${PULL_ID}`,
      ]);
      expect(new URL(server.requests[0].url, 'http://x').searchParams.get('query')).toBe(`status=Pending&&dataType=${dataType}`);
      expect(new URL(server.requests[1].url, 'http://x').searchParams.get('connectionId')).toBe(F.xeroConnection.id);
      expect(slept).toEqual([500, 500]);
    } finally {
      await server.close();
    }
  });

  it.each(SETUP)('%s: throws TEMPORARY without syncing while a %s push is pending on the connection', async (records, dataType) => {
    const { server, adapter } = await stubWithSleep(syncRoutes(() => 'Complete', [push(dataType, 'Pending'), push(dataType, 'Success')]));
    try {
      const err = await adapter.settleForSearch(conn, records).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProviderError);
      expect(err).toMatchObject({ kind: 'TEMPORARY', retryable: true, message: expect.stringContaining(`1 ${dataType} push still pending`) });
      expect(paths(server.requests)).toEqual([`GET ${C}/push`]);
    } finally {
      await server.close();
    }
  });

  it('syncs when the pending pushes are of another data type or on another connection', async () => {
    const { server, adapter } = await stubWithSleep(syncRoutes(() => 'Complete', [push('bankTransactions', 'Pending'), push('suppliers', 'Pending', 'b2c3d4e5-0000-4000-8000-000000000000')]));
    try {
      await adapter.settleForSearch(conn, 'SUPPLIERS');
      expect(paths(server.requests)).toEqual([`GET ${C}/push`, `POST ${C}/data/queue/suppliers`, `GET ${C}/data/history/${PULL_ID}`]);
    } finally {
      await server.close();
    }
  });

  it('throws TEMPORARY when the sync ends without fresh data or outlasts syncWaitMs', async () => {
    const errored = await stubWithSleep(syncRoutes(() => 'FetchError'));
    const slow = await stubWithSleep(syncRoutes(() => 'Fetching'), { syncWaitMs: 1000 });
    try {
      await expect(errored.adapter.settleForSearch(conn, 'BANK_ACCOUNTS')).rejects.toMatchObject({ kind: 'TEMPORARY', message: expect.stringContaining('ended FetchError') });
      await expect(slow.adapter.settleForSearch(conn, 'ACCOUNTS')).rejects.toMatchObject({ kind: 'TEMPORARY', message: expect.stringContaining('still Fetching after 1000 ms') });
    } finally {
      await errored.server.close();
      await slow.server.close();
    }
  });
});

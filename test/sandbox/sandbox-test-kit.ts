import express from 'express';
import request from 'supertest';
import { createCodatSandbox, type CodatExchange, type CodatSandboxStore } from '../../src/sandbox/codat/codat-sandbox';
import { validateCodatExchange } from '../contracts/codat-contract';

export const API_KEY = 'sandbox-test-key';
export const LENDER_NAME = 'Acme Invoice Finance Ltd';
export const PREFIX = '/sandbox/codat';
export const AUTH = `Basic ${Buffer.from(API_KEY, 'utf8').toString('base64')}`;

export interface SandboxKit {
  app: express.Express;
  store: CodatSandboxStore;
  companyId: string;
  connectionId: string;
  /** `/companies/{companyId}/connections/{connectionId}`, the prefix of connection-scoped paths. */
  conn: string;
  exchanges: CodatExchange[];
  /** Sandbox responses, on operations Codat's spec covers, that do not match its schemas. */
  violations: string[];
  get(path: string): request.Test;
  post(path: string, body?: unknown, idempotencyKey?: string): request.Test;
  admin: ReturnType<typeof request>;
  /** Polls W1 until the operation has left Pending. */
  settled(pushOperationKey: string, companyId?: string): Promise<Record<string, any>>;
  push(path: string, body: unknown, idempotencyKey?: string): Promise<Record<string, any>>;
}

/** An Express app with the sandbox mounted as the gateway mounts it, and one seeded Xero company. */
export function sandboxKit(opts: { pushDelayMs?: number; requestLogSize?: number } = {}): SandboxKit {
  const exchanges: CodatExchange[] = [];
  const violations: string[] = [];
  const { router, store } = createCodatSandbox({
    apiKeys: [API_KEY, 'second-key'],
    lenderName: LENDER_NAME,
    pushDelayMs: opts.pushDelayMs ?? 5,
    requestLogSize: opts.requestLogSize,
    onExchange: (ex) => {
      exchanges.push(ex);
      // Requests are the tests' own doing (some are wrong on purpose); responses are the sandbox's.
      for (const error of validateCodatExchange(ex).errors.filter((e) => / response \d{3}: /.test(e))) {
        violations.push(`${ex.method} ${ex.path} → ${ex.status}: ${error}`);
      }
    },
  });
  const app = express();
  app.use(PREFIX, router);
  const company = store.createCompany('Brick Lane Bakery Ltd');
  const connection = store.addAccountingConnection(company.id);
  const get = (path: string) => request(app).get(`${PREFIX}${path}`).set('Authorization', AUTH);
  const post = (path: string, body?: unknown, idempotencyKey?: string) => {
    const req = request(app).post(`${PREFIX}${path}`).set('Authorization', AUTH);
    if (idempotencyKey) req.set('Idempotency-Key', idempotencyKey);
    return body === undefined ? req : req.send(body as object);
  };
  const settled = async (key: string, companyId = company.id) => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const res = await get(`/companies/${companyId}/push/${key}`);
      if (res.status !== 200) throw new Error(`W1 answered ${res.status}: ${JSON.stringify(res.body)}`);
      if (res.body.status !== 'Pending') return res.body;
      if (Date.now() > deadline) throw new Error(`push ${key} still Pending`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const conn = `/companies/${company.id}/connections/${connection.id}`;
  return {
    app,
    store,
    companyId: company.id,
    connectionId: connection.id,
    conn,
    exchanges,
    violations,
    get,
    post,
    admin: request(app),
    settled,
    async push(path, body, idempotencyKey) {
      const res = await post(`${conn}/push/${path}`, body, idempotencyKey);
      if (res.status !== 200) throw new Error(`push answered ${res.status}: ${JSON.stringify(res.body)}`);
      return settled(res.body.pushOperationKey);
    },
  };
}

/** Waits (without a fixed sleep) until `check` holds. */
export async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** A YYYY-MM-DD date `days` from today (negative for the past). */
export function day(days: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
}

export const expectErrorMessage = (body: unknown, statusCode: number) => {
  expect(body).toEqual(
    expect.objectContaining({
      statusCode,
      service: expect.any(String),
      error: expect.any(String),
      correlationId: expect.stringMatching(/^[0-9a-f]{32}$/),
      canBeRetried: 'Unknown',
      detailedErrorCode: 0,
    }),
  );
};

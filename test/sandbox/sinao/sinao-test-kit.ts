import express from 'express';
import request from 'supertest';
import { createSinaoSandbox, SANDBOX_USER, type SinaoExchange, type SinaoSandboxStore } from '../../../src/sandbox/sinao/sinao-sandbox';
import { providerContract } from '../../contracts/kit/provider-contract';

export const LENDER_NAME = 'Acme Invoice Finance Ltd';
export const PREFIX = '/sandbox/sinao';

const contract = providerContract('sinao');

/** Checks one exchange against Sinao's specification, read with its known bugs (test/contracts/sinao.contract.js). */
export const validateSinaoExchange = (exchange: SinaoExchange) => contract.check(exchange);

export interface SinaoKit {
  app: express.Express;
  store: SinaoSandboxStore;
  exchanges: SinaoExchange[];
  /** Sandbox answers that do not match Sinao's specification. */
  violations: string[];
  http: ReturnType<typeof request>;
  admin: ReturnType<typeof request>;
}

export interface Borrower {
  appId: number;
  apiKey: string;
  token: string;
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  del(path: string): request.Test;
  /** The app's books as the sandbox shows them to tests. */
  books(): Promise<any>;
}

/** An Express app with the sandbox mounted as the gateway mounts it; every answer is checked against Sinao's specification. */
export function sinaoKit(opts: { requestLogSize?: number } = {}): SinaoKit {
  const exchanges: SinaoExchange[] = [];
  const violations: string[] = [];
  const { router, store } = createSinaoSandbox({
    lenderName: LENDER_NAME,
    requestLogSize: opts.requestLogSize,
    onExchange: (exchange) => {
      exchanges.push(exchange);
      const check = validateSinaoExchange(exchange);
      // Requests are the tests' own doing (some are wrong on purpose); answers are the sandbox's.
      if (check.operation && !exchange.responseLost) violations.push(...check.responseErrors.map((e) => `${exchange.method} ${exchange.path} → ${exchange.status}: ${e}`));
      // A path outside the specification must be refused, never served.
      if (!check.operation && exchange.status !== 404) violations.push(`${exchange.method} ${exchange.path} → ${exchange.status}: served, but not in Sinao's specification`);
    },
  });
  const app = express();
  app.use(PREFIX, router);
  return { app, store, exchanges, violations, http: request(app), admin: request(app) };
}

/** Sets a borrower up the way a real one is: log in, create the app, create its API key. */
export async function newBorrower(kit: SinaoKit, companyName = 'Boulangerie Durand SARL'): Promise<Borrower> {
  const login = await request(kit.app).post(`${PREFIX}/login`).type('form').send({ email: SANDBOX_USER.email, password: SANDBOX_USER.password });
  if (login.status !== 200) throw new Error(`login answered ${login.status}`);
  const token = login.body.access_token as string;
  const created = await request(kit.app).post(`${PREFIX}/apps`).set('Authorization', `Bearer ${token}`).send({ organization_name: companyName });
  if (created.status !== 200) throw new Error(`POST /apps answered ${created.status}`);
  const appId = created.body.id as number;
  const key = await request(kit.app).post(`${PREFIX}/apps/${appId}/apikeys`).set('Authorization', `Bearer ${token}`).send({ name: 'writeback-gateway' });
  if (key.status !== 200) throw new Error(`POST /apikeys answered ${key.status}`);
  const apiKey = key.body.message as string;
  const at = (path: string) => `${PREFIX}/apps/${appId}${path}`;
  return {
    appId,
    apiKey,
    token,
    get: (path) => request(kit.app).get(at(path)).set('Api-Key', apiKey),
    post: (path, body) => {
      const req = request(kit.app).post(at(path)).set('Api-Key', apiKey);
      return body === undefined ? req : req.send(body);
    },
    del: (path) => request(kit.app).delete(at(path)).set('Api-Key', apiKey),
    books: async () => (await request(kit.app).get(`${PREFIX}/_sandbox/apps/${appId}/books`).expect(200)).body,
  };
}

/** Sinao's ApiResponse error body. */
export function expectApiResponse(body: unknown, code: number, message?: RegExp): void {
  expect(body).toEqual({ code, message: expect.any(String), type: expect.any(String) });
  if (message) expect((body as { message: string }).message).toMatch(message);
}

export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

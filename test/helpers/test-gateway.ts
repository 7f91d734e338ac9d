import 'reflect-metadata';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import supertest from 'supertest';
import { loadConfig } from '../../src/config';
import { startGateway, type Gateway } from '../../src/gateway';
import type { CodatProviderSandbox } from '../../src/providers/codat/codat.sandbox';
import { validateCodatExchange } from '../contracts/codat-contract';
import type { CodatExchange } from '../../src/sandbox/codat/codat-sandbox';
import { providerContract } from '../contracts/kit/provider-contract';
import type { SinaoExchange } from '../../src/sandbox/sinao/sinao-sandbox';
import { createTestDatabase } from './test-database';

/** Sinao's specification, read with its known bugs (test/contracts/sinao.contract.js); built on first use. */
const sinaoSpec = providerContract('sinao');
/** Xero's Accounting, Bank Feeds and identity specifications. */
const xeroSpec = providerContract('xero');

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';
export const SECRET_KEY = 'test-secret-key-0123456789abcdef0123456789';
export const LENDER_NAME = 'Acme Invoice Finance Ltd';

export interface GqlResult<T> {
  status: number;
  data: T | null;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: string[] }[];
}

export interface TestGateway {
  gw: Gateway;
  /** The embedded Codat sandbox. */
  sandbox: CodatProviderSandbox;
  http: supertest.Agent;
  /** Every request and response the Codat sandbox saw that did not match Codat's official schemas. */
  contractViolations: string[];
  /** The Codat operations (operationIds) the sandbox served, each exchange validated. */
  contractOperations: Set<string>;
  /** Every request and answer the Sinao sandbox saw that did not match Sinao's specification, and the operations it served. */
  sinaoContract: { violations: string[]; operations: Set<string> };
  /** The same for the Xero sandbox's Accounting and Bank Feeds APIs. */
  xeroContract: { violations: string[]; operations: Set<string> };
  gql<T, V>(doc: TypedDocumentNode<T, V> | string, variables?: V, token?: string | null): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  /** Environment on top of the test defaults. */
  env?: Record<string, string>;
  /** Start without the demo borrower. */
  skipDemo?: boolean;
}

/** A real gateway on a free port with the Codat sandbox mounted, as `npm start` runs it. */
export async function startTestGateway(opts: TestGatewayOptions = {}): Promise<TestGateway> {
  const db = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: db.url,
    GATEWAY_ADMIN_API_KEY: ADMIN_KEY,
    GATEWAY_SECRET_KEY: SECRET_KEY,
    LENDER_NAME,
    SANDBOX: 'true',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    WORKER_POLL_MS: '50',
    PROVIDER_WRITE_WAIT_MS: '3000',
    ...opts.env,
  });
  const contractViolations: string[] = [];
  const contractOperations = new Set<string>();
  const sinaoContract = { violations: [] as string[], operations: new Set<string>() };
  const xeroContract = { violations: [] as string[], operations: new Set<string>() };
  const gw = await startGateway(config, {
    skipDemo: opts.skipDemo,
    onSandboxExchange: (kind, exchange) => {
      if (kind === 'XERO') {
        const ex = exchange as SinaoExchange;
        if (ex.responseLost) return;
        const result = xeroSpec.check(ex);
        if (result.operation) xeroContract.operations.add(result.operation);
        for (const e of [...result.requestErrors, ...result.responseErrors]) xeroContract.violations.push(`${ex.method} ${ex.path} → ${ex.status}: ${e}`);
        return;
      }
      if (kind === 'SINAO') {
        const ex = exchange as SinaoExchange;
        if (ex.path.startsWith('/_sandbox') || ex.responseLost) return;
        const result = sinaoSpec.check(ex);
        if (result.operation) sinaoContract.operations.add(result.operation);
        for (const e of [...result.requestErrors, ...result.responseErrors]) sinaoContract.violations.push(`${ex.method} ${ex.path} → ${ex.status}: ${e}`);
        return;
      }
      const ex = exchange as CodatExchange;
      // A connection dropped before any answer has no response to check.
      if (ex.status === 0) return;
      const result = validateCodatExchange(ex);
      if (result.operation) contractOperations.add(result.operation);
      for (const e of result.errors) contractViolations.push(`${ex.method} ${ex.path} → ${ex.status}: ${e}`);
    },
  });
  const sandbox = gw.sandboxes.get('CODAT') as CodatProviderSandbox;
  sandbox.store.settings.pushDelayMs = 20;
  const http = supertest.agent(`http://127.0.0.1:${gw.port}`);
  return {
    gw,
    sandbox,
    http,
    contractViolations,
    contractOperations,
    sinaoContract,
    xeroContract,
    async gql(doc, variables, token = ADMIN_KEY) {
      const query = typeof doc === 'string' ? doc : print(doc);
      const req = http.post('/graphql').set('content-type', 'application/json');
      if (token) req.set('authorization', `Bearer ${token}`);
      const res = await req.send({ query, variables });
      return { status: res.status, data: res.body.data ?? null, errors: res.body.errors };
    },
    async close() {
      await gw.close();
      await db.drop();
    },
  };
}

/**
 * A gateway for the tests of the enclosing `describe`: started before them and stopped after them,
 * failing the block when the sandbox saw a request or response outside the provider's published
 * schemas (unless `checkContract` is false). The object returned stands for the running gateway.
 *
 * @example
 * const t = useTestGateway({ skipDemo: true });
 * it('registers a borrower', async () => { await newBorrower(t); });
 */
export function useTestGateway(opts: TestGatewayOptions & { checkContract?: boolean } = {}): TestGateway {
  let current: TestGateway | undefined;
  beforeAll(async () => {
    current = await startTestGateway(opts);
  }, 60_000);
  afterAll(async () => {
    if (!current) return;
    const { contractViolations, sinaoContract } = current;
    await current.close();
    current = undefined;
    if (opts.checkContract !== false) expect([...contractViolations, ...sinaoContract.violations]).toEqual([]);
  });
  return new Proxy({} as TestGateway, {
    get(_, property) {
      if (!current) throw new Error('The test gateway runs only while the tests of its describe block run');
      return Reflect.get(current, property);
    },
  });
}

/** The data of a GraphQL result, failing the test with the errors when there are any. */
export function ok<T>(result: GqlResult<T>): T {
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

export function errorCode(result: GqlResult<unknown>): unknown {
  return result.errors?.[0]?.extensions?.code;
}

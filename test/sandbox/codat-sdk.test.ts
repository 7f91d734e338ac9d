import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import express from 'express';
import { CodatPlatform } from '@codat/platform';
import { ResponseValidationError } from '@codat/platform/sdk/models/errors/responsevalidationerror';
import { SDKValidationError } from '@codat/platform/sdk/models/errors/sdkvalidationerror';
import { createCodatSandbox } from '../../src/sandbox/codat/codat-sandbox';
import { validateCodatExchange } from '../contracts/codat-contract';

const API_KEY = 'sdk-test-key';
const AUTH = `Basic ${Buffer.from(API_KEY, 'utf8').toString('base64')}`;

/**
 * The Codat emulator driven through Codat's official TypeScript SDK (@codat/platform), the client
 * lenders use: each answer must parse without a validation error. @codat/platform covers
 * companies, connections, refreshes, pull and push operations; reads and push creation live in
 * Codat's other SDK packages, so the push below is created over plain HTTP and read back through the SDK.
 */
describe('the Codat sandbox through the official @codat/platform SDK', () => {
  let server: http.Server;
  let base: string;
  let codat: CodatPlatform;
  const violations: string[] = [];

  beforeAll(async () => {
    const sandbox = createCodatSandbox({
      apiKeys: [API_KEY],
      lenderName: 'Acme Invoice Finance Ltd',
      pushDelayMs: 5,
      onExchange: (ex) => {
        for (const e of validateCodatExchange(ex).errors.filter((m) => / response \d{3}: /.test(m))) violations.push(`${ex.method} ${ex.path}: ${e}`);
      },
    });
    const app = express();
    app.use(sandbox.router);
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    codat = new CodatPlatform({ authHeader: AUTH, serverURL: base, retryConfig: { strategy: 'none' } });
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    expect(violations).toEqual([]);
  });

  /** Runs an SDK call; a response the SDK cannot parse fails the test with the SDK's own account of it. */
  async function parsed<T>(call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (err) {
      if (err instanceof ResponseValidationError || err instanceof SDKValidationError) {
        throw new Error(`the SDK refused the sandbox's answer: ${err.message}\n${'pretty' in err ? (err as { pretty(): string }).pretty() : ''}`);
      }
      throw err;
    }
  }

  it('creates and reads a company before and after its first sync, and its connections', async () => {
    const created = await parsed(codat.companies.create({ name: 'Brick Lane Bakery Ltd', description: 'A borrower' }));
    expect(created).toMatchObject({ name: 'Brick Lane Bakery Ltd', description: 'A borrower' });
    expect(created.lastSync).toBeUndefined();
    const fetched = await parsed(codat.companies.get({ companyId: created.id }));
    expect(fetched.id).toBe(created.id);
    expect(fetched.lastSync).toBeUndefined();

    const connection = await parsed(codat.connections.create({ companyId: created.id, requestBody: { platformKey: 'gbol' } }));
    expect(connection).toMatchObject({ platformName: 'Xero', status: 'Linked', sourceType: 'Accounting' });
    expect((await parsed(codat.connections.get({ companyId: created.id, connectionId: connection.id }))).id).toBe(connection.id);
    const list = await parsed(codat.connections.list({ companyId: created.id, page: 1, pageSize: 10 }));
    expect(list.results?.map((c) => c.id)).toEqual([connection.id]);
    expect(list.totalResults).toBe(1);

    const synced = await parsed(codat.companies.get({ companyId: created.id }));
    expect(Date.parse(synced.lastSync!)).not.toBeNaN();
    expect(synced.dataConnections?.map((c) => c.id)).toEqual([connection.id]);
  });

  it('queues a refresh and follows its pull operation', async () => {
    const company = await parsed(codat.companies.create({ name: 'Refresh Ltd' }));
    await parsed(codat.connections.create({ companyId: company.id, requestBody: { platformKey: 'gbol' } }));
    const queued = await parsed(codat.refreshData.byDataType({ companyId: company.id, dataType: 'invoices' }));
    expect(queued).toMatchObject({ companyId: company.id, dataType: 'invoices' });
    const pull = await parsed(codat.refreshData.getPullOperation({ companyId: company.id, datasetId: queued.id }));
    expect(pull.id).toBe(queued.id);
    expect(['Initial', 'Queued', 'Fetching', 'Complete']).toContain(pull.status);
  });

  it('lists and reads push operations', async () => {
    const company = await parsed(codat.companies.create({ name: 'Push Ltd' }));
    const connection = await parsed(codat.connections.create({ companyId: company.id, requestBody: { platformKey: 'gbol' } }));
    const res = await fetch(`${base}/companies/${company.id}/connections/${connection.id}/push/suppliers`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ supplierName: 'Bank of Dave', status: 'Active' }),
    });
    expect(res.status).toBe(200);
    const { pushOperationKey } = (await res.json()) as { pushOperationKey: string };

    const pending = await parsed(codat.pushData.getOperation({ companyId: company.id, pushOperationKey }));
    expect(pending.pushOperationKey).toBe(pushOperationKey);
    let settled = pending;
    for (let i = 0; i < 200 && settled.status === 'Pending'; i++) {
      await new Promise((r) => setTimeout(r, 5));
      settled = await parsed(codat.pushData.getOperation({ companyId: company.id, pushOperationKey }));
    }
    expect(settled.status).toBe('Success');
    const history = await parsed(codat.pushData.listOperations({ companyId: company.id, page: 1, pageSize: 10 }));
    expect(history.results?.map((p) => p.pushOperationKey)).toEqual([pushOperationKey]);
  });
});

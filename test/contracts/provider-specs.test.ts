import fs from 'fs';
import os from 'os';
import path from 'path';
import { Contract, type Extract } from './kit/contract';

/**
 * The contracts kit on the specs of the providers to come: each spec loads, its known bugs still
 * apply, and the schemas of the operations its adapter will use compile and check bodies.
 */
const extractor = require('../../scripts/contracts/openapi-extract') as {
  buildExtract(contract: object, specDir?: string): string;
  specDirOf(contract: object, specDir?: string): string;
};

interface ProviderContract {
  provider: string;
  displayName: string;
  specs: Record<string, { file: string }>;
  operations: { method: string; path: string }[];
  knownBugs: { spec: string; pointer?: string; where?: string; reason: string }[];
}

const contractOf = (provider: string) => require(`./${provider}.contract.js`) as ProviderContract;
const present = (contract: ProviderContract) =>
  Object.values(contract.specs).every((spec) => fs.existsSync(path.join(extractor.specDirOf(contract), spec.file)));
const compiled = (contract: ProviderContract) => {
  const extract = JSON.parse(extractor.buildExtract(contract)) as Extract & { knownBugs?: { at: string; reason: string }[] };
  return { extract, contract: new Contract(() => extract, { displayName: contract.displayName }) };
};

describe.each(['sinao', 'xero'])('the %s spec', (provider) => {
  const contract = contractOf(provider);
  if (!present(contract)) {
    it.skip(`is not vendored at ${extractor.specDirOf(contract)}`, () => undefined);
    return;
  }
  const { extract, contract: checker } = compiled(contract);

  it('gives one operation per listed path and method, each of whose schemas compiles', () => {
    const operations = Object.values(extract.operations);
    expect(operations.map((op) => `${op.method} ${op.path}`).sort()).toEqual(contract.operations.map((op) => `${op.method.toUpperCase()} ${op.path}`).sort());
    for (const op of operations) expect(checker.compile(op.operationId)).toBeGreaterThan(0);
  });

  it('records each known bug with its reason', () => {
    expect(extract.knownBugs ?? []).toEqual(contract.knownBugs.map((bug) => ({ at: expect.stringContaining(bug.pointer ?? bug.where!), reason: bug.reason })));
  });
});

const sinao = contractOf('sinao');
(present(sinao) ? describe : describe.skip)('Sinao, through the kit', () => {
  const { contract } = present(sinao) ? compiled(sinao) : ({} as ReturnType<typeof compiled>);
  const transaction = { id: 12, amount: -2500, received_at: '2026-03-01T00:00:00.000000Z', label: 'Fee', details: 'Advance fee', method: 'transfer' };

  it('reads the filter comparators, a bare "=" included, as strings', () => {
    const list = contract.find('GET', '/apps/7/transactions/')!;
    expect(list.query.filters.schema).toMatchObject({ items: { properties: { comparator: { enum: ['=', '<', '>', '<=', '>=', '!=', 'LIKE', 'IN', 'REGEX'] } } } });
  });

  it('matches collection paths with or without their trailing slash, and integer ids', () => {
    expect(contract.find('GET', '/apps/7/transactions/')?.operationId).toBe('app.cashflow.transactions.list');
    expect(contract.find('GET', '/apps/7/transactions')?.operationId).toBe('app.cashflow.transactions.list');
    expect(contract.find('GET', '/apps/7/transactions/12')?.operationId).toBe('app.cashflow.transactions.get');
  });

  it('accepts a transaction with a text label (the spec types it integer, a known bug) and refuses a wrong method', () => {
    expect(contract.validate({ method: 'GET', path: '/apps/7/transactions/12', status: 200, responseBody: transaction }).errors).toEqual([]);
    const wrong = contract.validate({ method: 'GET', path: '/apps/7/transactions/12', status: 200, responseBody: { ...transaction, method: 'cheque' } });
    expect(wrong.errors).toEqual([expect.stringContaining('/method must be equal to one of the allowed values')]);
  });

  it('checks the inputs Sinao takes in the query, or as body fields against the same parameters', () => {
    const created = contract.validate({ method: 'POST', path: '/apps/7/transactions/', query: { cashflow_source_id: '3', amount: 'ten', received_at: '2026-03-01T00:00:00Z' }, status: 200, responseBody: transaction });
    expect(created.errors).toEqual([expect.stringContaining('request query: /amount must be integer')]);
    const post = (requestBody: object) => contract.check({ method: 'POST', path: '/apps/1/transactions/', requestBody, status: 200, responseBody: transaction }).requestErrors;
    expect(post({ cashflow_source_id: 3, amount: -5000, received_at: '2026-01-02T00:00:00Z', label: 'Frais' })).toEqual([]);
    expect(post({ cashflow_source_id: 3, received_at: '2026-01-02T00:00:00Z' })).toEqual([expect.stringMatching(/amount is required/)]);
    expect(post({ cashflow_source_id: 3, amount: 12.5, received_at: '2026-01-02T00:00:00Z' })).toEqual([expect.stringMatching(/amount must be integer/)]);
    expect(post({ cashflow_source_id: 3, amount: 1, received_at: '2026-01-02T00:00:00Z', metadata: ['x'] })).toEqual([expect.stringMatching(/must NOT have additional properties: 'metadata'/)]);
  });

  it('reads reconcile movements as a list, and refuses a transaction reconciled with a transaction', () => {
    const reconcile = (movements: unknown) => contract.check({ method: 'POST', path: '/apps/1/reconcile', requestBody: { type: 'transaction', id: 4, movements }, status: 200, responseBody: { code: 200, message: 'ok', type: 'success' } }).requestErrors;
    expect(reconcile([{ type: 'account', id: 7, amount: 5000 }])).toEqual([]);
    expect(reconcile([{ type: 'transaction', id: 7, amount: 5000 }])).not.toEqual([]);
  });

  it('reads every error answer as ApiResponse with its three fields, and login\'s answer as a token', () => {
    const notFound = (responseBody: unknown) => contract.check({ method: 'GET', path: '/apps/1/transactions/1', status: 404, responseBody }).responseErrors;
    expect(notFound({ code: 404, message: 'Transaction 1 not found', type: 'not_found' })).toEqual([]);
    expect(notFound({ error: 'nope' })).not.toEqual([]);
    expect(contract.check({ method: 'GET', path: '/apps/1/transactions/1', status: 200, responseBody: { ...transaction, amount: '-50.00' } }).responseErrors).not.toEqual([]);
    expect(contract.check({ method: 'GET', path: '/apps/1/transactions/', status: 200, responseBody: { data: [transaction] } }).responseErrors).not.toEqual([]);
    const login = (responseBody: unknown) => contract.check({ method: 'POST', path: '/login', query: { email: 'a@b.fr', password: 'x' }, status: 200, responseBody }).responseErrors;
    expect(login({ access_token: 'eyJ…', token_type: 'bearer', expires_in: 86400 })).toEqual([]);
    expect(login(undefined)).not.toEqual([]);
  });
});

const xero = contractOf('xero');
(present(xero) ? describe : describe.skip)('Xero, through the kit', () => {
  const { contract } = present(xero) ? compiled(xero) : ({} as ReturnType<typeof compiled>);

  it('checks an Accounts answer in Xero\'s PascalCase', () => {
    const account = { AccountID: 'ebd06280-af70-4bed-97c6-7451a454ad85', Code: '200', Name: 'Sales', Type: 'REVENUE', Status: 'ACTIVE' };
    expect(contract.validate({ method: 'GET', path: '/Accounts', status: 200, responseBody: { Accounts: [account] } }).errors).toEqual([]);
    const wrong = contract.validate({ method: 'GET', path: '/Accounts', status: 200, responseBody: { Accounts: [{ ...account, Type: 'INCOME' }] } });
    expect(wrong.errors).toEqual([expect.stringContaining('/Accounts/0/Type must be equal to one of the allowed values')]);
  });

  it('takes the Bank Feeds operations from their own spec', () => {
    expect(contract.find('POST', '/Statements')?.operationId).toBe('createStatements');
    expect(contract.find('GET', '/FeedConnections')?.operationId).toBe('getFeedConnections');
  });

  it('takes the identity operations from their own spec, and checks a token answer against AccessToken', () => {
    expect(contract.find('DELETE', '/Connections/7cb59f93-2964-421d-bb5e-a0f7a4572a44')?.operationId).toBe('deleteConnection');
    const connection = { id: '7cb59f93-2964-421d-bb5e-a0f7a4572a44', tenantId: 'fe79f7dd-b6d4-4a92-ba7b-538af6289c58', tenantName: 'Demo', tenantType: 'ORGANISATION' };
    expect(contract.check({ method: 'GET', path: '/Connections', status: 200, responseBody: [connection] }).responseErrors).toEqual([]);
    expect(contract.check({ method: 'GET', path: '/Connections', status: 200, responseBody: [{ ...connection, id: 7 }] }).responseErrors).not.toEqual([]);
    const token = { access_token: 'eyJ…', refresh_token: 'r1', token_type: 'Bearer', expires_in: 1800 };
    expect(contract.validateSchema('accessToken', token)).toEqual([]);
    expect(contract.validateSchema('accessToken', { ...token, expires_in: 'soon' })).not.toEqual([]);
  });
});

describe('a known bug that no longer applies', () => {
  it('fails the extract loudly, naming where', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'specs-'));
    try {
      fs.writeFileSync(path.join(dir, 'api.yaml'), 'openapi: 3.0.0\ninfo: { title: t, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    Thing: { type: object, properties: { label: { type: string } } }\n');
      const stale = { provider: 't', displayName: 'T', specs: { api: { file: 'api.yaml' } }, primary: 'api', operations: [] };
      const fixed = { ...stale, knownBugs: [{ spec: 'api', pointer: '#/components/schemas/Thing/properties/label', value: { type: 'string' }, reason: 'was integer' }] };
      expect(() => extractor.buildExtract(fixed, dir)).toThrow('api.yaml#/components/schemas/Thing/properties/label is already fixed in the spec');
      const gone = { ...stale, knownBugs: [{ spec: 'api', pointer: '#/components/schemas/Gone/properties/label', value: { type: 'string' }, reason: 'was integer' }] };
      expect(() => extractor.buildExtract(gone, dir)).toThrow('does not resolve');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

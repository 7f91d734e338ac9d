import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import yaml from 'js-yaml';
import {
  CODAT_OPERATIONS_FILE,
  CodatOperation,
  codatOperations,
  findCodatOperation,
  matchPathTemplate,
  validateCodatExchange,
} from './codat-contract';

const EXTRACT_SCRIPT = path.resolve(__dirname, '../../scripts/extract-contracts.js');
// Plain JS so it runs without a build; typed here by hand.
const extractor = require('../../scripts/contracts/openapi-extract') as {
  buildExtract(contract: object, specDir?: string): string;
  buildData(contract: object, specDir?: string): { out: string; text: string }[];
  specDirOf(contract: object, specDir?: string): string;
};
const CODAT = require('./codat.contract.js') as object;

const COMPANY = '8a210b68-6988-11ed-a1eb-0242ac120002';
const CONNECTION = '2e9d2c44-f675-40ba-8049-353bfcb5e171';
const PUSH_KEY = '33347930-fcc5-4f95-aa13-4a0f7291b559';
const CONN = `/companies/${COMPANY}/connections/${CONNECTION}`;

/** Codat-Lending.yaml, list-accounting-accounts, 200 example "Xero". */
const XERO_ACCOUNTS = {
  results: [
    {
      id: 'bd9e85e0-0478-433d-ae9f-0b3c4f04bfe4',
      nominalCode: 'A090',
      name: 'Business Bank Account',
      fullyQualifiedCategory: 'Asset.Bank',
      fullyQualifiedName: 'Asset.Bank.Business Bank Account',
      currency: 'GBP',
      currentBalance: 924.25,
      type: 'Asset',
      status: 'Active',
      isBankAccount: true,
      modifiedDate: '2023-03-15T20:35:08Z',
      sourceModifiedDate: '2023-02-17T11:10:49',
      validDatatypeLinks: [
        {
          property: 'Id',
          links: ['Payment.AccountRef.Id', 'BillPayment.AccountRef.Id', 'DirectIncome.LineItems.AccountRef.Id', 'DirectCost.LineItems.AccountRef.Id'],
        },
      ],
      metadata: { isDeleted: false },
    },
    {
      id: 'a8d6fb1a-8c5d-4683-90ce-bf9d28fc62ba',
      nominalCode: 'A091',
      name: 'Business Savings Account',
      fullyQualifiedCategory: 'Asset.Bank',
      fullyQualifiedName: 'Asset.Bank.Business Savings Account',
      currency: 'GBP',
      currentBalance: 0,
      type: 'Asset',
      status: 'Active',
      isBankAccount: true,
      modifiedDate: '2023-03-15T20:35:08Z',
      sourceModifiedDate: '2023-02-17T11:10:49',
      validDatatypeLinks: [
        {
          property: 'Id',
          links: ['Payment.AccountRef.Id', 'BillPayment.AccountRef.Id', 'DirectIncome.LineItems.AccountRef.Id', 'DirectCost.LineItems.AccountRef.Id'],
        },
      ],
      metadata: { isDeleted: false },
    },
  ],
  pageNumber: 1,
  pageSize: 2,
  totalResults: 90,
  _links: {
    current: { href: '/companies/5ced9667-a310-443a-a711-958d36377141/data/accounts?page=1&pageSize=2' },
    self: { href: '/companies/5ced9667-a310-443a-a711-958d36377141/data/accounts' },
    next: { href: '/companies/5ced9667-a310-443a-a711-958d36377141/data/accounts?page=2&pageSize=2' },
  },
};

/** Codat-Lending.yaml, create-direct-cost, request example "Xero". */
const XERO_DIRECT_COST = {
  reference: 'Scenario One neg DC',
  contactRef: { id: '699f0091-b127-4796-9f15-41a2f42abeb2', dataType: 'suppliers' },
  issueDate: '2023-02-25',
  currency: 'GBP',
  lineItems: [
    {
      description: 'negative direct cost',
      unitAmount: 35,
      quantity: -1,
      subTotal: -35,
      taxAmount: -7,
      totalAmount: -42,
      itemRef: { id: '965cfc0e-4d80-4059-9641-4a392f9ad549' },
      taxRateRef: { id: 'INPUT2' },
    },
  ],
  paymentAllocations: [
    {
      payment: { accountRef: { id: 'bd9e85e0-0478-433d-ae9f-0b3c4f04bfe4' }, currency: 'GBP' },
      allocation: { totalAmount: -42 },
    },
  ],
  subTotal: -35,
  taxAmount: -7,
  totalAmount: -42,
};

/** Codat-Bank-Feeds.yaml, create-bank-transactions, request example "Xero" (first line). */
const XERO_BANK_TRANSACTIONS = {
  accountId: '49cd5a42-b311-4750-9361-52e2ed1d4653',
  transactions: [
    {
      id: '716422529',
      date: '2023-08-22T10:21:00',
      description: 'Repayment of Credit Card',
      counterparty: 'Bank of Example',
      reference: 'Ref-12345',
      reconciled: true,
      amount: 100,
      balance: 100,
      transactionType: 'Credit',
    },
  ],
};

/** Codat-Lending.yaml, components/responses/Unauthorized example. */
const UNAUTHORIZED = {
  statusCode: 401,
  service: 'PublicApi',
  error: 'Unauthorized',
  correlationId: '7eb40d6b415d7bcd99ce658268284056',
  canBeRetried: 'Unknown',
  detailedErrorCode: 0,
};

/** What the sandbox answers to a push before the write completes (CONTRACT §6.2). */
const pendingPush = (dataType: string) => ({
  changes: [],
  dataType,
  companyId: COMPANY,
  pushOperationKey: PUSH_KEY,
  dataConnectionKey: CONNECTION,
  requestedOnUtc: '2026-05-01T09:30:00Z',
  timeoutInMinutes: null,
  status: 'Pending',
  validation: { errors: [], warnings: [] },
  statusCode: 202,
});

const supplier = (overrides: Record<string, unknown> = {}) => ({
  id: 'e4c9d0e2-c285-4e85-b579-6d28b180c730',
  supplierName: '24 Locks',
  emailAddress: '',
  addresses: [],
  status: 'Active',
  modifiedDate: '2023-03-15T20:36:09Z',
  sourceModifiedDate: '2023-02-17T18:03:42',
  metadata: { isDeleted: false },
  ...overrides,
});

const page = (results: unknown[]) => ({
  results,
  pageNumber: 1,
  pageSize: 100,
  totalResults: results.length,
  _links: { self: { href: `/companies/${COMPANY}/data/suppliers` }, current: { href: `/companies/${COMPANY}/data/suppliers?page=1` } },
});

describe('operation matching', () => {
  it('covers the operations the adapter calls, each once', () => {
    const ids = Object.keys(codatOperations());
    expect(ids).toHaveLength(33);
    expect(ids).toEqual(
      expect.arrayContaining([
        'get-company',
        'create-company',
        'get-connection',
        'create-connection',
        'list-accounting-bank-accounts',
        'list-accounting-accounts',
        'get-accounting-account',
        'list-accounting-suppliers',
        'get-accounting-supplier',
        'list-accounting-invoices',
        'get-accounting-invoice',
        'list-accounting-transfers',
        'list-accounting-direct-costs',
        'list-accounting-payments',
        'list-accounting-bank-account-transactions',
        'get-create-update-bankAccounts-model',
        'get-create-chartOfAccounts-model',
        'get-create-update-suppliers-model',
        'get-create-transfers-model',
        'get-create-bank-transactions-model',
        'get-create-directCosts-model',
        'get-create-payment-model',
        'create-bank-account',
        'create-account',
        'create-supplier',
        'create-transfer',
        'create-bank-transactions',
        'create-direct-cost',
        'create-payment',
        'get-create-operation',
        'list-create-operations',
        'refresh-data-type',
        'get-pull-operation',
      ]),
    );
  });

  it.each([
    ['GET', `/companies/${COMPANY}`, 'get-company'],
    ['POST', '/companies', 'create-company'],
    ['GET', `/companies/${COMPANY}/data/accounts`, 'list-accounting-accounts'],
    ['GET', `/companies/${COMPANY}/data/accounts/bd9e85e0-0478-433d-ae9f-0b3c4f04bfe4`, 'get-accounting-account'],
    ['GET', `${CONN}/data/bankAccounts`, 'list-accounting-bank-accounts'],
    ['GET', `${CONN}/data/bankAccounts/acc%2F1/bankTransactions`, 'list-accounting-bank-account-transactions'],
    ['GET', `${CONN}/options/chartOfAccounts`, 'get-create-chartOfAccounts-model'],
    ['GET', `${CONN}/options/bankAccounts/acc-1/bankTransactions`, 'get-create-bank-transactions-model'],
    ['post', `${CONN}/push/bankAccounts/acc-1/bankTransactions`, 'create-bank-transactions'],
    ['GET', `/companies/${COMPANY}/push/${PUSH_KEY}`, 'get-create-operation'],
    ['GET', `/companies/${COMPANY}/push/`, 'list-create-operations'],
    ['GET', `https://api.codat.io/companies/${COMPANY}/push?page=2`, 'list-create-operations'],
    ['POST', `/companies/${COMPANY}/data/queue/transfers?connectionId=${CONNECTION}`, 'refresh-data-type'],
    ['GET', `/companies/${COMPANY}/data/history/${PUSH_KEY}`, 'get-pull-operation'],
  ])('%s %s -> %s', (method, requestPath, operationId) => {
    expect(findCodatOperation(method, requestPath)?.operationId).toBe(operationId);
  });

  it('prefers literal segments over parameters, position by position', () => {
    const templates = ['/companies/{companyId}/{dataType}', '/{root}/sync/accounts', '/companies/sync/{dataType}'];
    expect(matchPathTemplate(templates, '/companies/sync/accounts')).toBe('/companies/sync/{dataType}');
    expect(matchPathTemplate(templates, '/companies/c-1/accounts')).toBe('/companies/{companyId}/{dataType}');
    expect(matchPathTemplate(templates, '/clients/sync/accounts')).toBe('/{root}/sync/accounts');
    expect(matchPathTemplate(templates, '/companies/c-1')).toBeUndefined();
  });

  it.each([
    ['GET', '/health'],
    ['GET', `/companies/${COMPANY}/data/bankAccounts`],
    ['GET', `/companies/${COMPANY}/data/accounts/a/b`],
    ['GET', '/companies//data/accounts'],
    ['DELETE', `/companies/${COMPANY}`],
    ['GET', `${CONN}/push/transfers`],
  ])('%s %s is not a covered operation', (method, requestPath) => {
    expect(validateCodatExchange({ method, path: requestPath, status: 200, responseBody: { anything: true } })).toEqual({
      operation: null,
      errors: [],
    });
  });
});

describe('bodies that follow the spec pass', () => {
  it("R2 list accounts: the spec's Xero example", () => {
    const result = validateCodatExchange({
      method: 'GET',
      path: `/companies/${COMPANY}/data/accounts`,
      query: { page: '1', pageSize: '2', query: 'type=Expense', orderBy: '-modifiedDate' },
      status: 200,
      responseBody: XERO_ACCOUNTS,
    });
    expect(result).toEqual({ operation: 'list-accounting-accounts', errors: [] });
  });

  it("P6 create direct cost: the spec's Xero request, answered Pending", () => {
    const result = validateCodatExchange({
      method: 'POST',
      path: `${CONN}/push/directCosts`,
      query: { timeoutInMinutes: '60', allowSyncOnPushComplete: 'true' },
      requestBody: XERO_DIRECT_COST,
      status: 200,
      responseBody: pendingPush('directCosts'),
    });
    expect(result).toEqual({ operation: 'create-direct-cost', errors: [] });
  });

  it("P5 create bank transactions: the Bank Feeds spec's Xero request", () => {
    const result = validateCodatExchange({
      method: 'POST',
      path: `${CONN}/push/bankAccounts/${XERO_BANK_TRANSACTIONS.accountId}/bankTransactions`,
      requestBody: XERO_BANK_TRANSACTIONS,
      status: 200,
      responseBody: pendingPush('bankTransactions'),
    });
    expect(result.errors).toEqual([]);
  });

  it('W1 a PushOperation that is still Pending, and one that succeeded', () => {
    const w1 = { method: 'GET', path: `/companies/${COMPANY}/push/${PUSH_KEY}`, status: 200 };
    expect(validateCodatExchange({ ...w1, responseBody: pendingPush('transfers') }).errors).toEqual([]);
    const success = {
      ...pendingPush('suppliers'),
      status: 'Success',
      statusCode: 200,
      completedOnUtc: '2026-05-01T09:30:04Z',
      changes: [{ type: 'Created', recordRef: { id: 'e4c9d0e2-c285-4e85-b579-6d28b180c730', dataType: 'suppliers' } }],
    };
    expect(validateCodatExchange({ ...w1, responseBody: success }).errors).toEqual([]);
  });

  it('an error status with the spec ErrorMessage body', () => {
    const result = validateCodatExchange({ method: 'GET', path: `/companies/${COMPANY}`, status: 401, responseBody: UNAUTHORIZED });
    expect(result).toEqual({ operation: 'get-company', errors: [] });
  });

  it('nullable fields accept null, including a nullable enum', () => {
    const transfer = {
      date: '2026-05-01',
      description: null,
      status: null,
      from: { accountRef: { id: 'lender' }, amount: 800, currency: 'GBP' },
      to: { accountRef: { id: 'borrower' }, amount: 800, currency: 'GBP' },
    };
    const result = validateCodatExchange({
      method: 'POST',
      path: `${CONN}/push/transfers`,
      requestBody: transfer,
      status: 200,
      responseBody: { ...pendingPush('transfers'), changes: null, validation: { errors: null, warnings: null } },
    });
    expect(result.errors).toEqual([]);
  });
});

describe('bodies that break the spec fail with a useful message', () => {
  it('a supplier without its required status', () => {
    const { status: _status, ...withoutStatus } = supplier();
    const result = validateCodatExchange({
      method: 'POST',
      path: `${CONN}/push/suppliers`,
      requestBody: withoutStatus,
      status: 200,
      responseBody: pendingPush('suppliers'),
    });
    expect(result.operation).toBe('create-supplier');
    expect(result.errors).toEqual([
      `create-supplier (POST /companies/{companyId}/connections/{connectionId}/push/suppliers) request body: (root) must have required property 'status'`,
    ]);
  });

  it('a listed supplier without status points at the item', () => {
    const { status: _status, ...withoutStatus } = supplier();
    const result = validateCodatExchange({
      method: 'GET',
      path: `/companies/${COMPANY}/data/suppliers`,
      status: 200,
      responseBody: page([supplier(), withoutStatus]),
    });
    expect(result.errors).toEqual([
      expect.stringContaining("list-accounting-suppliers (GET /companies/{companyId}/data/suppliers) response 200: /results/1 must have required property 'status'"),
    ]);
  });

  it('a value outside an enum lists the allowed values', () => {
    const result = validateCodatExchange({
      method: 'GET',
      path: `/companies/${COMPANY}/data/accounts`,
      status: 200,
      responseBody: { ...XERO_ACCOUNTS, results: [{ ...XERO_ACCOUNTS.results[0], type: 'Bank' }] },
    });
    expect(result.errors).toEqual([
      'list-accounting-accounts (GET /companies/{companyId}/data/accounts) response 200: /results/0/type must be equal to one of the allowed values: "Unknown", "Asset", "Expense", "Income", "Liability", "Equity"',
    ]);
  });

  it('a non-nullable enum rejects null', () => {
    const result = validateCodatExchange({
      method: 'GET',
      path: `/companies/${COMPANY}/data/suppliers/x`,
      status: 200,
      responseBody: supplier({ status: null }),
    });
    expect(result.errors).toEqual(expect.arrayContaining([expect.stringMatching(/response 200: \/status must be string$/)]));
  });

  it('a string where a number is required', () => {
    const result = validateCodatExchange({
      method: 'POST',
      path: `${CONN}/push/directCosts`,
      requestBody: { ...XERO_DIRECT_COST, totalAmount: '-42.00' },
      status: 200,
      responseBody: pendingPush('directCosts'),
    });
    expect(result.errors).toEqual([
      'create-direct-cost (POST /companies/{companyId}/connections/{connectionId}/push/directCosts) request body: /totalAmount must be number',
    ]);
  });

  it('an ErrorMessage whose canBeRetried is a boolean (the spec types it as a string)', () => {
    const result = validateCodatExchange({
      method: 'GET',
      path: `/companies/${COMPANY}/push/${PUSH_KEY}`,
      status: 404,
      responseBody: { ...UNAUTHORIZED, statusCode: 404, error: 'Not found', canBeRetried: false },
    });
    expect(result.errors).toEqual([
      'get-create-operation (GET /companies/{companyId}/push/{pushOperationKey}) response 404: /canBeRetried must be string',
    ]);
  });

  it('a PushOperation with a status Codat does not have, and an extra property on a closed object', () => {
    const result = validateCodatExchange({
      method: 'GET',
      path: `/companies/${COMPANY}/push/${PUSH_KEY}`,
      status: 200,
      responseBody: {
        ...pendingPush('suppliers'),
        status: 'Queued',
        changes: [{ type: 'Created', recordRef: { id: 'x', dataType: 'suppliers', name: 'Acme' } }],
      },
    });
    expect(result.errors).toEqual([
      expect.stringContaining('response 200: /changes/0/recordRef must NOT have additional properties: \'name\''),
      expect.stringContaining('response 200: /status must be equal to one of the allowed values: "Pending", "Failed", "Success", "TimedOut"'),
    ]);
  });

  it('a bank-feed request without the fields the Bank Feeds spec requires', () => {
    const result = validateCodatExchange({
      method: 'POST',
      path: `${CONN}/push/bankAccounts/acc-1/bankTransactions`,
      requestBody: { transactions: [{ ...XERO_BANK_TRANSACTIONS.transactions[0], transactionType: 'Transfer' }] },
      status: 200,
      responseBody: pendingPush('bankTransactions'),
    });
    expect(result.errors).toEqual([
      "create-bank-transactions (POST /companies/{companyId}/connections/{connectionId}/push/bankAccounts/{accountId}/bankTransactions) request body: (root) must have required property 'accountId'",
      expect.stringContaining(
        'request body: /transactions/0/transactionType must be equal to one of the allowed values: "Unknown", "Credit", "Debit",',
      ),
    ]);
  });

  it('a status the operation does not declare', () => {
    const result = validateCodatExchange({
      method: 'POST',
      path: `${CONN}/push/suppliers`,
      requestBody: supplier(),
      status: 202,
      responseBody: pendingPush('suppliers'),
    });
    expect(result.errors).toEqual([
      'create-supplier (POST /companies/{companyId}/connections/{connectionId}/push/suppliers) response 202: (root) status 202 is not declared (declared: 200, 400, 401, 402, 403, 404, 429, 500, 503)',
    ]);
  });

  it('a push without a body, and a declared response without one', () => {
    const result = validateCodatExchange({ method: 'POST', path: `${CONN}/push/transfers`, status: 400 });
    expect(result.errors).toEqual([
      expect.stringContaining('request body: (root) is missing'),
      expect.stringContaining('response 400: (root) body is missing'),
    ]);
  });

  it('query parameters the operation does not declare or whose values are out of range', () => {
    const result = validateCodatExchange({
      method: 'GET',
      path: `/companies/${COMPANY}/data/suppliers?page=0`,
      query: { pageSize: '10000', limit: '5' },
      status: 200,
      responseBody: page([supplier()]),
    });
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining("request query: (root) must NOT have additional properties: 'limit'"),
        expect.stringContaining('request query: /page must be >= 1'),
        expect.stringContaining('request query: /pageSize must be <= 5000'),
      ]),
    );
    expect(result.errors).toHaveLength(3);
  });
});

/**
 * Where the Codat specs are vendored next to the repo, check every request and response example
 * they give for the covered operations, and that the committed extract is what the script produces.
 */
const specDir = extractor.specDirOf(CODAT);
const specsPresent = fs.existsSync(specDir);

type OpenApiNode = { [key: string]: unknown };

function examplesOf(spec: OpenApiNode, container: unknown): [string, unknown][] {
  const content = (container as OpenApiNode | undefined)?.content as OpenApiNode | undefined;
  const media = content?.['application/json'] as OpenApiNode | undefined;
  if (!media) return [];
  const found: [string, unknown][] = [];
  if ('example' in media) found.push(['example', media.example]);
  for (const [name, example] of Object.entries((media.examples as OpenApiNode | undefined) ?? {})) {
    found.push([name, resolve(spec, example as OpenApiNode).value]);
  }
  return found;
}

function resolve(spec: OpenApiNode, node: OpenApiNode): OpenApiNode {
  let current = node;
  while (typeof current.$ref === 'string') {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce<OpenApiNode>((at, token) => at[token.replace(/~1/g, '/').replace(/~0/g, '~')] as OpenApiNode, spec);
  }
  return current;
}

describe('the committed extract', () => {
  it('stays small', () => {
    expect(fs.statSync(CODAT_OPERATIONS_FILE).size).toBeLessThan(512 * 1024);
  });

  it('holds nothing but validation keywords (no descriptions, examples or x- extensions)', () => {
    const extract = JSON.parse(fs.readFileSync(CODAT_OPERATIONS_FILE, 'utf8')) as {
      $defs: Record<string, unknown>;
      operations: Record<string, CodatOperation>;
    };
    const stray: string[] = [];
    for (const [key, schema] of Object.entries(extract.$defs)) collectStrayKeywords(schema, `$defs/${key}`, stray);
    for (const op of Object.values(extract.operations)) {
      collectStrayKeywords(op.requestBody, `${op.operationId}/requestBody`, stray);
      collectStrayKeywords(op.declaredRequestBody, `${op.operationId}/declaredRequestBody`, stray);
      for (const [status, schema] of Object.entries(op.responses)) collectStrayKeywords(schema, `${op.operationId}/${status}`, stray);
      for (const [name, param] of Object.entries(op.query)) collectStrayKeywords(param.schema, `${op.operationId}?${name}`, stray);
    }
    expect(stray).toEqual([]);
  });
});

const VALIDATION_KEYWORDS = new Set([
  '$ref', 'type', 'required', 'enum', 'const', 'format', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
  'properties', 'patternProperties', 'items', 'additionalProperties', 'propertyNames', 'not', 'contains', 'allOf', 'oneOf', 'anyOf',
]);

function collectStrayKeywords(schema: unknown, at: string, stray: string[]): void {
  if (schema === undefined || schema === null || typeof schema === 'boolean') return;
  for (const [keyword, value] of Object.entries(schema as Record<string, unknown>)) {
    if (!VALIDATION_KEYWORDS.has(keyword)) stray.push(`${at}: ${keyword}`);
    if (keyword === 'properties' || keyword === 'patternProperties') {
      for (const [name, sub] of Object.entries(value as Record<string, unknown>)) collectStrayKeywords(sub, `${at}/${name}`, stray);
    } else if (['items', 'additionalProperties', 'propertyNames', 'not', 'contains'].includes(keyword)) {
      collectStrayKeywords(value, `${at}/${keyword}`, stray);
    } else if (['allOf', 'oneOf', 'anyOf'].includes(keyword)) {
      (value as unknown[]).forEach((sub, i) => collectStrayKeywords(sub, `${at}/${keyword}/${i}`, stray));
    }
  }
}

// Not describe.skip: Jest would still run the block's body, and that reads the specs.
if (specsPresent) {
  describe('against the vendored Codat specs', () => {
    const load = (file: string) => yaml.load(fs.readFileSync(path.join(specDir, file), 'utf8')) as OpenApiNode;
    const specs: Record<string, OpenApiNode> = {
      'Codat-Lending.yaml': load('Codat-Lending.yaml'),
      'Codat-Bank-Feeds.yaml': load('Codat-Bank-Feeds.yaml'),
    };
    const lending = specs['Codat-Lending.yaml'];

    /** operationId -> one check per spec example, each returning the errors on the side it exercises. */
    const examples = new Map<string, { name: string; errors: () => string[] }[]>();
    for (const op of Object.values(codatOperations())) {
      const checks: { name: string; errors: () => string[] }[] = [];
      examples.set(op.operationId, checks);
      const concretePath = op.path
        .replace('{companyId}', COMPANY)
        .replace('{connectionId}', CONNECTION)
        .replace(/\{(\w+)\}/g, 'sample-$1');
      const bodySpec = op.requestBodySource ? specs[op.requestBodySource.split('#')[0]] : lending;
      const bodyOperation = ((bodySpec.paths as OpenApiNode)[op.path] as OpenApiNode)[op.method.toLowerCase()] as OpenApiNode;
      for (const [name, example] of examplesOf(bodySpec, bodyOperation.requestBody)) {
        checks.push({
          name: `request "${name}"`,
          errors: () =>
            validateCodatExchange({ method: op.method, path: concretePath, requestBody: example, status: 200 }).errors.filter((e) =>
              e.includes(' request body:'),
            ),
        });
      }
      const operation = ((lending.paths as OpenApiNode)[op.path] as OpenApiNode)[op.method.toLowerCase()] as OpenApiNode;
      for (const [status, response] of Object.entries(operation.responses as OpenApiNode)) {
        for (const [name, example] of examplesOf(lending, resolve(lending, response as OpenApiNode))) {
          checks.push({
            name: `response ${status} "${name}"`,
            errors: () =>
              validateCodatExchange({ method: op.method, path: concretePath, status: Number(status), responseBody: example }).errors.filter(
                (e) => e.includes(` response ${status}:`),
              ),
          });
        }
      }
    }

    it('finds examples for nearly every operation', () => {
      const total = [...examples.values()].reduce((n, checks) => n + checks.length, 0);
      expect(total).toBeGreaterThan(500);
      // The spec gives a 200 example for the Xero reads and writes the gateway relies on.
      for (const id of ['list-accounting-accounts', 'list-accounting-suppliers', 'create-direct-cost', 'create-bank-transactions']) {
        expect(examples.get(id)?.some((c) => c.name.includes('"Xero"'))).toBe(true);
      }
    });

    it.each([...examples.keys()])('%s: every spec example validates', (operationId) => {
      const failures = (examples.get(operationId) ?? []).flatMap((check) => check.errors().map((e) => `${check.name}: ${e}`));
      expect(failures).toEqual([]);
    });

    it('regenerating the extract reproduces the committed file byte for byte', () => {
      const committed = fs.readFileSync(CODAT_OPERATIONS_FILE, 'utf8');
      const regenerated = extractor.buildExtract(CODAT, specDir);
      // A plain boolean keeps a 100 kB diff out of the failure output.
      expect({ upToDate: regenerated === committed, hint: 'run npm run contracts:extract' }).toEqual({
        upToDate: true,
        hint: 'run npm run contracts:extract',
      });
    });

    it("regenerating the sandbox's data taken from the specs reproduces the committed files", () => {
      const files = extractor.buildData(CODAT, specDir);
      expect(files.map((file) => path.basename(file.out))).toEqual(['xero-push-options.json']);
      expect(files.filter((file) => fs.readFileSync(file.out, 'utf8') !== file.text).map((file) => file.out)).toEqual([]);
    });

    it('fails loudly, naming the path, when the spec no longer has an operation', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codat-specs-'));
      try {
        const lendingText = fs.readFileSync(path.join(specDir, 'Codat-Lending.yaml'), 'utf8');
        const renamed = lendingText.replace("\n  '/companies/{companyId}/push':\n", "\n  '/companies/{companyId}/push-history':\n");
        expect(renamed).not.toBe(lendingText);
        fs.writeFileSync(path.join(dir, 'Codat-Lending.yaml'), renamed);
        fs.copyFileSync(path.join(specDir, 'Codat-Bank-Feeds.yaml'), path.join(dir, 'Codat-Bank-Feeds.yaml'));

        expect(() => extractor.buildExtract(CODAT, dir)).toThrow('Codat-Lending.yaml has no path "/companies/{companyId}/push"');
        const run = spawnSync(process.execPath, [EXTRACT_SCRIPT, 'codat', dir, '--out', path.join(dir, 'out.json')], { encoding: 'utf8' });
        expect(run.status).toBe(1);
        expect(run.stderr).toContain('has no path "/companies/{companyId}/push"');
        expect(fs.existsSync(path.join(dir, 'out.json'))).toBe(false);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
} else {
  it.skip(`spec examples and extract freshness (no Codat specs at ${specDir})`, () => undefined);
}

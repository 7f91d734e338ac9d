import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'graphql';
import { GRAPHQL_LIMITS } from '../../src/common/graphql-limits';
import { spawnGateway, stopGateway, waitForOutput } from '../helpers/gateway-process';
import { createTestDatabase } from '../helpers/test-database';
import { ADMIN_KEY, useTestGateway } from '../helpers/test-gateway';

const LIMIT_CODES = ['QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_TOKENS', 'QUERY_TOO_COSTLY'];
const OPS_DIR = path.resolve(__dirname, '../operations');

interface Answer {
  status: number;
  type: string;
  text: string;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } | null;
}

async function post(base: string, body: string, headers: Record<string, string> = {}, key: string | null = ADMIN_KEY): Promise<Answer> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body,
  });
  return answer(res);
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  let body: Answer['body'] = null;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: the assertions below show the text */
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, body };
}

const gql = (base: string, query: string, variables: Record<string, unknown> = {}, extra: Record<string, unknown> = {}, key: string | null = ADMIN_KEY) =>
  post(base, JSON.stringify({ query, variables, ...extra }), {}, key);

/** A refusal as the README promises it: HTTP status, JSON GraphQL error with the code, nothing about the server's insides. */
function expectRefused(a: Answer, status: number, code: string) {
  expect({ status: a.status, code: a.body?.errors?.[0]?.extensions?.code }).toEqual({ status, code });
  expect(a.type).toMatch(/application\/json/);
  expect(a.body?.errors?.[0]?.message).toEqual(expect.any(String));
  expect(a.text).not.toMatch(/stacktrace|node_modules|\/src\/|at \w+ \(|<html|<pre/i);
}

// Nested `levels` deep through the write-back operation → event → operations cycle.
function nested(levels: number, first = ''): string {
  const chain = (k: number, onOperation: boolean): string => (k <= 1 ? 'id' : `id ${onOperation ? 'event' : 'operations'} { ${chain(k - 1, !onOperation)} }`);
  return `writebackOperations(companyId: $c${first}) { nodes { ${chain(levels - 2, true)} } }`;
}

describe('GraphQL protocol limits and malformed requests, through the HTTP server', () => {
  const t = useTestGateway();
  let base: string;
  let companyId: string;

  beforeAll(async () => {
    base = `http://127.0.0.1:${t.gw.port}`;
    companyId = t.gw.demoCompanyId!;
  });

  it('lets every operation of the test suite and the README walkthrough through, at the largest page size', async () => {
    const docs = fs.readdirSync(OPS_DIR).map((f) => fs.readFileSync(path.join(OPS_DIR, f), 'utf8'));
    const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const walkthrough = readme.split('```graphql')[1].split('```')[0].split('\n').filter((l) => /^(query|mutation)/.test(l));
    const sources = [...docs, ...walkthrough.map((l) => l.replace(/#.*$/, '').replace(/\$C/g, JSON.stringify(companyId)))];
    let checked = 0;
    for (const source of sources) {
      const doc = parse(source);
      for (const op of doc.definitions) {
        if (op.kind !== 'OperationDefinition') continue;
        // Mutations get no input: their variables fail coercion, after the limits were checked, so nothing is written.
        const a = await gql(base, source, { companyId, first: 500, id: 'x' }, op.name ? { operationName: op.name.value } : {});
        const codes = (a.body?.errors ?? []).map((e) => e.extensions?.code);
        expect({ op: op.name?.value ?? source, codes: codes.filter((c) => LIMIT_CODES.includes(c!) || c === 'INTERNAL') }).toEqual({ op: op.name?.value ?? source, codes: [] });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(30);
  });

  it('refuses a query nested deeper than the limit with QUERY_TOO_DEEP', async () => {
    const ok = await gql(base, `query($c: ID!) { ${nested(GRAPHQL_LIMITS.depth)} }`, { c: companyId });
    expect(ok.body?.errors).toBeUndefined();
    const a = await gql(base, `query($c: ID!) { ${nested(GRAPHQL_LIMITS.depth + 1)} }`, { c: companyId });
    expectRefused(a, 400, 'QUERY_TOO_DEEP');
    expect(a.body!.errors![0].message).toMatch(/nested 9 levels deep; at most 8/);
  });

  it('refuses more aliases than the limit with TOO_MANY_ALIASES', async () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: companies(first: 1) { totalCount }`).join(' ');
    expect((await gql(base, `{ ${aliases(GRAPHQL_LIMITS.aliases)} }`)).body?.errors).toBeUndefined();
    expectRefused(await gql(base, `{ ${aliases(GRAPHQL_LIMITS.aliases + 1)} }`), 400, 'TOO_MANY_ALIASES');
  });

  it('refuses a query text of more tokens than the limit with TOO_MANY_TOKENS, before parsing it whole', async () => {
    const fields = (n: number) => Array.from({ length: n }, () => '__typename').join(' ');
    // Just under: not refused for its length (graphql-js's own validation budget may still refuse 1,998 identical fields).
    const under = await gql(base, `{ ${fields(GRAPHQL_LIMITS.tokens - 2)} }`);
    expect(under.status).toBeLessThan(500);
    expect(under.body?.errors?.[0]?.extensions?.code).not.toBe('TOO_MANY_TOKENS');
    expectRefused(await gql(base, `{ ${fields(GRAPHQL_LIMITS.tokens - 1)} }`), 400, 'TOO_MANY_TOKENS');
    const started = Date.now();
    expectRefused(await gql(base, `{ ${fields(90_000)} }`), 400, 'TOO_MANY_TOKENS');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses 29 aliases of large nested pages cheaply with QUERY_TOO_COSTLY, page sizes in variables included', async () => {
    const attack = `query($c: ID!, $n: Int) { ${Array.from({ length: 29 }, (_, i) => `a${i}: ${nested(6, ', first: $n')}`).join(' ')} }`;
    const started = Date.now();
    const a = await gql(base, attack, { c: companyId, n: 500 });
    expect(Date.now() - started).toBeLessThan(1000);
    expectRefused(a, 400, 'QUERY_TOO_COSTLY');
    expect(a.text.length).toBeLessThan(1000);
    expect(a.body!.errors![0].message).toMatch(/at most 50000/);
    // One page of 500 with every field a client needs stays under the limit; ten of them do not.
    const page = `writebackOperations(companyId: $c, first: $n) { nodes { id kind status attempts lastError providerRecordIds createdAt event { id externalId amount currency date } } totalCount }`;
    expect((await gql(base, `query($c: ID!, $n: Int) { ${page} }`, { c: companyId, n: 500 })).body?.errors).toBeUndefined();
    const ten = Array.from({ length: 10 }, (_, i) => `p${i}: ${page}`).join(' ');
    expectRefused(await gql(base, `query($c: ID!, $n: Int) { ${ten} }`, { c: companyId, n: 500 }), 400, 'QUERY_TOO_COSTLY');
    expectRefused(await gql(base, `query($c: ID!) { ${ten.replace(/\$n/g, '500')} }`, { c: companyId }), 400, 'QUERY_TOO_COSTLY');
  });

  it('answers a query of 200 fragments without a server error: flat ones run, nested ones are too deep or too long', async () => {
    const flat = Array.from({ length: 200 }, (_, i) => `fragment F${i} on Query { ${i < 199 ? `...F${i + 1}` : 'companies(first: 1) { totalCount }'} }`).join('\n');
    const a = await gql(base, `query { ...F0 }\n${flat}`);
    expect(a.status).toBe(200);
    expect(a.body?.errors).toBeUndefined();
    const deep = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        i % 2 === 0 ? `fragment F${i} on WritebackOperation { id ${i < n - 1 ? `event { ...F${i + 1} }` : ''} }` : `fragment F${i} on LedgerEvent { id ${i < n - 1 ? `operations { ...F${i + 1} }` : ''} }`,
      ).join('\n');
    const query = (n: number) => `query($c: ID!) { writebackOperations(companyId: $c) { nodes { ...F0 } } }\n${deep(n)}`;
    expectRefused(await gql(base, query(100), { c: companyId }), 400, 'QUERY_TOO_DEEP');
    expectRefused(await gql(base, query(200), { c: companyId }), 400, 'TOO_MANY_TOKENS');
  });

  it('answers an unknown or missing operationName with OPERATION_NAME_INVALID', async () => {
    const two = 'query A { companies { totalCount } } query B { companies { totalCount } }';
    const unknown = await gql(base, two, {}, { operationName: 'C' });
    expectRefused(unknown, 400, 'OPERATION_NAME_INVALID');
    expect(unknown.body!.errors![0].message).toMatch(/Unknown operation named "C"/);
    const missing = await gql(base, two);
    expectRefused(missing, 400, 'OPERATION_NAME_INVALID');
    expect(missing.body!.errors![0].message).toMatch(/operation name/i);
    expect((await gql(base, two, {}, { operationName: 'B' })).body?.errors).toBeUndefined();
  });

  it('answers bodies that are not JSON, too large, or of the wrong type as JSON GraphQL errors with a code', async () => {
    expectRefused(await post(base, '{"query": "{ companies { totalCount } }"'), 400, 'BAD_REQUEST');
    expectRefused(await post(base, 'not json at all'), 400, 'BAD_REQUEST');
    const big = JSON.stringify({ query: '{ companies { totalCount } }', variables: { pad: 'x'.repeat(1_100_000) } });
    expectRefused(await post(base, big), 413, 'PAYLOAD_TOO_LARGE');
    expectRefused(await post(base, 'query=%7Bcompanies%7BtotalCount%7D%7D', { 'content-type': 'text/plain' }), 400, 'BAD_REQUEST');
    expectRefused(await post(base, '<query/>', { 'content-type': 'application/xml' }), 400, 'BAD_REQUEST');
    expectRefused(await post(base, '{}', { 'content-type': 'application/json; charset=latin-7' }), 415, 'BAD_REQUEST');
    expectRefused(await post(base, '[]'), 400, 'BAD_REQUEST');
    expectRefused(await post(base, '{"variables": {}}'), 400, 'BAD_REQUEST');
  });

  it('answers a GET with a bad query string as a JSON GraphQL error with a code', async () => {
    const get = async (qs: string) =>
      answer(await fetch(`${base}/graphql?${qs}`, { headers: { authorization: `Bearer ${ADMIN_KEY}`, 'apollo-require-preflight': 'true', accept: 'application/json' } }));
    expect((await get('query=%7Bcompanies%7BtotalCount%7D%7D')).body?.errors).toBeUndefined();
    expectRefused(await get('query=%7Bcompanies%7BtotalCount%7D%7D&variables=not-json'), 400, 'BAD_REQUEST');
    expectRefused(await get('query=a&query=b'), 400, 'BAD_REQUEST');
    expectRefused(await get(`query=${encodeURIComponent(`{ ${Array(2100).fill('a').join(' ')} }`)}`), 400, 'TOO_MANY_TOKENS');
    expectRefused(await get('query=%7Bcompanies%7BtotalCount%7D%7D&variables=%7B%22a%22%3A%25%7D'), 400, 'BAD_REQUEST');
  });

  it('keeps field suggestions outside production', async () => {
    const a = await gql(base, '{ companie { totalCount } }');
    expectRefused(a, 400, 'BAD_USER_INPUT');
    expect(a.body!.errors![0].message).toMatch(/Did you mean "companies"/);
  });
});

describe('the same protections in production', () => {
  const ADMIN = 'production-admin-key-0123456789';
  let p: ReturnType<typeof spawnGateway>;
  let base: string;
  let dataDir: string;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-protocol-'));
    db = await createTestDatabase();
    p = spawnGateway({
      NODE_ENV: 'production',
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      GATEWAY_SECRET_KEY: 'production-secret-key-0123456789abcdef',
      GATEWAY_ADMIN_API_KEY: ADMIN,
      CODAT_BASE_URL: 'http://127.0.0.1:9',
      CODAT_API_KEY: 'unused',
      ...(db.url.startsWith('postgres') ? { DATABASE_URL: db.url } : {}),
    });
    const [, url] = await waitForOutput(p, /ready at (http:\/\/localhost:\d+)\/graphql/);
    base = url;
  });
  afterAll(async () => {
    await stopGateway(p);
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['with the admin key', ADMIN],
    ['without a key', null],
    ['with a wrong key', 'wrong-key'],
  ])('hides field and enum suggestions %s', async (_label, key) => {
    for (const [query, variables] of [
      ['{ companie { totalCount } }', {}],
      ['{ companies(frist: 1) { totalCount } }', {}],
      ['query($c: ID!) { accounts(companyId: $c, type: EXPENS) { totalCount } }', { c: 'x' }],
      ['query($c: ID!, $t: AccountType) { accounts(companyId: $c, type: $t) { totalCount } }', { c: 'x', t: 'EXPENS' }],
    ] as const) {
      const a = await gql(base, query, variables, {}, key);
      expect(a.body?.errors?.length).toBeGreaterThan(0);
      expect(a.status).toBe(400);
      expect(a.text).not.toMatch(/did you mean|companies"|EXPENSE|\bfirst\b/i);
    }
  });

  it('refuses limits, malformed bodies and operation names with their codes and no stack', async () => {
    expectRefused(await post(base, '{"query": ', {}, ADMIN), 400, 'BAD_REQUEST');
    expectRefused(await post(base, JSON.stringify({ query: '{ companies { totalCount } }', pad: 'x'.repeat(1_100_000) }), {}, ADMIN), 413, 'PAYLOAD_TOO_LARGE');
    expectRefused(await gql(base, `query($c: ID!) { ${nested(12)} }`, { c: 'x' }, {}, ADMIN), 400, 'QUERY_TOO_DEEP');
    expectRefused(await gql(base, `{ ${Array(2100).fill('__typename').join(' ')} }`, {}, {}, ADMIN), 400, 'TOO_MANY_TOKENS');
    expectRefused(await gql(base, 'query A { companies { totalCount } } query B { __typename }', {}, {}, ADMIN), 400, 'OPERATION_NAME_INVALID');
  });
});

import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawnGateway, stopGateway, waitForOutput } from '../helpers/gateway-process';
import { createTestDatabase } from '../helpers/test-database';
import { loadConfig } from '../../src/config';
import { startGateway } from '../../src/gateway';

async function gql(url: string, key: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

describe('the gateway process, as `npm start` runs it', () => {
  let dataDir: string;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-boot-'));
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const devEnv = () => ({
    NODE_ENV: 'development',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(db.url.startsWith('postgres') ? { DATABASE_URL: db.url } : {}),
  });

  it('starts, prints a working admin key and demo company, serves Sandbox, and reuses both after a restart', async () => {
    const first = spawnGateway(devEnv());
    const [, url] = await waitForOutput(first, /ready at (http:\/\/localhost:\d+\/graphql)/);
    const [, key] = await waitForOutput(first, /Admin API key: (\S+)/);
    const [, demoId] = await waitForOutput(first, /Demo company id: (\S+)/);
    const [, booksUrl] = await waitForOutput(first, /Demo books in the Codat sandbox: (\S+)/);
    const [, sinaoDemoId] = await waitForOutput(first, /Demo company id: (\S+) {2}\(on Sinao/);
    const [, sinaoBooksUrl] = await waitForOutput(first, /Demo books in the Sinao sandbox: (\S+)/);
    const sinaoBooks = await fetch(sinaoBooksUrl);
    expect(sinaoBooks.status).toBe(200);
    const sinaoBanks = await gql(url, key, 'query($id: ID!) { bankAccounts(companyId: $id) { nodes { id name currency } } }', { id: sinaoDemoId });
    expect(sinaoBanks.errors).toBeUndefined();
    expect(sinaoBanks.data.bankAccounts.nodes).toContainEqual(expect.objectContaining({ currency: 'EUR' }));

    // The printed books URL works as printed.
    const books = await fetch(booksUrl);
    expect(books.status).toBe(200);
    expect(((await books.json()) as { bankAccounts: unknown[] }).bankAccounts.length).toBeGreaterThanOrEqual(3);

    const listed = await gql(url, key, 'query($id: ID!) { companies { nodes { id name } } bankAccounts(companyId: $id) { nodes { id name currency } } }', { id: demoId });
    expect(listed.errors).toBeUndefined();
    expect(listed.data.companies.nodes.map((c: { id: string }) => c.id)).toContain(demoId);
    expect(listed.data.bankAccounts.nodes.length).toBeGreaterThanOrEqual(3);

    const landing = await fetch(url, { headers: { accept: 'text/html' } });
    expect(landing.status).toBe(200);
    expect(await landing.text()).toMatch(/apollo/i);
    expect((await fetch(url.replace('/graphql', '/healthz'))).status).toBe(200);
    expect((await fetch(url.replace('/graphql', '/readyz'))).status).toBe(200);
    const cors = await fetch(url, { method: 'OPTIONS', headers: { origin: 'https://studio.apollographql.com', 'access-control-request-method': 'POST' } });
    expect(cors.headers.get('access-control-allow-origin')).toBe('https://studio.apollographql.com');
    const bankAccountIds = listed.data.bankAccounts.nodes.map((b: { id: string }) => b.id);
    expect(await stopGateway(first)).toBe(0);

    const second = spawnGateway(devEnv());
    const [, url2] = await waitForOutput(second, /ready at (http:\/\/localhost:\d+\/graphql)/);
    await waitForOutput(second, /Demo company id: (\S+)/);
    expect(second.stdout()).toContain(`Admin API key: ${key}`);
    expect(second.stdout()).toContain(`Demo company id: ${demoId}`);
    const again = await gql(url2, key, 'query($id: ID!) { companies { totalCount } bankAccounts(companyId: $id) { nodes { id } } }', { id: demoId });
    expect(again.data.companies.totalCount).toBe(3);
    expect(again.data.bankAccounts.nodes.map((b: { id: string }) => b.id)).toEqual(bankAccountIds);
    expect(second.stdout()).toContain(`Demo company id: ${sinaoDemoId}`);
    // The Xero demo borrower, connected again through the consent flow at each boot.
    const [, xeroDemoId] = await waitForOutput(second, /Demo company id: (\S+) {2}\(on Xero/);
    const xeroDemo = await gql(url2, key, 'query($id: ID!) { company(id: $id) { connection { status tenantName } } }', { id: xeroDemoId });
    expect(xeroDemo.data.company.connection).toEqual({ status: 'CONNECTED', tenantName: 'Brick Lane Bakery Ltd' });
    const sinaoAgain = await gql(url2, key, 'query($id: ID!) { bankAccounts(companyId: $id) { nodes { id name currency } } }', { id: sinaoDemoId });
    expect(sinaoAgain.errors).toBeUndefined();
    expect(sinaoAgain.data.bankAccounts.nodes).toEqual(sinaoBanks.data.bankAccounts.nodes);
    await stopGateway(second);
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://nope' }],
    ['GATEWAY_SECRET_KEY', { NODE_ENV: 'production', CODAT_BASE_URL: 'https://api.codat.io' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'not a url' }],
    ['CODAT_API_KEY', { CODAT_BASE_URL: 'https://api.codat.io' }],
    ['CODAT_API_KEY', { SANDBOX: 'false' }],
    ['CODAT_API_KEY', { NODE_ENV: 'production', GATEWAY_SECRET_KEY: 'production-secret-key-0123456789abcdef', CODAT_BASE_URL: 'https://api.codat.io' }],
  ])('stops the boot with one line naming %s when it is bad', async (variable, env) => {
    const p = spawnGateway({ ...devEnv(), ...env });
    expect(await p.exited).toBe(1);
    const lines = p.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
    expect(lines[0]).toMatch(/expected/);
  });

  it('in production: no sandbox, no introspection, no landing page, masked errors', async () => {
    const p = spawnGateway({
      ...devEnv(),
      NODE_ENV: 'production',
      GATEWAY_SECRET_KEY: 'production-secret-key-0123456789abcdef',
      GATEWAY_ADMIN_API_KEY: 'production-admin-key-0123456789',
      CODAT_BASE_URL: 'http://127.0.0.1:9',
      CODAT_API_KEY: 'unused',
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'wg-prod-')),
    });
    try {
      const [, url] = await waitForOutput(p, /ready at (http:\/\/localhost:\d+\/graphql)/);
      expect(p.stdout()).not.toMatch(/Admin API key|Demo company/);
      expect((await fetch(url.replace('/graphql', '/sandbox/codat/companies'))).status).toBe(404);
      const intro = await gql(url, 'production-admin-key-0123456789', '{ __schema { types { name } } }');
      expect(intro.errors?.[0].message).toMatch(/introspection/i);
      const landing = await fetch(url, { headers: { accept: 'text/html' } });
      expect(await landing.text()).not.toMatch(/apollo-sandbox|embeddable/i);
      const unauth = await gql(url, 'wrong-key', '{ companies { totalCount } }');
      expect(unauth.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(unauth)).not.toMatch(/stacktrace|at \w+ \(/);
    } finally {
      await stopGateway(p);
    }
  });
});

describe('readiness', () => {
  it('answers /readyz 503 while the demo borrower is being created, and 200 once it exists', async () => {
    const db = await createTestDatabase();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-ready-'));
    // A free port known in advance, so /readyz can be asked while the boot is still under way.
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(p));
      });
    });
    const config = loadConfig({ NODE_ENV: 'test', PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: db.url, SANDBOX: 'true', LOG_LEVEL: 'silent' });
    const during: Promise<{ status: number; body: unknown }>[] = [];
    const gw = await startGateway(config, {
      // The demo borrower's first request to the sandbox: the boot is half-way.
      onSandboxExchange: () => {
        if (during.length === 0) during.push(fetch(`http://127.0.0.1:${port}/readyz`).then(async (r) => ({ status: r.status, body: await r.json() })));
      },
    });
    try {
      expect(await during[0]).toEqual({ status: 503, body: { status: 'starting', reason: expect.stringMatching(/demo borrower/) } });
      expect(gw.demoCompanyId).toEqual(expect.any(String));
      const after = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(after.status).toBe(200);
    } finally {
      await gw.close();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('an embedded gateway', () => {
  it('leaves no listener on the process once closed, so that closed gateways are freed', async () => {
    const db = await createTestDatabase();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-close-'));
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const before = signals.map((s) => process.listenerCount(s));
    // Outside a test environment, as a lender's service embedding it would run.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    try {
      const config = loadConfig({ NODE_ENV: 'development', PORT: '0', DATA_DIR: dataDir, DATABASE_URL: db.url, SANDBOX: 'true', LOG_LEVEL: 'silent' });
      const gw = await startGateway(config, { skipDemo: true });
      await gw.close();
      expect(signals.map((s) => process.listenerCount(s))).toEqual(before);
    } finally {
      process.env.NODE_ENV = nodeEnv;
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

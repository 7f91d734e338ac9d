import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { startGateway, type Gateway } from '../../src/gateway';
import type { AnyProviderDefinition } from '../../src/providers/provider';
import { PROVIDERS } from '../../src/providers/providers';
import { ConfigureMappingDocument, RecordFeeDocument, SetWritebackEnabledDocument, WritebackOperationsDocument } from '../generated/graphql';
import { daysAgo, eventually } from '../helpers/fixtures';
import { remoteGql } from '../helpers/remote';
import { createTestDatabase } from '../helpers/test-database';
import { ADMIN_KEY, SECRET_KEY, ok } from '../helpers/test-gateway';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';

const CheckConnectionDocument = parse('mutation CheckConnection($companyId: ID!) { checkConnection(companyId: $companyId) { connection { status lastError } } }') as TypedDocumentNode<
  { checkConnection: { connection: { status: string; lastError: string | null } } },
  { companyId: string }
>;

process.env.ROTATING_GATEWAY_ROOT = path.resolve(__dirname, '../../src');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { rotating } = require('../helpers/rotating/rotating-provider') as { rotating: AnyProviderDefinition };

/**
 * An OAuth provider whose borrower can revoke the gateway: single-use refresh tokens, and once
 * revoked every refresh is `invalid_grant` and every call 401, until the borrower authorises again.
 */
function startProvider() {
  let n = 0;
  let revoked = false;
  const live = new Set(['refresh-0']);
  const access = new Set<string>();
  const records: { id: string; kind: string; marker: string }[] = [];
  const calls = { refused: 0, refreshes: 0 };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url === '/token') {
        const { refresh_token: token } = JSON.parse(raw) as { refresh_token: string };
        if (revoked || !live.delete(token)) return send(400, { error: 'invalid_grant' });
        calls.refreshes++;
        n++;
        access.add(`access-${n}`);
        live.add(`refresh-${n}`);
        return send(200, { access_token: `access-${n}`, refresh_token: `refresh-${n}`, expires_in_ms: 60_000 });
      }
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (revoked || !access.has(token)) {
        calls.refused++;
        return send(401, { error: 'invalid_token' });
      }
      if (req.method === 'GET') return send(200, records);
      const { kind, marker } = JSON.parse(raw) as { kind: string; marker: string };
      records.push({ id: `rec-${records.length + 1}`, kind, marker });
      return send(200, { id: records[records.length - 1].id });
    });
  });
  return new Promise<{ url: string; records: typeof records; calls: typeof calls; revoke(): void; suspend(on: boolean): void; authorise(): string; close(): Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        records,
        calls,
        revoke() {
          revoked = true;
          live.clear();
          access.clear();
        },
        /** The provider refuses the gateway for a while (a key disabled, then enabled again); its tokens stay valid. */
        suspend(on: boolean) {
          revoked = on;
        },
        /** The borrower authorises the gateway again: a new token family. */
        authorise() {
          revoked = false;
          live.add(`reauthorised-${++n}`);
          return `reauthorised-${n}`;
        },
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}

describe('writes of a company whose connection the provider refuses', () => {
  let gw: Gateway;
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    provider = await startProvider();
    db = await createTestDatabase();
    const env = {
      NODE_ENV: 'test', PORT: '0', DATABASE_URL: db.url, GATEWAY_ADMIN_API_KEY: ADMIN_KEY, GATEWAY_SECRET_KEY: SECRET_KEY, SANDBOX: 'false',
      CODAT_BASE_URL: 'http://127.0.0.1:9', CODAT_API_KEY: 'unused-codat-key', ROTATING_URL: provider.url, LOG_LEVEL: 'silent', WORKER_POLL_MS: '50',
    };
    gw = await startGateway(loadConfig(env, [...PROVIDERS, rotating]), { extraProviders: [rotating], skipDemo: true });
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
    await provider?.close();
    await db?.drop();
  });

  it('holds them (no attempt used) while the borrower must reconnect, and delivers each once when they do', async () => {
    const gql = remoteGql(gw.url);
    const company = await gw.services.companies.create({ name: 'Revoking Borrower Ltd', externalRef: 'revoking-1', definition: rotating, input: { tenantId: 'tenant-r', refreshToken: 'refresh-0' } });
    const companyId = company.id;
    ok(await gql(ConfigureMappingDocument, { companyId, input: { lenderBankAccountId: 'bank-lender', designatedBankAccountId: 'bank-current', expenseAccountId: 'fees', lenderSupplierId: 'lender' } }));
    ok(await gql(SetWritebackEnabledDocument, { companyId, enabled: true, releaseHeld: null }));
    const fee = (i: number) => gql(RecordFeeDocument, { companyId, input: { externalId: `fee-${i}`, amount: `${i}.00`, currency: 'GBP', date: daysAgo(0), reference: null, description: null } });
    const operations = async () => ok(await gql(WritebackOperationsDocument, { companyId, status: null, first: 100, after: null })).writebackOperations.nodes;
    const status = async () => (await gw.services.companies.findByExternalRef('revoking-1'))!;

    ok(await fee(1));
    await eventually(async () => (await operations()).every((o) => o.status === 'SUCCEEDED'), 15_000, 'the first fee to be delivered');

    // The borrower revokes the gateway at the provider: the next write is refused, its refresh too.
    provider.revoke();
    ok(await fee(2));
    await eventually(async () => (await status()).connectionStatus === 'RECONNECT_REQUIRED', 15_000, 'the company to need reconnecting');
    ok(await fee(3));
    ok(await fee(4));
    const held = await eventually(async () => {
      const ops = (await operations()).filter((o) => o.status !== 'SUCCEEDED');
      return ops.length === 3 && ops.every((o) => o.status === 'HELD') && ops;
    }, 15_000, 'the later fees to be held');
    expect(held.map((o) => o.attempts)).toEqual([0, 0, 0]);
    expect(held.every((o) => /connects their books again/.test(o.lastError ?? ''))).toBe(true);
    const refusedSoFar = provider.calls.refused;
    await new Promise((r) => setTimeout(r, 500));
    // Nothing is sent while held.
    expect(provider.calls.refused).toBe(refusedSoFar);
    expect((await status()).connectionError).toMatch(/invalid_grant|refused/);

    // The borrower authorises again: the company is connected and the held writes go out, in order, once each.
    const refreshToken = provider.authorise();
    await gw.services.authorisations.connect(companyId, { config: { tenantId: 'tenant-r' }, key: 'tenant-r', secrets: { refreshToken, accessToken: null, expiresAt: 0 }, tenantName: 'Tenant tenant-r' });
    expect((await status()).connectionStatus).toBe('CONNECTED');
    const done = await eventually(async () => {
      const ops = await operations();
      return ops.every((o) => o.status === 'SUCCEEDED') && ops;
    }, 20_000, 'the held fees to be delivered');
    expect(done).toHaveLength(4);
    const spends = provider.records.filter((r) => r.kind === 'spend-money');
    expect(spends).toHaveLength(4);
    expect(new Set(spends.map((r) => r.marker)).size).toBe(4);
  }, 90_000);

  it('releases them when a check finds the provider accepts the gateway again', async () => {
    const gql = remoteGql(gw.url);
    const company = await gw.services.companies.create({ name: 'Suspended Borrower Ltd', externalRef: 'suspended-1', definition: rotating, input: { tenantId: 'tenant-s', refreshToken: provider.authorise() } });
    const companyId = company.id;
    ok(await gql(ConfigureMappingDocument, { companyId, input: { lenderBankAccountId: 'bank-lender', designatedBankAccountId: 'bank-current', expenseAccountId: 'fees', lenderSupplierId: 'lender' } }));
    ok(await gql(SetWritebackEnabledDocument, { companyId, enabled: true, releaseHeld: null }));
    const operations = async () => ok(await gql(WritebackOperationsDocument, { companyId, status: null, first: 100, after: null })).writebackOperations.nodes;
    const before = provider.records.length;

    provider.suspend(true);
    ok(await gql(RecordFeeDocument, { companyId, input: { externalId: 'suspended-fee', amount: '9.00', currency: 'GBP', date: daysAgo(0), reference: null, description: null } }));
    await eventually(async () => (await operations()).every((o) => o.status === 'HELD'), 15_000, 'the fee to be held');
    // Still refused: the check says so and nothing goes out.
    expect(ok(await gql(CheckConnectionDocument, { companyId })).checkConnection.connection.status).toBe('RECONNECT_REQUIRED');
    expect((await operations()).map((o) => o.status)).toEqual(['HELD']);

    provider.suspend(false);
    expect(ok(await gql(CheckConnectionDocument, { companyId })).checkConnection.connection).toEqual({ status: 'CONNECTED', lastError: null });
    await eventually(async () => (await operations()).every((o) => o.status === 'SUCCEEDED'), 15_000, 'the fee to be delivered');
    expect(provider.records.slice(before).filter((r) => r.kind === 'spend-money')).toHaveLength(1);
  }, 60_000);
});

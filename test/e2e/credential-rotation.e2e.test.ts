import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { startGateway } from '../../src/gateway';
import type { AnyProviderDefinition } from '../../src/providers/provider';
import { PROVIDERS } from '../../src/providers/providers';
import { AccountsDocument, ConfigureMappingDocument, CreateExpenseAccountDocument, RecordFeeDocument, SetWritebackEnabledDocument, WritebackOperationsDocument } from '../generated/graphql';
import { daysAgo, eventually } from '../helpers/fixtures';
import { spawnGateway, stopGateway, waitForOutput } from '../helpers/gateway-process';
import { remoteGql, sharedTestDatabase } from '../helpers/remote';
import { ADMIN_KEY, SECRET_KEY, ok } from '../helpers/test-gateway';

process.env.ROTATING_GATEWAY_ROOT = path.resolve(__dirname, '../../src');
// eslint-disable-next-line @typescript-eslint/no-require-imports
/** REFRESH_MARGIN_MS: how long before it expires the gateway refreshes an access token. */
const { rotating, REFRESH_MARGIN_MS } = require('../helpers/rotating/rotating-provider') as { rotating: AnyProviderDefinition; REFRESH_MARGIN_MS: number };
const ENTRY = path.resolve(__dirname, '../helpers/rotating/rotating-gateway.js');
const ACCESS_TOKEN_MS = 3000;

/** The provider's side: single-use refresh tokens, short-lived access tokens, and the records written. */
function startTokenServer() {
  let n = 0;
  const live = new Set(['refresh-0']);
  const spent = new Set<string>();
  const access = new Map<string, number>();
  const stats = { refreshes: 0, reused: [] as string[], unauthorised: 0 };
  const records: { id: string; kind: string; marker: string }[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url === '/token') {
        const { refresh_token: token } = JSON.parse(raw) as { refresh_token: string };
        if (spent.has(token) || !live.has(token)) {
          stats.reused.push(token);
          return send(400, { error: 'invalid_grant' });
        }
        live.delete(token);
        spent.add(token);
        stats.refreshes++;
        n++;
        access.set(`access-${n}`, Date.now() + ACCESS_TOKEN_MS);
        live.add(`refresh-${n}`);
        // Slow enough that concurrent callers overlap with the refresh.
        setTimeout(() => send(200, { access_token: `access-${n}`, refresh_token: `refresh-${n}`, expires_in_ms: ACCESS_TOKEN_MS }), 25);
        return;
      }
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!((access.get(token) ?? 0) > Date.now())) {
        stats.unauthorised++;
        return send(401, { error: 'invalid_token' });
      }
      if (req.method === 'GET') return send(200, records);
      const { kind, marker } = JSON.parse(raw) as { kind: string; marker: string };
      const record = { id: `rec-${records.length + 1}`, kind, marker };
      records.push(record);
      return send(200, { id: record.id });
    });
  });
  return new Promise<{ url: string; stats: typeof stats; records: typeof records; close: () => Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({ url, stats, records, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

describe('credential rotation across gateway processes', () => {
  it('never spends a refresh token twice, and no operation fails for it', async () => {
    const provider = await startTokenServer();
    const db = await sharedTestDatabase('wg-rotation-');
    const env = {
      NODE_ENV: 'test',
      PORT: '0',
      DATABASE_URL: db.url,
      GATEWAY_ADMIN_API_KEY: ADMIN_KEY,
      GATEWAY_SECRET_KEY: SECRET_KEY,
      SANDBOX: 'false',
      CODAT_BASE_URL: 'http://127.0.0.1:9',
      CODAT_API_KEY: 'unused-codat-key',
      ROTATING_URL: provider.url,
      LOG_LEVEL: 'silent',
      WORKER_POLL_MS: '50',
    };
    // The company is registered (its first refresh happens while its connection is checked) by a gateway with its worker off.
    const setup = await startGateway(loadConfig({ ...env, WORKER_ENABLED: 'false' }, [...PROVIDERS, rotating]), { extraProviders: [rotating], skipDemo: true });
    const company = await setup.services.companies.create({ name: 'Rotating Borrower Ltd', externalRef: 'rotating-1', definition: rotating, input: { tenantId: 'tenant-1', refreshToken: 'refresh-0' } });
    await setup.close();

    const gateways = [spawnGateway(env, ENTRY), spawnGateway(env, ENTRY)];
    try {
      const gqls = await Promise.all(gateways.map(async (g) => remoteGql((await waitForOutput(g, /ready at (http:\/\/localhost:\d+\/graphql)/))[1])));
      const [a, b] = gqls;
      const companyId = company.id;
      ok(await a(ConfigureMappingDocument, { companyId, input: { lenderBankAccountId: 'bank-lender', designatedBankAccountId: 'bank-current', expenseAccountId: 'fees', lenderSupplierId: 'lender' } }));
      ok(await b(SetWritebackEnabledDocument, { companyId, enabled: true, releaseHeld: null }));

      // Both processes at once: fees delivered by both workers, set-up writes (delivered in parallel), and reads;
      // in two waves further apart than an access token stays usable, so that each wave needs a refresh however fast it goes.
      const fee = (i: number) => (i % 2 ? a : b)(RecordFeeDocument, { companyId, input: { externalId: `fee-${i}`, amount: `${i + 1}.00`, currency: 'GBP', date: daysAgo(0), reference: null, description: null } });
      const setups = Array.from({ length: 6 }, (_, i) => (i % 2 ? b : a)(CreateExpenseAccountDocument, { companyId, input: { name: `Facility fees ${i}`, nominalCode: `48${i}0` } }));
      const reads = Array.from({ length: 24 }, (_, i) => (i % 2 ? a : b)(AccountsDocument, { companyId, type: null, first: 10 }));
      const first = await Promise.all([...Array.from({ length: 8 }, (_, i) => fee(i)), ...setups, ...reads]);
      await new Promise((r) => setTimeout(r, ACCESS_TOKEN_MS - REFRESH_MARGIN_MS + 300));
      const second = await Promise.all(Array.from({ length: 8 }, (_, i) => fee(i + 8)));
      expect([...first, ...second].flatMap((r) => r.errors ?? [])).toEqual([]);

      const ops = await eventually(async () => {
        const page = ok(await a(WritebackOperationsDocument, { companyId, status: null, first: 100, after: null })).writebackOperations.nodes;
        return page.length === 22 && page.every((o) => o.status === 'SUCCEEDED' || o.status === 'FAILED') && page;
      }, 60_000, 'every operation to settle');
      expect(ops.filter((o) => o.status !== 'SUCCEEDED').map((o) => o.lastError)).toEqual([]);
      expect(provider.stats.reused).toEqual([]);
      expect(provider.stats.refreshes).toBeGreaterThanOrEqual(3);
      const spends = provider.records.filter((r) => r.kind === 'spend-money');
      expect(spends).toHaveLength(16);
      expect(new Set(spends.map((r) => r.marker)).size).toBe(16);
      const after = ok(await b(RecordFeeDocument, { companyId, input: { externalId: 'fee-0', amount: '1.00', currency: 'GBP', date: daysAgo(0), reference: null, description: null } }));
      expect(after.recordFee.externalId).toBe('fee-0');
    } finally {
      await Promise.all(gateways.map((g) => stopGateway(g)));
      await provider.close();
      await db.drop();
    }
  }, 120_000);
});

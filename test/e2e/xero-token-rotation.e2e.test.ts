import type { AddressInfo } from 'node:net';
import express from 'express';
import { createXeroSandbox } from '../../src/sandbox/xero/xero-sandbox';
import { DEMO_XERO_APP } from '../../src/sandbox/xero/demo-identity';
import { BankAccountsDocument, RecordFeeDocument, WritebackOperationsDocument } from '../generated/graphql';
import { daysAgo, eventually } from '../helpers/fixtures';
import { startGateways, stopGateway, type GatewayProcess } from '../helpers/gateway-process';
import { remoteGql, sharedTestDatabase } from '../helpers/remote';
import { ADMIN_KEY, LENDER_NAME, SECRET_KEY, ok } from '../helpers/test-gateway';
import { connectionOf, connectXero, mapXeroBorrower, registerXeroBorrower, type Gql } from '../providers/xero-borrower';

const ACCESS_TOKEN_SECONDS = 4;

/** One Xero for both gateways: its identity service with short-lived access tokens and strictly single-use refresh tokens, and its APIs. */
async function startXero() {
  const sandbox = createXeroSandbox({
    lenderName: LENDER_NAME,
    lifetimes: { accessTokenSeconds: ACCESS_TOKEN_SECONDS, refreshGraceSeconds: 0 },
    rateLimits: { concurrent: 100, perMinute: 1_000_000, perDay: 10_000_000, appPerMinute: 10_000_000 },
  });
  const app = express();
  app.use(sandbox.router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { sandbox, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('Xero tokens across two gateway processes', () => {
  it('refreshes expired access tokens for concurrent operations without ever spending a refresh token twice', async () => {
    const xero = await startXero();
    const db = await sharedTestDatabase('wg-xero-rotation-');
    const env = {
      NODE_ENV: 'test', PORT: '0', DATABASE_URL: db.url, GATEWAY_ADMIN_API_KEY: ADMIN_KEY, GATEWAY_SECRET_KEY: SECRET_KEY, LENDER_NAME,
      SANDBOX: 'true', XERO_IDENTITY_URL: xero.url, XERO_API_URL: xero.url, LOG_LEVEL: 'silent', WORKER_POLL_MS: '50',
    };
    const gateways: GatewayProcess[] = [];
    try {
      const urls = await startGateways(env, 2, gateways);
      const [a, b] = urls.map((url) => remoteGql(url)) as unknown as Gql[];
      // The lender registered the first gateway's callback with its Xero app.
      const port = new URL(urls[0]).port;
      xero.sandbox.identity.clients.get(DEMO_XERO_APP.clientId)!.redirectUris.push(`http://127.0.0.1:${port}/oauth/xero/callback`);

      const name = 'Two Process Trading Ltd';
      const org = xero.sandbox.identity.addOrganisation({ name });
      const companyId = await registerXeroBorrower(a, name);
      expect((await connectXero(a, companyId, [name])).status).toBe(200);
      await mapXeroBorrower(b, companyId);

      // Three rounds, each after the access token ran out: fees delivered by both workers, and reads from both.
      let fees = 0;
      for (let round = 0; round < 3; round++) {
        await new Promise((r) => setTimeout(r, ACCESS_TOKEN_SECONDS * 1000));
        const writes = Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b)(RecordFeeDocument, { companyId, input: { externalId: `fee-${round}-${i}`, amount: `${i + 1}.00`, currency: 'GBP', date: daysAgo(0), reference: `R${round}-${i}`, description: null } }));
        const reads = Array.from({ length: 6 }, (_, i) => (i % 2 ? b : a)(BankAccountsDocument, { companyId, first: 10 }));
        const answers = await Promise.all([...writes, ...reads]);
        expect(answers.flatMap((r) => r.errors ?? [])).toEqual([]);
        fees += writes.length;
      }

      const ops = await eventually(async () => {
        const nodes = ok(await a(WritebackOperationsDocument, { companyId, status: null, first: 100, after: null })).writebackOperations.nodes.filter((o) => o.eventId);
        return nodes.length === fees && nodes.every((o) => o.status === 'SUCCEEDED' || o.status === 'FAILED') && nodes;
      }, 60_000, 'every fee to settle');
      expect(ops.filter((o) => o.status !== 'SUCCEEDED').map((o) => o.lastError)).toEqual([]);
      expect(await connectionOf(a, companyId)).toMatchObject({ status: 'CONNECTED' });

      const usage = xero.sandbox.identity.refreshTokenUsage();
      expect(usage.filter((u) => u.presented > 1 || u.exchanged > 1)).toEqual([]);
      expect(usage.filter((u) => u.exchanged === 1).length).toBeGreaterThanOrEqual(3);
      const spends = xero.sandbox.books.books(org.tenantId).bankTransactions.filter((t) => t.type === 'SPEND' && /^R\d-\d \[/.test(t.reference ?? ''));
      expect(spends).toHaveLength(fees);
      expect(new Set(spends.map((t) => t.reference)).size).toBe(fees);
    } finally {
      await Promise.all(gateways.map((g) => stopGateway(g)));
      await xero.close();
      await db.drop();
    }
  }, 180_000);
});

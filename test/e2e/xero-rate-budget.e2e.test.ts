import type { AddressInfo } from 'node:net';
import express from 'express';
import { createXeroSandbox } from '../../src/sandbox/xero/xero-sandbox';
import { DEMO_XERO_APP } from '../../src/sandbox/xero/demo-identity';
import { BankAccountsDocument, RecordFeeDocument, WritebackOperationsDocument } from '../generated/graphql';
import { daysAgo, eventually } from '../helpers/fixtures';
import { startGateways, stopGateway, type GatewayProcess } from '../helpers/gateway-process';
import { remoteGql, sharedTestDatabase } from '../helpers/remote';
import { ADMIN_KEY, LENDER_NAME, SECRET_KEY, ok } from '../helpers/test-gateway';
import { connectXero, mapXeroBorrower, registerXeroBorrower, type Gql } from '../providers/xero-borrower';

/** Xero's limits, smaller and over a shortened minute, long enough that a busy machine's scheduling delays stay small beside it. */
const MINUTE_MS = 5000;
const PER_MINUTE = 20;
const CONCURRENT = 5;

describe('Xero rate budget across two gateway processes', () => {
  it("keeps one organisation's calls from both processes within its minute and in-flight limits: no 429", async () => {
    // Setting up is not what is measured: no limits in the way until the borrower is mapped.
    const sandbox = createXeroSandbox({ lenderName: LENDER_NAME, rateLimits: { concurrent: 1000, perMinute: 1_000_000, perDay: 10_000_000, appPerMinute: 10_000_000, minuteMs: MINUTE_MS } });
    const app = express();
    app.use(sandbox.router);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const xeroUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const db = await sharedTestDatabase('wg-xero-budget-');
    const env = {
      NODE_ENV: 'test', PORT: '0', DATABASE_URL: db.url, GATEWAY_ADMIN_API_KEY: ADMIN_KEY, GATEWAY_SECRET_KEY: SECRET_KEY, LENDER_NAME,
      SANDBOX: 'true', XERO_IDENTITY_URL: xeroUrl, XERO_API_URL: xeroUrl, XERO_RATE_WINDOW_MS: String(MINUTE_MS), LOG_LEVEL: 'silent', WORKER_POLL_MS: '50',
    };
    const gateways: GatewayProcess[] = [];
    try {
      const urls = await startGateways(env, 2, gateways);
      const [a, b] = urls.map((url) => remoteGql(url)) as unknown as Gql[];
      sandbox.identity.clients.get(DEMO_XERO_APP.clientId)!.redirectUris.push(`http://127.0.0.1:${new URL(urls[0]).port}/oauth/xero/callback`);
      const name = 'Rate Budget Trading Ltd';
      const org = sandbox.identity.addOrganisation({ name });
      const companyId = await registerXeroBorrower(a, name);
      expect((await connectXero(a, companyId, [name])).status).toBe(200);
      await mapXeroBorrower(b, companyId);

      // The gateways last saw the setting-up's counts, in a window of theirs that lasts up to two
      // minutes (a minute, and the slack for calls still in flight): once it has run out, Xero's limits hold.
      await new Promise((r) => setTimeout(r, 2 * MINUTE_MS));
      const limits = sandbox.books.rateLimits;
      limits.reset();
      limits.update({ concurrent: CONCURRENT, perMinute: PER_MINUTE, minuteMs: MINUTE_MS, latencyMs: 30 });
      const admitted: number[] = [];
      const admit = limits.admit.bind(limits);
      limits.admit = (tenantId, clientId) => {
        const verdict = admit(tenantId, clientId);
        if (!verdict.problem && tenantId === org.tenantId) admitted.push(Date.now());
        return verdict;
      };

      // A backlog of fees recorded through both gateways, and the settings page's reads from both while it is delivered.
      const fees = 40;
      const recorded = await Promise.all(Array.from({ length: fees }, (_, i) => (i % 2 ? a : b)(RecordFeeDocument, { companyId, input: { externalId: `fee-${i}`, amount: `${i + 1}.00`, currency: 'GBP', date: daysAgo(0), reference: `RB-${i}`, description: null } })));
      expect(recorded.flatMap((r) => r.errors ?? [])).toEqual([]);
      const reads = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b)(BankAccountsDocument, { companyId, first: 10 })));
      expect(reads.flatMap((r) => r.errors ?? [])).toEqual([]);

      const ops = await eventually(async () => {
        const nodes = ok(await a(WritebackOperationsDocument, { companyId, status: null, first: 100, after: null })).writebackOperations.nodes.filter((o) => o.eventId);
        return nodes.length === fees && nodes.every((o) => o.status === 'SUCCEEDED' || o.status === 'FAILED') && nodes;
      }, 120_000, 'every fee to settle');
      expect(ops.filter((o) => o.status !== 'SUCCEEDED').map((o) => o.lastError)).toEqual([]);

      expect(limits.refusals).toEqual({});
      expect(limits.peakInFlight.get(org.tenantId)).toBeLessThanOrEqual(CONCURRENT);
      // The sandbox's windows follow each other from the first call it admitted.
      const perWindow = new Map<number, number>();
      for (const t of admitted) perWindow.set(Math.floor((t - admitted[0]) / MINUTE_MS), (perWindow.get(Math.floor((t - admitted[0]) / MINUTE_MS)) ?? 0) + 1);
      expect(admitted.length).toBeGreaterThanOrEqual(fees + 16);
      expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(PER_MINUTE);
      // Spread over the minutes it needs: at least the calls ÷ the limit.
      expect(perWindow.size).toBeGreaterThanOrEqual(Math.ceil(admitted.length / PER_MINUTE));
      const spends = sandbox.books.books(org.tenantId).bankTransactions.filter((t) => t.type === 'SPEND' && /^RB-\d+ \[/.test(t.reference ?? ''));
      expect(spends).toHaveLength(fees);
    } finally {
      await Promise.all(gateways.map((g) => stopGateway(g)));
      await new Promise<void>((r) => server.close(() => r()));
      await db.drop();
    }
  }, 240_000);
});

import express from 'express';
import { createXeroSandbox, DEMO_XERO_APP } from '../src/sandbox/xero/xero-sandbox';

/**
 * The whole Xero sandbox (identity, connections, Accounting, Bank Feeds) on its own, at the root of
 * its own port: for gateways that must share one Xero (several processes, restarts). The app
 * registered is the demo app, or the one XERO_CLIENT_ID, XERO_CLIENT_SECRET and XERO_REDIRECT_URI
 * name. Token lifetimes and Xero's rate limits can be shortened:
 *   PORT=4011 XERO_ACCESS_TOKEN_SECONDS=5 XERO_REFRESH_GRACE_SECONDS=0 XERO_MINUTE_MS=2000 node dist/scripts/xero-sandbox.js
 */
const port = Number(process.env.PORT ?? 4011);
const number = (name: string) => (process.env[name] === undefined ? undefined : Number(process.env[name]));
const defined = <T extends object>(record: T) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
const client = process.env.XERO_CLIENT_ID
  ? { clientId: process.env.XERO_CLIENT_ID, clientSecret: process.env.XERO_CLIENT_SECRET, redirectUris: [process.env.XERO_REDIRECT_URI ?? DEMO_XERO_APP.redirectUris[0]], bankFeeds: true }
  : DEMO_XERO_APP;
const sandbox = createXeroSandbox({
  clients: [client],
  lenderName: process.env.LENDER_NAME ?? 'Acme Invoice Finance Ltd',
  lifetimes: defined({ accessTokenSeconds: number('XERO_ACCESS_TOKEN_SECONDS'), refreshGraceSeconds: number('XERO_REFRESH_GRACE_SECONDS') }),
  rateLimits: defined({ minuteMs: number('XERO_MINUTE_MS'), perMinute: number('XERO_PER_MINUTE'), concurrent: number('XERO_CONCURRENT'), perDay: number('XERO_PER_DAY') }),
});
const app = express();
app.use(sandbox.router);
const server = app.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  const organisations = [...sandbox.identity.organisations.values()].map((o) => `    ${o.tenantName}: ${base}/_sandbox/organisations/${o.tenantId}/books`);
  process.stdout.write([`Xero sandbox listening at ${base}`, `  authorise: ${base}/identity/connect/authorize`, `  Accounting: ${base}/api.xro/2.0   Bank Feeds: ${base}/bankfeeds.xro/1.0`, '  books:', ...organisations, ''].join('\n'));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

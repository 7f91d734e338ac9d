import express from 'express';
import { createXeroIdentitySandbox, DEMO_XERO_APP } from '../src/sandbox/xero/xero-identity-sandbox';

/**
 * The Xero sandbox's identity service on its own, at the root of its own port: for gateways that
 * must share one Xero (several processes, restarts). The app registered is the demo app, or the
 * one XERO_CLIENT_ID, XERO_CLIENT_SECRET and XERO_REDIRECT_URI name.
 *   PORT=4011 XERO_ACCESS_TOKEN_SECONDS=5 XERO_REFRESH_GRACE_SECONDS=0 node dist/scripts/xero-sandbox.js
 */
const port = Number(process.env.PORT ?? 4011);
const seconds = (name: string) => (process.env[name] === undefined ? undefined : Number(process.env[name]));
const client = process.env.XERO_CLIENT_ID
  ? { clientId: process.env.XERO_CLIENT_ID, clientSecret: process.env.XERO_CLIENT_SECRET, redirectUris: [process.env.XERO_REDIRECT_URI ?? DEMO_XERO_APP.redirectUris[0]], bankFeeds: true }
  : DEMO_XERO_APP;
const lifetimes = Object.fromEntries(Object.entries({
  accessTokenSeconds: seconds('XERO_ACCESS_TOKEN_SECONDS'),
  refreshGraceSeconds: seconds('XERO_REFRESH_GRACE_SECONDS'),
}).filter(([, value]) => value !== undefined));
const sandbox = createXeroIdentitySandbox({ clients: [client], lifetimes });
const app = express();
app.use(sandbox.router);
const server = app.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  process.stdout.write(`Xero sandbox (identity) listening at http://127.0.0.1:${actual}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

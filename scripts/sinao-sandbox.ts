import express from 'express';
import { createSinaoSandbox, SANDBOX_USER } from '../src/sandbox/sinao/sinao-sandbox';

/**
 * The Sinao sandbox on its own, at the root of its own port, with one demo company and a key for it:
 *   PORT=4020 node dist/scripts/sinao-sandbox.js
 */
const port = Number(process.env.PORT ?? 4020);
const { router, store } = createSinaoSandbox({
  lenderName: process.env.LENDER_NAME ?? 'Acme Invoice Finance Ltd',
  apiKeys: process.env.SINAO_API_KEY ? [process.env.SINAO_API_KEY] : undefined,
});
const demo = store.createApp(process.env.SINAO_DEMO_COMPANY ?? 'Boulangerie Durand SARL');
const { key } = store.createApiKey(demo.id, 'demo');
const app = express();
app.use(router);
const server = app.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  process.stdout.write([
    `Sinao sandbox listening at ${base}`,
    `  login:    POST ${base}/login  email=${SANDBOX_USER.email} password=${SANDBOX_USER.password}`,
    `  demo app: ${demo.id} "${demo.books.organization.name}", Api-Key: ${key}`,
    `  books:    GET ${base}/_sandbox/apps/${demo.id}/books`,
    '',
  ].join('\n'));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

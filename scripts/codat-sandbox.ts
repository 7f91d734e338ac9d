import 'reflect-metadata';
import express from 'express';
import { createCodatSandbox } from '../src/sandbox/codat/codat-sandbox';

/**
 * The Codat sandbox on its own, at the root of its own port: for running gateways against a
 * Codat that outlives them (restart and multi-process tests, benchmarks).
 *   PORT=4010 node dist/scripts/codat-sandbox.js
 */
const port = Number(process.env.PORT ?? 4010);
const sandbox = createCodatSandbox({
  apiKeys: [process.env.CODAT_API_KEY ?? 'sandbox-codat-api-key'],
  lenderName: process.env.LENDER_NAME ?? 'Acme Invoice Finance Ltd',
  pushDelayMs: Number(process.env.SANDBOX_PUSH_DELAY_MS ?? 150),
});
const app = express();
app.use(sandbox.router);
const server = app.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  process.stdout.write(`Codat sandbox listening at http://127.0.0.1:${actual}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

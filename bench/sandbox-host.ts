import 'reflect-metadata';
import express from 'express';
import { createCodatSandbox } from '../src/sandbox/codat/codat-sandbox';
import { embeddedSandbox, type SandboxControl } from './sandbox-control';

/**
 * The Codat emulator in a process of its own, forked by the bench (see `sandbox-process.ts`):
 * its API on a loopback port, pushes completing at once, and its `SandboxControl` answered over
 * the fork's message channel.
 */
const { router, store } = createCodatSandbox({ apiKeys: [process.env.CODAT_API_KEY!], lenderName: 'Acme Invoice Finance Ltd', pushDelayMs: 0 });
const control = embeddedSandbox(store);
const app = express();
app.use(router);
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send!({ ready: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
});

process.on('message', async (msg: { id: number; method: keyof SandboxControl; args: unknown[] }) => {
  try {
    const result = await (control[msg.method] as (...args: unknown[]) => Promise<unknown>)(...msg.args);
    process.send!({ id: msg.id, result });
  } catch (err) {
    process.send!({ id: msg.id, error: String((err as Error)?.stack ?? err) });
  }
});
process.on('disconnect', () => server.close(() => process.exit(0)));

import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { SandboxControl } from './sandbox-control';

export interface SandboxProcess {
  url: string;
  apiKey: string;
  control: SandboxControl;
  /** The emulator process's id, to read its CPU time. */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Forks the Codat emulator into a process of its own (`sandbox-host.ts`), as a provider is on
 * machines of its own: the gateway's thread then does the gateway's work only.
 */
export async function startSandboxProcess(): Promise<SandboxProcess> {
  const apiKey = `bench-codat-${randomBytes(8).toString('hex')}`;
  const child: ChildProcess = fork(path.join(__dirname, 'sandbox-host.js'), [], {
    env: { PATH: process.env.PATH ?? '', CODAT_API_KEY: apiKey },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the sandbox process exited (${code}) before it listened`)));
    child.once('message', (msg: { ready?: string }) => (msg.ready ? resolve(msg.ready) : reject(new Error(`unexpected first message ${JSON.stringify(msg)}`))));
  });
  child.removeAllListeners('exit');

  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (msg: { id: number; result?: unknown; error?: string }) => {
    const w = waiting.get(msg.id);
    waiting.delete(msg.id);
    if (msg.error !== undefined) w?.reject(new Error(`sandbox process: ${msg.error}`));
    else w?.resolve(msg.result);
  });
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`the sandbox process exited (${code})`));
    waiting.clear();
  });
  const call = (method: keyof SandboxControl) => (...args: unknown[]) =>
    new Promise<never>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, method, args });
    });
  const control: SandboxControl = {
    createBorrower: call('createBorrower'),
    startCounting: call('startCounting'),
    stopCounting: call('stopCounting'),
    booksCounts: call('booksCounts'),
    refusedPushes: call('refusedPushes'),
  };
  return {
    url,
    apiKey,
    control,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.disconnect();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

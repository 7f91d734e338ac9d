import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const MAIN = path.resolve(__dirname, '../../dist/src/main.js');

export interface GatewayProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Runs the built gateway (`node dist/src/main.js`, what `npm start` runs, or another entry script) as a child process. */
export function spawnGateway(env: Record<string, string>, script = MAIN): GatewayProcess {
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits until the process printed a line matching `pattern`, or fails with what it printed. */
export async function waitForOutput(p: GatewayProcess, pattern: RegExp, timeoutMs = 30000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = pattern.exec(p.stdout());
    if (m) return m;
    if (p.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`gateway did not print ${pattern}; stdout:\n${p.stdout()}\nstderr:\n${p.stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts `count` gateways on `env`, one after the other (the first creates the demo borrowers, the
 * next ones find them), each added to `into` as it starts so that the caller stops them all; returns
 * their GraphQL URLs.
 */
export async function startGateways(env: Record<string, string>, count: number, into: GatewayProcess[]): Promise<string[]> {
  const urls: string[] = [];
  for (let i = 0; i < count; i++) {
    const g = spawnGateway(env);
    into.push(g);
    urls.push((await waitForOutput(g, /ready at (http:\/\/localhost:\d+\/graphql)/, 60_000))[1]);
  }
  return urls;
}

export async function stopGateway(p: GatewayProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (p.child.exitCode === null) p.child.kill(signal);
  return p.exited;
}

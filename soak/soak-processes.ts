import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The repository root: the nearest folder above this file with a package.json (works from soak/ and dist/soak/). */
export function repoRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

function built(relative: string): string {
  const file = path.join(repoRoot(), 'dist', relative);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return file;
}

export interface NodeProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** What it printed before it was ready (the rest goes to its log file only). */
  banner(): string;
  logFile: string;
}

/** Runs a built script in its own process; its output goes to `<logDir>/<name>.log`. */
function spawnNode(name: string, script: string, env: Record<string, string>, logDir: string): NodeProcess {
  const logFile = path.join(logDir, `${name}.log`);
  const log = fs.createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let banner = '';
  const take = (d: Buffer) => {
    log.write(d);
    if (banner.length < 64_000) banner += d.toString();
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    log.end();
    resolve(code);
  }));
  return { name, child, exited, banner: () => banner, logFile };
}

async function waitFor(p: NodeProcess, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = pattern.exec(p.banner());
    if (m) return m;
    if (p.child.exitCode !== null || p.child.signalCode !== null || Date.now() > deadline) {
      throw new Error(`${p.name} did not print ${pattern}; it printed:\n${p.banner().slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface SandboxProcess {
  proc: NodeProcess;
  url: string;
  /** A call to the sandbox (the provider's API with the run's key, or /_sandbox admin routes); throws on a non-2xx answer. */
  call<T = any>(method: string, p: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
}

/**
 * A provider's sandbox as its `npm run sandbox…` script runs it, on a free port: `script` is the
 * built script under dist/, `headers` what every call sends (the provider's credentials).
 */
export async function startSandbox(opts: { name: string; script: string; env: Record<string, string>; headers: Record<string, string>; logDir: string }): Promise<SandboxProcess> {
  const proc = spawnNode(opts.name, built(opts.script), { PORT: '0', ...opts.env }, opts.logDir);
  const [, url] = await waitFor(proc, /listening at (http:\/\/127\.0\.0\.1:\d+)/);
  return {
    proc,
    url,
    async call(method, p, body, headers = {}) {
      const res = await fetch(`${url}${p}`, {
        method,
        headers: { ...opts.headers, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`sandbox ${method} ${p} answered ${res.status}: ${text.slice(0, 500)}`);
      return text ? JSON.parse(text) : null;
    },
  };
}

export interface GatewayProcess {
  proc: NodeProcess;
  /** GraphQL endpoint, by loopback address. */
  url: string;
}

/** The built gateway (`node dist/src/main.js`, what `npm start` runs) with the given environment. */
export async function startGateway(name: string, env: Record<string, string>, logDir: string): Promise<GatewayProcess> {
  const proc = spawnNode(name, built('src/main.js'), env, logDir);
  const [, port] = await waitFor(proc, /ready at http:\/\/[^:\s]+:(\d+)\/graphql/);
  return { proc, url: `http://127.0.0.1:${port}/graphql` };
}

export async function stopProcess(p: NodeProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill(signal);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
  await p.exited;
  clearTimeout(timer);
}

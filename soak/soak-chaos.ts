import type { GatewayPool } from './soak-gateways';
import type { Progress } from './soak-recorder';
import type { GatewayProcess, SandboxProcess } from './soak-processes';

export interface ChaosResult {
  /** Gateway processes running side by side on the database, from the first event to the report. */
  gateways: number;
  kills: number;
  /** Kills made while a write request of a killed gateway was in flight: every gateway running was killed at once. */
  killsWithWriteInFlight: number;
  /** Kills of both gateways at once (a host lost), the rest killing one while the other went on. */
  killsOfBoth: number;
  /** When each SIGKILL was sent (ms since the epoch). */
  killedAt: number[];
}

/** The gateway processes sharing the run's database: one, or two for the whole run. */
export interface Fleet {
  start(name: string): Promise<GatewayProcess>;
  /** By name in the clients' pool (`gateway-1`, `gateway-2`). */
  running: Map<string, GatewayProcess>;
}

/** Starts the run's gateways, each also put in the clients' pool. */
export async function startFleet(start: Fleet['start'], pool: GatewayPool, two: boolean): Promise<Fleet> {
  const names = two ? ['gateway-1', 'gateway-2'] : ['gateway-1'];
  const started = await Promise.all(names.map((name) => start(`${name}-run-1`).then((g) => [name, g] as const)));
  for (const [name, g] of started) pool.set(name, g.url);
  return { start, running: new Map(started) };
}

/**
 * While the events are recorded: SIGKILLs gateways `kills` times, evenly over the recording,
 * restarting each killed one at once. Each kill is aimed at a write in flight (`inFlight`: a Codat
 * push, a Sinao reconcile step, which is a write's second): a slow answer is queued for the next
 * such request and the kill comes as soon as the sandbox has taken it (the write applied, the
 * answer not yet sent). With two gateways, which of them sent that write is not known: odd kills
 * take both at once, so the sender surely dies with its write in flight; even kills take the first
 * alone, and the second carries on and takes over its leases.
 */
export async function runChaos(opts: { fleet: Fleet; pool: GatewayPool; sandbox: SandboxProcess; progress: Progress; kills: number; slowMs: number; inFlight: { method: string; pathIncludes: string; what: string }; log: (line: string) => void }): Promise<ChaosResult> {
  const { fleet, pool, sandbox, progress } = opts;
  const result: ChaosResult = { gateways: fleet.running.size, kills: 0, killsWithWriteInFlight: 0, killsOfBoth: 0, killedAt: [] };
  const runs = new Map<string, number>([...fleet.running.keys()].map((name) => [name, 1]));
  for (let i = 1; i <= opts.kills; i++) {
    await progress.reach(i / (opts.kills + 1));
    const inFlight = await aimAtWrite(sandbox, opts.inFlight, opts.slowMs);
    const victims = i % 2 === 1 ? [...fleet.running.keys()] : ['gateway-1'];
    const all = victims.length === fleet.running.size;
    result.killedAt.push(Date.now());
    await Promise.all(victims.map(async (name) => {
      const g = fleet.running.get(name)!;
      g.proc.child.kill('SIGKILL');
      await g.proc.exited;
      pool.remove(name);
    }));
    result.kills++;
    if (inFlight && all) result.killsWithWriteInFlight++;
    if (victims.length > 1) result.killsOfBoth++;
    opts.log(`soak: SIGKILL ${result.kills} of ${victims.length > 1 ? 'both gateways' : 'the first gateway'} at ${progress.done}/${progress.total} events${inFlight ? `, ${opts.inFlight.what} in flight` : ''}`);
    await Promise.all(victims.map(async (name) => {
      const run = runs.get(name)! + 1;
      runs.set(name, run);
      const g = await fleet.start(`${name}-run-${run}`);
      fleet.running.set(name, g);
      pool.set(name, g.url);
    }));
  }
  return result;
}

/** Queues a slow answer for the next write request of the kind and waits until the sandbox has taken it. */
async function aimAtWrite(sandbox: SandboxProcess, match: { method: string; pathIncludes: string }, slowMs: number): Promise<boolean> {
  const fault = await sandbox.call<{ id: string }>('POST', '/_sandbox/faults', { fault: 'SLOW_RESPONSE', delayMs: slowMs, match: { method: match.method, pathIncludes: match.pathIncludes } });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const queued = await sandbox.call<{ id: string }[]>('GET', '/_sandbox/faults');
    if (!queued.some((f) => f.id === fault.id)) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}

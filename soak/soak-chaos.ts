import type { GatewayPool } from './soak-gateways';
import type { Progress } from './soak-recorder';
import type { GatewayProcess, SandboxProcess } from './soak-processes';
import { stopProcess } from './soak-processes';

export interface ChaosResult {
  kills: number;
  /** Kills made while a write request of the killed gateway was in flight (the other gateway not running). */
  killsWithWriteInFlight: number;
  secondGatewayRan: boolean;
  /** When each SIGKILL was sent (ms since the epoch). */
  killedAt: number[];
}

export interface Fleet {
  start(name: string): Promise<GatewayProcess>;
  primary: GatewayProcess;
  second: GatewayProcess | null;
}

/**
 * While the events are recorded: SIGKILLs the first gateway `kills` times, evenly over the
 * recording, restarting it each time, and runs a second gateway on the same database over the
 * middle of it. Each kill is aimed at a write in flight (`inFlight`: a Codat push, a Sinao
 * reconcile step, which is a write's second): a slow answer is queued for the next such request
 * and the gateway is killed as soon as the sandbox has taken it (the write applied, the answer not
 * yet sent).
 */
export async function runChaos(opts: { fleet: Fleet; pool: GatewayPool; sandbox: SandboxProcess; progress: Progress; kills: number; secondGateway: boolean; slowMs: number; inFlight: { method: string; pathIncludes: string; what: string }; log: (line: string) => void }): Promise<ChaosResult> {
  const { fleet, pool, sandbox, progress } = opts;
  const result: ChaosResult = { kills: 0, killsWithWriteInFlight: 0, secondGatewayRan: false, killedAt: [] };
  const actions: { at: number; run: () => Promise<void> }[] = [];
  for (let i = 1; i <= opts.kills; i++) {
    actions.push({
      at: i / (opts.kills + 1),
      run: async () => {
        const inFlight = await aimAtWrite(sandbox, opts.inFlight, opts.slowMs);
        const alone = fleet.second === null;
        result.killedAt.push(Date.now());
        fleet.primary.proc.child.kill('SIGKILL');
        await fleet.primary.proc.exited;
        pool.remove('primary');
        result.kills++;
        if (inFlight && alone) result.killsWithWriteInFlight++;
        opts.log(`soak: SIGKILL ${result.kills} at ${progress.done}/${progress.total} events${inFlight ? `, ${opts.inFlight.what} in flight` : ''}${alone ? '' : ' (second gateway running)'}`);
        fleet.primary = await fleet.start(`gateway-1-run-${result.kills + 1}`);
        pool.set('primary', fleet.primary.url);
      },
    });
  }
  if (opts.secondGateway) {
    actions.push({
      at: 0.3,
      run: async () => {
        fleet.second = await fleet.start('gateway-2');
        pool.set('second', fleet.second.url);
        result.secondGatewayRan = true;
      },
    });
    actions.push({
      at: 0.65,
      run: async () => {
        if (!fleet.second) return;
        pool.remove('second');
        await stopProcess(fleet.second.proc);
        fleet.second = null;
      },
    });
  }
  actions.sort((a, b) => a.at - b.at);
  for (const action of actions) {
    await progress.reach(action.at);
    await action.run();
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

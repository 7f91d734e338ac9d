import fs from 'node:fs';
import os from 'node:os';

/** Linux counts process CPU time in clock ticks of 1/100 s (USER_HZ) on every common architecture. */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, or 0 once it is gone or off Linux. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields from after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The Postgres backends serving the current database, the asking one excepted: whose CPU is the database's. */
export const DATABASE_BACKENDS_SQL = 'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()';

/** Busy and total CPU time of the whole machine so far, in seconds summed over its cores. */
export function machineCpuSeconds(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    const all = t.user + t.nice + t.sys + t.idle + t.irq;
    total += all;
    busy += all - t.idle;
  }
  return { busy: busy / 1000, total: total / 1000 };
}

/**
 * Where the CPU went while something ran: each named group of processes (the gateways, the
 * emulator, the database's backends) and the machine as a whole, which includes whatever else
 * runs on it. Groups are re-listed at the end, so processes started meanwhile count from zero.
 */
export class CpuAccount {
  private readonly start = new Map<number, number>();
  private readonly machine0 = machineCpuSeconds();

  constructor(private readonly groups: Record<string, () => Promise<number[]> | number[]>) {}

  async begin(): Promise<this> {
    for (const list of Object.values(this.groups)) for (const pid of await list()) this.start.set(pid, processCpuSeconds(pid));
    return this;
  }

  /** CPU seconds per group, and the machine's busy share (0 to 1) with its core count. */
  async end(): Promise<{ groups: Record<string, number>; machineBusy: number; cores: number }> {
    const groups: Record<string, number> = {};
    for (const [name, list] of Object.entries(this.groups)) {
      groups[name] = 0;
      for (const pid of await list()) groups[name] += processCpuSeconds(pid) - (this.start.get(pid) ?? 0);
    }
    const m = machineCpuSeconds();
    const total = m.total - this.machine0.total;
    return { groups, machineBusy: total > 0 ? (m.busy - this.machine0.busy) / total : 0, cores: os.cpus().length };
  }
}

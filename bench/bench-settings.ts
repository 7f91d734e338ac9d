/** What one benchmark run does, read from the environment with defaults sized for a 2-core machine. */
export interface BenchSettings {
  /** recordFee requests measured for latency, after the warm-up. */
  requests: number;
  warmupRequests: number;
  /** Concurrent GraphQL clients, for the latency phase and for recording the delivery events. */
  clients: number;
  /** Events recorded before delivery starts. */
  events: number;
  companies: number;
  /** Raw POSTs to the emulator for the baseline, after its own warm-up. */
  baselineRequests: number;
  baselineWarmup: number;
  worker: { concurrency: number; pollMs: number };
  /** Postgres server to create the benchmark's databases on; null means a SQLite file. */
  postgresUrl: string | null;
  /** The gateway's database variables besides DATABASE_URL, passed on as set (DATABASE_PREPARED_STATEMENTS). */
  databaseEnv: Record<string, string>;
  /** DATABASE_URL was set but is not Postgres, so it was ignored. */
  ignoredDatabaseUrl: string | null;
  /** How long delivery may take before the run is declared failed. */
  deliveryTimeoutMs: number;
}

export class SettingsError extends Error {}

type Env = Record<string, string | undefined>;

function positiveInt(env: Env, name: string, fallback: number, min = 1, max = 1_000_000): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new SettingsError(`${name}=${raw} is invalid: expected an integer from ${min} to ${max}`);
  return n;
}

export function loadBenchSettings(env: Env): BenchSettings {
  const requests = positiveInt(env, 'BENCH_REQUESTS', 2000);
  const baselineRequests = positiveInt(env, 'BENCH_BASELINE_REQUESTS', 5000);
  const databaseUrl = env.DATABASE_URL || null;
  const postgres = databaseUrl !== null && /^postgres(ql)?:\/\//.test(databaseUrl);
  return {
    requests,
    // Enough for the JIT, the connection pools and the statement caches, without dwarfing a small run.
    warmupRequests: Math.min(500, Math.max(50, Math.round(requests / 4))),
    clients: 50,
    events: positiveInt(env, 'BENCH_EVENTS', 10_000),
    companies: positiveInt(env, 'BENCH_COMPANIES', 100, 1, 10_000),
    baselineRequests,
    baselineWarmup: Math.min(500, Math.max(50, Math.round(baselineRequests / 10))),
    // The gateway's own variables, so that other worker settings can be tried with the same script.
    worker: {
      concurrency: positiveInt(env, 'WORKER_CONCURRENCY', 32, 1, 256),
      pollMs: positiveInt(env, 'WORKER_POLL_MS', 10, 10, 60_000),
    },
    postgresUrl: postgres ? databaseUrl : null,
    databaseEnv: env.DATABASE_PREPARED_STATEMENTS ? { DATABASE_PREPARED_STATEMENTS: env.DATABASE_PREPARED_STATEMENTS } : {},
    ignoredDatabaseUrl: databaseUrl !== null && !postgres ? databaseUrl : null,
    deliveryTimeoutMs: 300_000,
  };
}

import { SOAK_PROVIDERS, type SoakProvider } from './soak-providers';

/** What one soak run does, read from the environment (SOAK_*), with defaults sized for a 2-core machine. */
export interface SoakSettings {
  /** Whose sandbox the borrowers' books are in (`--provider` or SOAK_PROVIDER; default codat). */
  provider: SoakProvider['name'];
  events: number;
  companies: number;
  /** Recording calls in flight at once, over every company. */
  clients: number;
  /** Dates each borrower's events are spread over; the events of one date are sent at once. */
  days: number;
  /** Share of events sent a second time (same externalId and payload). */
  resendRate: number;
  /** Share of provider requests (and, separately, of asynchronous operations where the provider has them) that draw a fault. */
  faultRate: number;
  /** The provider's fault kinds drawn from (default: all its sandbox has). */
  faultKinds: string[];
  /** SIGKILLs of the first gateway, each followed by a restart. */
  kills: number;
  /** Run a second gateway process on the same database, from the first event to the report. */
  secondGateway: boolean;
  seed: number;
  /** The gateways' timeout for the provider (CODAT_TIMEOUT_MS, SINAO_TIMEOUT_MS); SLOW_RESPONSE faults answer after 1.5 times as long. */
  providerTimeoutMs: number;
  /** The gateways' WORKER_LEASE_MS. */
  leaseMs: number;
  /** How long the sandbox keeps push operations Pending. */
  pushDelayMs: number;
  /** How long to wait for every operation to be SUCCEEDED or FAILED, per wait. */
  settleTimeoutMs: number;
  /** How long one recording call is retried (gateway down, provider unavailable) before giving up. */
  callTimeoutMs: number;
  /** The whole run's time limit: recording stops retrying and the waits end so that the report comes out within it. */
  budgetMs: number;
  /** Postgres server to create the run's database on; null means a SQLite file shared by the gateways. */
  postgresUrl: string | null;
  /** The gateways' LOG_LEVEL; their output goes to files in the run's folder. */
  logLevel: string;
  /** Keep the run's folder (database file, gateway logs) even when every figure is 0. */
  keep: boolean;
}

export class SoakSettingsError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new SoakSettingsError(`${name}=${raw} is invalid: expected an integer from ${min} to ${max}`);
  return n;
}

function share(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new SoakSettingsError(`${name}=${raw} is invalid: expected a number from 0 to 1`);
  return n;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new SoakSettingsError(`${name}=${raw} is invalid: expected true or false`);
}

function provider(env: Env): SoakProvider['name'] {
  const raw = (env.SOAK_PROVIDER ?? '').trim().toLowerCase();
  if (raw === '') return 'codat';
  if (!(raw in SOAK_PROVIDERS)) throw new SoakSettingsError(`SOAK_PROVIDER=${env.SOAK_PROVIDER} is invalid: expected one of ${Object.keys(SOAK_PROVIDERS).join(', ')}`);
  return raw as SoakProvider['name'];
}

function kinds(env: Env, all: readonly string[]): string[] {
  const raw = env.SOAK_FAULT_KINDS;
  if (raw === undefined || raw === '') return [...all];
  const list = raw.split(',').map((k) => k.trim().toUpperCase()).filter(Boolean);
  const unknown = list.filter((k) => !all.includes(k));
  if (!list.length || unknown.length) throw new SoakSettingsError(`SOAK_FAULT_KINDS=${raw} is invalid: expected a comma-separated list of ${all.join(', ')}`);
  return list;
}

/**
 * The environment with `--provider <name>` (or `--provider=<name>`) from the command line as
 * SOAK_PROVIDER, so that `npm run soak -- --provider sinao` works.
 */
export function withArgs(env: Env, argv: string[]): Env {
  const at = argv.findIndex((a) => a === '--provider' || a.startsWith('--provider='));
  if (at < 0) return env;
  const value = argv[at].includes('=') ? argv[at].slice('--provider='.length) : argv[at + 1];
  if (!value) throw new SoakSettingsError('--provider needs a value: codat or sinao');
  return { ...env, SOAK_PROVIDER: value };
}

export function loadSoakSettings(env: Env): SoakSettings {
  const databaseUrl = env.DATABASE_URL || '';
  const name = provider(env);
  return {
    provider: name,
    events: int(env, 'SOAK_EVENTS', 1000, 1, 1_000_000),
    companies: int(env, 'SOAK_COMPANIES', 20, 1, 1000),
    clients: int(env, 'SOAK_CLIENTS', 32, 1, 256),
    days: int(env, 'SOAK_DAYS', 5, 2, 300),
    resendRate: share(env, 'SOAK_RESEND_RATE', 0.1),
    faultRate: share(env, 'SOAK_FAULT_RATE', 0.25),
    faultKinds: kinds(env, SOAK_PROVIDERS[name].faultKinds),
    kills: int(env, 'SOAK_KILLS', 3, 0, 100),
    secondGateway: flag(env, 'SOAK_SECOND_GATEWAY', true),
    seed: int(env, 'SOAK_SEED', 1, 0, 2 ** 31 - 1),
    providerTimeoutMs: int(env, 'SOAK_PROVIDER_TIMEOUT_MS', int(env, 'SOAK_CODAT_TIMEOUT_MS', 1000, 100, 300_000), 100, 300_000),
    leaseMs: int(env, 'SOAK_LEASE_MS', 6000, 1000, 3_600_000),
    pushDelayMs: int(env, 'SOAK_PUSH_DELAY_MS', 50, 0, 60_000),
    settleTimeoutMs: int(env, 'SOAK_SETTLE_TIMEOUT_MS', 120_000, 1000, 3_600_000),
    callTimeoutMs: int(env, 'SOAK_CALL_TIMEOUT_MS', 60_000, 1000, 3_600_000),
    budgetMs: int(env, 'SOAK_BUDGET_MS', 1_800_000, 30_000, 86_400_000),
    postgresUrl: /^postgres(ql)?:\/\//.test(databaseUrl) ? databaseUrl : null,
    logLevel: env.SOAK_LOG_LEVEL || 'warn',
    keep: flag(env, 'SOAK_KEEP', false),
  };
}

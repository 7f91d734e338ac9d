import path from 'node:path';
import type { AnyProviderDefinition, EnvReader } from './providers/provider';
import { PROVIDERS } from './providers/providers';

/**
 * The gateway's configuration, read from the environment once at boot. A bad value stops
 * the boot with one line naming the variable and what it expects.
 *
 * @example
 * // PORT=4000 DATABASE_URL=postgres://gw@db:5432/gw NODE_ENV=production GATEWAY_SECRET_KEY=… npm start
 * const config = loadConfig(process.env);
 * config.database; // { kind: 'postgres', url: 'postgres://gw@db:5432/gw', preparedStatements: true }
 */
export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  /** Postgres: `preparedStatements` runs statements as named prepared statements (DATABASE_PREPARED_STATEMENTS). */
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; preparedStatements: boolean };
  /** Folder for the embedded database and the development secrets. */
  dataDir: string;
  adminApiKey: string | null;
  /** Encrypts provider credentials at rest; null means "generate and persist one" (development only). */
  secretKey: string | null;
  sandbox: boolean;
  /** How long the sandbox's push operations stay Pending before they complete. */
  sandboxPushDelayMs: number;
  /** Each provider's own section, parsed by its definition, by provider kind. */
  providers: Record<string, unknown>;
  lenderName: string;
  corsOrigins: string[];
  /** Who may show the settings page in a frame: CSP `frame-ancestors` sources; empty means nobody. */
  settingsFrameAncestors: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** How long a mapping mutation waits for the provider before answering PENDING. */
  providerWriteWaitMs: number;
  worker: {
    enabled: boolean;
    concurrency: number;
    pollMs: number;
    /** Failed attempts (not throttling or waiting) before an operation may give up. */
    maxAttempts: number;
    leaseMs: number;
    /** Time since the first attempt after which an operation may give up, however few its failed attempts. */
    giveUpAfterMs: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly variable: string, expected: string, value: string | undefined) {
    super(`${variable}=${value === undefined ? '(unset)' : JSON.stringify(redact(variable, value))} is invalid: expected ${expected}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function redact(variable: string, value: string): string {
  return /KEY|SECRET|PASSWORD/.test(variable) ? '***' : value;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(name, `an integer from ${min} to ${max}`, raw);
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, 'true or false', raw);
}

function url(env: Env, name: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
    return raw.replace(/\/+$/, '');
  } catch {
    throw new ConfigError(name, 'an http(s) URL', raw);
  }
}

function database(env: Env, dataDir: string): Config['database'] {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return { kind: 'sqlite', file: path.join(dataDir, 'gateway.sqlite') };
  if (/^postgres(ql)?:\/\//.test(raw) && URL.canParse(raw)) {
    return { kind: 'postgres', url: raw, preparedStatements: bool(env, 'DATABASE_PREPARED_STATEMENTS', true) };
  }
  const sqlite = /^(sqlite|file):(.+)$/.exec(raw);
  if (sqlite) return { kind: 'sqlite', file: sqlite[2] === ':memory:' ? ':memory:' : path.resolve(sqlite[2]) };
  throw new ConfigError('DATABASE_URL', 'postgres://user@host:5432/db or sqlite:<file>', raw);
}

/** `'self'`, or an http(s) origin whose host may start with `*.` (CSP's own syntax), e.g. https://*.lender.example. */
const FRAME_ANCESTOR = /^(?:'self'|https?:\/\/(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d{1,5})?)$/i;

function frameAncestors(env: Env): string[] {
  const raw = env.SETTINGS_FRAME_ANCESTORS || '';
  const sources = raw.split(/[\s,]+/).filter(Boolean);
  for (const source of sources) {
    if (!FRAME_ANCESTOR.test(source)) throw new ConfigError('SETTINGS_FRAME_ANCESTORS', "origins like https://app.lender.example or https://*.lender.example, or 'self', separated by commas", raw);
  }
  return sources;
}

/** Reads the configuration; each provider's section is parsed by its definition (`definitions`, all providers by default). */
export function loadConfig(env: Env = process.env, definitions: readonly AnyProviderDefinition[] = PROVIDERS): Config {
  const nodeEnvRaw = env.NODE_ENV || 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    throw new ConfigError('NODE_ENV', 'development, production or test', nodeEnvRaw);
  }
  const nodeEnv = nodeEnvRaw as Config['nodeEnv'];
  const production = nodeEnv === 'production';
  const port = int(env, 'PORT', 4000, 0, 65535);
  const dataDir = path.resolve(env.DATA_DIR || 'data');
  const sandbox = bool(env, 'SANDBOX', !production);
  if (sandbox && production) throw new ConfigError('SANDBOX', 'off when NODE_ENV=production', env.SANDBOX);

  const secretKey = env.GATEWAY_SECRET_KEY || null;
  if (secretKey !== null && secretKey.length < 32) {
    throw new ConfigError('GATEWAY_SECRET_KEY', 'at least 32 characters (e.g. `openssl rand -base64 32`)', secretKey);
  }
  if (secretKey === null && production) {
    throw new ConfigError('GATEWAY_SECRET_KEY', 'a secret of at least 32 characters (required in production)', undefined);
  }
  const adminApiKey = env.GATEWAY_ADMIN_API_KEY || null;
  if (adminApiKey !== null && adminApiKey.length < 24) {
    throw new ConfigError('GATEWAY_ADMIN_API_KEY', 'at least 24 characters', adminApiKey);
  }

  const reader: EnvReader = {
    production,
    sandbox,
    string: (name) => env[name] || null,
    url: (name) => url(env, name),
    int: (name, fallback, min, max) => int(env, name, fallback, min, max),
    invalid: (name, expected) => new ConfigError(name, expected, env[name] || undefined),
  };
  const providers = Object.fromEntries(definitions.map((d) => [d.kind, d.parseEnv(reader)]));

  const logLevel = (env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info')) as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', LOG_LEVELS.join(', '), env.LOG_LEVEL);

  const corsOrigins = (env.CORS_ORIGINS || '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new ConfigError('CORS_ORIGINS', 'comma-separated origins like https://app.example.com', env.CORS_ORIGINS);
  }

  return {
    nodeEnv,
    port,
    database: database(env, dataDir),
    dataDir,
    adminApiKey,
    secretKey,
    sandbox,
    sandboxPushDelayMs: int(env, 'SANDBOX_PUSH_DELAY_MS', 150, 0, 600000),
    providers,
    lenderName: (env.LENDER_NAME || 'Acme Invoice Finance Ltd').trim(),
    corsOrigins,
    settingsFrameAncestors: frameAncestors(env),
    logLevel,
    providerWriteWaitMs: int(env, 'PROVIDER_WRITE_WAIT_MS', 5000, 0, 120000),
    worker: {
      enabled: bool(env, 'WORKER_ENABLED', true),
      concurrency: int(env, 'WORKER_CONCURRENCY', 8, 1, 256),
      pollMs: int(env, 'WORKER_POLL_MS', 500, 10, 60000),
      maxAttempts: int(env, 'WORKER_MAX_ATTEMPTS', 10, 1, 100),
      leaseMs: int(env, 'WORKER_LEASE_MS', 60000, 1000, 3600000),
      giveUpAfterMs: int(env, 'WORKER_GIVE_UP_AFTER_MS', 3600000, 1000, 604800000),
    },
  };
}

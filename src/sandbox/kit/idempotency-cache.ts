import { createHash } from 'node:crypto';
import type { Reply } from './reply';

export type IdempotencyLookup =
  | { kind: 'new' }
  | { kind: 'in-flight' }
  | { kind: 'mismatch' }
  | { kind: 'replay'; reply: Reply };

export interface IdempotencyOptions {
  /** How long a key's first reply is replayed. */
  retentionMs: number;
  /** Statuses that free the key instead of being replayed (a rate limit lets the client retry with it). */
  releaseOn?: readonly number[];
}

interface Entry {
  fingerprint: string;
  reply: Reply | null;
  expiresAt: number;
}

/**
 * Idempotency keys as a provider keeps them: the first reply to a key is replayed for the same
 * request, a different request under the same key is refused, a key whose first request is still
 * running is refused, and the statuses in `releaseOn` free the key. Keys are scoped (per company).
 * A provider without idempotency keys has no cache at all. Keys are held in the order they expire
 * (one retention for all), so forgetting the expired ones reads only those, whatever the history.
 *
 * @example
 * const cache = new IdempotencyCache({ retentionMs: 90 * 60_000, releaseOn: [429] });
 * const found = cache.begin(companyId, key, fingerprint(req));
 * if (found.kind === 'new') cache.finish(companyId, key, handler(req));
 */
export class IdempotencyCache {
  private entries = new Map<string, Entry>();
  private readonly releaseOn: ReadonlySet<number>;

  constructor(private readonly options: IdempotencyOptions) {
    this.releaseOn = new Set(options.releaseOn ?? []);
  }

  begin(scope: string, key: string, fingerprint: string, now = Date.now()): IdempotencyLookup {
    this.forgetExpired(now);
    const id = `${scope}\u0000${key}`;
    const entry = this.entries.get(id);
    if (entry && entry.expiresAt > now) {
      if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
      if (entry.reply === null) return { kind: 'in-flight' };
      return { kind: 'replay', reply: entry.reply };
    }
    // Deleted first so the key moves to the back of the expiry order.
    this.entries.delete(id);
    this.entries.set(id, { fingerprint, reply: null, expiresAt: now + this.options.retentionMs });
    return { kind: 'new' };
  }

  finish(scope: string, key: string, reply: Reply): void {
    const id = `${scope}\u0000${key}`;
    const entry = this.entries.get(id);
    if (!entry) return;
    if (this.releaseOn.has(reply.status)) this.entries.delete(id);
    else entry.reply = reply;
  }

  release(scope: string, key: string): void {
    this.entries.delete(`${scope}\u0000${key}`);
  }

  clear(): void {
    this.entries.clear();
  }

  private forgetExpired(now: number): void {
    for (const [id, entry] of this.entries) {
      if (entry.expiresAt > now) return;
      this.entries.delete(id);
    }
  }
}

/**
 * Same method, path, query and JSON body (key order aside) means the same request. A digest, not
 * the request itself: a cache holding every key of the retention period stays small.
 *
 * @example
 * fingerprint({ method: 'POST', path: '/push', query: {}, body: { b: 1, a: 2 } }) === fingerprint({ …, body: { a: 2, b: 1 } });
 */
export function fingerprint(req: { method: string; path: string; query: Record<string, unknown>; body?: unknown }): string {
  const query = Object.keys(req.query).sort().map((k) => `${k}=${JSON.stringify(req.query[k])}`).join('&');
  return createHash('sha256').update(`${req.method} ${req.path}?${query} ${stableJson(req.body)}`).digest('base64');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    return `{${Object.keys(object).sort().map((k) => `${JSON.stringify(k)}:${stableJson(object[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

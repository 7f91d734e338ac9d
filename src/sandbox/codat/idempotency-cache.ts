export interface StoredReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Set for push responses: a replay shows the operation as it is now, not as it was. */
  pushOperationKey?: string;
}

type Lookup =
  | { kind: 'new' }
  | { kind: 'in-flight' }
  | { kind: 'mismatch' }
  | { kind: 'replay'; reply: StoredReply };

interface Entry {
  fingerprint: string;
  reply: StoredReply | null;
  expiresAt: number;
}

/** Codat keeps a key's first response for 90 minutes. */
const RETENTION_MS = 90 * 60 * 1000;

/**
 * Codat's Idempotency-Key behaviour (CONTRACT §1.7): the first response to a key is replayed for
 * the same request, a different request under the same key is refused, a key whose first request
 * is still running is refused, and a 429 frees the key so the client can retry with it.
 * Keys are scoped per company. Keys are held in the order they expire (one retention for all),
 * so forgetting the expired ones reads only those, whatever the history.
 */
export class IdempotencyCache {
  private entries = new Map<string, Entry>();

  begin(scope: string, key: string, fingerprint: string, now = Date.now()): Lookup {
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
    this.entries.set(id, { fingerprint, reply: null, expiresAt: now + RETENTION_MS });
    return { kind: 'new' };
  }

  finish(scope: string, key: string, reply: StoredReply): void {
    const id = `${scope}\u0000${key}`;
    const entry = this.entries.get(id);
    if (!entry) return;
    if (reply.status === 429) this.entries.delete(id);
    else entry.reply = reply;
  }

  release(scope: string, key: string): void {
    this.entries.delete(`${scope}\u0000${key}`);
  }

  private forgetExpired(now: number): void {
    for (const [id, entry] of this.entries) {
      if (entry.expiresAt > now) return;
      this.entries.delete(id);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

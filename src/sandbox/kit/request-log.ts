/** One exchange as the request log keeps it (no bodies: the log is bounded by count, not size). */
export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  at: string;
  /** The sandbox dropped the connection instead of sending `status` (LOSE_RESPONSE). */
  responseLost?: boolean;
}

/** How many exchanges a sandbox keeps by default: enough for any test or demo to read back. */
export const DEFAULT_REQUEST_LOG_SIZE = 10_000;

/**
 * The last `capacity` exchanges, oldest first, in a fixed ring: recording one costs the same
 * after a million requests as after ten, and memory stays bounded. Observers see every exchange,
 * also those the ring has since forgotten (a benchmark counts them that way).
 *
 * @example
 * const log = new RequestLog(100);
 * const stop = log.observe((entry) => counts[entry.status]++);
 * log.entries(); // oldest first
 */
export class RequestLog {
  private ring: RequestLogEntry[] = [];
  private next = 0;
  private readonly observers = new Set<(entry: RequestLogEntry) => void>();

  constructor(readonly capacity: number = DEFAULT_REQUEST_LOG_SIZE) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`The request log needs a capacity of at least 1, not ${capacity}`);
  }

  add(entry: RequestLogEntry): void {
    if (this.ring.length < this.capacity) this.ring.push(entry);
    else this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    for (const observer of this.observers) observer(entry);
  }

  /** The kept exchanges, oldest first. */
  entries(): RequestLogEntry[] {
    if (this.ring.length < this.capacity) return [...this.ring];
    return [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
  }

  get size(): number {
    return this.ring.length;
  }

  /** Calls `observer` with each exchange from now on; returns the function that stops it. */
  observe(observer: (entry: RequestLogEntry) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  clear(): void {
    this.ring = [];
    this.next = 0;
  }
}

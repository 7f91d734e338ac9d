/** One exchange as the sandbox's request log keeps it. */
export interface RequestLogEntry {
  method: string;
  /** Relative to the mount point, without the query string. */
  path: string;
  query: Record<string, string>;
  status: number;
  at: string;
  /** The sandbox dropped the connection instead of sending `status` (LOSE_RESPONSE). */
  responseLost?: boolean;
}

/** How many exchanges the sandbox keeps by default: enough for any test or demo to read back. */
export const DEFAULT_REQUEST_LOG_SIZE = 10_000;

/**
 * The last `capacity` exchanges, oldest first, in a fixed ring, so that memory stays bounded
 * however long a soak runs.
 */
export class RequestLog {
  private ring: RequestLogEntry[] = [];
  private next = 0;

  constructor(readonly capacity: number = DEFAULT_REQUEST_LOG_SIZE) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`The request log needs a capacity of at least 1, not ${capacity}`);
  }

  add(entry: RequestLogEntry): void {
    if (this.ring.length < this.capacity) this.ring.push(entry);
    else this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
  }

  /** The kept exchanges, oldest first. */
  entries(): RequestLogEntry[] {
    if (this.ring.length < this.capacity) return [...this.ring];
    return [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
  }

  clear(): void {
    this.ring = [];
    this.next = 0;
  }
}

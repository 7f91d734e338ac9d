import { createHash, randomUUID } from 'crypto';

/**
 * A UUID-shaped id derived from a scope (a company) and a label, so that seeding the same company
 * again (for instance after a restart) gives every record the same id a client may have stored.
 *
 * @example
 * deterministicUuid(companyId, 'account:200') === deterministicUuid(companyId, 'account:200'); // true
 */
export function deterministicUuid(scope: string, label: string): string {
  const hex = createHash('sha256').update(`${scope}\u0000${label}`).digest('hex');
  // Version 5 and RFC 4122 variant bits, so strict UUID validators accept the ids.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A fresh random UUID, for records a client creates.
 *
 * @example
 * const pushOperationKey = newUuid();
 */
export function newUuid(): string {
  return randomUUID();
}

/**
 * Integer ids for providers whose records are numbered: one counter per scope, starting
 * at `first`, so that the same sequence of writes after a reset gives the same ids.
 *
 * @example
 * const ids = new IntegerIds(1000);
 * ids.next(appId); // 1000, then 1001, …
 */
export class IntegerIds {
  private readonly counters = new Map<string, number>();

  constructor(private readonly first = 1) {}

  next(scope: string | number): number {
    const key = String(scope);
    const id = this.counters.get(key) ?? this.first;
    this.counters.set(key, id + 1);
    return id;
  }

  reset(): void {
    this.counters.clear();
  }
}

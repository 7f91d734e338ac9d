import { randomUUID } from 'crypto';
import type { IdentityEndpoint, IdentityFaultKind, IdentityFaultSpec, QueuedIdentityFault } from './xero-identity.types';

const KINDS: readonly IdentityFaultKind[] = ['SERVER_ERROR', 'LOSE_RESPONSE', 'SLOW_RESPONSE'];

/**
 * Faults queued by tests for the identity endpoints, each consumed by the next request it matches,
 * as many times as its count says. LOSE_RESPONSE is the classic cause of `invalid_grant`: the
 * refresh token rotates, then the answer carrying its successor never arrives.
 */
export class IdentityFaults {
  private queue: QueuedIdentityFault[] = [];

  add(spec: IdentityFaultSpec): QueuedIdentityFault {
    if (!KINDS.includes(spec?.fault)) throw new Error(`Unknown fault; expected one of ${KINDS.join(', ')}.`);
    const count = spec.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new Error('count must be a positive integer.');
    if (spec.delayMs !== undefined && !(typeof spec.delayMs === 'number' && spec.delayMs >= 0)) throw new Error('delayMs must be a non-negative number.');
    const fault: QueuedIdentityFault = { id: randomUUID(), fault: spec.fault, count, match: { ...(spec.match ?? {}) }, delayMs: spec.delayMs };
    this.queue.push(fault);
    return { ...fault };
  }

  list(): QueuedIdentityFault[] {
    return this.queue.map((fault) => ({ ...fault, match: { ...fault.match } }));
  }

  clear(): void {
    this.queue = [];
  }

  /** Consumes one use of the first queued fault of `kind` matching the request, if any. */
  take(kind: IdentityFaultKind, endpoint: IdentityEndpoint, grantType?: string): QueuedIdentityFault | undefined {
    const fault = this.queue.find((candidate) => candidate.fault === kind
      && (!candidate.match.endpoint || candidate.match.endpoint === endpoint)
      && (!candidate.match.grantType || candidate.match.grantType === grantType));
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) this.queue = this.queue.filter((candidate) => candidate !== fault);
    return { ...fault };
  }
}

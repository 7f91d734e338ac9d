import { CodatError } from './codat-error';
import { newUuid } from './deterministic-ids';
import type { FaultKind, FaultSpec, QueuedFault } from './sandbox.types';

export const FAULT_KINDS: readonly FaultKind[] = ['RATE_LIMIT', 'SERVER_ERROR', 'LOSE_RESPONSE', 'SLOW_RESPONSE', 'FAIL', 'STAY_PENDING', 'TIME_OUT'];

/** Faults that shape how a push operation completes, rather than the HTTP exchange. */
export const OPERATION_FAULTS: readonly FaultKind[] = ['FAIL', 'STAY_PENDING', 'TIME_OUT'];

export interface FaultTarget {
  method: string;
  path: string;
  companyId?: string;
}

/**
 * Faults queued by tests, each consumed by the next request (or push operation) it matches,
 * as many times as its count says. First queued, first consumed.
 */
export class FaultQueue {
  private queue: QueuedFault[] = [];

  add(spec: FaultSpec): QueuedFault {
    if (!FAULT_KINDS.includes(spec?.fault)) {
      throw CodatError.badRequest(`Unknown fault; expected one of ${FAULT_KINDS.join(', ')}.`);
    }
    const count = spec.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw CodatError.badRequest('count must be a positive integer.');
    for (const key of ['retryAfterSeconds', 'delayMs'] as const) {
      const value = spec[key];
      if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
        throw CodatError.badRequest(`${key} must be a non-negative number.`);
      }
    }
    if (spec.match !== undefined && (spec.match === null || typeof spec.match !== 'object')) throw CodatError.badRequest('match must be an object.');
    const fault: QueuedFault = {
      id: newUuid(),
      fault: spec.fault,
      count,
      match: { ...(spec.match ?? {}) },
      retryAfterSeconds: spec.retryAfterSeconds,
      applied: spec.applied,
      message: spec.message,
      delayMs: spec.delayMs,
    };
    this.queue.push(fault);
    return { ...fault };
  }

  list(): QueuedFault[] {
    return this.queue.map((fault) => ({ ...fault, match: { ...fault.match } }));
  }

  clear(): void {
    this.queue = [];
  }

  /** Consumes one use of the first queued fault of one of `kinds` that matches the target. */
  take(kinds: readonly FaultKind[], target: FaultTarget): QueuedFault | undefined {
    const fault = this.queue.find((candidate) => kinds.includes(candidate.fault) && matches(candidate, target));
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) this.queue = this.queue.filter((candidate) => candidate !== fault);
    return { ...fault };
  }
}

function matches(fault: QueuedFault, target: FaultTarget): boolean {
  const { method, pathIncludes, companyId } = fault.match;
  if (method && method.toUpperCase() !== target.method.toUpperCase()) return false;
  if (pathIncludes && !target.path.includes(pathIncludes)) return false;
  if (companyId && companyId !== target.companyId) return false;
  return true;
}

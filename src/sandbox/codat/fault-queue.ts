import { CodatError } from './codat-error';
import { newUuid } from './deterministic-ids';
import type { FaultKind, FaultMatch, FaultSpec, QueuedFault } from './sandbox.types';

export const FAULT_KINDS: readonly FaultKind[] = ['RATE_LIMIT', 'SERVER_ERROR', 'LOSE_RESPONSE', 'SLOW_RESPONSE', 'FAIL', 'STAY_PENDING', 'TIME_OUT'];

/** Faults that shape how a push operation completes, rather than the HTTP exchange. */
export const OPERATION_FAULTS: readonly FaultKind[] = ['FAIL', 'STAY_PENDING', 'TIME_OUT'];

/** Faults of the HTTP exchange itself. */
export const EXCHANGE_FAULTS: readonly FaultKind[] = FAULT_KINDS.filter((kind) => !OPERATION_FAULTS.includes(kind));

/**
 * Random faults, for soak tests: each request draws, with probability `rate`, one of the exchange
 * kinds listed; each push operation draws, independently and with the same probability, one of the
 * operation kinds listed. Draws come from a generator seeded with `seed`.
 */
export interface RandomFaultSpec {
  rate: number;
  /** Default: every kind. */
  kinds?: FaultKind[];
  seed?: number;
  match?: FaultMatch;
  /** RATE_LIMIT's Retry-After (default 1). */
  retryAfterSeconds?: number;
  /** SLOW_RESPONSE's delay (default 1000). */
  delayMs?: number;
  /** How long STAY_PENDING holds an operation, at most (default 2000); the admin routes release them. */
  holdMs?: number;
  /** TIME_OUT: whether the write lands anyway; unset draws it, half and half. */
  applied?: boolean;
  /** FAIL's validation message. */
  message?: string;
}

export interface RandomFaultState {
  settings: Required<Omit<RandomFaultSpec, 'match' | 'applied' | 'message'>> & Pick<RandomFaultSpec, 'match' | 'applied' | 'message'>;
  /** Requests and push operations that drew, and the faults actually applied, by kind. */
  requests: number;
  operations: number;
  applied: Partial<Record<FaultKind, number>>;
  /** TIME_OUT operations whose write landed anyway. */
  timeOutsLanded: number;
}

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
  private random: (RandomFaultState & { next: () => number }) | null = null;
  /**
   * One draw per target: the request pipeline passes the same target object to every check of one
   * request, so a request gets at most one exchange fault however many checks it goes through.
   */
  private drawn = new WeakMap<FaultTarget, FaultKind | null>();

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

  /** Clears the queue and switches random faults off. */
  clear(): void {
    this.queue = [];
    this.random = null;
  }

  /** Switches random faults on (replacing earlier random settings), next to the queue. */
  setRandom(spec: RandomFaultSpec): RandomFaultState {
    const body = (spec ?? {}) as RandomFaultSpec;
    if (typeof body.rate !== 'number' || !(body.rate >= 0 && body.rate <= 1)) throw CodatError.badRequest('rate must be a number from 0 to 1.');
    const kinds = body.kinds ?? [...FAULT_KINDS];
    if (!Array.isArray(kinds) || kinds.length === 0 || !kinds.every((kind) => FAULT_KINDS.includes(kind))) {
      throw CodatError.badRequest(`kinds must be a non-empty list of ${FAULT_KINDS.join(', ')}.`);
    }
    for (const key of ['retryAfterSeconds', 'delayMs', 'holdMs'] as const) {
      const value = body[key];
      if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) throw CodatError.badRequest(`${key} must be a non-negative number.`);
    }
    if (body.seed !== undefined && !Number.isInteger(body.seed)) throw CodatError.badRequest('seed must be an integer.');
    if (body.match !== undefined && (body.match === null || typeof body.match !== 'object')) throw CodatError.badRequest('match must be an object.');
    if (body.applied !== undefined && typeof body.applied !== 'boolean') throw CodatError.badRequest('applied must be true or false.');
    const seed = body.seed ?? Math.floor(Math.random() * 2 ** 31);
    this.random = {
      settings: {
        rate: body.rate,
        kinds: [...new Set(kinds)],
        seed,
        match: body.match ? { ...body.match } : undefined,
        retryAfterSeconds: body.retryAfterSeconds ?? 1,
        delayMs: body.delayMs ?? 1000,
        holdMs: body.holdMs ?? 2000,
        applied: body.applied,
        message: body.message,
      },
      requests: 0,
      operations: 0,
      applied: {},
      timeOutsLanded: 0,
      next: mulberry32(seed),
    };
    this.drawn = new WeakMap();
    return this.randomState()!;
  }

  /** The random settings and what they have done so far; null while random faults are off. */
  randomState(): RandomFaultState | null {
    if (!this.random) return null;
    const { next: _next, ...state } = this.random;
    return structuredClone(state);
  }

  /**
   * Consumes one use of the first queued fault of one of `kinds` that matches the target; failing
   * that, the target's random fault if it is of one of `kinds`.
   */
  take(kinds: readonly FaultKind[], target: FaultTarget): QueuedFault | undefined {
    const fault = this.queue.find((candidate) => kinds.includes(candidate.fault) && matches(candidate.match, target));
    if (!fault) return this.takeRandom(kinds, target);
    fault.count -= 1;
    if (fault.count <= 0) this.queue = this.queue.filter((candidate) => candidate !== fault);
    return { ...fault };
  }

  private takeRandom(kinds: readonly FaultKind[], target: FaultTarget): QueuedFault | undefined {
    const random = this.random;
    if (!random || !matches(random.settings.match ?? {}, target)) return undefined;
    let drawn = this.drawn.get(target);
    if (drawn === undefined) {
      const operation = kinds.every((kind) => OPERATION_FAULTS.includes(kind));
      const pool = random.settings.kinds.filter((kind) => OPERATION_FAULTS.includes(kind) === operation);
      if (operation) random.operations += 1;
      else random.requests += 1;
      drawn = pool.length > 0 && random.next() < random.settings.rate ? pool[Math.floor(random.next() * pool.length)] : null;
      this.drawn.set(target, drawn);
    }
    if (!drawn || !kinds.includes(drawn)) return undefined;
    this.drawn.set(target, null);
    random.applied[drawn] = (random.applied[drawn] ?? 0) + 1;
    const { retryAfterSeconds, delayMs, message } = random.settings;
    const applied = drawn === 'TIME_OUT' ? random.settings.applied ?? random.next() < 0.5 : undefined;
    if (applied) random.timeOutsLanded += 1;
    return {
      id: newUuid(),
      fault: drawn,
      count: 1,
      match: {},
      retryAfterSeconds,
      delayMs,
      message,
      applied,
    };
  }
}

/** A small seeded generator (Mulberry32): the same seed gives the same draws. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function matches(match: FaultMatch, target: FaultTarget): boolean {
  const { method, pathIncludes, companyId } = match;
  if (method && method.toUpperCase() !== target.method.toUpperCase()) return false;
  if (pathIncludes && !target.path.includes(pathIncludes)) return false;
  if (companyId && companyId !== target.companyId) return false;
  return true;
}

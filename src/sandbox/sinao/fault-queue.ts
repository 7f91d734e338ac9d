import { randomUUID } from 'crypto';
import { SandboxInputError } from './error-dialect';

/**
 * Provider-neutral fault injection: faults queued by tests, each consumed by the next request it
 * matches, as many times as its count says (first queued, first consumed), and optional random
 * faults for soak tests. Kept free of the provider's error dialect so that it can give way to the
 * shared sandbox kit's queue unchanged.
 */

export const COMMON_FAULTS = ['RATE_LIMIT', 'SERVER_ERROR', 'LOSE_RESPONSE', 'SLOW_RESPONSE'] as const;
export type CommonFault = (typeof COMMON_FAULTS)[number];

export interface FaultMatch {
  method?: string;
  pathIncludes?: string;
  /** The tenant the request addresses (an app id, a company id). */
  companyId?: string;
}

export interface FaultSpec<K extends string = CommonFault> {
  fault: K;
  count?: number;
  match?: FaultMatch;
  /** RATE_LIMIT's Retry-After (default 1). */
  retryAfterSeconds?: number;
  /**
   * SERVER_ERROR: true lands the write, then answers 500 (default false: nothing is written).
   * LOSE_RESPONSE: false drops the connection before the write (default true: written, answer lost).
   */
  applied?: boolean;
  /** SLOW_RESPONSE's delay (default 1000). */
  delayMs?: number;
}

export interface QueuedFault<K extends string = CommonFault> extends FaultSpec<K> {
  id: string;
  count: number;
  match: FaultMatch;
}

export interface RandomFaultSpec<K extends string = CommonFault> {
  /** Probability, from 0 to 1, that a request draws a fault. */
  rate: number;
  /** Default: every kind the queue supports. */
  kinds?: K[];
  seed?: number;
  match?: FaultMatch;
  retryAfterSeconds?: number;
  delayMs?: number;
  /** Unset: SERVER_ERROR and LOSE_RESPONSE draw whether the write lands, half and half. */
  applied?: boolean;
}

export interface RandomFaultState<K extends string = CommonFault> {
  settings: Required<Pick<RandomFaultSpec<K>, 'rate' | 'kinds' | 'seed' | 'retryAfterSeconds' | 'delayMs'>> & Pick<RandomFaultSpec<K>, 'match' | 'applied'>;
  requests: number;
  applied: Partial<Record<K, number>>;
}

export interface FaultTarget {
  method: string;
  path: string;
  companyId?: string;
}

export class FaultQueue<K extends string = CommonFault> {
  private queue: QueuedFault<K>[] = [];
  private random: (RandomFaultState<K> & { next: () => number }) | null = null;
  /** One draw per request: every check of one request passes the same target object. */
  private drawn = new WeakMap<FaultTarget, K | null>();

  readonly kinds: readonly K[];

  constructor(kinds: { kinds: readonly K[] }) {
    this.kinds = [...kinds.kinds];
  }

  add(spec: FaultSpec<K>): QueuedFault<K> {
    if (!this.kinds.includes(spec?.fault)) throw new SandboxInputError(`Unknown fault; expected one of ${this.kinds.join(', ')}.`);
    const count = spec.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new SandboxInputError('count must be a positive integer.');
    checkNonNegative(spec, ['retryAfterSeconds', 'delayMs']);
    checkMatch(spec.match);
    if (spec.applied !== undefined && typeof spec.applied !== 'boolean') throw new SandboxInputError('applied must be true or false.');
    const fault: QueuedFault<K> = { ...spec, id: randomUUID(), count, match: { ...(spec.match ?? {}) } };
    this.queue.push(fault);
    return { ...fault, match: { ...fault.match } };
  }

  list(): QueuedFault<K>[] {
    return this.queue.map((fault) => ({ ...fault, match: { ...fault.match } }));
  }

  /** Clears the queue and switches random faults off. */
  clear(): void {
    this.queue = [];
    this.random = null;
  }

  setRandom(spec: RandomFaultSpec<K>): RandomFaultState<K> {
    const body = (spec ?? {}) as RandomFaultSpec<K>;
    if (typeof body.rate !== 'number' || !(body.rate >= 0 && body.rate <= 1)) throw new SandboxInputError('rate must be a number from 0 to 1.');
    const kinds = body.kinds ?? [...this.kinds];
    if (!Array.isArray(kinds) || kinds.length === 0 || !kinds.every((kind) => this.kinds.includes(kind))) {
      throw new SandboxInputError(`kinds must be a non-empty list of ${this.kinds.join(', ')}.`);
    }
    checkNonNegative(body, ['retryAfterSeconds', 'delayMs']);
    checkMatch(body.match);
    if (body.seed !== undefined && !Number.isInteger(body.seed)) throw new SandboxInputError('seed must be an integer.');
    if (body.applied !== undefined && typeof body.applied !== 'boolean') throw new SandboxInputError('applied must be true or false.');
    const seed = body.seed ?? Math.floor(Math.random() * 2 ** 31);
    this.random = {
      settings: {
        rate: body.rate,
        kinds: [...new Set(kinds)],
        seed,
        match: body.match ? { ...body.match } : undefined,
        retryAfterSeconds: body.retryAfterSeconds ?? 1,
        delayMs: body.delayMs ?? 1000,
        applied: body.applied,
      },
      requests: 0,
      applied: {},
      next: mulberry32(seed),
    };
    this.drawn = new WeakMap();
    return this.randomState()!;
  }

  randomState(): RandomFaultState<K> | null {
    if (!this.random) return null;
    const { next: _next, ...state } = this.random;
    return structuredClone(state);
  }

  /** Consumes one use of the first queued fault of one of `kinds` matching the target, else the target's random draw. */
  take(kinds: readonly K[], target: FaultTarget): QueuedFault<K> | undefined {
    const fault = this.queue.find((candidate) => kinds.includes(candidate.fault) && matches(candidate.match, target));
    if (!fault) return this.takeRandom(kinds, target);
    fault.count -= 1;
    if (fault.count <= 0) this.queue = this.queue.filter((candidate) => candidate !== fault);
    return { ...fault, match: { ...fault.match } };
  }

  private takeRandom(kinds: readonly K[], target: FaultTarget): QueuedFault<K> | undefined {
    const random = this.random;
    if (!random || !matches(random.settings.match ?? {}, target)) return undefined;
    let drawn = this.drawn.get(target);
    if (drawn === undefined) {
      random.requests += 1;
      const pool = random.settings.kinds;
      drawn = random.next() < random.settings.rate ? pool[Math.floor(random.next() * pool.length)] : null;
      this.drawn.set(target, drawn);
    }
    if (!drawn || !kinds.includes(drawn)) return undefined;
    this.drawn.set(target, null);
    random.applied[drawn] = (random.applied[drawn] ?? 0) + 1;
    const { retryAfterSeconds, delayMs } = random.settings;
    return {
      id: randomUUID(),
      fault: drawn,
      count: 1,
      match: {},
      retryAfterSeconds,
      delayMs,
      applied: random.settings.applied ?? random.next() < 0.5,
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

function checkNonNegative(spec: object, keys: readonly string[]): void {
  for (const key of keys) {
    const value = (spec as Record<string, unknown>)[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) throw new SandboxInputError(`${key} must be a non-negative number.`);
  }
}

function checkMatch(match: unknown): void {
  if (match !== undefined && (match === null || typeof match !== 'object')) throw new SandboxInputError('match must be an object.');
}

function matches(match: FaultMatch, target: FaultTarget): boolean {
  const { method, pathIncludes, companyId } = match;
  if (method && method.toUpperCase() !== target.method.toUpperCase()) return false;
  if (pathIncludes && !target.path.includes(pathIncludes)) return false;
  if (companyId && companyId !== target.companyId) return false;
  return true;
}

import { SandboxInputError } from './error-dialect';
import { newUuid } from './ids';

/** Faults of the HTTP exchange itself, which every emulator's edge supports. */
export const COMMON_FAULTS = ['RATE_LIMIT', 'SERVER_ERROR', 'LOSE_RESPONSE', 'SLOW_RESPONSE'] as const;
export type CommonFault = (typeof COMMON_FAULTS)[number];

/** Which requests a fault applies to; unset fields match anything. */
export interface FaultMatch {
  method?: string;
  pathIncludes?: string;
  companyId?: string;
}

export interface FaultSpec<K extends string = string> {
  fault: K;
  count?: number;
  match?: FaultMatch;
  /** RATE_LIMIT's Retry-After. */
  retryAfterSeconds?: number;
  /**
   * Whether the write happens anyway. An asynchronous operation's time-out: true lands it.
   * SERVER_ERROR: true writes, then answers 500 (default: nothing is written). LOSE_RESPONSE:
   * false drops the connection before the write (default: written, the answer lost).
   */
  applied?: boolean;
  /** For faults that fail an operation with a message. */
  message?: string;
  /** SLOW_RESPONSE's delay. */
  delayMs?: number;
}

export interface QueuedFault<K extends string = string> extends Required<Pick<FaultSpec<K>, 'fault' | 'count'>> {
  id: string;
  match: FaultMatch;
  retryAfterSeconds?: number;
  applied?: boolean;
  message?: string;
  delayMs?: number;
}

/**
 * Random faults, for soak tests: each request draws, with probability `rate`, one of the exchange
 * kinds listed; each asynchronous operation draws, independently and with the same probability,
 * one of the operation kinds listed. Draws come from a generator seeded with `seed`.
 */
export interface RandomFaultSpec<K extends string = string> {
  rate: number;
  /** Default: every kind. */
  kinds?: K[];
  seed?: number;
  match?: FaultMatch;
  /** RATE_LIMIT's Retry-After (default 1). */
  retryAfterSeconds?: number;
  /** SLOW_RESPONSE's delay (default 1000). */
  delayMs?: number;
  /** How long a held operation stays held, at most (default 2000); the admin routes release them. */
  holdMs?: number;
  /** Whether the write of a drawn fault that may land (`FaultKinds.mayLand`) lands; unset draws it, half and half. */
  applied?: boolean;
  /** The message of a failed operation. */
  message?: string;
}

export interface RandomFaultState<K extends string = string> {
  settings: Required<Omit<RandomFaultSpec<K>, 'match' | 'applied' | 'message'>> & Pick<RandomFaultSpec<K>, 'match' | 'applied' | 'message'>;
  /** Requests and operations that drew, and the faults actually applied, by kind. */
  requests: number;
  operations: number;
  applied: Partial<Record<K, number>>;
  /** Timed-out operations whose write landed anyway. */
  timeOutsLanded: number;
}

export interface FaultTarget {
  method: string;
  path: string;
  companyId?: string;
}

export interface FaultKinds<K extends string> {
  /** Every kind the provider supports: the common ones, plus those of its asynchronous operations. */
  kinds: readonly K[];
  /** Kinds that shape how an asynchronous operation completes rather than the HTTP exchange. */
  operationKinds?: readonly K[];
  /** Kinds whose write may or may not land (a time-out, a 500 after the write), drawn with `applied`. */
  mayLand?: readonly K[];
}

/**
 * Faults queued by tests, each consumed by the next request (or operation) it matches, as many
 * times as its count says, first queued first consumed; and random faults for soak tests. The
 * kinds are the provider's: a synchronous provider has only `COMMON_FAULTS`.
 *
 * @example
 * const faults = new FaultQueue({ kinds: COMMON_FAULTS });
 * faults.add({ fault: 'RATE_LIMIT', retryAfterSeconds: 2, match: { method: 'POST' } });
 * faults.take(['RATE_LIMIT'], { method: 'POST', path: '/apps/1/transactions/' }); // the fault, once
 */
export class FaultQueue<K extends string = string> {
  readonly kinds: readonly K[];
  readonly operationKinds: readonly K[];
  private readonly mayLand: readonly K[];
  private queue: QueuedFault<K>[] = [];
  private random: (RandomFaultState<K> & { next: () => number }) | null = null;
  /**
   * One draw per target: the request pipeline passes the same target object to every check of one
   * request, so a request gets at most one exchange fault however many checks it goes through.
   */
  private drawn = new WeakMap<FaultTarget, K | null>();

  constructor(kinds: FaultKinds<K>) {
    this.kinds = [...kinds.kinds];
    this.operationKinds = [...(kinds.operationKinds ?? [])];
    this.mayLand = [...(kinds.mayLand ?? [])];
  }

  /** The kinds of the HTTP exchange (every kind that is not an operation kind). */
  get exchangeKinds(): K[] {
    return this.kinds.filter((kind) => !this.operationKinds.includes(kind));
  }

  add(spec: FaultSpec<K>): QueuedFault<K> {
    if (!this.kinds.includes(spec?.fault)) throw new SandboxInputError(`Unknown fault; expected one of ${this.kinds.join(', ')}.`);
    const count = spec.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new SandboxInputError('count must be a positive integer.');
    for (const key of ['retryAfterSeconds', 'delayMs'] as const) nonNegative(key, spec[key]);
    if (spec.match !== undefined && (spec.match === null || typeof spec.match !== 'object')) throw new SandboxInputError('match must be an object.');
    if (spec.applied !== undefined && typeof spec.applied !== 'boolean') throw new SandboxInputError('applied must be true or false.');
    const fault: QueuedFault<K> = {
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

  list(): QueuedFault<K>[] {
    return this.queue.map((fault) => ({ ...fault, match: { ...fault.match } }));
  }

  /** Clears the queue and switches random faults off. */
  clear(): void {
    this.queue = [];
    this.random = null;
  }

  /** Switches random faults on (replacing earlier random settings), next to the queue. */
  setRandom(spec: RandomFaultSpec<K>): RandomFaultState<K> {
    const body = (spec ?? {}) as RandomFaultSpec<K>;
    if (typeof body.rate !== 'number' || !(body.rate >= 0 && body.rate <= 1)) throw new SandboxInputError('rate must be a number from 0 to 1.');
    const kinds = body.kinds ?? [...this.kinds];
    if (!Array.isArray(kinds) || kinds.length === 0 || !kinds.every((kind) => this.kinds.includes(kind))) {
      throw new SandboxInputError(`kinds must be a non-empty list of ${this.kinds.join(', ')}.`);
    }
    for (const key of ['retryAfterSeconds', 'delayMs', 'holdMs'] as const) nonNegative(key, body[key]);
    if (body.seed !== undefined && !Number.isInteger(body.seed)) throw new SandboxInputError('seed must be an integer.');
    if (body.match !== undefined && (body.match === null || typeof body.match !== 'object')) throw new SandboxInputError('match must be an object.');
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
  randomState(): RandomFaultState<K> | null {
    if (!this.random) return null;
    const { next: _next, ...state } = this.random;
    return structuredClone(state) as RandomFaultState<K>;
  }

  /**
   * The first queued fault of one of `kinds` that matches `target`, consumed once; else, with
   * random faults on, the target's draw if it is of one of `kinds`.
   */
  take(kinds: readonly K[], target: FaultTarget): QueuedFault<K> | undefined {
    const fault = this.queue.find((candidate) => kinds.includes(candidate.fault) && matches(candidate.match, target));
    if (!fault) return this.takeRandom(kinds, target);
    fault.count -= 1;
    if (fault.count <= 0) this.queue = this.queue.filter((candidate) => candidate !== fault);
    return { ...fault };
  }

  private takeRandom(kinds: readonly K[], target: FaultTarget): QueuedFault<K> | undefined {
    const random = this.random;
    if (!random || !matches(random.settings.match ?? {}, target)) return undefined;
    let drawn = this.drawn.get(target);
    if (drawn === undefined) {
      const operation = kinds.every((kind) => this.operationKinds.includes(kind));
      const pool = random.settings.kinds.filter((kind) => this.operationKinds.includes(kind) === operation);
      if (operation) random.operations += 1;
      else random.requests += 1;
      drawn = pool.length > 0 && random.next() < random.settings.rate ? pool[Math.floor(random.next() * pool.length)] : null;
      this.drawn.set(target, drawn);
    }
    if (!drawn || !kinds.includes(drawn)) return undefined;
    this.drawn.set(target, null);
    random.applied[drawn] = (random.applied[drawn] ?? 0) + 1;
    const { retryAfterSeconds, delayMs, message } = random.settings;
    const applied = this.mayLand.includes(drawn) ? random.settings.applied ?? random.next() < 0.5 : undefined;
    if (applied && this.operationKinds.includes(drawn)) random.timeOutsLanded += 1;
    return { id: newUuid(), fault: drawn, count: 1, match: {}, retryAfterSeconds, delayMs, message, applied };
  }
}

/**
 * A small seeded generator (Mulberry32): the same seed gives the same draws.
 *
 * @example
 * const next = mulberry32(42);
 * next(); // a number in [0, 1), the same on every run
 */
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

function nonNegative(key: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
    throw new SandboxInputError(`${key} must be a non-negative number.`);
  }
}

function matches(match: FaultMatch, target: FaultTarget): boolean {
  const { method, pathIncludes, companyId } = match;
  if (method && method.toUpperCase() !== target.method.toUpperCase()) return false;
  if (pathIncludes && !target.path.includes(pathIncludes)) return false;
  if (companyId && companyId !== target.companyId) return false;
  return true;
}

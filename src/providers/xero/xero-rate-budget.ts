import { ProviderError } from '../provider-error';

/** Xero's limits per organisation: calls in progress at once. */
export const XERO_CONCURRENT_CALLS = 5;

interface TenantBudget {
  inFlight: number;
  waiting: Array<() => void>;
  /** No call starts before this time (a minute or day budget is spent). */
  pausedUntil: number;
  minuteRemaining: number | null;
  dayRemaining: number | null;
  /** Calls started so far, numbered; the newest one whose answer set `minuteRemaining`. */
  started: number;
  noted: number;
  /** When the current minute window ends at the latest: the first answer of the window plus a minute. */
  windowEndsBy: number | null;
}

/**
 * Keeps this process within an organisation's budget: at most five calls in flight, and no call
 * once the minute's calls are spent, counting from the last `X-MinLimit-Remaining` the calls
 * started since (so the calls in flight never overrun it), until the minute window ends: Xero's
 * windows are fixed, and a window ends at most a minute after the first answer counted in it (the
 * answer that shows the count back up). The day's and the app's minute's spent budgets pause
 * likewise; a 429 pauses until its Retry-After. A write met by a spent daily budget is refused as
 * RATE_LIMITED, which the outbox waits out without using an attempt.
 *
 * @example
 * const res = await budget.run(tenantId, async (seq) => {
 *   const res = await http.request(req);
 *   budget.note(tenantId, res.headers, seq);
 *   return res;
 * });
 */
export class XeroRateBudget {
  private readonly tenants = new Map<string, TenantBudget>();
  /** The app's own minute (all organisations together) is spent until then. */
  private appPausedUntil = 0;
  private appMinuteRemaining: number | null = null;

  /** `minuteMs`: the length of the rate windows (Xero's minute; shorter against a sandbox whose minutes are shortened). */
  constructor(private readonly opts: { concurrent?: number; minuteMs?: number; now?: () => number; sleep?: (ms: number) => Promise<void> } = {}) {}

  private get minuteMs(): number {
    return this.opts.minuteMs ?? 60_000;
  }

  /** Runs `call` within the budget; `call` gets the call's number, to hand to `note` with its answer. */
  async run<T>(tenantId: string, call: (seq: number) => Promise<T>): Promise<T> {
    const budget = this.budget(tenantId);
    await this.slot(budget);
    try {
      for (;;) {
        const wait = Math.max(budget.pausedUntil, this.appPausedUntil, this.minuteSpentUntil(budget)) - this.now();
        if (wait <= 0) break;
        if (budget.dayRemaining === 0 && budget.pausedUntil > this.now()) throw new ProviderError('RATE_LIMITED', `Xero's daily call limit for this organisation is spent; calls resume in ${Math.ceil(wait / 1000)} s`, { retryAfterMs: wait, provider: 'Xero' });
        await (this.opts.sleep ?? defaultSleep)(wait);
      }
      budget.started += 1;
      return await call(budget.started);
    } finally {
      budget.inFlight--;
      budget.waiting.shift()?.();
    }
  }

  /**
   * Reads an answer's `X-MinLimit-Remaining`, `X-DayLimit-Remaining` and `X-AppMinLimit-Remaining`
   * (lower-case header names); `seq` is the number `run` gave the call (absent: the newest).
   */
  note(tenantId: string, headers: Record<string, string>, seq?: number): void {
    const budget = this.budget(tenantId);
    const minute = count(headers['x-minlimit-remaining']);
    const day = count(headers['x-daylimit-remaining']);
    const app = count(headers['x-appminlimit-remaining']);
    const now = this.now();
    if (app !== null) this.appMinuteRemaining = app;
    if (app === 0) this.appPausedUntil = Math.max(this.appPausedUntil, now + this.minuteMs);
    if (day !== null) budget.dayRemaining = day;
    const at = seq ?? budget.started;
    if (minute !== null && at >= budget.noted) {
      // The count went back up (or was never seen): a new window began at most now.
      const expected = budget.minuteRemaining === null ? null : budget.minuteRemaining - (at - budget.noted);
      if (expected === null || minute > expected || budget.windowEndsBy === null || now >= budget.windowEndsBy) budget.windowEndsBy = now + this.minuteMs;
      budget.minuteRemaining = minute;
      budget.noted = at;
    }
  }

  /** Until when the minute's calls are spent, counting those started since the last answer; 0 when some are left. */
  private minuteSpentUntil(budget: TenantBudget): number {
    if (budget.minuteRemaining === null) return 0;
    const now = this.now();
    if (budget.windowEndsBy !== null && now >= budget.windowEndsBy) return 0;
    if (budget.minuteRemaining - (budget.started - budget.noted) > 0) return 0;
    return budget.windowEndsBy ?? now + this.minuteMs;
  }

  /** A 429: nothing starts for this organisation before `retryAfterMs`. */
  throttled(tenantId: string, retryAfterMs: number | undefined, problem: string | undefined): void {
    const budget = this.budget(tenantId);
    // A wait longer than a minute is the daily limit's (Xero names it in X-Rate-Limit-Problem when the header is read).
    if (problem?.toLowerCase().startsWith('day') || (retryAfterMs ?? 0) > 60_000) budget.dayRemaining = 0;
    budget.pausedUntil = Math.max(budget.pausedUntil, this.now() + (retryAfterMs ?? this.minuteMs));
  }

  /** What the last answers said, for one organisation. */
  remaining(tenantId: string): { minute: number | null; day: number | null; appMinute: number | null; inFlight: number } {
    const b = this.budget(tenantId);
    return { minute: b.minuteRemaining, day: b.dayRemaining, appMinute: this.appMinuteRemaining, inFlight: b.inFlight };
  }

  private slot(budget: TenantBudget): Promise<void> {
    if (budget.inFlight < (this.opts.concurrent ?? XERO_CONCURRENT_CALLS)) {
      budget.inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve) => budget.waiting.push(() => {
      budget.inFlight++;
      resolve();
    }));
  }

  private budget(tenantId: string): TenantBudget {
    let b = this.tenants.get(tenantId);
    if (!b) {
      b = { inFlight: 0, waiting: [], pausedUntil: 0, minuteRemaining: null, dayRemaining: null, started: 0, noted: 0, windowEndsBy: null };
      this.tenants.set(tenantId, b);
    }
    return b;
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }
}

function count(value: string | undefined): number | null {
  if (value === undefined || !/^\d+$/.test(value.trim())) return null;
  return Number(value);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

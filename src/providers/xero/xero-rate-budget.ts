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
}

/**
 * Keeps this process within an organisation's budget: at most five calls in flight, and no call
 * while the last answer said the minute's (or the day's, or the app's minute's) calls are spent,
 * until Retry-After or the window's end. A write met by a spent daily budget is refused as RATE_LIMITED, which the outbox
 * waits out without using an attempt.
 *
 * @example
 * const body = await budget.run(tenantId, () => http.request(req), (res) => res.headers);
 */
export class XeroRateBudget {
  private readonly tenants = new Map<string, TenantBudget>();
  /** The app's own minute (all organisations together) is spent until then. */
  private appPausedUntil = 0;
  private appMinuteRemaining: number | null = null;

  constructor(private readonly opts: { concurrent?: number; now?: () => number; sleep?: (ms: number) => Promise<void> } = {}) {}

  async run<T>(tenantId: string, call: () => Promise<T>): Promise<T> {
    const budget = this.budget(tenantId);
    await this.slot(budget);
    try {
      const wait = Math.max(budget.pausedUntil, this.appPausedUntil) - this.now();
      if (wait > 0) {
        if (budget.dayRemaining === 0) throw new ProviderError('RATE_LIMITED', `Xero's daily call limit for this organisation is spent; calls resume in ${Math.ceil(wait / 1000)} s`, { retryAfterMs: wait, provider: 'Xero' });
        await (this.opts.sleep ?? defaultSleep)(wait);
      }
      return await call();
    } finally {
      budget.inFlight--;
      budget.waiting.shift()?.();
    }
  }

  /** Reads an answer's `X-MinLimit-Remaining`, `X-DayLimit-Remaining` and `X-AppMinLimit-Remaining` (lower-case header names). */
  note(tenantId: string, headers: Record<string, string>): void {
    const budget = this.budget(tenantId);
    const minute = count(headers['x-minlimit-remaining']);
    const day = count(headers['x-daylimit-remaining']);
    const app = count(headers['x-appminlimit-remaining']);
    if (app !== null) this.appMinuteRemaining = app;
    if (app === 0) this.appPausedUntil = Math.max(this.appPausedUntil, this.now() + 60_000);
    if (minute !== null) budget.minuteRemaining = minute;
    if (day !== null) budget.dayRemaining = day;
    // Xero's windows are fixed but their start is not told: a spent minute is waited out in full.
    if (minute === 0) budget.pausedUntil = Math.max(budget.pausedUntil, this.now() + 60_000);
  }

  /** A 429: nothing starts for this organisation before `retryAfterMs`. */
  throttled(tenantId: string, retryAfterMs: number | undefined, problem: string | undefined): void {
    const budget = this.budget(tenantId);
    // A wait longer than a minute is the daily limit's (Xero names it in X-Rate-Limit-Problem when the header is read).
    if (problem?.toLowerCase().startsWith('day') || (retryAfterMs ?? 0) > 60_000) budget.dayRemaining = 0;
    budget.pausedUntil = Math.max(budget.pausedUntil, this.now() + (retryAfterMs ?? 60_000));
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
      b = { inFlight: 0, waiting: [], pausedUntil: 0, minuteRemaining: null, dayRemaining: null };
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

import { ProviderError } from '../provider-error';
import { MemoryRateBudgetLedger, type RateBudgetKey, type RateBudgetLedger, type RateGrant, type RateLimits } from '../rate-budget-ledger';

/** Xero's limits per organisation: calls in progress at once. */
export const XERO_CONCURRENT_CALLS = 5;
const XERO_PER_MINUTE = 60;
const XERO_PER_DAY = 5000;
/**
 * The app's minute is paused this many calls before it is spent: every organisation's calls in
 * flight answer after the count was read, and each process reads it only from its own answers.
 */
const APP_MINUTE_MARGIN = 50;
const PROVIDER = 'XERO';
const APP: RateBudgetKey = { provider: PROVIDER, scope: '' };

interface LocalTenant {
  inFlight: number;
  waiting: Array<() => void>;
  /** Learnt from the shared budget: no call of this process asks it again before then. */
  pausedUntil: number;
  /** The day's calls are spent until then: calls are refused, not kept waiting. */
  dayHeldUntil: number;
}

/** A call's reservation, settled once with what its answer said. */
export interface XeroRateTicket extends RateGrant {
  settled: boolean;
}

/**
 * Keeps every gateway process together within each organisation's Xero budget: at most five
 * calls in flight, 60 a minute and 5,000 a day, and the app's 10,000 a minute. Each call is
 * reserved in the shared budget (the gateway's database) before it is sent and settled with the
 * answer's `X-MinLimit-Remaining` and `X-DayLimit-Remaining`, which count what other processes and
 * apps spent. A 429 pauses what `X-Rate-Limit-Problem` names: the organisation's minute, its day,
 * or the app's minute (every organisation). In front, this process lets at most five calls per
 * organisation ask the shared budget, and none while it knows the budget is spent. A call met by
 * a spent daily budget is refused as RATE_LIMITED, which the outbox waits out without using an
 * attempt.
 *
 * @example
 * const res = await budget.run(tenantId, async (ticket) => {
 *   const res = await http.request(req);
 *   await budget.note(tenantId, res.headers, ticket);
 *   return res;
 * });
 */
export class XeroRateBudget {
  private readonly tenants = new Map<string, LocalTenant>();
  private appPausedUntil = 0;
  private readonly ledger: RateBudgetLedger;
  readonly limits: RateLimits;

  /** `minuteMs`: Xero's minute (shorter against a sandbox whose minutes are shortened); its day is 1,440 of them. */
  constructor(private readonly opts: { ledger?: RateBudgetLedger; minuteMs?: number; leaseMs?: number; concurrent?: number; now?: () => number; sleep?: (ms: number) => Promise<void> } = {}) {
    this.ledger = opts.ledger ?? new MemoryRateBudgetLedger();
    const minuteMs = opts.minuteMs ?? 60_000;
    this.limits = { concurrent: opts.concurrent ?? XERO_CONCURRENT_CALLS, perMinute: XERO_PER_MINUTE, perDay: XERO_PER_DAY, minuteMs, dayMs: minuteMs * 1440, leaseMs: opts.leaseMs ?? 60_000 };
  }

  /** Runs `call` within the budget; `call` gets the call's ticket, to hand to `note` with its answer. */
  async run<T>(tenantId: string, call: (ticket: XeroRateTicket) => Promise<T>): Promise<T> {
    const local = this.tenant(tenantId);
    await this.slot(local);
    let ticket: XeroRateTicket | null = null;
    try {
      ticket = await this.reserve(tenantId, local);
      return await call(ticket);
    } finally {
      if (ticket && !ticket.settled) await this.settle(tenantId, ticket, {});
      local.inFlight--;
      local.waiting.shift()?.();
    }
  }

  /** Counts in an answer's `X-MinLimit-Remaining`, `X-DayLimit-Remaining` and `X-AppMinLimit-Remaining` (lower-case header names) and frees the call's slot. */
  async note(tenantId: string, headers: Record<string, string>, ticket: XeroRateTicket): Promise<void> {
    await this.settle(tenantId, ticket, headers);
  }

  /** A 429: nothing starts before its Retry-After for what `X-Rate-Limit-Problem` names (an organisation's minute or day, or the app's minute). */
  async throttled(tenantId: string, retryAfterMs: number | undefined, headers: Record<string, string>, ticket: XeroRateTicket): Promise<void> {
    await this.settle(tenantId, ticket, headers);
    const limit = rateLimitProblem(headers['x-rate-limit-problem'], retryAfterMs, this.limits.minuteMs);
    const until = this.now() + (retryAfterMs ?? this.limits.minuteMs);
    const local = this.tenant(tenantId);
    if (limit === 'appminute') this.appPausedUntil = Math.max(this.appPausedUntil, until);
    else if (limit === 'day') local.dayHeldUntil = Math.max(local.dayHeldUntil, until);
    else local.pausedUntil = Math.max(local.pausedUntil, until);
    // The 429 itself is what the caller gets: a database failing to record the pause does not replace it (this process still keeps it).
    await this.ledger.pause(limit === 'appminute' ? APP : { provider: PROVIDER, scope: tenantId }, until, limit === 'minute' || limit === 'day' ? limit : null).catch(() => undefined);
  }

  private async reserve(tenantId: string, local: LocalTenant): Promise<XeroRateTicket> {
    for (;;) {
      if (local.dayHeldUntil > this.now()) throw daySpent(local.dayHeldUntil - this.now());
      const known = Math.max(local.pausedUntil, this.appPausedUntil) - this.now();
      if (known > 0) await this.sleep(known);
      const r = await this.ledger.reserve({ provider: PROVIDER, scope: tenantId }, this.limits, this.now()).catch((err: unknown) => {
        // Nothing was sent: a retry, not a search of the books.
        throw new ProviderError('TEMPORARY', `The rate budget for Xero could not be read: ${err instanceof Error ? err.message : String(err)}`, { provider: 'Xero', maybeApplied: false });
      });
      if (r.granted) return { seq: r.seq, lease: r.lease, ahead: r.ahead, settled: false };
      const until = this.now() + r.waitMs;
      if (r.spent === 'day') local.dayHeldUntil = until;
      else if (r.spent === 'app') this.appPausedUntil = Math.max(this.appPausedUntil, until);
      else if (r.spent === 'minute' || r.spent === 'paused') local.pausedUntil = Math.max(local.pausedUntil, until);
      // Slots held by other processes come back as their calls answer.
      else await this.sleep(Math.max(1, r.waitMs));
    }
  }

  /**
   * Never changes a call's outcome: a write may have landed. Should the database fail here, the
   * call's slot lapses with its lease and the next answers' counts correct the budget.
   */
  private async settle(tenantId: string, ticket: XeroRateTicket, headers: Record<string, string>): Promise<void> {
    if (ticket.settled) return;
    ticket.settled = true;
    const now = this.now();
    const app = count(headers['x-appminlimit-remaining']);
    const pauseApp = app !== null && app <= APP_MINUTE_MARGIN && this.appPausedUntil <= now;
    if (pauseApp) this.appPausedUntil = now + this.limits.minuteMs;
    try {
      await this.ledger.settle({ provider: PROVIDER, scope: tenantId }, ticket, { minute: count(headers['x-minlimit-remaining']), day: count(headers['x-daylimit-remaining']) }, this.limits, now);
      if (pauseApp) await this.ledger.pause(APP, this.appPausedUntil, null);
    } catch {
      // See above: the answer is what counts.
    }
  }

  private slot(local: LocalTenant): Promise<void> {
    if (local.inFlight < this.limits.concurrent) {
      local.inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve) => local.waiting.push(() => {
      local.inFlight++;
      resolve();
    }));
  }

  private tenant(tenantId: string): LocalTenant {
    let t = this.tenants.get(tenantId);
    if (!t) this.tenants.set(tenantId, (t = { inFlight: 0, waiting: [], pausedUntil: 0, dayHeldUntil: 0 }));
    return t;
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private sleep(ms: number): Promise<void> {
    return (this.opts.sleep ?? defaultSleep)(ms);
  }
}

/**
 * Which limit a 429 is about, from `X-Rate-Limit-Problem` (`minute`, `day`, `appminute`); without
 * it, a wait longer than a minute can only be the day's, and a shorter one is taken for the minute's.
 *
 * @example rateLimitProblem('AppMinute', 12_000, 60_000) // → 'appminute'
 */
export function rateLimitProblem(header: string | undefined, retryAfterMs: number | undefined, minuteMs: number): 'minute' | 'day' | 'appminute' | 'concurrent' {
  const named = header?.trim().toLowerCase();
  if (named === 'minute' || named === 'day' || named === 'appminute') return named;
  if (named === 'concurrent') return 'concurrent';
  return (retryAfterMs ?? 0) > Math.max(minuteMs, 60_000) ? 'day' : 'minute';
}

function daySpent(waitMs: number): ProviderError {
  return new ProviderError('RATE_LIMITED', `Xero's daily call limit for this organisation is spent; calls resume in ${Math.ceil(waitMs / 1000)} s`, { retryAfterMs: waitMs, provider: 'Xero' });
}

function count(value: string | undefined): number | null {
  if (value === undefined || !/^\d+$/.test(value.trim())) return null;
  return Number(value);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

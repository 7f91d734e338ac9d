/**
 * A provider's call budget per organisation, shared by every gateway process: a call is reserved
 * before it is sent (counted in the current minute and day, holding one of the organisation's
 * slots for calls in flight) and settled with what the provider's answer said was left. The
 * gateway keeps it in its database (`SqlRateBudgetLedger`); `MemoryRateBudgetLedger` is the same
 * rules for one process.
 */
export interface RateBudgetLedger {
  reserve(key: RateBudgetKey, limits: RateLimits, now: number): Promise<RateReservation>;
  /** Gives the call's slot back and counts in the answer's remaining calls (absent: the answer had none). */
  settle(key: RateBudgetKey, grant: RateGrant, seen: RateRemaining, limits: RateLimits, now: number): Promise<void>;
  /** Nothing starts for the scope before `until`; `spent` marks that limit used up till then. `scope` '' pauses the whole app. */
  pause(key: RateBudgetKey, until: number, spent: 'minute' | 'day' | null): Promise<void>;
}

/** `scope`: the organisation's id at the provider; '' is the app itself (all organisations). */
export interface RateBudgetKey {
  provider: string;
  scope: string;
}

export interface RateLimits {
  /** Calls in flight at once (at most `MAX_CONCURRENT_CALLS`). */
  concurrent: number;
  perMinute: number;
  perDay: number;
  minuteMs: number;
  dayMs: number;
  /** How long a reserved call may hold its slot: a process that dies holding one frees it then. */
  leaseMs: number;
}

/** `ahead`: the calls in flight when this one was reserved, which the provider may count after it. */
export type RateGrant = { seq: number; lease: number; ahead: number };
export type RateReservation = ({ granted: true } & RateGrant) | { granted: false; waitMs: number; spent: 'app' | 'paused' | 'minute' | 'day' | 'concurrent' };
export type RateRemaining = { minute: number | null; day: number | null };

export const MAX_CONCURRENT_CALLS = 8;

/** One budget, as stored: times in epoch ms, `leases` the slots' expiry times (0 or past: free). */
export interface RateBudgetRow {
  seq: number;
  noted: number;
  minuteLeft: number;
  minuteEnds: number;
  dayLeft: number;
  dayEnds: number;
  pausedUntil: number;
  leases: number[];
}

export const emptyRateBudget = (): RateBudgetRow => ({ seq: 0, noted: 0, minuteLeft: 0, minuteEnds: 0, dayLeft: 0, dayEnds: 0, pausedUntil: 0, leases: new Array(MAX_CONCURRENT_CALLS).fill(0) });

/**
 * Why a budget refuses a call now and for how long, or null when it grants it. A window whose
 * end has passed counts as fresh. Slots held elsewhere are asked about again shortly: they are
 * freed when those calls answer, well before their leases lapse.
 *
 * @example refusal(row, app, limits, Date.now()) // → { waitMs: 4200, spent: 'minute' }
 */
export function refusal(row: RateBudgetRow, app: RateBudgetRow | null, limits: RateLimits, now: number): { waitMs: number; spent: 'app' | 'paused' | 'minute' | 'day' | 'concurrent' } | null {
  if (app && app.pausedUntil > now) return { waitMs: app.pausedUntil - now, spent: 'app' };
  if (row.dayEnds > now && row.dayLeft <= 0) return { waitMs: row.dayEnds - now, spent: 'day' };
  if (row.pausedUntil > now) return { waitMs: row.pausedUntil - now, spent: 'paused' };
  if (row.minuteEnds > now && row.minuteLeft <= 0) return { waitMs: row.minuteEnds - now, spent: 'minute' };
  const held = row.leases.slice(0, limits.concurrent);
  if (held.every((lease) => lease > now)) return { waitMs: Math.min(SLOT_POLL_MS, Math.min(...held) - now), spent: 'concurrent' };
  return null;
}

const SLOT_POLL_MS = 25;

/**
 * The reservation rules on one row: a window whose end has passed starts afresh (its end put
 * pessimistically a minute plus a lease from now, until an answer says when it began); answers of
 * calls reserved before a fresh minute window no longer count.
 */
export function reserveIn(row: RateBudgetRow, limits: RateLimits, now: number): RateGrant {
  const freshMinute = row.minuteEnds <= now;
  const freshDay = row.dayEnds <= now;
  row.seq += 1;
  if (freshMinute) row.noted = row.seq;
  // Calls still in flight from the window before may reach the provider in the new one.
  const inFlight = row.leases.slice(0, limits.concurrent).filter((l) => l > now).length;
  row.minuteLeft = freshMinute ? limits.perMinute - 1 - inFlight : row.minuteLeft - 1;
  if (freshMinute) row.minuteEnds = now + limits.minuteMs + Math.min(limits.leaseMs, limits.minuteMs);
  row.dayLeft = freshDay ? limits.perDay - 1 : row.dayLeft - 1;
  if (freshDay) row.dayEnds = now + limits.dayMs + Math.min(limits.leaseMs, limits.minuteMs);
  const lease = now + limits.leaseMs;
  row.leases[row.leases.findIndex((l, i) => i < limits.concurrent && l <= now)] = lease;
  return { seq: row.seq, lease, ahead: inFlight };
}

/**
 * An answer's remaining counts are the truth (other processes and apps spend calls too), less the
 * calls reserved after this one, which it may not have counted yet, and less the calls that were
 * in flight when this one was reserved: the provider may have admitted them after this one, so its
 * count may not hold them either (a faster call overtakes a slower one). A count that went back up
 * shows a new window began before this call was admitted: it ends at most a window after this
 * answer. Answers older than the newest counted one are stale and ignored.
 */
export function settleIn(row: RateBudgetRow, grant: RateGrant, seen: RateRemaining, limits: RateLimits, now: number): void {
  const i = row.leases.indexOf(grant.lease);
  if (i >= 0) row.leases[i] = 0;
  if (grant.seq < row.noted || (seen.minute === null && seen.day === null)) return;
  const since = row.seq - grant.seq + grant.ahead;
  if (seen.minute !== null) {
    const left = seen.minute - since;
    row.minuteEnds = left > row.minuteLeft ? now + limits.minuteMs : Math.min(row.minuteEnds, now + limits.minuteMs);
    row.minuteLeft = left;
  }
  if (seen.day !== null) {
    const left = seen.day - since;
    row.dayEnds = left > row.dayLeft ? now + limits.dayMs : Math.min(row.dayEnds, now + limits.dayMs);
    row.dayLeft = left;
  }
  row.noted = grant.seq;
}

/** A pause: nothing starts before `until`; a spent limit's window ends then, as the provider said (a 429's Retry-After). */
export function pauseIn(row: RateBudgetRow, until: number, spent: 'minute' | 'day' | null): void {
  row.pausedUntil = Math.max(row.pausedUntil, until);
  if (spent === 'minute') [row.minuteLeft, row.minuteEnds] = [0, until];
  if (spent === 'day') [row.dayLeft, row.dayEnds] = [0, until];
}

/**
 * The rules for one gateway process, in memory: for adapters run without the gateway's database.
 *
 * @example
 * const ledger = new MemoryRateBudgetLedger();
 * const r = await ledger.reserve({ provider: 'ACME', scope: 'org-1' }, limits, Date.now());
 */
export class MemoryRateBudgetLedger implements RateBudgetLedger {
  private readonly rows = new Map<string, RateBudgetRow>();

  async reserve(key: RateBudgetKey, limits: RateLimits, now: number): Promise<RateReservation> {
    const row = this.row(key);
    const refused = refusal(row, key.scope === '' ? null : this.row({ provider: key.provider, scope: '' }), limits, now);
    return refused ? { granted: false, ...refused } : { granted: true, ...reserveIn(row, limits, now) };
  }

  async settle(key: RateBudgetKey, grant: RateGrant, seen: RateRemaining, limits: RateLimits, now: number): Promise<void> {
    settleIn(this.row(key), grant, seen, limits, now);
  }

  async pause(key: RateBudgetKey, until: number, spent: 'minute' | 'day' | null): Promise<void> {
    pauseIn(this.row(key), until, spent);
  }

  private row(key: RateBudgetKey): RateBudgetRow {
    const id = `${key.provider}\n${key.scope}`;
    let row = this.rows.get(id);
    if (!row) this.rows.set(id, (row = emptyRateBudget()));
    return row;
  }
}

import type { RequestHandler } from 'express';
import { principalOf, send, type Reply } from '../kit';
import type { XeroCaller } from './xero-books.store';

export interface XeroRateLimitSettings {
  /** Calls in progress at one time per organisation (Xero: 5). */
  concurrent: number;
  /** Calls per minute per organisation (Xero: 60). */
  perMinute: number;
  /** Calls per day per organisation (Xero: 5,000). */
  perDay: number;
  /** Calls per minute per app, all organisations together (Xero: 10,000). */
  appPerMinute: number;
  /** How long a "minute" lasts, so tests and benchmarks run Xero's limits faster (default 60,000). */
  minuteMs: number;
  /** How long a "day" lasts (default 86,400,000). */
  dayMs: number;
  /** How long each call takes to answer, so that calls overlap as they do against Xero (default 0). */
  latencyMs: number;
}

export const XERO_RATE_LIMITS: XeroRateLimitSettings = {
  concurrent: 5, perMinute: 60, perDay: 5000, appPerMinute: 10_000, minuteMs: 60_000, dayMs: 86_400_000, latencyMs: 0,
};

interface Window {
  start: number;
  count: number;
}

/**
 * Xero's rate limits, in fixed windows per organisation and per app: every answer carries
 * `X-MinLimit-Remaining`, `X-DayLimit-Remaining` and `X-AppMinLimit-Remaining`; a call over a
 * limit gets 429 with `Retry-After` (seconds to the window's end) and `X-Rate-Limit-Problem`,
 * and does not count.
 *
 * @example
 * const limits = new XeroRateLimits({ ...XERO_RATE_LIMITS, minuteMs: 1000 });
 * api.use(...edge.entry, limits.middleware((seconds, problem, headers) => rateLimitedReply(seconds, problem, headers)));
 */
export class XeroRateLimits {
  readonly settings: XeroRateLimitSettings;
  private readonly inFlight = new Map<string, number>();
  private readonly minutes = new Map<string, Window>();
  private readonly days = new Map<string, Window>();
  private readonly appMinutes = new Map<string, Window>();
  /** 429s answered, by the limit that was hit. */
  readonly refusals: Record<string, number> = {};
  /** The most calls an organisation ever had in progress at once. */
  readonly peakInFlight = new Map<string, number>();

  constructor(settings: Partial<XeroRateLimitSettings> = {}, private readonly now: () => number = Date.now) {
    this.settings = { ...XERO_RATE_LIMITS, ...settings };
  }

  middleware(refuse: (seconds: number, problem: string, headers: Record<string, string>) => Reply): RequestHandler {
    return (req, res, next) => {
      const caller = principalOf<XeroCaller>(req);
      if (!caller) return next();
      const verdict = this.admit(caller.tenantId, caller.clientId);
      for (const [name, value] of Object.entries(verdict.headers)) res.setHeader(name, value);
      if (verdict.problem) {
        this.refusals[verdict.problem] = (this.refusals[verdict.problem] ?? 0) + 1;
        return send(res, refuse(verdict.retryAfter, verdict.problem, verdict.headers));
      }
      let released = false;
      res.on('close', () => {
        if (released) return;
        released = true;
        this.inFlight.set(caller.tenantId, Math.max(0, (this.inFlight.get(caller.tenantId) ?? 1) - 1));
      });
      if (this.settings.latencyMs > 0) setTimeout(next, this.settings.latencyMs);
      else next();
    };
  }

  /** Counts a call against the limits, or says which one it is over and for how long. */
  admit(tenantId: string, clientId: string): { problem?: string; retryAfter: number; headers: Record<string, string> } {
    const now = this.now();
    const s = this.settings;
    const minute = this.window(this.minutes, tenantId, s.minuteMs, now);
    const day = this.window(this.days, tenantId, s.dayMs, now);
    const app = this.window(this.appMinutes, clientId, s.minuteMs, now);
    const seconds = (w: Window, length: number) => Math.max(1, Math.ceil((w.start + length - now) / 1000));
    let problem: string | undefined;
    let retryAfter = 1;
    if (day.count >= s.perDay) [problem, retryAfter] = ['day', seconds(day, s.dayMs)];
    else if (app.count >= s.appPerMinute) [problem, retryAfter] = ['appminute', seconds(app, s.minuteMs)];
    else if (minute.count >= s.perMinute) [problem, retryAfter] = ['minute', seconds(minute, s.minuteMs)];
    else if ((this.inFlight.get(tenantId) ?? 0) >= s.concurrent) problem = 'concurrent';
    if (!problem) {
      minute.count += 1;
      day.count += 1;
      app.count += 1;
      this.inFlight.set(tenantId, (this.inFlight.get(tenantId) ?? 0) + 1);
      this.peakInFlight.set(tenantId, Math.max(this.peakInFlight.get(tenantId) ?? 0, this.inFlight.get(tenantId)!));
    }
    return {
      problem,
      retryAfter,
      headers: {
        'X-MinLimit-Remaining': String(Math.max(0, s.perMinute - minute.count)),
        'X-DayLimit-Remaining': String(Math.max(0, s.perDay - day.count)),
        'X-AppMinLimit-Remaining': String(Math.max(0, s.appPerMinute - app.count)),
      },
    };
  }

  /** Changes limits; counts in the current windows stay. */
  update(patch: Partial<XeroRateLimitSettings>): void {
    Object.assign(this.settings, patch);
  }

  reset(): void {
    for (const map of [this.inFlight, this.peakInFlight, this.minutes, this.days, this.appMinutes]) map.clear();
    for (const key of Object.keys(this.refusals)) delete this.refusals[key];
  }

  private window(map: Map<string, Window>, key: string, length: number, now: number): Window {
    let w = map.get(key);
    if (!w || now >= w.start + length) {
      w = { start: w ? w.start + Math.floor((now - w.start) / length) * length : now, count: 0 };
      map.set(key, w);
    }
    return w;
  }
}

import { ProviderError } from '../../src/providers/provider-error';
import { MemoryRateBudgetLedger } from '../../src/providers/rate-budget-ledger';
import { XeroRateBudget, rateLimitProblem } from '../../src/providers/xero/xero-rate-budget';
import { XeroRateLimits } from '../../src/sandbox/xero/rate-limits';

/** A budget on a clock that only moves when it sleeps; `waits` lists its sleeps. */
function onFakeClock(ledger = new MemoryRateBudgetLedger()) {
  const clock = { now: 1_000_000, waits: [] as number[] };
  const budget = new XeroRateBudget({ ledger, now: () => clock.now, sleep: async (ms) => { clock.waits.push(ms); clock.now += ms; } });
  return { clock, budget };
}

const lower = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

describe("Xero's rate budget per organisation", () => {
  it('waits out a spent minute before the next call, and lets other organisations go on', async () => {
    const { clock, budget } = onFakeClock();
    await budget.run('org-a', (t) => budget.note('org-a', { 'x-minlimit-remaining': '0', 'x-daylimit-remaining': '4999' }, t));
    await budget.run('org-b', async () => undefined);
    expect(clock.waits).toEqual([]);
    await budget.run('org-a', async () => undefined);
    expect(clock.waits).toEqual([60_000]);
  });

  it("refuses calls as RATE_LIMITED while the day's calls are spent (a 429 naming the day), with the time left", async () => {
    const { clock, budget } = onFakeClock();
    await budget.run('org-a', (t) => budget.throttled('org-a', 3_600_000, { 'x-rate-limit-problem': 'day' }, t));
    const err = (await budget.run('org-a', async () => 'sent').catch((e: unknown) => e)) as ProviderError;
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.kind).toBe('RATE_LIMITED');
    expect(err.details.retryAfterMs).toBe(3_600_000);
    expect(await budget.run('org-b', async () => 'sent')).toBe('sent');
    clock.now += 3_600_000;
    expect(await budget.run('org-a', async () => 'sent')).toBe('sent');
  });

  it("pauses only that organisation after a 429 for its minute, and every organisation after one for the app's minute", async () => {
    const { clock, budget } = onFakeClock();
    await budget.run('org-a', (t) => budget.throttled('org-a', 5_000, { 'x-rate-limit-problem': 'minute' }, t));
    await budget.run('org-b', async () => undefined);
    expect(clock.waits).toEqual([]);
    await budget.run('org-a', async () => undefined);
    expect(clock.waits).toEqual([5_000]);
    await budget.run('org-a', (t) => budget.throttled('org-a', 7_000, { 'x-rate-limit-problem': 'appminute' }, t));
    await budget.run('org-c', async () => undefined);
    expect(clock.waits).toEqual([5_000, 7_000]);
  });

  it("pauses every organisation when the app's minute is (nearly) spent", async () => {
    const { clock, budget } = onFakeClock();
    await budget.run('org-a', (t) => budget.note('org-a', { 'x-appminlimit-remaining': '0' }, t));
    await budget.run('org-b', async () => undefined);
    expect(clock.waits).toEqual([60_000]);
  });

  it('counts the calls another process spent, as the answers report them', async () => {
    const ledger = new MemoryRateBudgetLedger();
    const a = onFakeClock(ledger);
    const b = new XeroRateBudget({ ledger, now: () => a.clock.now, sleep: a.budget['opts'].sleep });
    // Process b spent 58 of the minute's calls; process a's next answer says 1 is left.
    for (let i = 0; i < 58; i++) await b.run('org-a', async () => undefined);
    await a.budget.run('org-a', (t) => a.budget.note('org-a', { 'x-minlimit-remaining': '1' }, t));
    await a.budget.run('org-a', async () => undefined);
    expect(a.clock.waits).toEqual([]);
    await b.run('org-a', async () => undefined);
    expect(a.clock.waits).toHaveLength(1);
  });

  it("uses a minute's calls, five at a time, without meeting a 429, against Xero's fixed windows, from two processes", async () => {
    const minuteMs = 1000;
    // The sandbox's minute counting, called directly (its in-flight count is released by its HTTP middleware, not here).
    const limits = new XeroRateLimits({ perMinute: 60, concurrent: 1_000, minuteMs });
    const ledger = new MemoryRateBudgetLedger();
    const processes = [new XeroRateBudget({ ledger, minuteMs }), new XeroRateBudget({ ledger, minuteMs })];
    const admitted: number[] = [];
    let refused = 0;
    let inFlight = 0;
    let most = 0;
    const call = (i: number) => {
      const budget = processes[i % 2];
      return budget.run('org-a', async (ticket) => {
        most = Math.max(most, ++inFlight);
        const verdict = limits.admit('org-a', 'app');
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight--;
        if (verdict.problem) refused += 1;
        else admitted.push(Date.now());
        await budget.note('org-a', lower(verdict.headers), ticket);
      });
    };
    await Promise.all(Array.from({ length: 150 }, (_, i) => call(i)));
    expect(refused).toBe(0);
    expect(most).toBe(5);
    const windows = new Map<number, number>();
    for (const t of admitted) windows.set(Math.floor((t - admitted[0]) / minuteMs), (windows.get(Math.floor((t - admitted[0]) / minuteMs)) ?? 0) + 1);
    // 150 calls over three windows: at most 60 each, and a full window leaves unused at most the
    // 4 calls that may still be in flight behind an answer (its count may not hold them yet).
    const counts = [...windows.values()];
    expect(counts.reduce((a, n) => a + n, 0)).toBe(150);
    expect(counts.every((n) => n <= 60)).toBe(true);
    expect(counts.slice(0, 2).every((n) => n >= 56)).toBe(true);
  }, 30_000);

  it('reads which limit a 429 is about from X-Rate-Limit-Problem, or from how long it says to wait', () => {
    expect(rateLimitProblem('AppMinute', 12_000, 60_000)).toBe('appminute');
    expect(rateLimitProblem('day', 5_000, 60_000)).toBe('day');
    expect(rateLimitProblem(undefined, 3_600_000, 60_000)).toBe('day');
    expect(rateLimitProblem(undefined, 20_000, 60_000)).toBe('minute');
  });
});

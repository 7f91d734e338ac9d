import { ProviderError } from '../../src/providers/provider-error';
import { XeroRateBudget } from '../../src/providers/xero/xero-rate-budget';
import { XeroRateLimits } from '../../src/sandbox/xero/rate-limits';

describe("Xero's rate budget per organisation", () => {
  it('waits out a spent minute before the next call, and lets other organisations go on', async () => {
    let now = 1_000_000;
    const waits: number[] = [];
    const budget = new XeroRateBudget({ now: () => now, sleep: async (ms) => { waits.push(ms); now += ms; } });
    await budget.run('org-a', async () => budget.note('org-a', { 'x-minlimit-remaining': '0', 'x-daylimit-remaining': '4999' }));
    await budget.run('org-b', async () => undefined);
    expect(waits).toEqual([]);
    await budget.run('org-a', async () => undefined);
    expect(waits).toEqual([60_000]);
  });

  it("refuses calls as RATE_LIMITED while the day's calls are spent, with the time left", async () => {
    let now = 0;
    const budget = new XeroRateBudget({ now: () => now, sleep: async () => undefined });
    budget.throttled('org-a', 3_600_000, 'day');
    const err = (await budget.run('org-a', async () => 'sent').catch((e: unknown) => e)) as ProviderError;
    expect(err.kind).toBe('RATE_LIMITED');
    expect(err.details.retryAfterMs).toBe(3_600_000);
    now += 3_600_000;
    expect(await budget.run('org-a', async () => 'sent')).toBe('sent');
  });

  it("pauses every organisation when the app's minute is spent", async () => {
    let now = 0;
    const waits: number[] = [];
    const budget = new XeroRateBudget({ now: () => now, sleep: async (ms) => { waits.push(ms); now += ms; } });
    await budget.run('org-a', async () => budget.note('org-a', { 'x-appminlimit-remaining': '0' }));
    await budget.run('org-b', async () => undefined);
    expect(waits).toEqual([60_000]);
  });

  it("uses a whole minute's calls, five at a time, without meeting a 429, against Xero's fixed windows", async () => {
    const minuteMs = 1000;
    // The sandbox's minute counting, called directly (its in-flight count is released by its HTTP middleware, not here).
    const limits = new XeroRateLimits({ perMinute: 60, concurrent: 1_000, minuteMs });
    const budget = new XeroRateBudget({ minuteMs });
    const admitted: number[] = [];
    let refused = 0;
    const call = () => budget.run('org-a', async (seq) => {
      const verdict = limits.admit('org-a', 'app');
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (verdict.problem) refused += 1;
      else admitted.push(Date.now());
      budget.note('org-a', Object.fromEntries(Object.entries(verdict.headers).map(([k, v]) => [k.toLowerCase(), v])), seq);
    });
    await Promise.all(Array.from({ length: 150 }, call));
    expect(refused).toBe(0);
    const windows = new Map<number, number>();
    for (const t of admitted) windows.set(Math.floor((t - admitted[0]) / minuteMs), (windows.get(Math.floor((t - admitted[0]) / minuteMs)) ?? 0) + 1);
    // 150 calls: two full windows of 60, then the rest in a third.
    expect([...windows.values()]).toEqual([60, 60, 30]);
  }, 30_000);
});

import { ProviderError } from '../../src/providers/provider-error';
import { XeroRateBudget } from '../../src/providers/xero/xero-rate-budget';

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
});

import { planEvents, type PlannedEvent } from '../../soak/soak-plan';

/** The soak's events must be valid on their own, so that a refusal or a figure above 0 is the gateway's doing. */
describe('soak event plan', () => {
  const invoices = Array.from({ length: 10 }, (_, c) => [
    { id: `inv-${c}-a`, amountDueMinor: 160000 },
    { id: `inv-${c}-b`, amountDueMinor: 480000 },
    { id: `inv-${c}-c`, amountDueMinor: 100000 },
    { id: `inv-${c}-d`, amountDueMinor: 1260000 },
  ]);
  const now = Date.UTC(2026, 10, 21, 12);
  const plan = planEvents({ events: 1000, seed: 7, resendRate: 0.1, days: 5, invoices, now });
  const all: PlannedEvent[] = plan.flat(2);
  const minor = (amount: string) => Math.round(Number(amount) * 100);

  it('has every event once, of all four kinds, over every borrower, with unique externalIds', () => {
    expect(all).toHaveLength(1000);
    expect(new Set(all.map((e) => e.input.externalId)).size).toBe(1000);
    expect(new Set(all.map((e) => e.kind))).toEqual(new Set(['DISBURSEMENT', 'FEE', 'FINAL_PAYMENT', 'INVOICE_RECONCILIATION']));
    expect(plan.map((groups) => groups.flat().length)).toEqual(Array(10).fill(100));
  });

  it('keeps each borrower in date order, one date per group, within the last days', () => {
    for (const groups of plan) {
      const dates = groups.map((g) => new Set(g.map((e) => e.input.date)));
      expect(dates.every((d) => d.size === 1)).toBe(true);
      const order = dates.map((d) => [...d][0]);
      expect([...order].sort()).toEqual(order);
      expect(new Set(order).size).toBe(order.length);
      expect(order[0] >= '2026-11-17' && order[order.length - 1] <= '2026-11-21').toBe(true);
    }
  });

  it('never pays more than an invoice owes, pays every other invoice off, and advances it before any payment', () => {
    for (const [c, groups] of plan.entries()) {
      for (const [j, inv] of invoices[c].entries()) {
        const payments = groups.flat().filter((e) => e.kind === 'INVOICE_RECONCILIATION' && e.input.invoiceId === inv.id);
        const paid = payments.reduce((sum, e) => sum + minor(e.input.amount), 0);
        expect(payments.length).toBeGreaterThan(0);
        expect(payments.every((e) => minor(e.input.amount) > 0)).toBe(true);
        expect(paid).toBe(j % 2 === 0 ? inv.amountDueMinor : Math.floor(inv.amountDueMinor * 0.9));
        const advance = groups[0].find((e) => e.kind === 'DISBURSEMENT' && e.input.invoiceId === inv.id);
        expect(advance).toBeDefined();
        expect(payments.every((e) => e.input.date > advance!.input.date)).toBe(true);
      }
    }
  });

  it('re-sends exactly the share asked for, half at once and half after, and the same seed plans the same run', () => {
    expect(all.filter((e) => e.resend === 'concurrent')).toHaveLength(50);
    expect(all.filter((e) => e.resend === 'after')).toHaveLength(50);
    expect(planEvents({ events: 1000, seed: 7, resendRate: 0.1, days: 5, invoices, now })).toEqual(plan);
    expect(planEvents({ events: 1000, seed: 8, resendRate: 0.1, days: 5, invoices, now })).not.toEqual(plan);
  });
});

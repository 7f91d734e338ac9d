import { mulberry32 } from '../src/sandbox/kit';

export type EventKind = 'DISBURSEMENT' | 'FEE' | 'FINAL_PAYMENT' | 'INVOICE_RECONCILIATION';

/** An open sales invoice in a borrower's books, as the gateway shows it. */
export interface OpenInvoice {
  id: string;
  amountDueMinor: number;
}

export interface PlannedEvent {
  kind: EventKind;
  /** Index of the borrower in the run. */
  company: number;
  input: {
    externalId: string;
    amount: string;
    currency: string;
    date: string;
    reference: string;
    description: string | null;
    invoiceId?: string;
  };
  /** Sent a second time: at the same moment as the first, or once the first has been answered. */
  resend: null | 'concurrent' | 'after';
}

/** One borrower's events, in groups of one date each, oldest first. */
export type CompanyPlan = PlannedEvent[][];

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const formatMinor = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/**
 * Every event of the run, decided by the seed alone (given the borrowers' open invoices): per
 * borrower, first an advance against each open invoice, then a mix of fees, advances, final
 * payments and payments of those invoices, spread over `days` days in date order. Payments never add
 * up to more than an invoice's amount due; half the invoices are paid off exactly.
 */
export function planEvents(opts: { events: number; seed: number; resendRate: number; days: number; invoices: OpenInvoice[][]; currency?: string; now?: number }): CompanyPlan[] {
  const rand = mulberry32(opts.seed);
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const companies = opts.invoices.length;
  const days = opts.days;
  const today = Math.floor((opts.now ?? Date.now()) / DAY) * DAY;
  const plans: CompanyPlan[] = [];
  const all: PlannedEvent[] = [];

  for (let c = 0; c < companies; c++) {
    const n = Math.floor(opts.events / companies) + (c < opts.events % companies ? 1 : 0);
    const invoices = opts.invoices[c];
    let serial = 0;
    const event = (kind: EventKind, amountMinor: number, date: string, invoiceId?: string): PlannedEvent => {
      const i = serial++;
      const e: PlannedEvent = {
        kind,
        company: c,
        input: {
          externalId: `soak-${opts.seed}-c${c}-e${i}`,
          amount: formatMinor(amountMinor),
          currency: opts.currency ?? 'GBP',
          date,
          reference: `${kind.toLowerCase().slice(0, 3)}-${c}-${i}`,
          description: rand() < 0.5 ? null : `Soak ${kind.toLowerCase().replace(/_/g, ' ')} ${c}/${i}`,
          ...(invoiceId ? { invoiceId } : {}),
        },
        resend: null,
      };
      all.push(e);
      return e;
    };

    const first = invoices.slice(0, n);
    const opening = first.map((inv) => event('DISBURSEMENT', Math.max(1, Math.round(inv.amountDueMinor * 0.8)), isoDay(today - (days - 1) * DAY), inv.id));
    const rest = n - opening.length;

    // Payments of each advanced invoice, in the order they will be sent; every other invoice is paid off.
    const reconciliations = first.length ? Math.round(rest * 0.25) : 0;
    const parts: { invoiceId: string; minor: number }[][] = first.map(() => []);
    const counts = first.map((_, j) => Math.floor(reconciliations / first.length) + (j < reconciliations % first.length ? 1 : 0));
    first.forEach((inv, j) => {
      const k = counts[j];
      if (!k) return;
      const total = j % 2 === 0 ? inv.amountDueMinor : Math.floor(inv.amountDueMinor * 0.9);
      const weights = Array.from({ length: k }, () => 1 + rand());
      const sum = weights.reduce((a, b) => a + b, 0);
      let left = total;
      for (let p = 0; p < k; p++) {
        const minor = p === k - 1 ? left : Math.max(1, Math.floor((total * weights[p]) / sum));
        parts[j].push({ invoiceId: inv.id, minor });
        left -= minor;
      }
    });

    const kinds: EventKind[] = [];
    const fees = Math.round(rest * 0.35);
    const finals = Math.round(rest * 0.15);
    for (let i = 0; i < rest; i++) {
      kinds.push(i < reconciliations ? 'INVOICE_RECONCILIATION' : i < reconciliations + fees ? 'FEE' : i < reconciliations + fees + finals ? 'FINAL_PAYMENT' : 'DISBURSEMENT');
    }
    for (let i = kinds.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
    }

    const groups: CompanyPlan = [opening];
    const perDay = Math.ceil(rest / (days - 1));
    let nextInvoice = 0;
    kinds.forEach((kind, i) => {
      const day = Math.floor(i / perDay);
      const date = isoDay(today - (days - 2 - day) * DAY);
      let e: PlannedEvent;
      if (kind === 'INVOICE_RECONCILIATION') {
        while (!parts[nextInvoice % parts.length].length) nextInvoice++;
        const part = parts[nextInvoice++ % parts.length].shift()!;
        e = event(kind, part.minor, date, part.invoiceId);
      } else if (kind === 'FEE') e = event(kind, between(500, 7500), date);
      else if (kind === 'FINAL_PAYMENT') e = event(kind, between(5000, 150000), date);
      else e = event(kind, between(10000, 250000), date);
      (groups[day + 1] ??= []).push(e);
    });
    plans.push(groups.filter((g) => g.length));
  }

  // Exactly the requested share is sent twice, half at once with the first sending, half after it.
  const order = all.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const resent = Math.round(all.length * opts.resendRate);
  order.slice(0, resent).forEach((i, k) => (all[i].resend = k % 2 === 0 ? 'concurrent' : 'after'));
  return plans;
}

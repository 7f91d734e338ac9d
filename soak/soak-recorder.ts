import type { Borrower } from './soak-borrowers';
import type { GatewayPool } from './soak-gateways';
import type { CompanyPlan, EventKind, PlannedEvent } from './soak-plan';

const MUTATION: Record<EventKind, [field: string, input: string]> = {
  DISBURSEMENT: ['recordDisbursement', 'RecordDisbursementInput'],
  FEE: ['recordFee', 'RecordFeeInput'],
  FINAL_PAYMENT: ['recordFinalPayment', 'RecordFinalPaymentInput'],
  INVOICE_RECONCILIATION: ['reconcileInvoice', 'ReconcileInvoiceInput'],
};

export const eventKey = (kind: string, companyId: string, externalId: string) => `${companyId}|${kind}|${externalId}`;

type Outcome = { kind: 'recorded'; eventId: string } | { kind: 'refused'; code: string; message: string } | { kind: 'gave-up'; message: string };

export interface Refusal {
  externalId: string;
  kind: EventKind;
  code: string;
  message: string;
}

/** What the lender's clients saw. */
export interface RecordingResult {
  /** Event ids answered per event (company|kind|externalId); more than one id means a second event. */
  answered: Map<string, Set<string>>;
  calls: number;
  /** Recording calls answered INTERNAL (each was retried). */
  internal: number;
  internalMessages: string[];
  /** Other answers that were retried: PROVIDER_UNAVAILABLE, no answer (gateway killed), … */
  retried: Record<string, number>;
  /** Valid events refused by every sending. */
  refused: Refusal[];
  /** Second sendings refused although the first was recorded (or the other way round). */
  replaysRefused: Refusal[];
  /** Events whose sending was still failing at the call deadline. */
  gaveUp: Refusal[];
  resent: number;
}

/** Progress of the recording, for the fault schedule. */
export class Progress {
  done = 0;
  constructor(readonly total: number) {}
  async reach(share: number): Promise<void> {
    while (this.done < Math.ceil(this.total * share) && this.done < this.total) await new Promise((r) => setTimeout(r, 20));
  }
}

class Slots {
  private free: number;
  private waiting: (() => void)[] = [];
  constructor(n: number) {
    this.free = n;
  }
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((r) => this.waiting.push(r));
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

/**
 * Sends every planned event from `clients` concurrent clients, as a lender's backend would: each
 * borrower's events in date order (the events of one date at once), each call retried with the
 * same externalId and payload while the gateway is down or the provider unavailable.
 */
export async function recordEvents(gw: GatewayPool, borrowers: Borrower[], plans: CompanyPlan[], opts: { clients: number; callTimeoutMs: number; stopBy: number; progress: Progress }): Promise<RecordingResult> {
  const result: RecordingResult = { answered: new Map(), calls: 0, internal: 0, internalMessages: [], retried: {}, refused: [], replaysRefused: [], gaveUp: [], resent: 0 };
  const slots = new Slots(opts.clients);

  const send = (e: PlannedEvent): Promise<Outcome> => slots.run(async () => {
    const [field, inputType] = MUTATION[e.kind];
    const query = `mutation ($companyId: ID!, $input: ${inputType}!) { ${field}(companyId: $companyId, input: $input) { id } }`;
    const variables = { companyId: borrowers[e.company].id, input: e.input };
    const deadline = Math.min(Date.now() + opts.callTimeoutMs, opts.stopBy);
    for (let attempt = 0; ; attempt++) {
      result.calls++;
      const answer = await gw.call<Record<string, { id: string }>>(query, variables);
      if (answer.kind === 'data') return { kind: 'recorded', eventId: answer.data[field].id };
      const why = answer.kind === 'network' ? 'NO_ANSWER' : answer.code;
      if (answer.kind === 'error' && answer.code === 'INTERNAL') {
        result.internal++;
        if (result.internalMessages.length < 20) result.internalMessages.push(answer.message);
      } else if (answer.kind === 'error' && answer.code !== 'PROVIDER_UNAVAILABLE') {
        return { kind: 'refused', code: answer.code, message: answer.message };
      }
      result.retried[why] = (result.retried[why] ?? 0) + 1;
      if (Date.now() > deadline) return { kind: 'gave-up', message: answer.message };
      await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random() / 2)));
    }
  });

  const note = (e: PlannedEvent, outcomes: Outcome[]) => {
    const key = eventKey(e.kind, borrowers[e.company].id, e.input.externalId);
    const ids = result.answered.get(key) ?? new Set<string>();
    result.answered.set(key, ids);
    for (const o of outcomes) if (o.kind === 'recorded') ids.add(o.eventId);
    const refusal = (o: Outcome): Refusal => ({ externalId: e.input.externalId, kind: e.kind, code: o.kind === 'refused' ? o.code : 'GAVE_UP', message: o.kind === 'recorded' ? '' : o.message });
    const refused = outcomes.filter((o) => o.kind === 'refused');
    const gaveUp = outcomes.filter((o) => o.kind === 'gave-up');
    if (ids.size === 0) {
      if (refused.length) result.refused.push(refusal(refused[0]));
      else result.gaveUp.push(refusal(gaveUp[0]));
    } else if (refused.length) {
      result.replaysRefused.push(refusal(refused[0]));
    } else if (gaveUp.length) {
      result.gaveUp.push(refusal(gaveUp[0]));
    }
    opts.progress.done++;
  };

  const one = async (e: PlannedEvent) => {
    if (e.resend) result.resent++;
    if (e.resend === 'concurrent') return note(e, await Promise.all([send(e), send(e)]));
    const first = await send(e);
    if (e.resend !== 'after') return note(e, [first]);
    await new Promise((r) => setTimeout(r, Math.random() * 300));
    note(e, [first, await send(e)]);
  };

  await Promise.all(plans.map(async (groups) => {
    for (const group of groups) await Promise.all(group.map(one));
  }));
  return result;
}

import { LedgerEventEntity } from '../../src/modules/ledger/ledger-event.entity';
import { WritebackOperationEntity } from '../../src/modules/writeback/writeback-operation.entity';
import { InvoicesDocument, ReconcileInvoiceDocument, RecordDisbursementDocument, WritebackOperationDocument } from '../generated/graphql';
import { BORROWER_FIXTURES } from '../helpers/borrowers';
import { daysAgo, eventually, mappedBorrower, settled } from '../helpers/fixtures';
import { errorCode, ok, useTestGateway } from '../helpers/test-gateway';

const stored = async (t: ReturnType<typeof useTestGateway>) => ({
  events: await t.gw.services.db.getRepository(LedgerEventEntity).count(),
  ops: await t.gw.services.db.getRepository(WritebackOperationEntity).count(),
});

/** Re-sent reconciliations, and which invoices events may name, whatever the provider. */
describe.each(BORROWER_FIXTURES)('invoice reconciliations and financed invoices on $provider', (fixture) => {
  const t = useTestGateway({ skipDemo: true });
  const currency = fixture.currency;

  type Borrower = Awaited<ReturnType<typeof mappedBorrower<object>>>;
  const invoices = async (b: Borrower) => ok(await t.gql(InvoicesDocument, { companyId: b.id, status: null, first: 100 })).invoices.nodes;
  const reconcile = (b: Borrower, invoiceId: string, externalId: string, amount: string) =>
    t.gql(ReconcileInvoiceDocument, { companyId: b.id, input: { externalId, amount, currency, date: daysAgo(0), reference: null, description: null, invoiceId } });

  it('answers a re-sent reconciliation with the original, also while it is in flight and once it has paid the invoice', async () => {
    const b = await mappedBorrower(t, { fixture });
    const invoice = (await invoices(b)).find((i) => i.status === 'SUBMITTED' && i.currency === currency)!;
    // A client retrying impatiently: the same payoff several times at once.
    const results = await Promise.all(Array.from({ length: 6 }, () => reconcile(b, invoice.id, 'payoff-1', invoice.amountDue)));
    const ids = new Set(results.map((r) => ok(r).reconcileInvoice.id));
    expect(ids.size).toBe(1);
    await settled(t, b.id);
    expect((await invoices(b)).find((i) => i.id === invoice.id)!.status).toBe('PAID');

    const count = await stored(t);
    const replay = ok(await reconcile(b, invoice.id, 'payoff-1', invoice.amountDue)).reconcileInvoice;
    expect(replay.id).toBe([...ids][0]);
    const conflict = await reconcile(b, invoice.id, 'payoff-1', '1.00');
    expect(errorCode(conflict)).toBe('CONFLICT');
    expect(await stored(t)).toEqual(count);
  });

  it('does not count twice a payment that is in the books while its operation has not succeeded yet', async () => {
    const b = await mappedBorrower(t, { fixture });
    const invoice = (await invoices(b)).find((i) => i.status === 'SUBMITTED' && i.currency === currency && Number(i.amountDue) > 100)!;
    const due = Math.round(Number(invoice.amountDue) * 100);
    const money = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
    // The payment lands, but the answer that would tell the gateway so is held back.
    await fixture.injectFault(t, b.ref, { fault: 'SLOW_RESPONSE', on: 'last-answer', delayMs: 4000 });
    const first = ok(await reconcile(b, invoice.id, 'part-1', '100.00')).reconcileInvoice;
    const payment = first.operations.find((o) => o.kind === 'INVOICE_PAYMENT')!;
    await eventually(async () => (await invoices(b)).find((i) => i.id === invoice.id)!.amountDue === money(due - 10000), 10000, 'the payment to land in the books');
    expect(ok(await t.gql(WritebackOperationDocument, { id: payment.id })).writebackOperation.status).not.toBe('SUCCEEDED');

    const over = await reconcile(b, invoice.id, 'over-1', money(due - 10000 + 1));
    expect(errorCode(over)).toBe('BAD_USER_INPUT');
    expect(over.errors![0].message).toMatch(new RegExp(`${money(due - 10000).replace('.', '\\.')} ${currency} due`));
    ok(await reconcile(b, invoice.id, 'rest-1', money(due - 10000)));
    await settled(t, b.id);
    expect((await invoices(b)).find((i) => i.id === invoice.id)!.status).toBe('PAID');
  });

  it('finances only open invoices: a disbursement naming a paid, void or draft one is refused and nothing is stored', async () => {
    const b = await mappedBorrower(t, { fixture });
    const all = await invoices(b);
    const count = await stored(t);
    const closed = (['PAID', 'VOID', 'DRAFT'] as const).filter((status) => all.some((i) => i.status === status));
    // Every provider's seeded books have paid and draft invoices; not all have void ones.
    expect(closed).toEqual(expect.arrayContaining(['PAID', 'DRAFT']));
    for (const status of closed) {
      const invoice = all.find((i) => i.status === status)!;
      const res = await t.gql(RecordDisbursementDocument, {
        companyId: b.id,
        input: { externalId: `adv-${status}`, amount: '100.00', currency, date: daysAgo(0), reference: null, description: null, invoiceId: invoice.id },
      });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions!.field).toBe('invoiceId');
      expect(res.errors![0].message).toMatch(new RegExp(`not open \\(${status.toLowerCase()}\\)`));
    }
    expect(await stored(t)).toEqual(count);
    const open = all.find((i) => i.status === 'SUBMITTED')!;
    ok(await t.gql(RecordDisbursementDocument, {
      companyId: b.id,
      input: { externalId: 'adv-open', amount: '100.00', currency, date: daysAgo(0), reference: null, description: null, invoiceId: open.id },
    }));
  });
});

/** How reconciliations count what an invoice still owes when Codat's reads lag behind its writes. */
describe('invoice reconciliations on Codat, whose reads may lag behind its writes', () => {
  const t = useTestGateway({ skipDemo: true });

  type Borrower = Awaited<ReturnType<typeof mappedBorrower>>;
  const invoices = async (b: Borrower) => ok(await t.gql(InvoicesDocument, { companyId: b.id, status: null, first: 100 })).invoices.nodes;
  const openInvoice = async (b: Borrower, number: string) => (await invoices(b)).find((i) => i.number === number)!;
  const reconcile = (b: Borrower, invoiceId: string, externalId: string, amount: string) =>
    t.gql(ReconcileInvoiceDocument, { companyId: b.id, input: { externalId, amount, currency: 'GBP', date: daysAgo(0), reference: null, description: null, invoiceId } });
  const setReadsAfterSync = async (on: boolean) => {
    const res = await t.http.patch('/sandbox/codat/_sandbox/settings').send({ readsAfterSync: on });
    expect(res.body.readsAfterSync).toBe(on);
  };

  it('counts a delivered payment the provider does not show yet, accepting the payoff of the rest and refusing more', async () => {
    const b = await mappedBorrower(t);
    const invoice = await openInvoice(b, 'INV-0101');
    expect(invoice.amountDue).toBe('4800.00');
    await setReadsAfterSync(true);
    try {
      const first = ok(await reconcile(b, invoice.id, 'part-0101', '1000.00')).reconcileInvoice;
      await settled(t, b.id);
      expect(first.id).toBeTruthy();
      // Delivered, but until a sync the books still show the whole amount due.
      expect((await openInvoice(b, 'INV-0101')).amountDue).toBe('4800.00');

      const count = await stored(t);
      const over = await reconcile(b, invoice.id, 'over-0101', '4800.00');
      expect(errorCode(over)).toBe('BAD_USER_INPUT');
      expect(over.errors![0].extensions!.field).toBe('invoiceId');
      expect(over.errors![0].message).toMatch(/3800\.00 GBP due/);
      expect(await stored(t)).toEqual(count);

      ok(await reconcile(b, invoice.id, 'rest-0101', '3800.00'));
      await settled(t, b.id);
    } finally {
      await setReadsAfterSync(false);
    }
    expect((await openInvoice(b, 'INV-0101')).status).toBe('PAID');
  });
});

import { LedgerEventEntity } from '../../src/modules/ledger/ledger-event.entity';
import { WritebackOperationEntity } from '../../src/modules/writeback/writeback-operation.entity';
import {
  ConfigureMappingDocument,
  InvoicesDocument,
  ReconcileInvoiceDocument,
  RecordDisbursementDocument,
  RecordFeeDocument,
  SetWritebackEnabledDocument,
  WritebackOperationsDocument,
} from '../generated/graphql';
import { BORROWER_FIXTURES } from '../helpers/borrowers';
import { daysAgo, mappedBorrower, newBorrower, settled } from '../helpers/fixtures';
import { errorCode, ok, useTestGateway } from '../helpers/test-gateway';

describe.each(BORROWER_FIXTURES)('recording lending events on $provider: validation, idempotency, held write-back', (fixture) => {
  const t = useTestGateway({ skipDemo: true });
  let b: Awaited<ReturnType<typeof mappedBorrower<object>>>;
  const currency = fixture.currency;
  const { statements, orderedStatements, mappingFields } = fixture.capabilities;

  beforeAll(async () => {
    b = await mappedBorrower(t, { fixture });
  });

  const stored = async () => ({
    events: await t.gw.services.db.getRepository(LedgerEventEntity).count(),
    ops: await t.gw.services.db.getRepository(WritebackOperationEntity).count(),
  });
  const fee = (input: Record<string, unknown>, companyId = b.id) =>
    t.gql(RecordFeeDocument, { companyId, input: { externalId: 'fee-x', amount: '10.00', currency, date: daysAgo(5), reference: null, description: null, ...input } as never });

  it('returns the original record for the same externalId and payload, and CONFLICT for a different payload', async () => {
    const first = ok(await fee({ externalId: 'fee-idem', amount: '12.50' })).recordFee;
    const count = await stored();
    const again = ok(await fee({ externalId: 'fee-idem', amount: '12.5' })).recordFee;
    expect(again.id).toBe(first.id);
    expect(again.operations.map((o) => o.id)).toEqual(first.operations.map((o) => o.id));
    expect(await stored()).toEqual(count);

    const conflict = await fee({ externalId: 'fee-idem', amount: '13.00' });
    expect(errorCode(conflict)).toBe('CONFLICT');
    expect(conflict.errors![0].message).toMatch(/fee-idem/);
    expect(await stored()).toEqual(count);

    // The same externalId for another kind of event is another event.
    ok(await t.gql(RecordDisbursementDocument, { companyId: b.id, input: { externalId: 'fee-idem', amount: '12.50', currency, date: daysAgo(5), reference: null, description: null, invoiceId: null } }));
  });

  it('answers concurrent identical submissions with one record', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => fee({ externalId: 'fee-race', amount: '7.00' })));
    const ids = new Set(results.map((r) => ok(r).recordFee.id));
    expect(ids.size).toBe(1);
    expect(await t.gw.services.db.getRepository(LedgerEventEntity).countBy({ externalId: 'fee-race' })).toBe(1);
  });

  it.each([
    ['a zero amount', { amount: '0.00' }, 'amount', /greater than 0/],
    ['a negative amount', { amount: '-5.00' }, 'amount', /.+/],
    ['more decimals than the currency has', { amount: '10.001' }, 'amount', /at most 2 decimal/],
    ['decimals in a currency that has none', { amount: '10.5', currency: 'JPY' }, 'amount', /at most 0 decimal/],
    ['an unknown currency', { currency: 'XYZ' }, 'currency', /ISO 4217/],
    ['a currency other than the mapped accounts', { currency: fixture.otherCurrency }, 'currency', new RegExp(fixture.currency)],
    ['an impossible date', { date: '2026-02-30' }, 'date', /not a real date/],
    ['a date in the future', { date: daysAgo(-10) }, 'date', /future/],
    ['a date more than a year old', { date: daysAgo(400) }, 'date', /a year/],
    ['an over-long reference', { reference: 'R'.repeat(101) }, 'reference', /at most 100 characters/],
    ['an over-long description', { description: 'D'.repeat(201) }, 'description', /at most 200 characters/],
    ['an externalId with spaces', { externalId: 'fee with spaces' }, 'externalId', /externalId/],
  ])('refuses %s with BAD_USER_INPUT and stores nothing', async (_label, input, field, why) => {
    const before = await stored();
    const res = await fee({ externalId: `bad-${field}-${Math.random().toString(36).slice(2)}`, ...input });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    if (!/negative/.test(_label)) {
      expect(res.errors![0].extensions!.field).toBe(field);
      expect(res.errors![0].message).toMatch(why);
    }
    expect(await stored()).toEqual(before);
  });

  (orderedStatements ? it : it.skip)('refuses events out of date order on the lender account, where statements carry running balances', async () => {
    ok(await fee({ externalId: 'fee-late', date: daysAgo(1) }));
    const before = await stored();
    const res = await fee({ externalId: 'fee-early', date: daysAgo(20) });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/date order/);
    expect(await stored()).toEqual(before);
  });

  it('checks the invoice of a reconciliation: known, open, enough due, counting reconciliations not yet delivered', async () => {
    const invoices = ok(await t.gql(InvoicesDocument, { companyId: b.id, status: null, first: 100 })).invoices.nodes;
    const paid = invoices.find((i) => i.status === 'PAID')!;
    const open = invoices.find((i) => i.status === 'SUBMITTED' && i.currency === currency)!;
    const rec = (input: Record<string, unknown>) =>
      t.gql(ReconcileInvoiceDocument, { companyId: b.id, input: { externalId: `rec-${Math.random()}`, amount: '1.00', currency, date: daysAgo(0), reference: null, description: null, invoiceId: open.id, ...input } as never });
    const before = await stored();
    for (const [input, why] of [
      [{ invoiceId: 'no-such-invoice' }, /No invoice/],
      [{ invoiceId: paid.id }, /not open/],
      [{ amount: (Number(open.amountDue) + 1).toFixed(2) }, /due/],
    ] as const) {
      const res = await rec(input);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions!.field).toBe('invoiceId');
      expect(res.errors![0].message).toMatch(why);
    }
    expect(await stored()).toEqual(before);

    ok(await t.gql(SetWritebackEnabledDocument, { companyId: b.id, enabled: false, releaseHeld: null }));
    ok(await rec({ amount: open.amountDue }));
    const second = await rec({ amount: '1.00' });
    expect(errorCode(second)).toBe('BAD_USER_INPUT');
    expect(second.errors![0].message).toMatch(/already recorded and not yet in the books/);
    ok(await t.gql(SetWritebackEnabledDocument, { companyId: b.id, enabled: true, releaseHeld: true }));
    await settled(t, b.id);
  });

  it('answers MAPPING_INCOMPLETE before the mapping is complete, storing nothing', async () => {
    const fresh = await newBorrower(t, 'Unmapped Ltd', fixture);
    const before = await stored();
    const res = await fee({ externalId: 'fee-unmapped' }, fresh.id);
    expect(errorCode(res)).toBe('MAPPING_INCOMPLETE');
    expect([...(res.errors![0].extensions!.missing as string[])].sort()).toEqual([...mappingFields].sort());
    expect(await stored()).toEqual(before);
  });

  it('holds writes while write-back is off, keeps them visible, and releases them in order', async () => {
    const h = await mappedBorrower(t, { enabled: false, fixture });
    const entriesBefore = await fixture.entries(t, h.ref);
    for (let i = 1; i <= 3; i++) {
      ok(await t.gql(RecordFeeDocument, { companyId: h.id, input: { externalId: `held-${i}`, amount: `${i}.00`, currency, date: daysAgo(4 - i), reference: `H${i}`, description: null } }));
    }
    // A fee is one write, and one statement line more where the provider keeps a bank feed.
    const perFee = statements === 'bank-feed' ? 2 : 1;
    const held = ok(await t.gql(WritebackOperationsDocument, { companyId: h.id, status: 'HELD', first: 50, after: null })).writebackOperations;
    expect(held.totalCount).toBe(3 * perFee);
    await new Promise((r) => setTimeout(r, 300));
    expect(await fixture.entries(t, h.ref)).toEqual(entriesBefore);

    // Switching on without releaseHeld leaves them held.
    ok(await t.gql(SetWritebackEnabledDocument, { companyId: h.id, enabled: true, releaseHeld: false }));
    ok(await t.gql(SetWritebackEnabledDocument, { companyId: h.id, enabled: false, releaseHeld: null }));
    expect(ok(await t.gql(WritebackOperationsDocument, { companyId: h.id, status: 'HELD', first: 50, after: null })).writebackOperations.totalCount).toBe(3 * perFee);

    if (statements === 'bank-feed') t.sandbox.store.clearRequestLog();
    const released = ok(await t.gql(SetWritebackEnabledDocument, { companyId: h.id, enabled: true, releaseHeld: true })).setWritebackEnabled;
    expect(released.releasedOperations).toBe(3 * perFee);
    const ops = await settled(t, h.id);
    expect(ops.filter((o) => o.eventId).every((o) => o.status === 'SUCCEEDED')).toBe(true);
    // In the order they were recorded, each once.
    const fees = ops.filter((o) => o.kind === 'SPEND_MONEY');
    const entries = await fixture.entries(t, h.ref);
    const booked = fees.map((op) => entries.filter((e) => e.markers.includes(op.id)));
    expect(booked.map((copies) => copies.map((e) => e.amountMinor))).toEqual([[100], [200], [300]]);
    expect(booked.map(([e]) => entries.indexOf(e))).toEqual([...booked.map(([e]) => entries.indexOf(e))].sort((x, y) => x - y));

    if (statements === 'bank-feed') {
      // The three statement lines, due together, went out in one request.
      const linePosts = t.sandbox.store.requestLog.filter((r) => r.method === 'POST' && r.path.includes(`/push/bankAccounts/${h.lenderId}/bankTransactions`));
      expect(linePosts).toHaveLength(1);
      const lender = (await fixture.books(t, h.ref) as { bankAccounts: { id: string; statementLines: { balance: number }[] }[] }).bankAccounts.find((a) => a.id === h.lenderId)!;
      expect(lender.statementLines.map((l) => l.balance)).toEqual([-1, -3, -6]);
    }
  });

  it('keeps the mapping an event was recorded with, whatever changes later', async () => {
    const m = await mappedBorrower(t, { fixture });
    const event = ok(await t.gql(RecordFeeDocument, { companyId: m.id, input: { externalId: 'fee-snapshot', amount: '5.00', currency, date: daysAgo(0), reference: null, description: null } })).recordFee;
    ok(await t.gql(ConfigureMappingDocument, { companyId: m.id, input: { expenseAccountId: null } }));
    const again = ok(await t.gql(RecordFeeDocument, { companyId: m.id, input: { externalId: 'fee-snapshot', amount: '5.00', currency, date: daysAgo(0), reference: null, description: null } })).recordFee;
    expect(again.mapping.expenseAccountId).toBe(m.expenseId);
    expect(event.mapping).toEqual(again.mapping);
    await settled(t, m.id);
  });
});

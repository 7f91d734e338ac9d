import type { Invoice } from '../../src/providers/accounting-provider';
import { planOperations, type PlannedEvent } from '../../src/modules/ledger/ledger.plan';

const mapping = { lenderBankAccountId: 'lender', designatedBankAccountId: 'designated', expenseAccountId: 'fees', lenderSupplierId: 'acme', internalTransferAccountId: null };
const ids = { main: 'op-main', line: 'op-line' };
const base = { eventId: 'ev-1', externalId: 'ext-1', amountMinor: 12_345, currency: 'GBP', date: '2026-05-01', description: null, reference: 'R-1', mapping };
const invoice: Invoice = {
  id: 'inv-1', number: 'INV-0042', customerId: null, customerName: null, issueDate: null, dueDate: null,
  currency: 'GBP', totalMinor: 50_000, amountDueMinor: 50_000, status: 'SUBMITTED', appliedPayments: [],
};
const feed = { statements: 'bank-feed' } as const;

describe('planOperations', () => {
  it('makes an advance a transfer lender → designated, followed by its statement line (money out) where the provider takes a bank feed', () => {
    const ops = planOperations({ ...base, kind: 'DISBURSEMENT', invoice: null }, ids, -12_345n, 'Acme Ltd', feed);
    expect(ops).toEqual([
      {
        id: 'op-main', eventId: 'ev-1', stream: 'LEDGER', kind: 'TRANSFER',
        payload: { date: '2026-05-01', amountMinor: 12_345, currency: 'GBP', marker: 'op-main', fromAccountId: 'lender', toAccountId: 'designated', lenderSide: 'from', description: 'Advance R-1 – Acme Ltd' },
      },
      {
        id: 'op-line', eventId: 'ev-1', stream: 'FEED', kind: 'STATEMENT_LINE',
        payload: { bankAccountId: 'lender', currency: 'GBP', line: { id: 'op-line', date: '2026-05-01', amountMinor: -12_345, balanceMinor: '-12345', description: 'Advance R-1 – Acme Ltd', counterparty: 'Acme Ltd', reference: 'R-1' } },
      },
    ]);
  });

  it('tells a one-sided provider which side of a transfer is the lender account\'s, and the internal-transfer account', () => {
    const withTransit = { ...base, mapping: { ...mapping, internalTransferAccountId: 'transit' } };
    const payload = (kind: 'DISBURSEMENT' | 'FINAL_PAYMENT') => planOperations({ ...withTransit, kind, invoice: null }, ids, 0n, 'Acme Ltd', { statements: 'implicit' })[0].payload;
    expect(payload('DISBURSEMENT')).toMatchObject({ fromAccountId: 'lender', oneSided: { side: 'from', transitAccountId: 'transit' } });
    expect(payload('FINAL_PAYMENT')).toMatchObject({ toAccountId: 'lender', oneSided: { side: 'to', transitAccountId: 'transit' } });
  });

  it.each(['implicit', 'none'] as const)('emits no statement line where statements are %s', (statements) => {
    const kinds = (['DISBURSEMENT', 'FINAL_PAYMENT', 'FEE'] as const).map((kind) => planOperations({ ...base, kind, invoice: null }, ids, 0n, 'Acme Ltd', { statements }).map((op) => op.kind));
    expect(kinds).toEqual([['TRANSFER'], ['TRANSFER'], ['SPEND_MONEY']]);
  });

  it('turns a final payment round (designated → lender, money in) and a fee into money spent to the lender supplier on the fee account', () => {
    const [payment, paymentLine] = planOperations({ ...base, kind: 'FINAL_PAYMENT', invoice: null }, ids, 12_345n, 'Acme Ltd', feed);
    expect(payment).toMatchObject({ kind: 'TRANSFER', payload: { fromAccountId: 'designated', toAccountId: 'lender' } });
    expect(paymentLine).toMatchObject({ payload: { line: { amountMinor: 12_345 } } });
    const [fee] = planOperations({ ...base, kind: 'FEE', invoice: null, description: 'March fees' }, ids, 0n, 'Acme Ltd', feed);
    expect(fee).toMatchObject({ kind: 'SPEND_MONEY', payload: { bankAccountId: 'lender', supplierId: 'acme', expenseAccountId: 'fees', description: 'March fees', reference: 'R-1' } });
  });

  it("pays the invoice from the lender account, naming its customer or none (the provider decides whether it needs one)", () => {
    const event: PlannedEvent = { ...base, kind: 'INVOICE_RECONCILIATION', invoice, reference: null };
    const [payment] = planOperations(event, ids, 0n, 'Acme Ltd', feed);
    expect(payment).toMatchObject({ kind: 'INVOICE_PAYMENT', payload: { invoiceId: 'inv-1', customerId: null, bankAccountId: 'lender', reference: 'ext-1' } });
    const [withCustomer] = planOperations({ ...event, invoice: { ...invoice, customerId: 'cust-9' } }, ids, 0n, 'Acme Ltd', feed);
    expect(withCustomer).toMatchObject({ payload: { customerId: 'cust-9' } });
  });
});

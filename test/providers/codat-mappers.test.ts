import { currencyExponent } from '../../src/common/money';
import { toDecimal, toMinor } from '../../src/providers/codat/codat.money';
import {
  checkConnection,
  isLive,
  parseCodatError,
  requiredBankAccountFields,
  toBankAccount,
  toInvoice,
  toLedgerAccount,
  toSupplier,
  toWriteResult,
} from '../../src/providers/codat/codat.mappers';
import type { CodatAccount, CodatBankAccount, CodatInvoice, CodatPushOperation, CodatSupplier } from '../../src/providers/codat/codat.types';
import * as F from './fixtures/codat-xero.fixtures';

describe('Codat money', () => {
  it('knows each currency’s decimals', () => {
    expect(currencyExponent('GBP')).toBe(2);
    expect(currencyExponent('jpy')).toBe(0);
    expect(currencyExponent('BHD')).toBe(3);
    expect(currencyExponent('XXX')).toBe(2);
  });

  it('turns minor units into exact decimals', () => {
    expect(toDecimal(12345, 'GBP')).toBe(123.45);
    expect(toDecimal(5, 'GBP')).toBe(0.05);
    expect(toDecimal(-80000, 'GBP')).toBe(-800);
    expect(toDecimal(0, 'GBP')).toBe(0);
    expect(toDecimal(1234, 'JPY')).toBe(1234);
    expect(toDecimal(1001, 'BHD')).toBe(1.001);
    expect(toDecimal(30, 'GBP')).toBe(0.3);
    expect(toDecimal(123456789012345, 'GBP')).toBe(1234567890123.45);
    expect(() => toDecimal(1.5, 'GBP')).toThrow(RangeError);
  });

  it('turns decimals into minor units without float drift', () => {
    expect(toMinor(0.1 + 0.2, 'GBP')).toBe(30);
    expect(toMinor(6681.79, 'GBP')).toBe(668179);
    expect(toMinor(1.005, 'GBP')).toBe(101);
    expect(toMinor(-1.005, 'GBP')).toBe(-101);
    expect(toMinor(583.3333333333, 'GBP')).toBe(58333);
    expect(toMinor(1234, 'JPY')).toBe(1234);
    expect(toMinor(1234.5, 'JPY')).toBe(1235);
    expect(toMinor(1.001, 'BHD')).toBe(1001);
    expect(toMinor(1e-7, 'GBP')).toBe(0);
    expect(toMinor(-0.001, 'GBP')).toBe(0);
    expect(() => toMinor(1e21, 'GBP')).toThrow(RangeError);
    expect(() => toMinor(Number.NaN, 'GBP')).toThrow(RangeError);
  });

  it('round-trips every amount of pennies', () => {
    for (let minor = -2000; minor <= 2000; minor++) expect(toMinor(toDecimal(minor, 'GBP'), 'GBP')).toBe(minor);
  });
});

describe('Codat read mappers (spec Xero examples)', () => {
  it('maps bank accounts', () => {
    expect(F.xeroBankAccounts.results.map((r) => toBankAccount(r as CodatBankAccount))).toEqual([
      { id: 'bd9e85e0-0478-433d-ae9f-0b3c4f04bfe4', name: 'Business Bank Account', currency: 'GBP', accountNumber: '987654321', sortCode: '990404', iban: null, status: 'UNKNOWN', balanceMinor: 668179 },
      { id: 'a8d6fb1a-8c5d-4683-90ce-bf9d28fc62ba', name: 'Business Savings Account', currency: 'GBP', accountNumber: '876543210', sortCode: '890303', iban: null, status: 'UNKNOWN', balanceMinor: 0 },
    ]);
    expect(toBankAccount({ id: 'b', currency: 'JPY', balance: null, status: 'Archived', iBan: 'GB33BUKB20201555555555' }))
      .toMatchObject({ balanceMinor: null, status: 'ARCHIVED', iban: 'GB33BUKB20201555555555' });
  });

  it('maps accounts and their type and status enums', () => {
    expect(toLedgerAccount(F.xeroAccount as unknown as CodatAccount)).toEqual({
      id: 'bd9e85e0-0478-433d-ae9f-0b3c4f04bfe4', name: 'Business Bank Account', nominalCode: 'A090', type: 'ASSET',
      fullyQualifiedCategory: 'Asset.Bank', status: 'ACTIVE', isBankAccount: true, currency: 'GBP',
    });
    const types = ['Unknown', 'Asset', 'Expense', 'Income', 'Liability', 'Equity'] as const;
    expect(types.map((type) => toLedgerAccount({ id: 'a', type }).type)).toEqual(['UNKNOWN', 'ASSET', 'EXPENSE', 'INCOME', 'LIABILITY', 'EQUITY']);
    const statuses = ['Unknown', 'Active', 'Archived', 'Pending'] as const;
    expect(statuses.map((status) => toLedgerAccount({ id: 'a', status }).status)).toEqual(['UNKNOWN', 'ACTIVE', 'ARCHIVED', 'PENDING']);
    expect(toLedgerAccount({ id: 'a', type: 'Unknown', fullyQualifiedCategory: null })).toMatchObject({ type: 'UNKNOWN', fullyQualifiedCategory: null, isBankAccount: false, name: '' });
  });

  it('maps suppliers, reading Xero’s empty strings as absent', () => {
    expect(toSupplier(F.xeroSupplier as unknown as CodatSupplier & { id: string })).toEqual({ id: 'e4c9d0e2-c285-4e85-b579-6d28b180c730', name: '24 Locks', status: 'ACTIVE', emailAddress: null, phone: null });
    expect(toSupplier({ id: 's', status: 'InActive', phone: '+44 25691 154789' })).toMatchObject({ status: 'ARCHIVED', phone: '+44 25691 154789' });
  });

  it('maps invoices with their amounts in minor units', () => {
    expect(toInvoice(F.xeroInvoice)).toEqual({
      id: '4b6d0c8f-10fa-42cd-a6e5-53b175e90005', number: 'INV-0001', customerId: 'a871a956-05b5-4e2a-9419-7aeb478ca647', customerName: 'Ridgeway University',
      issueDate: '2022-02-07', dueDate: '2022-02-17', currency: 'GBP', totalMinor: 50000, amountDueMinor: 0, status: 'PAID', appliedPayments: [],
    });
    const statuses = ['Unknown', 'Draft', 'Submitted', 'PartiallyPaid', 'Paid', 'Void'] as const;
    const base: CodatInvoice = { id: 'i', currency: 'JPY', totalAmount: 12000, amountDue: 4000 };
    expect(statuses.map((status) => toInvoice({ ...base, status }).status)).toEqual(['UNKNOWN', 'DRAFT', 'SUBMITTED', 'PARTIALLY_PAID', 'PAID', 'VOID']);
    expect(toInvoice({ ...base, status: 'PartiallyPaid' })).toMatchObject({ totalMinor: 12000, amountDueMinor: 4000, number: null, dueDate: null });
  });

  it('lists the payments allocated to an invoice with the marker each carries', () => {
    const allocations = [
      { payment: { id: 'p-1', note: null, reference: 'rec-42 [6b1f9a40-3c55-4d0e-9a34-7d1f2f0c9e11]' } },
      { payment: { id: 'p-2', note: 'Credit Memo 1002', reference: '109002' } },
      { payment: { id: 'p-3', note: 'paid by phone', reference: null } },
    ];
    expect(toInvoice({ id: 'i', currency: 'GBP', amountDue: 10, paymentAllocations: allocations }).appliedPayments).toEqual([
      { recordId: 'p-1', marker: '6b1f9a40-3c55-4d0e-9a34-7d1f2f0c9e11' },
      { recordId: 'p-2', marker: '109002' },
      { recordId: 'p-3', marker: null },
    ]);
  });

  it('skips deleted records', () => {
    const rows = [{ id: 'a', metadata: { isDeleted: false } }, { id: 'b', metadata: { isDeleted: true } }, { id: 'c' }, { id: 'd', metadata: null }];
    expect(rows.filter(isLive).map((r) => r.id)).toEqual(['a', 'c', 'd']);
  });
});

describe('Codat push operations', () => {
  it('maps a pending push', () => {
    expect(toWriteResult(F.xeroPendingPush as unknown as CodatPushOperation)).toEqual({
      status: 'PENDING', providerOperationId: '33347930-fcc5-4f95-aa13-4a0f7291b559', recordIds: [], errors: [], message: null,
    });
  });

  it('maps a successful push to the created record ids', () => {
    const op = { ...F.xeroPendingPush, status: 'Success', statusCode: 200, changes: [{ type: 'Created', recordRef: { id: 'f0e1d2c3-0000-4000-8000-000000000001', dataType: 'directCosts' } }] };
    expect(toWriteResult(op as unknown as CodatPushOperation)).toMatchObject({ status: 'SUCCESS', recordIds: ['f0e1d2c3-0000-4000-8000-000000000001'] });
  });

  it('maps a failed push with its validation errors', () => {
    expect(toWriteResult(F.xeroFailedPush as unknown as CodatPushOperation)).toEqual({
      status: 'FAILED',
      providerOperationId: '8e42e5f6-c596-4ddf-a5e4-fdc9977f5a99',
      recordIds: [],
      errors: [{ field: 'NominalCode', message: 'Failed to push to Account as NominalCode must not be longer than 10 characters long.' }],
      message: F.xeroFailedPush.errorMessage,
    });
  });

  it('maps a timed-out push and says it may still have been written', () => {
    const result = toWriteResult({ ...F.xeroPendingPush, status: 'TimedOut', statusCode: 504 } as unknown as CodatPushOperation);
    expect(result.status).toBe('TIMED_OUT');
    expect(result.message).toMatch(/may still have been written/);
  });

  it('reads ErrorMessage bodies', () => {
    expect(parseCodatError(404, { statusCode: 404, service: 'ClientsApi', error: 'No company was found with ID 846ed55c', correlationId: 'abc', canBeRetried: 'Unknown' })).toEqual({
      message: 'No company was found with ID 846ed55c [correlation id abc]',
      messages: [{ field: null, message: 'No company was found with ID 846ed55c' }],
    });
    expect(parseCodatError(502, '<html>Bad gateway</html>')).toEqual({ message: '<html>Bad gateway</html>', messages: [] });
  });
});

describe('Codat connection check', () => {
  const ids = { companyId: F.company.id, connectionId: F.xeroConnection.id };

  it('accepts a linked accounting connection', () => {
    expect(checkConnection(ids, F.company, F.xeroConnection)).toEqual({ ok: true, companyName: 'Toft stores holdings', platformName: 'Xero' });
  });

  it('explains an unknown company or connection', () => {
    expect(checkConnection(ids, null, null).reason).toBe(`Codat has no company ${F.company.id}: check the Codat company id saved for this borrower`);
    expect(checkConnection({ ...ids, connectionId: 'nope' }, F.company, null).reason).toBe(
      `Codat company ${F.company.id} has no connection nope; its accounting connection is ${F.xeroConnection.id} (Xero)`,
    );
  });

  it('refuses a banking connection and points at the accounting one', () => {
    const check = checkConnection({ ...ids, connectionId: F.bankingConnection.id }, F.company, F.bankingConnection);
    expect(check.ok).toBe(false);
    expect(check.reason).toBe(`Connection ${F.bankingConnection.id} (Basiq) is a Banking connection, not an accounting one; its accounting connection is ${F.xeroConnection.id} (Xero)`);
  });

  it('refuses a connection that is not linked', () => {
    const check = checkConnection(ids, F.company, { ...F.xeroConnection, status: 'Deauthorized' });
    expect(check).toMatchObject({ ok: false, platformName: 'Xero' });
    expect(check.reason).toBe(`Connection ${F.xeroConnection.id} (Xero) is Deauthorized, not Linked: the borrower must authorise it again at ${F.xeroConnection.linkUrl}`);
  });
});

describe('Codat bank-account options', () => {
  it('lists the required properties that NewBankAccount can fill', () => {
    expect(requiredBankAccountFields(F.sandboxBankAccountOptions)).toEqual(['name', 'sortCode', 'accountNumber', 'currency']);
    expect(requiredBankAccountFields({ type: 'Object', properties: { iBan: { required: true } } })).toEqual(['iban']);
    expect(requiredBankAccountFields({})).toEqual([]);
  });
});

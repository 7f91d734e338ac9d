import {
  accountBody,
  bankAccountBody,
  bankTransactionsBody,
  carriesMarker,
  directCostBody,
  paymentBody,
  supplierBody,
  transferBody,
  withMarker,
} from '../../src/providers/codat/codat.write.mappers';
import { ProviderError } from '../../src/providers/provider-error';
import type { StatementLine } from '../../src/providers/accounting-provider';

const LENDER = 'bd9e85e0-0478-433d-ae9f-0b3c4f04bfe4';
const DESIGNATED = 'a8d6fb1a-8c5d-4683-90ce-bf9d28fc62ba';

describe('Codat write bodies', () => {
  it('P1 bank account, as in the Xero example', () => {
    expect(bankAccountBody({ name: 'Xero GBP Bank Account', currency: 'GBP', sortCode: '445566', accountNumber: '12345678' })).toStrictEqual({
      accountName: 'Xero GBP Bank Account', accountType: 'Debit', sortCode: '445566', accountNumber: '12345678', currency: 'GBP', status: 'Active',
    });
    expect(bankAccountBody({ name: 'Lender EUR', currency: 'EUR', iban: 'DE89370400440532013000', institution: 'Lender Bank' })).toStrictEqual({
      accountName: 'Lender EUR', accountType: 'Debit', currency: 'EUR', iBan: 'DE89370400440532013000', institution: 'Lender Bank', status: 'Active',
    });
  });

  it('P2 expense account, with only the properties of Xero’s model', () => {
    expect(accountBody({ nominalCode: '4790', name: 'Invoice finance fees', description: 'Fees and interest charged by Lender' })).toStrictEqual({
      nominalCode: '4790', name: 'Invoice finance fees', fullyQualifiedCategory: 'Expense.Expense', description: 'Fees and interest charged by Lender',
    });
    expect(accountBody({ nominalCode: '4791', name: 'Fees', currency: 'USD' })).toStrictEqual({ nominalCode: '4791', name: 'Fees', fullyQualifiedCategory: 'Expense.Expense', currency: 'USD' });
  });

  it('P3 supplier, as in the loan-writeback guide', () => {
    expect(
      supplierBody({
        name: 'Bank of Dave', contactName: 'David', emailAddress: 'david@example.com', phone: '+44 25691 154789', registrationNumber: '0115633', defaultCurrency: 'GBP',
        address: { line1: 'Stoney Business Park', city: 'London', country: 'UK', postalCode: 'SE14 1PE' },
      }),
    ).toStrictEqual({
      contactName: 'David', defaultCurrency: 'GBP', emailAddress: 'david@example.com', phone: '+44 25691 154789', registrationNumber: '0115633', status: 'Active', supplierName: 'Bank of Dave',
      addresses: [{ line1: 'Stoney Business Park', city: 'London', country: 'UK', postalCode: 'SE14 1PE', type: 'Billing' }],
    });
    expect(supplierBody({ name: 'Lender', address: {} })).toStrictEqual({ supplierName: 'Lender', status: 'Active' });
  });

  it('P4 transfer, with the marker at the end of the description', () => {
    expect(
      transferBody({ marker: 'wb-0042', date: '2026-05-01', fromAccountId: LENDER, toAccountId: DESIGNATED, amountMinor: 80000, currency: 'GBP', description: 'Invoice finance advance INV-0042' }),
    ).toStrictEqual({
      date: '2026-05-01',
      description: 'Invoice finance advance INV-0042 [wb-0042]',
      from: { accountRef: { id: LENDER }, amount: 800, currency: 'GBP' },
      to: { accountRef: { id: DESIGNATED }, amount: 800, currency: 'GBP' },
    });
  });

  it('P6 direct cost, with the marker in the reference and every amount equal', () => {
    const body = directCostBody({
      marker: 'wb-fee-7', date: '2026-06-01', bankAccountId: LENDER, supplierId: 'sup-1', expenseAccountId: 'exp-1', amountMinor: 5010, currency: 'GBP', description: 'Fees and/or interest', reference: 'INV-0042',
    });
    expect(body).toStrictEqual({
      issueDate: '2026-06-01',
      reference: 'INV-0042 [wb-fee-7]',
      currency: 'GBP',
      contactRef: { id: 'sup-1', dataType: 'suppliers' },
      lineItems: [{ description: 'Fees and/or interest', quantity: 1, unitAmount: 50.1, subTotal: 50.1, taxAmount: 0, totalAmount: 50.1, accountRef: { id: 'exp-1' } }],
      paymentAllocations: [{ payment: { accountRef: { id: LENDER }, currency: 'GBP' }, allocation: { totalAmount: 50.1 } }],
      subTotal: 50.1,
      taxAmount: 0,
      totalAmount: 50.1,
    });
    const bare = directCostBody({ marker: 'wb-fee-8', date: '2026-06-01', bankAccountId: LENDER, supplierId: 's', expenseAccountId: 'e', amountMinor: 300, currency: 'JPY', description: 'Fee' });
    expect(bare.reference).toBe('wb-fee-8');
    expect(bare.totalAmount).toBe(300);
  });

  it('P7 payment of one invoice: positive line, negative invoice link, marker in the reference', () => {
    expect(
      paymentBody({ marker: 'wb-pay-1', date: '2022-02-17', invoiceId: '321bfed3-2da2-4969-9358-4de97821181b', customerId: 'afd4093b-c655-4847-8ee2-10a4f2c3eae3', bankAccountId: LENDER, amountMinor: 420000, currency: 'GBP' }),
    ).toStrictEqual({
      customerRef: { id: 'afd4093b-c655-4847-8ee2-10a4f2c3eae3' },
      accountRef: { id: LENDER },
      totalAmount: 4200,
      currency: 'GBP',
      date: '2022-02-17',
      reference: 'wb-pay-1',
      lines: [{ amount: 4200, links: [{ type: 'Invoice', id: '321bfed3-2da2-4969-9358-4de97821181b', amount: -4200 }] }],
    });
  });

  it('P5 statement lines in the Bank Feeds shape', () => {
    const lines: StatementLine[] = [
      { id: 'op-1', date: '2026-05-01', amountMinor: -80000, balanceMinor: -80000, description: 'Advance INV-0042', counterparty: 'Borrower Ltd' },
      { id: 'op-2', date: '2026-06-01', amountMinor: 85010, balanceMinor: 5010, description: 'Repayment INV-0042', reference: 'INV-0042' },
    ];
    expect(bankTransactionsBody({ bankAccountId: LENDER, currency: 'GBP', lines })).toStrictEqual({
      accountId: LENDER,
      transactions: [
        { id: 'op-1', date: '2026-05-01T00:00:00', description: 'Advance INV-0042', counterparty: 'Borrower Ltd', amount: -800, balance: -800, transactionType: 'Debit' },
        { id: 'op-2', date: '2026-06-01T00:00:00', description: 'Repayment INV-0042', reference: 'INV-0042', amount: 850.1, balance: 50.1, transactionType: 'Credit' },
      ],
    });
  });

  it('P5 refuses more than 1000 lines, or none', () => {
    const line: StatementLine = { id: 'x', date: '2026-05-01', amountMinor: 1, balanceMinor: 1, description: 'x' };
    const tooMany = () => bankTransactionsBody({ bankAccountId: LENDER, currency: 'GBP', lines: Array.from({ length: 1001 }, (_, i) => ({ ...line, id: `l${i}` })) });
    expect(tooMany).toThrow(ProviderError);
    expect(tooMany).toThrow('1001 statement lines in one call; Codat takes at most 1000: split them');
    expect(() => bankTransactionsBody({ bankAccountId: LENDER, currency: 'GBP', lines: [] })).toThrow(ProviderError);
    expect(bankTransactionsBody({ bankAccountId: LENDER, currency: 'GBP', lines: Array.from({ length: 1000 }, () => line) }).transactions).toHaveLength(1000);
  });
});

describe('markers', () => {
  it('are appended in brackets and found again', () => {
    expect(withMarker('Advance', 'm-1')).toBe('Advance [m-1]');
    expect(withMarker(undefined, 'm-1')).toBe('m-1');
    expect(carriesMarker('Advance [m-1]', 'm-1')).toBe(true);
    expect(carriesMarker('m-1', 'm-1')).toBe(true);
    expect(carriesMarker('Advance [m-10]', 'm-1')).toBe(false);
    expect(carriesMarker(null, 'm-1')).toBe(false);
  });

  it('survive a length limit: the text is cut, never the marker', () => {
    const value = withMarker('x'.repeat(300), 'wb-123', 255);
    expect(value).toHaveLength(255);
    expect(value.endsWith(' [wb-123]')).toBe(true);
    expect(carriesMarker(value, 'wb-123')).toBe(true);
  });
});

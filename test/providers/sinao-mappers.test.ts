import { listItems, parseSinaoError } from '../../src/providers/sinao/sinao.client';
import { accountTypeOf, toBankAccount, toInvoice } from '../../src/providers/sinao/sinao.mappers';

describe("Sinao's records as the gateway reads them", () => {
  it('types accounts by the class of the French chart', () => {
    expect(['627000', '706000', '580000', '512000', '164000', '101300', '401000', '411000'].map(accountTypeOf))
      .toEqual(['EXPENSE', 'INCOME', 'ASSET', 'ASSET', 'LIABILITY', 'EQUITY', 'LIABILITY', 'ASSET']);
  });

  it('reads an invoice\'s remaining balance as the amount due, and its status from it', () => {
    const invoice = { id: 7, number: 'F-2026-0041', status: 'final', currency: 'EUR', customer: { id: 3, name: 'Hôtel du Port' }, balance: { due: 100000, paid: 0, remaining: 100000 } };
    expect(toInvoice(invoice)).toMatchObject({ id: '7', totalMinor: 100000, amountDueMinor: 100000, status: 'SUBMITTED', customerId: '3' });
    expect(toInvoice({ ...invoice, balance: { due: 100000, paid: 40000, remaining: 60000 } })).toMatchObject({ amountDueMinor: 60000, status: 'PARTIALLY_PAID' });
    expect(toInvoice({ ...invoice, status: 'paid', balance: { due: 100000, paid: 100000, remaining: 0 } })).toMatchObject({ amountDueMinor: 0, status: 'PAID' });
    expect(toInvoice({ ...invoice, status: 'draft' }).status).toBe('DRAFT');
  });

  it('reads a cash-flow source as a bank account in euros, its identifiant as an IBAN when it is one', () => {
    expect(toBankAccount({ id: 4, name: 'Compte courant', type: 'bank', identifiant: 'FR76 3000 4000 0312 3456 7890 143', balance_amount: 1250000, disabled: 0 }))
      .toMatchObject({ id: '4', currency: 'EUR', iban: 'FR7630004000031234567890143', accountNumber: null, balanceMinor: 1250000, status: 'ACTIVE' });
    expect(toBankAccount({ id: 5, name: 'Ancien compte', type: 'bank', disabled: 1 }).status).toBe('ARCHIVED');
  });

  it('reads list answers as bare arrays or as {data: […]}, and refuses anything else', () => {
    expect(listItems([1, 2], '/x')).toEqual([1, 2]);
    expect(listItems({ data: [1] }, '/x')).toEqual([1]);
    expect(() => listItems({ items: [] }, '/x')).toThrow(/not a list/);
  });

  it('reads the ApiResponse error body, with field errors when there are any', () => {
    expect(parseSinaoError(422, { code: 422, message: 'The given data was invalid.', errors: { amount: ['The amount field is required.'] } }))
      .toEqual({ message: 'The given data was invalid.', messages: [{ field: 'amount', message: 'The amount field is required.' }] });
    expect(parseSinaoError(404, { code: 404, message: 'App 9 not found', type: 'not_found' }).message).toBe('App 9 not found');
  });
});

import type { InvoicePaymentInput, NewBankAccount, NewExpenseAccount, NewSupplier, SpendMoneyInput, TransferInput } from '../accounting-provider';
import { toXeroAmount, withMarker } from './xero.mappers';

/**
 * The lender account as a BANK account of the borrower's chart. Xero identifies a bank account by
 * its number: a UK one is the sort code followed by the account number.
 */
export function bankAccountBody(input: NewBankAccount): Record<string, unknown> | null {
  const number = input.iban ?? (input.sortCode && input.accountNumber ? `${input.sortCode}${input.accountNumber}` : input.accountNumber);
  if (!number) return null;
  return { Name: input.name.slice(0, 150), Type: 'BANK', BankAccountNumber: number.replace(/\s+/g, ''), BankAccountType: 'BANK', CurrencyCode: input.currency };
}

export function expenseAccountBody(input: NewExpenseAccount): Record<string, unknown> {
  return { Code: input.nominalCode, Name: input.name.slice(0, 150), Type: 'EXPENSE', ...(input.description ? { Description: input.description } : {}) };
}

/** The lender as a contact; Xero makes a contact a supplier on its own, from its bills. */
export function contactBody(input: NewSupplier): Record<string, unknown> {
  const a = input.address;
  return {
    Contacts: [{
      Name: input.name.slice(0, 255),
      ...(input.emailAddress ? { EmailAddress: input.emailAddress } : {}),
      ...(input.registrationNumber ? { CompanyNumber: input.registrationNumber.slice(0, 50) } : {}),
      ...(input.defaultCurrency ? { DefaultCurrency: input.defaultCurrency } : {}),
      ...(input.phone ? { Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: input.phone }] } : {}),
      ...(a ? { Addresses: [{ AddressType: 'STREET', AddressLine1: a.line1, AddressLine2: a.line2, City: a.city, Region: a.region, PostalCode: a.postalCode, Country: a.country }] } : {}),
    }],
  };
}

/**
 * An advance or a final payment: a bank transfer between the lender account and the designated
 * account. With `reconciled`, the lender account's side is created reconciled (it has no bank
 * statement of its own); the designated account's side waits for the borrower's bank line.
 */
export function bankTransferBody(input: TransferInput, reconciled: boolean): Record<string, unknown> {
  return {
    BankTransfers: [{
      FromBankAccount: { AccountID: input.fromAccountId },
      ToBankAccount: { AccountID: input.toAccountId },
      Amount: toXeroAmount(input.amountMinor, input.currency),
      Date: input.date,
      Reference: withMarker(input.description, input.marker),
      FromIsReconciled: reconciled && input.lenderSide === 'from',
      ToIsReconciled: reconciled && input.lenderSide === 'to',
    }],
  };
}

/**
 * A fee: spend money from the lender account to the lender contact, one line on the expense
 * account. No tax: a lender's fee carries none the borrower could reclaim, and Xero then asks for
 * no tax rate on the line.
 */
export function spendMoneyBody(input: SpendMoneyInput, reconciled: boolean): Record<string, unknown> {
  const amount = toXeroAmount(input.amountMinor, input.currency);
  return {
    BankTransactions: [{
      Type: 'SPEND',
      Contact: { ContactID: input.supplierId },
      BankAccount: { AccountID: input.bankAccountId },
      Date: input.date,
      Reference: withMarker(input.reference ?? input.description, input.marker),
      IsReconciled: reconciled,
      LineAmountTypes: 'NoTax',
      LineItems: [{ Description: input.description.slice(0, 4000) || 'Finance fee', Quantity: 1, UnitAmount: amount, AccountID: input.expenseAccountId }],
    }],
  };
}

/** The customer's settlement of a sales invoice, paid into the lender account. */
export function paymentBody(input: InvoicePaymentInput, reconciled: boolean): Record<string, unknown> {
  return {
    Payments: [{
      Invoice: { InvoiceID: input.invoiceId },
      Account: { AccountID: input.bankAccountId },
      Date: input.date,
      Amount: toXeroAmount(input.amountMinor, input.currency),
      Reference: withMarker(input.reference, input.marker),
      IsReconciled: reconciled,
    }],
  };
}

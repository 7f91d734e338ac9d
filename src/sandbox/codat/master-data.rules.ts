import { PushFindings, asArray, asObject, nonEmptyString } from './push-findings';
import { XERO_PUSH_OPTIONS } from './xero-push-options';
import type { Books, JsonObject } from './sandbox.types';
import { accountNameCodeFindings, contactNameFindings } from '../xero-books';
import { xeroView } from './xero-projection';

/** The categories Codat's Xero chart-of-accounts model offers (O2 options). */
export const XERO_ACCOUNT_CATEGORIES: readonly string[] =
  XERO_PUSH_OPTIONS.chartOfAccounts.properties?.fullyQualifiedCategory?.options?.map((option) => option.value) ?? [];

const RECORD_STATUSES = ['Unknown', 'Active', 'Archived', 'Pending'] as const;

/**
 * Xero's rules for the account's name (at most 150 characters) and for its name and code (no
 * second account has either), on the Xero view of the books, answered in Xero's words.
 */
function checkXeroAccount(findings: PushFindings, books: Books, nominalCode: unknown, name: unknown): void {
  const code = nonEmptyString(nominalCode) ? nominalCode.trim() : undefined;
  const named = nonEmptyString(name) ? name.trim() : undefined;
  for (const { field, message } of accountNameCodeFindings(xeroView(books), named, code)) findings.error(field === 'Code' ? 'NominalCode' : 'Name', message);
}

/** P1, by the inferred Xero model: name, type and currency always; sort code and number for GBP. */
export function validateBankAccount(books: Books, body: JsonObject): PushFindings {
  const findings = new PushFindings('BankAccount');
  const name = findings.requireString(body.accountName, 'AccountName');
  if (body.accountType === undefined || body.accountType === null) findings.error('AccountType', 'AccountType must be provided.');
  else findings.optionalEnum(body.accountType, 'AccountType', ['Credit', 'Debit']);
  const currency = findings.requireString(body.currency, 'Currency');
  if (currency !== undefined) findings.optionalCurrency(currency, 'Currency');
  if (currency === 'GBP') {
    findings.requireString(body.sortCode, 'SortCode');
    findings.requireString(body.accountNumber, 'AccountNumber');
    if (nonEmptyString(body.sortCode) && !/^\d{6}$/.test(body.sortCode.replace(/[\s-]/g, ''))) {
      findings.error('SortCode', 'SortCode must be 6 digits for a GBP account.');
    }
  }
  if (body.nominalCode !== undefined && body.nominalCode !== null) findings.requireString(body.nominalCode, 'NominalCode', 10);
  findings.optionalEnum(body.status, 'Status', RECORD_STATUSES);
  checkXeroAccount(findings, books, body.nominalCode, name);
  return findings;
}

/** P2 (dataType chartOfAccounts), by Codat's Xero model O2. */
export function validateAccount(books: Books, body: JsonObject): PushFindings {
  const findings = new PushFindings('Account');
  findings.requireString(body.nominalCode, 'NominalCode', 10);
  const name = findings.requireString(body.name, 'Name');
  const category = findings.requireString(body.fullyQualifiedCategory, 'FullyQualifiedCategory');
  if (category !== undefined && !XERO_ACCOUNT_CATEGORIES.includes(category)) {
    findings.error('FullyQualifiedCategory', `FullyQualifiedCategory must be one of: ${XERO_ACCOUNT_CATEGORIES.join(', ')}.`);
  }
  findings.optionalEnum(body.type, 'Type', ['Unknown', 'Asset', 'Expense', 'Income', 'Liability', 'Equity']);
  findings.optionalEnum(body.status, 'Status', RECORD_STATUSES);
  findings.optionalCurrency(body.currency, 'Currency');
  checkXeroAccount(findings, books, body.nominalCode, name);
  return findings;
}

/**
 * P3, by Codat's Xero model O3 and the schema (status is required there). Xero also refuses a
 * contact name already used by another active contact, which matters when a client creates the
 * lender as a supplier that already exists.
 */
export function validateSupplier(books: Books, body: JsonObject): PushFindings {
  const findings = new PushFindings('Supplier');
  const name = findings.requireString(body.supplierName, 'SupplierName');
  if (body.status === undefined || body.status === null) findings.error('Status', 'Status must be provided.');
  else findings.optionalEnum(body.status, 'Status', ['Unknown', 'Active', 'Archived', 'InActive']);
  if (body.registrationNumber !== undefined && body.registrationNumber !== null) {
    if (typeof body.registrationNumber !== 'string' || body.registrationNumber.length > 50) {
      findings.error('RegistrationNumber', 'RegistrationNumber must be a string of at most 50 characters.');
    }
  }
  if (body.addresses !== undefined && body.addresses !== null) {
    const addresses = asArray(body.addresses);
    if (!addresses) findings.error('Addresses', 'Addresses must be an array.');
    addresses?.forEach((raw, index) => {
      const address = asObject(raw);
      if (!address || address.type === undefined) findings.error(`Addresses[${index}].Type`, `Addresses[${index}].Type must be provided.`);
      else findings.optionalEnum(address.type, `Addresses[${index}].Type`, ['Unknown', 'Billing', 'Delivery']);
    });
  }
  if (name !== undefined) {
    for (const message of contactNameFindings(xeroView(books), name)) findings.error('SupplierName', message);
  }
  return findings;
}

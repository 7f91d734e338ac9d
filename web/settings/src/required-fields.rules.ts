import type { MappingField, ProviderKind, SettingsMappingFieldsFragment } from '../generated/graphql';

/** The kind of record each mapping field points at, which decides how the page offers to choose or create it. */
export type FieldKind = 'lenderBankAccount' | 'designatedBankAccount' | 'expenseAccount' | 'lenderSupplier' | 'internalTransferAccount';

export interface RequiredField {
  field: MappingField;
  kind: FieldKind;
}

const KINDS: Record<MappingField, FieldKind> = {
  lenderBankAccountId: 'lenderBankAccount',
  designatedBankAccountId: 'designatedBankAccount',
  expenseAccountId: 'expenseAccount',
  lenderSupplierId: 'lenderSupplier',
  internalTransferAccountId: 'internalTransferAccount',
};

/** The accounts the company's provider needs mapped, in the order the borrower sets them up. */
export function requiredFields(mapping: SettingsMappingFieldsFragment): RequiredField[] {
  return (Object.keys(KINDS) as MappingField[]).filter((field) => mapping.required.includes(field)).map((field) => ({ field, kind: KINDS[field] }));
}

/** The record a mapping field currently points at. */
export function mappedRecord(mapping: SettingsMappingFieldsFragment, field: MappingField) {
  return mapping[KINDS[field]];
}

export type LenderAccountInput = 'name' | 'currency' | 'sortCode' | 'accountNumber' | 'iban';

/**
 * The details the form asks for a new lender bank account, and which of them it must have. A UK
 * (GBP) account is known by its sort code and account number, which some software requires; any
 * other by its IBAN, which no supported software requires. When the software refuses the account
 * for want of a detail, its message shows next to that field.
 *
 * @example
 * lenderAccountFields('EUR') // [{ input: 'name', required: true }, { input: 'currency', required: true }, { input: 'iban', required: false }]
 */
export function lenderAccountFields(currency: string | null): { input: LenderAccountInput; required: boolean }[] {
  const details: LenderAccountInput[] = (currency ?? 'GBP').toUpperCase() === 'GBP' ? ['sortCode', 'accountNumber'] : ['iban'];
  return [
    { input: 'name', required: true },
    { input: 'currency', required: true },
    ...details.map((input) => ({ input, required: input !== 'iban' })),
  ];
}

/**
 * The currency a new lender account is opened in: the mapping's, once checked, else the one most of
 * the books' bank accounts are kept in.
 *
 * @example
 * lenderAccountCurrency(null, [{ currency: 'EUR' }, { currency: 'EUR' }, { currency: 'USD' }]) // 'EUR'
 */
export function lenderAccountCurrency(mappingCurrency: string | null, banks: { currency: string }[]): string | null {
  if (mappingCurrency) return mappingCurrency;
  const counts = new Map<string, number>();
  for (const { currency } of banks) counts.set(currency, (counts.get(currency) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

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
 * The details a new lender bank account needs at the company's provider. Xero (through Codat) needs a
 * UK sort code and account number; a provider that needs others gets its own list here.
 */
export function lenderAccountFields(_provider: ProviderKind): LenderAccountInput[] {
  return ['name', 'currency', 'sortCode', 'accountNumber'];
}

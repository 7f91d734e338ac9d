import { IsBoolean, IsEmail, IsOptional, Matches, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsCurrencyCode, IsText, LIMITS } from '../../common/validation';

@InputType({ description: 'Only the fields given change; null clears one.' })
export class ConfigureMappingInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsText({ max: LIMITS.id }) lenderBankAccountId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsText({ max: LIMITS.id }) designatedBankAccountId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsText({ max: LIMITS.id }) expenseAccountId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsText({ max: LIMITS.id }) lenderSupplierId?: string | null;
  @Field(() => ID, { nullable: true, description: 'For providers that require it (see `accountMapping.required`): the account money passes through between two of the borrower\'s bank accounts.' })
  @IsOptional()
  @IsText({ max: LIMITS.id })
  internalTransferAccountId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Where the provider has automatic reconciliation rules: have it categorise the borrower's own bank lines for the lender's advances and repayments in the internal-transfer account as they arrive, through one rule the gateway creates with the first advance or repayment it writes. On by default; null puts it back on. `UNSUPPORTED` when set to true with a provider that has no such rules.",
  })
  @IsOptional()
  @IsBoolean()
  autoReconcileBankLines?: boolean | null;
}

@InputType()
export class CreateLenderBankAccountInput {
  @Field({ description: "Name of the lender's account as the borrower will see it, e.g. \"Acme Invoice Finance\"." })
  @IsText({ max: 100 })
  name: string;

  @Field({ description: 'ISO 4217, e.g. GBP.' })
  @IsCurrencyCode()
  currency: string;

  @Field({ nullable: true, description: 'UK accounts: 8 digits.' })
  @IsOptional()
  @Matches(/^[0-9]{6,12}$/, { message: 'accountNumber must be 6 to 12 digits' })
  accountNumber?: string;

  @Field({ nullable: true, description: 'UK accounts: 6 digits, e.g. 40-47-84.' })
  @IsOptional()
  @Matches(/^\d{2}-?\d{2}-?\d{2}$/, { message: 'sortCode must be 6 digits, e.g. 40-47-84' })
  sortCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, { message: 'iban must be an IBAN without spaces' })
  iban?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsText({ max: 100 })
  institution?: string;
}

@InputType()
export class CreateExpenseAccountInput {
  @Field({ description: 'e.g. "Invoice finance fees".' })
  @IsText({ max: 150 })
  name: string;

  @Field({ description: 'Nominal code, at most 10 characters, e.g. "4790".' })
  @Matches(/^[A-Za-z0-9.\-]{1,10}$/, { message: 'nominalCode must be 1 to 10 letters, digits, dots or dashes' })
  nominalCode: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsText({ max: 500, multiline: true })
  description?: string;
}

@InputType()
export class CreateInternalTransferAccountInput {
  @Field({ description: 'e.g. "Virements internes - financement".' })
  @IsText({ max: 150 })
  name: string;

  @Field({ description: 'Account number in the chart, at most 10 characters, within the range the chart keeps for internal transfers (in the French chart, class 58, e.g. "581000").' })
  @Matches(/^[A-Za-z0-9.\-]{1,10}$/, { message: 'nominalCode must be 1 to 10 letters, digits, dots or dashes' })
  nominalCode: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsText({ max: 500, multiline: true })
  description?: string;
}

@InputType()
export class SupplierAddressInput {
  @Field({ nullable: true }) @IsOptional() @IsText({ max: 500 }) line1?: string;
  @Field({ nullable: true }) @IsOptional() @IsText({ max: 500 }) line2?: string;
  @Field({ nullable: true }) @IsOptional() @IsText({ max: 255 }) city?: string;
  @Field({ nullable: true }) @IsOptional() @IsText({ max: 255 }) region?: string;
  @Field({ nullable: true }) @IsOptional() @IsText({ max: 50 }) country?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(/^[A-Za-z0-9 \-]{1,50}$/, { message: 'postalCode must be English letters, digits, spaces or dashes' }) @IsText({ max: 50 }) postalCode?: string;
}

@InputType()
export class EnsureLenderSupplierInput {
  @Field({ nullable: true, description: "Defaults to the gateway's LENDER_NAME." })
  @IsOptional()
  @IsText({ max: LIMITS.name })
  name?: string;

  @Field({ nullable: true }) @IsOptional() @IsText({ max: 200 }) contactName?: string;
  @Field({ nullable: true }) @IsOptional() @IsEmail({}, { message: 'emailAddress must be an email address' }) @IsText({ max: 254 }) emailAddress?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(/^[+0-9 ()\-]{5,30}$/, { message: 'phone must be digits, spaces and + ( ) -' }) @IsText({ max: 30 }) phone?: string;
  @Field({ nullable: true }) @IsOptional() @IsText({ max: 50 }) registrationNumber?: string;
  @Field({ nullable: true }) @IsOptional() @IsCurrencyCode() defaultCurrency?: string;
  @Field(() => SupplierAddressInput, { nullable: true }) @IsOptional() @ValidateNested() address?: SupplierAddressInput;
}

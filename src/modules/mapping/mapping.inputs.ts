import { IsEmail, IsOptional, Length, Matches, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Only the fields given change; null clears one.' })
export class ConfigureMappingInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @Length(1, 100) lenderBankAccountId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @Length(1, 100) designatedBankAccountId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @Length(1, 100) expenseAccountId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @Length(1, 100) lenderSupplierId?: string | null;
}

@InputType()
export class CreateLenderBankAccountInput {
  @Field({ description: "Name of the lender's account as the borrower will see it, e.g. \"Acme Invoice Finance\"." })
  @Length(1, 100, { message: 'name must be 1 to 100 characters' })
  name: string;

  @Field({ description: 'ISO 4217, e.g. GBP.' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as GBP' })
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
  @Length(1, 100)
  institution?: string;
}

@InputType()
export class CreateExpenseAccountInput {
  @Field({ description: 'e.g. "Invoice finance fees".' })
  @Length(1, 150, { message: 'name must be 1 to 150 characters' })
  name: string;

  @Field({ description: 'Nominal code, at most 10 characters (Xero), e.g. "4790".' })
  @Matches(/^[A-Za-z0-9.\-]{1,10}$/, { message: 'nominalCode must be 1 to 10 letters, digits, dots or dashes' })
  nominalCode: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 500)
  description?: string;
}

@InputType()
export class SupplierAddressInput {
  @Field({ nullable: true }) @IsOptional() @Length(1, 500) line1?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 500) line2?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 255) city?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 255) region?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 50) country?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(/^[A-Za-z0-9 \-]{1,50}$/, { message: 'postalCode must be English letters, digits, spaces or dashes' }) postalCode?: string;
}

@InputType()
export class EnsureLenderSupplierInput {
  @Field({ nullable: true, description: "Defaults to the gateway's LENDER_NAME." })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true }) @IsOptional() @Length(1, 200) contactName?: string;
  @Field({ nullable: true }) @IsOptional() @IsEmail({}, { message: 'emailAddress must be an email address' }) emailAddress?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(/^[+0-9 ()\-]{5,30}$/, { message: 'phone must be digits, spaces and + ( ) -' }) phone?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 50) registrationNumber?: string;
  @Field({ nullable: true }) @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'defaultCurrency must be an ISO 4217 code' }) defaultCurrency?: string;
  @Field(() => SupplierAddressInput, { nullable: true }) @IsOptional() @ValidateNested() address?: SupplierAddressInput;
}

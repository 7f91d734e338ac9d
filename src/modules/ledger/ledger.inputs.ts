import { IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DecimalScalar } from '../../common/graphql-scalars';
import { IsCurrencyCode, IsText, LIMITS } from '../../common/validation';

const EXTERNAL_ID = /^[A-Za-z0-9][A-Za-z0-9._:\/-]{0,199}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What every lending event carries. `externalId` is the lender's id for it and the idempotency key. */
@InputType({ description: 'The fields every lending event carries.' })
export class LedgerEventInput {
  @Field({ description: "The lender's own id for this event; re-sending the same event with it is safe." })
  @Matches(EXTERNAL_ID, { message: 'externalId must be 1 to 200 letters, digits or . _ : / - and start with a letter or digit' })
  externalId: string;

  @Field(() => DecimalScalar, { description: 'Greater than 0, with no more decimals than the currency has.' })
  amount: string;

  @Field({ description: 'ISO 4217; must be the currency of the mapped bank accounts.' })
  @IsCurrencyCode()
  currency: string;

  @Field({ description: 'YYYY-MM-DD; not in the future and at most a year old.' })
  @Matches(DATE, { message: 'date must be a date written YYYY-MM-DD' })
  date: string;

  @Field({ nullable: true, description: 'Shown in the borrower\'s books; may span lines (tab and line feed allowed).' })
  @IsOptional()
  @IsText({ max: 200, multiline: true })
  description?: string;

  @Field({ nullable: true, description: 'The lender\'s reference, shown in the books (e.g. the advance number).' })
  @IsOptional()
  @IsText({ max: 100 })
  reference?: string;
}

@InputType()
export class RecordDisbursementInput extends LedgerEventInput {
  @Field(() => ID, { nullable: true, description: 'The financed invoice, if any.' })
  @IsOptional()
  @IsText({ max: LIMITS.id })
  invoiceId?: string;
}

@InputType()
export class RecordFinalPaymentInput extends LedgerEventInput {}

@InputType()
export class RecordFeeInput extends LedgerEventInput {}

@InputType()
export class ReconcileInvoiceInput extends LedgerEventInput {
  @Field(() => ID, { description: 'The open sales invoice being paid.' })
  @IsText({ max: LIMITS.id })
  invoiceId: string;
}

import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DecimalScalar } from '../../common/graphql-scalars';

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
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as GBP' })
  currency: string;

  @Field({ description: 'YYYY-MM-DD; not in the future and at most a year old.' })
  @Matches(DATE, { message: 'date must be a date written YYYY-MM-DD' })
  date: string;

  @Field({ nullable: true, description: 'Shown in the borrower\'s books.' })
  @IsOptional()
  @Length(1, 200, { message: 'description must be 1 to 200 characters' })
  description?: string;

  @Field({ nullable: true, description: 'The lender\'s reference, shown in the books (e.g. the advance number).' })
  @IsOptional()
  @Length(1, 100, { message: 'reference must be 1 to 100 characters' })
  reference?: string;
}

@InputType()
export class RecordDisbursementInput extends LedgerEventInput {
  @Field(() => ID, { nullable: true, description: 'The financed invoice, if any.' })
  @IsOptional()
  @Length(1, 100)
  invoiceId?: string;
}

@InputType()
export class RecordFinalPaymentInput extends LedgerEventInput {}

@InputType()
export class RecordFeeInput extends LedgerEventInput {}

@InputType()
export class ReconcileInvoiceInput extends LedgerEventInput {
  @Field(() => ID, { description: 'The open sales invoice being paid.' })
  @Length(1, 100)
  invoiceId: string;
}

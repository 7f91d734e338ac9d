import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MAPPING_FIELDS, type MappingField } from '../../providers/provider';
import { Account, BankAccount, Supplier } from '../books/books.types';
import { WritebackOperation } from '../writeback/writeback.types';

export const MappingFieldEnum = Object.fromEntries(MAPPING_FIELDS.map((f) => [f, f])) as { [F in MappingField]: F };
registerEnumType(MappingFieldEnum, { name: 'MappingField', description: 'A reference of the mapping.' });

@ObjectType({ description: 'A reference into the borrower\'s books, with its name as the provider shows it now.' })
export class MappedRecord {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true, description: 'Null when the record is no longer in the books.' }) name: string | null;
  @Field() found: boolean;
}

@ObjectType()
export class MappingValues {
  @Field(() => ID, { nullable: true }) lenderBankAccountId: string | null;
  @Field(() => ID, { nullable: true }) designatedBankAccountId: string | null;
  @Field(() => ID, { nullable: true }) expenseAccountId: string | null;
  @Field(() => ID, { nullable: true }) lenderSupplierId: string | null;
  @Field(() => ID, { nullable: true }) internalTransferAccountId: string | null;
  @Field(() => Boolean, { nullable: true, description: 'The `autoReconcileBankLines` setting as it applied; null in changes and events recorded before the setting existed.' })
  autoReconcileBankLines?: boolean | null;
}

@ObjectType()
export class MappingChange {
  @Field({ description: 'admin-key:<id> or company-token:<companyId>' }) actor: string;
  @Field() changedAt: Date;
  @Field(() => MappingValues) before: MappingValues;
  @Field(() => MappingValues) after: MappingValues;
}

export enum BankFeedStatusEnum {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  REJECTED = 'REJECTED',
  NOT_CONNECTED = 'NOT_CONNECTED',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(BankFeedStatusEnum, {
  name: 'BankFeedStatus',
  description: 'PENDING: the provider has not linked the feed to the account yet. ACTIVE: statement lines arrive through it. REJECTED: the provider refused it (see message). NOT_CONNECTED: no feed. UNKNOWN: the provider could not be asked.',
});

@ObjectType({ description: "The bank feed through which the lender account's statement lines reach the borrower's books." })
export class LenderAccountFeed {
  @Field(() => BankFeedStatusEnum) status: BankFeedStatusEnum;
  @Field(() => String, { nullable: true, description: "The provider's reason, word for word, when it refused the feed (or could not be asked)." }) message: string | null;
}

@ObjectType({ description: "Where a company's lending goes in its books: the references its provider requires, each checked against the books." })
export class AccountMapping {
  @Field(() => ID) companyId: string;
  @Field(() => MappedRecord, { nullable: true, description: "The lender's account in the borrower's books." }) lenderBankAccount: MappedRecord | null;
  @Field(() => MappedRecord, { nullable: true, description: "The borrower's business account that receives the money." }) designatedBankAccount: MappedRecord | null;
  @Field(() => MappedRecord, { nullable: true, description: 'The expense account fees are booked to.' }) expenseAccount: MappedRecord | null;
  @Field(() => MappedRecord, { nullable: true, description: 'The lender as a supplier.' }) lenderSupplier: MappedRecord | null;
  @Field(() => MappedRecord, { nullable: true, description: "The account money passes through between two of the borrower's bank accounts, for providers that require one." })
  internalTransferAccount: MappedRecord | null;
  @Field(() => LenderAccountFeed, { nullable: true, description: "Where the provider takes the lender account's statement lines as a bank feed: that feed's state. Null otherwise, or before the lender account is set." })
  lenderAccountFeed: LenderAccountFeed | null;
  @Field(() => [MappingFieldEnum], { description: "The references this company's provider requires before write-back can start." }) required: MappingField[];
  @Field(() => String, { nullable: true, description: 'The currency both bank accounts share.' }) currency: string | null;
  @Field() writebackEnabled: boolean;
  @Field({
    description:
      "Whether the provider categorises the borrower's own bank lines for the lender's advances and repayments in the internal-transfer account as they arrive, by one automatic rule the gateway creates with the first advance or repayment it writes. Always false where the provider has no such rules.",
  })
  autoReconcileBankLines: boolean;
  @Field({ description: 'Whether the provider has automatic rules for the borrower\'s bank lines, so that `autoReconcileBankLines` can be switched on.' })
  canAutoReconcileBankLines: boolean;
  @Field() isComplete: boolean;
  @Field(() => [MappingFieldEnum], { description: 'The required references not set yet.' }) missing: MappingField[];
  @Field(() => Date, { nullable: true }) updatedAt: Date | null;
  @Field(() => [MappingChange], { description: 'Most recent first.' }) history: MappingChange[];
}

export enum SetupStatusEnum {
  CREATED = 'CREATED',
  PENDING = 'PENDING',
}
registerEnumType(SetupStatusEnum, { name: 'SetupStatus', description: 'PENDING: the provider has not finished yet; follow `operation`.' });

@ObjectType()
export class CreateBankAccountPayload {
  @Field(() => SetupStatusEnum) status: SetupStatusEnum;
  @Field(() => BankAccount, { nullable: true }) bankAccount: BankAccount | null;
  @Field(() => WritebackOperation) operation: WritebackOperation;
}

@ObjectType()
export class CreateExpenseAccountPayload {
  @Field(() => SetupStatusEnum) status: SetupStatusEnum;
  @Field(() => Account, { nullable: true }) account: Account | null;
  @Field(() => WritebackOperation) operation: WritebackOperation;
}

@ObjectType()
export class CreateInternalTransferAccountPayload {
  @Field(() => SetupStatusEnum) status: SetupStatusEnum;
  @Field(() => Account, { nullable: true, description: 'The account created; null while PENDING.' }) account: Account | null;
  @Field(() => WritebackOperation) operation: WritebackOperation;
}

export enum SupplierOutcomeEnum {
  MATCHED = 'MATCHED',
  CREATED = 'CREATED',
  PENDING = 'PENDING',
  AMBIGUOUS = 'AMBIGUOUS',
}
registerEnumType(SupplierOutcomeEnum, {
  name: 'SupplierOutcome',
  description: 'MATCHED: found among existing suppliers. CREATED: created now. PENDING: creation still running. AMBIGUOUS: several close candidates, pick one with configureMapping.',
});

@ObjectType()
export class EnsureLenderSupplierPayload {
  @Field(() => SupplierOutcomeEnum) outcome: SupplierOutcomeEnum;
  @Field() created: boolean;
  @Field(() => Supplier, { nullable: true }) supplier: Supplier | null;
  @Field(() => Float, { nullable: true, description: 'Name similarity of the matched supplier, 0 to 1.' }) matchScore: number | null;
  @Field(() => [Supplier], { description: 'The candidates too close to call, best first (AMBIGUOUS only).' }) candidates: Supplier[];
  @Field(() => WritebackOperation, { nullable: true }) operation: WritebackOperation | null;
}

@ObjectType()
export class SetWritebackEnabledPayload {
  @Field() writebackEnabled: boolean;
  @Field(() => Int, { description: 'Held operations released for delivery by this call.' }) releasedOperations: number;
  @Field(() => AccountMapping) mapping: AccountMapping;
}

import { Field, Float, ID, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../common/graphql-enum';
import { Page } from '../../common/pagination';
import { DecimalScalar } from '../../common/graphql-scalars';
import { ACCOUNT_TYPES, INVOICE_STATUSES, RECORD_STATUSES, type AccountType, type InvoiceStatus, type RecordStatus } from '../../providers/accounting-provider';

export const AccountTypeEnum = graphqlEnum(ACCOUNT_TYPES, { name: 'AccountType' });
export const RecordStatusEnum = graphqlEnum(RECORD_STATUSES, { name: 'RecordStatus' });
export const InvoiceStatusEnum = graphqlEnum(INVOICE_STATUSES, { name: 'InvoiceStatus', description: 'SUBMITTED and PARTIALLY_PAID invoices are open.' });

@ObjectType({ description: "A bank account in the borrower's books." })
export class BankAccount {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() currency: string;
  @Field(() => String, { nullable: true }) accountNumber: string | null;
  @Field(() => String, { nullable: true }) sortCode: string | null;
  @Field(() => String, { nullable: true }) iban: string | null;
  @Field(() => RecordStatusEnum) status: RecordStatus;
  @Field(() => DecimalScalar, { nullable: true, description: 'Not reported by every platform.' })
  balance: string | null;
}

@ObjectType({ description: "An account of the borrower's chart of accounts." })
export class Account {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) nominalCode: string | null;
  @Field(() => AccountTypeEnum) type: AccountType;
  @Field(() => String, { nullable: true, description: 'e.g. Expense.Overhead' }) category: string | null;
  @Field(() => RecordStatusEnum) status: RecordStatus;
  @Field() isBankAccount: boolean;
  @Field(() => String, { nullable: true }) currency: string | null;
  @Field({ description: "Whether it can be the mapping's internal-transfer account (where the provider asks for one)." })
  usableForInternalTransfers: boolean;
}

@ObjectType({ description: "A supplier (contact) in the borrower's books." })
export class Supplier {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => RecordStatusEnum) status: RecordStatus;
  @Field(() => String, { nullable: true }) emailAddress: string | null;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => Float, { nullable: true, description: 'Name similarity to `search`, 0 to 1; null without a search.' })
  matchScore: number | null;
}

@ObjectType({ description: "A sales invoice in the borrower's books." })
export class Invoice {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) number: string | null;
  @Field(() => String, { nullable: true }) customerId: string | null;
  @Field(() => String, { nullable: true }) customerName: string | null;
  @Field(() => String, { nullable: true }) issueDate: string | null;
  @Field(() => String, { nullable: true }) dueDate: string | null;
  @Field() currency: string;
  @Field(() => DecimalScalar) total: string;
  @Field(() => DecimalScalar) amountDue: string;
  @Field(() => InvoiceStatusEnum) status: InvoiceStatus;
}

// Declared when the module loads: the schema is built from the types that exist by then.
export const BankAccountPage = Page(BankAccount);
export const AccountPage = Page(Account);
export const SupplierPage = Page(Supplier);
export const InvoicePage = Page(Invoice);

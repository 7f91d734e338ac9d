import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../../common/graphql-scalars';
import { PageInfo } from '../../common/pagination';

export enum AccountTypeEnum {
  ASSET = 'ASSET',
  EXPENSE = 'EXPENSE',
  INCOME = 'INCOME',
  LIABILITY = 'LIABILITY',
  EQUITY = 'EQUITY',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(AccountTypeEnum, { name: 'AccountType' });

export enum RecordStatusEnum {
  ACTIVE = 'ACTIVE',
  ARCHIVED = 'ARCHIVED',
  PENDING = 'PENDING',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(RecordStatusEnum, { name: 'RecordStatus' });

export enum InvoiceStatusEnum {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  PARTIALLY_PAID = 'PARTIALLY_PAID',
  PAID = 'PAID',
  VOID = 'VOID',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(InvoiceStatusEnum, { name: 'InvoiceStatus', description: 'SUBMITTED and PARTIALLY_PAID invoices are open.' });

@ObjectType({ description: "A bank account in the borrower's books." })
export class BankAccount {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() currency: string;
  @Field(() => String, { nullable: true }) accountNumber: string | null;
  @Field(() => String, { nullable: true }) sortCode: string | null;
  @Field(() => String, { nullable: true }) iban: string | null;
  @Field(() => RecordStatusEnum) status: RecordStatusEnum;
  @Field(() => DecimalScalar, { nullable: true, description: 'Not reported by every platform.' })
  balance: string | null;
}

@ObjectType({ description: "An account of the borrower's chart of accounts." })
export class Account {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) nominalCode: string | null;
  @Field(() => AccountTypeEnum) type: AccountTypeEnum;
  @Field(() => String, { nullable: true, description: 'e.g. Expense.Overhead' }) category: string | null;
  @Field(() => RecordStatusEnum) status: RecordStatusEnum;
  @Field() isBankAccount: boolean;
  @Field(() => String, { nullable: true }) currency: string | null;
}

@ObjectType({ description: "A supplier (contact) in the borrower's books." })
export class Supplier {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => RecordStatusEnum) status: RecordStatusEnum;
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
  @Field(() => InvoiceStatusEnum) status: InvoiceStatusEnum;
}

@ObjectType()
export class BankAccountConnection {
  @Field(() => [BankAccount]) nodes: BankAccount[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

@ObjectType()
export class AccountConnection {
  @Field(() => [Account]) nodes: Account[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

@ObjectType()
export class SupplierConnection {
  @Field(() => [Supplier]) nodes: Supplier[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

@ObjectType()
export class InvoiceConnection {
  @Field(() => [Invoice]) nodes: Invoice[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

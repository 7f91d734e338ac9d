import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../common/pagination';

export enum OperationStatusEnum {
  HELD = 'HELD',
  PENDING = 'PENDING',
  IN_PROGRESS = 'IN_PROGRESS',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(OperationStatusEnum, {
  name: 'WritebackStatus',
  description:
    'HELD: write-back is off for the company. PENDING: queued, waiting for a retry, waiting for the provider, or waiting to search the books for a write whose outcome is unknown. ' +
    'IN_PROGRESS: being delivered now. SUCCEEDED: in the books (providerRecordIds). ' +
    'FAILED: the provider rejected it, or it gave up and the books were searched and it is not there; retrying it cannot post a second copy.',
});

export enum OperationKindEnum {
  CREATE_BANK_ACCOUNT = 'CREATE_BANK_ACCOUNT',
  CREATE_EXPENSE_ACCOUNT = 'CREATE_EXPENSE_ACCOUNT',
  CREATE_SUPPLIER = 'CREATE_SUPPLIER',
  TRANSFER = 'TRANSFER',
  SPEND_MONEY = 'SPEND_MONEY',
  INVOICE_PAYMENT = 'INVOICE_PAYMENT',
  STATEMENT_LINE = 'STATEMENT_LINE',
}
registerEnumType(OperationKindEnum, { name: 'WritebackKind' });

@ObjectType({ description: "One write to the borrower's books, delivered exactly once by the outbox worker." })
export class WritebackOperation {
  @Field(() => ID) id: string;
  @Field(() => ID) companyId: string;
  @Field(() => ID, { nullable: true, description: 'The recorded event this write belongs to; null for mapping set-up writes.' })
  eventId: string | null;
  @Field(() => OperationKindEnum) kind: OperationKindEnum;
  @Field(() => OperationStatusEnum) status: OperationStatusEnum;
  @Field(() => Int, { description: 'Delivery attempts so far.' }) attempts: number;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => String, { nullable: true, description: "The provider's handle for a write it completes later; null once settled or for providers that answer at once." })
  providerOperationId: string | null;
  @Field(() => [String], { description: 'Ids of the records the write created in the books.' })
  providerRecordIds: string[];
  @Field(() => Date, { nullable: true }) nextAttemptAt: Date | null;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

@ObjectType()
export class WritebackOperationConnection {
  @Field(() => [WritebackOperation]) nodes: WritebackOperation[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
}

import { Field, ID, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../common/graphql-enum';
import { Page } from '../../common/pagination';
import { OPERATION_FAILURES, OPERATION_KINDS, OPERATION_STATUSES, type OperationFailure, type OperationKind, type OperationStatus } from './writeback-operation.entity';

export const OperationStatusEnum = graphqlEnum(OPERATION_STATUSES, {
  name: 'WritebackStatus',
  description:
    'HELD: write-back is off for the company, or its provider refused the connection and the borrower must connect their books again (it goes out, in order, once they do). PENDING: queued, waiting for a retry, waiting for the provider, or waiting to search the books for a write whose outcome is unknown. ' +
    'IN_PROGRESS: being delivered now. SUCCEEDED: in the books (providerRecordIds). ' +
    'FAILED: the provider rejected it, or it gave up and the books were searched and it is not there; retrying it cannot post a second copy.',
});

export const OperationFailureEnum = graphqlEnum(OPERATION_FAILURES, {
  name: 'WritebackFailure',
  description:
    'Why an operation is FAILED. REJECTED: the provider refused the write as it stands (lastError gives its reasons); retrying sends the same write, so put the books or the mapping right first, or for a mapping set-up write create the record again from the mapping. ' +
    'GAVE_UP: the provider could not be reached or kept failing until the attempts or the time ran out, and the write is not in the books; retrying can succeed as it is.',
});

export const OperationKindEnum = graphqlEnum(OPERATION_KINDS, { name: 'WritebackKind' });

@ObjectType({ description: "One write to the borrower's books, delivered exactly once by the outbox worker." })
export class WritebackOperation {
  @Field(() => ID) id: string;
  @Field(() => ID) companyId: string;
  @Field(() => ID, { nullable: true, description: 'The recorded event this write belongs to; null for mapping set-up writes.' })
  eventId: string | null;
  @Field(() => OperationKindEnum) kind: OperationKind;
  @Field(() => OperationStatusEnum) status: OperationStatus;
  @Field(() => Int, { description: 'Delivery attempts so far.' }) attempts: number;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => OperationFailureEnum, { nullable: true, description: 'Why a FAILED operation failed; null in any other status.' })
  failure: OperationFailure | null;
  @Field(() => String, { nullable: true, description: "The provider's handle for a write it completes later; null once settled or for providers that answer at once." })
  providerOperationId: string | null;
  @Field(() => [String], { description: 'Ids of the records the write created in the books.' })
  providerRecordIds: string[];
  @Field(() => Date, { nullable: true }) nextAttemptAt: Date | null;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

export const WritebackOperationPage = Page(WritebackOperation);

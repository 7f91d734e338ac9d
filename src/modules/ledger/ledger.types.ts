import { Field, ID, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../common/graphql-enum';
import { DecimalScalar } from '../../common/graphql-scalars';
import { WritebackOperation } from '../writeback/writeback.types';
import { MappingValues } from '../mapping/mapping.types';
import { LEDGER_EVENT_KINDS, type LedgerEventKind } from './ledger-event.entity';

export const LedgerEventKindEnum = graphqlEnum(LEDGER_EVENT_KINDS, { name: 'LedgerEventKind' });

@ObjectType({ description: 'A lending event the lender recorded, with the writes that carry it into the books.' })
export class LedgerEvent {
  @Field(() => ID) id: string;
  @Field(() => ID) companyId: string;
  @Field(() => LedgerEventKindEnum) kind: LedgerEventKind;
  @Field() externalId: string;
  @Field(() => DecimalScalar) amount: string;
  @Field() currency: string;
  @Field() date: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => String, { nullable: true }) reference: string | null;
  @Field(() => ID, { nullable: true }) invoiceId: string | null;
  @Field(() => MappingValues, { description: 'The mapping as it was when the event was recorded.' }) mapping: MappingValues;
  @Field() createdAt: Date;
  @Field(() => [WritebackOperation]) operations: WritebackOperation[];
}

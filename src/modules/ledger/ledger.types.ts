import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../../common/graphql-scalars';
import { WritebackOperation } from '../writeback/writeback.types';
import { MappingValues } from '../mapping/mapping.types';

export enum LedgerEventKindEnum {
  DISBURSEMENT = 'DISBURSEMENT',
  FINAL_PAYMENT = 'FINAL_PAYMENT',
  FEE = 'FEE',
  INVOICE_RECONCILIATION = 'INVOICE_RECONCILIATION',
}
registerEnumType(LedgerEventKindEnum, { name: 'LedgerEventKind' });

@ObjectType({ description: 'A lending event the lender recorded, with the writes that carry it into the books.' })
export class LedgerEvent {
  @Field(() => ID) id: string;
  @Field(() => ID) companyId: string;
  @Field(() => LedgerEventKindEnum) kind: LedgerEventKindEnum;
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

import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../common/pagination';

export enum ProviderKindEnum {
  CODAT = 'CODAT',
  XERO = 'XERO',
  SINAO = 'SINAO',
}
registerEnumType(ProviderKindEnum, { name: 'ProviderKind', description: 'The accounting platform behind a company.' });

@ObjectType({ description: 'A borrower whose accounting software is connected. Credentials are never exposed.' })
export class Company {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: "The lender's own reference for the borrower (unique)." })
  externalRef: string;

  @Field(() => ProviderKindEnum)
  provider: ProviderKindEnum;

  @Field({ description: "The provider's id for the company (Codat companyId)." })
  providerCompanyId: string;

  @Field({ description: "The provider's id for the accounting connection (Codat connectionId)." })
  providerConnectionId: string;

  @Field()
  writebackEnabled: boolean;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class CompanyConnection {
  @Field(() => [Company])
  nodes: Company[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int)
  totalCount: number;
}

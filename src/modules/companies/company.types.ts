import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Page } from '../../common/pagination';

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

export const CompanyPage = Page(Company);

import { IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { ProviderKindEnum } from './company.types';

@InputType()
export class RegisterCompanyInput {
  @Field()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name: string;

  @Field({ description: "The lender's own reference for the borrower; unique." })
  @Length(1, 200, { message: 'externalRef must be 1 to 200 characters' })
  @Matches(/^\S(.*\S)?$/, { message: 'externalRef must not start or end with spaces' })
  externalRef: string;

  @Field(() => ProviderKindEnum)
  provider: ProviderKindEnum;

  @Field({ description: "Codat's companyId (a UUID)." })
  @IsUUID('all', { message: 'providerCompanyId must be the Codat companyId, a UUID' })
  providerCompanyId: string;

  @Field({ description: "Codat's connectionId of the accounting connection (a UUID)." })
  @IsUUID('all', { message: 'providerConnectionId must be the Codat connectionId, a UUID' })
  providerConnectionId: string;

  @Field({ nullable: true, description: 'A Codat API key for this company only; the gateway-wide CODAT_API_KEY is used otherwise. Stored encrypted, never returned.' })
  @IsOptional()
  @Length(8, 500, { message: 'apiKey must be 8 to 500 characters' })
  apiKey?: string;
}

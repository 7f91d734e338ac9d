import { IsOptional, IsUUID, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsText, LIMITS } from '../../common/validation';
import { ProviderKindEnum } from './company.types';

@InputType()
export class RegisterCompanyInput {
  @Field({ description: 'The borrower\'s name; surrounding spaces are dropped.' })
  @IsText({ max: LIMITS.name })
  name: string;

  @Field({ description: "The lender's own reference for the borrower; unique." })
  @Matches(/^\S(.*\S)?$/, { message: 'externalRef must not start or end with spaces' })
  @IsText({ max: 200 })
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
  @IsText({ min: 8, max: 500 })
  apiKey?: string;
}

import { IsOptional, Matches, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsText, LIMITS } from '../../common/validation';
import { PROVIDERS } from '../../providers/providers';

/** One field per provider, each taking that provider's connection input; exactly one is given. */
@InputType({ description: "The borrower's connection at its accounting provider: give exactly one provider's input." })
export class ConnectionInput {
  [inputKey: string]: unknown;
}
for (const definition of PROVIDERS) {
  const key = definition.inputKey;
  Field(() => definition.connectionInput, { nullable: true, description: `A borrower whose books are reached through ${definition.displayName}.` })(ConnectionInput.prototype, key);
  IsOptional()(ConnectionInput.prototype, key);
  ValidateNested()(ConnectionInput.prototype, key);
}

@InputType()
export class RegisterCompanyInput {
  @Field({ description: 'The borrower\'s name; surrounding spaces are dropped.' })
  @IsText({ max: LIMITS.name })
  name: string;

  @Field({ description: "The lender's own reference for the borrower; unique." })
  @Matches(/^\S(.*\S)?$/, { message: 'externalRef must not start or end with spaces' })
  @IsText({ max: 200 })
  externalRef: string;

  @Field(() => ConnectionInput)
  @ValidateNested()
  connection: ConnectionInput;
}

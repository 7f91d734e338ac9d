import { Min } from 'class-validator';
import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { idArg } from '../../common/validation';
import type { RequestContext } from '../../context';
import type { CompanyService } from '../companies/company.service';
import type { AuthService } from './auth.service';

@ObjectType({ description: "A short-lived bearer token that reaches one company only, for the lender's frontend." })
class CompanyToken {
  @Field()
  token: string;

  @Field()
  expiresAt: Date;

  @Field(() => ID)
  companyId: string;
}

@Resolver()
export class AuthResolver {
  constructor(
    private readonly companies: Pick<CompanyService, 'get'>,
    private readonly auth: AuthService,
  ) {}

  @Mutation(() => CompanyToken, { description: 'Issues a signed token scoped to one company, valid ttlSeconds (60 to 86400). Admin only.' })
  async issueCompanyToken(
    @Ctx() ctx: RequestContext,
    @Arg('companyId', () => ID, idArg('companyId')) companyId: string,
    @Arg('ttlSeconds', () => Int, { defaultValue: 900 }) ttlSeconds: number,
  ): Promise<CompanyToken> {
    ctx.requireAdmin();
    await this.companies.get(ctx, companyId);
    const { token, expiresAt } = this.auth.issueCompanyToken(companyId, ttlSeconds);
    return { token, expiresAt, companyId };
  }
}

import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { idArg } from '../../common/validation';
import { Page, PageArgs } from '../../common/pagination';
import type { RequestContext } from '../../context';
import type { CompanyEntity } from './company.entity';
import { RegisterCompanyInput } from './company.inputs';
import { Company, CompanyPage, type ProviderKindEnum } from './company.types';

const toCompany = (e: CompanyEntity): Company => ({
  id: e.id,
  name: e.name,
  externalRef: e.externalRef,
  provider: e.provider as ProviderKindEnum,
  providerCompanyId: e.providerCompanyId,
  providerConnectionId: e.providerConnectionId,
  writebackEnabled: e.writebackEnabled,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

@Resolver(() => Company)
export class CompanyResolver {
  @Query(() => CompanyPage, { description: 'Companies the caller may see: all for an admin key, its own for a company token.' })
  async companies(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs): Promise<Page<Company>> {
    const result = await ctx.services.companies.list(ctx, page);
    return { ...result, nodes: result.nodes.map(toCompany) };
  }

  @Query(() => Company)
  async company(@Ctx() ctx: RequestContext, @Arg('id', () => ID, idArg('id')) id: string): Promise<Company> {
    return toCompany(await ctx.services.companies.get(ctx, id));
  }

  @Mutation(() => Company, { description: 'Registers a borrower after checking its Codat company and accounting connection exist. Admin only.' })
  async registerCompany(@Ctx() ctx: RequestContext, @Arg('input', () => RegisterCompanyInput) input: RegisterCompanyInput): Promise<Company> {
    return toCompany(await ctx.services.companies.register(ctx, input));
  }
}

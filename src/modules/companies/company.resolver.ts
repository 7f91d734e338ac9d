import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { idArg } from '../../common/validation';
import { Page, PageArgs } from '../../common/pagination';
import type { RequestContext } from '../../context';
import type { CompanyEntity } from './company.entity';
import type { CompanyService } from './company.service';
import { RegisterCompanyInput } from './company.inputs';
import { Company, CompanyPage } from './company.types';
import { PROVIDERS } from '../../providers/providers';

const toCompany = (e: CompanyEntity): Company => ({
  id: e.id,
  name: e.name,
  externalRef: e.externalRef,
  provider: e.provider,
  connection: {
    provider: e.provider,
    status: e.connectionStatus,
    tenantName: e.tenantName,
    checkedAt: e.checkedAt === null ? null : new Date(e.checkedAt),
    lastError: e.connectionError,
    canStartAuthorisation: !!PROVIDERS.find((d) => d.kind === e.provider)?.capabilities.oauth,
  },
  writebackEnabled: e.writebackEnabled,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

@Resolver(() => Company)
export class CompanyResolver {
  constructor(private readonly service: CompanyService) {}

  @Query(() => CompanyPage, { description: 'Companies the caller may see: all for an admin key, its own for a company token.' })
  async companies(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs): Promise<Page<Company>> {
    const result = await this.service.list(ctx, page);
    return { ...result, nodes: result.nodes.map(toCompany) };
  }

  @Query(() => Company)
  async company(@Ctx() ctx: RequestContext, @Arg('id', () => ID, idArg('id')) id: string): Promise<Company> {
    return toCompany(await this.service.get(ctx, id));
  }

  @Mutation(() => Company, {
    description:
      "Ends the company's connection to its accounting provider: the gateway's access is revoked there, the company keeps its history and mapping, " +
      'and its writes wait (HELD) until the borrower connects their books again.',
  })
  async disconnectCompany(@Ctx() ctx: RequestContext, @Arg('companyId', () => ID, idArg('companyId')) companyId: string): Promise<Company> {
    return toCompany(await this.service.disconnect(ctx, companyId));
  }

  @Mutation(() => Company, {
    description:
      "Asks the accounting provider how the company's connection stands now. If it accepts the gateway again, the company is CONNECTED and the writes held " +
      'for its connection go out, in order. A borrower who must authorise the gateway again does so through their provider instead.',
  })
  async checkConnection(@Ctx() ctx: RequestContext, @Arg('companyId', () => ID, idArg('companyId')) companyId: string): Promise<Company> {
    return toCompany(await this.service.checkConnection(ctx, companyId));
  }

  @Mutation(() => Company, {
    description:
      'Registers a borrower after checking its connection at its accounting provider. A borrower of a provider they authorise the gateway at ' +
      'is registered PENDING_AUTHORISATION, until they do. Admin only.',
  })
  async registerCompany(@Ctx() ctx: RequestContext, @Arg('input', () => RegisterCompanyInput) input: RegisterCompanyInput): Promise<Company> {
    return toCompany(await this.service.register(ctx, input));
  }
}

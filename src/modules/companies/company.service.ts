import { randomUUID } from 'node:crypto';
import type { RequestContext, Services } from '../../context';
import { AppError, fromProviderError, notFound } from '../../errors';
import type { ProviderConnection } from '../../providers/accounting-provider';
import { ProviderError } from '../../providers/provider-error';
import { decodeCursor, keysetPage, pageSize, type Page, type PageArgs } from '../../common/pagination';
import { isUniqueViolation } from '../../common/sql';
import { CompanyEntity } from './company.entity';
import type { RegisterCompanyInput } from './company.inputs';

// Company cursors say which list they belong to, so that no other string passes for one.
const COMPANY_CURSOR = 'c:';

export class CompanyService {
  constructor(private readonly services: Services) {}

  private get repo() {
    return this.services.db.getRepository(CompanyEntity);
  }

  async register(ctx: RequestContext, input: RegisterCompanyInput): Promise<CompanyEntity> {
    ctx.requireAdmin();
    if (input.provider !== 'CODAT') {
      throw new AppError('BAD_USER_INPUT', `Provider ${input.provider} is not supported yet; use CODAT`, { field: 'provider' });
    }
    if (!input.apiKey && !this.services.config.codat.apiKey) {
      throw new AppError('BAD_USER_INPUT', 'No Codat API key: pass apiKey or set CODAT_API_KEY on the gateway', { field: 'apiKey' });
    }
    if (await this.repo.existsBy({ externalRef: input.externalRef })) {
      throw new AppError('CONFLICT', `A company with externalRef "${input.externalRef}" is already registered`, { field: 'externalRef' });
    }
    await this.refuseSecondRegistration(input);
    const conn: ProviderConnection = {
      kind: 'CODAT',
      companyId: input.providerCompanyId,
      connectionId: input.providerConnectionId,
      apiKey: input.apiKey,
    };
    try {
      const check = await this.services.providers.get('CODAT').verifyConnection(conn);
      if (!check.ok) throw new AppError('BAD_USER_INPUT', `Codat connection check failed: ${check.reason}`, { field: 'providerConnectionId' });
    } catch (err) {
      if (err instanceof ProviderError && err.kind === 'UNAUTHORIZED' && input.apiKey) {
        throw new AppError('BAD_USER_INPUT', 'Codat refused the apiKey given for this company', { field: 'apiKey' });
      }
      throw err instanceof ProviderError ? fromProviderError(err, 'Codat') : err;
    }
    const entity = this.repo.create({
      id: randomUUID(),
      name: input.name.trim(),
      externalRef: input.externalRef,
      provider: 'CODAT',
      providerCompanyId: input.providerCompanyId,
      providerConnectionId: input.providerConnectionId,
      credentialsSealed: input.apiKey ? this.services.secretBox.seal(JSON.stringify({ apiKey: input.apiKey })) : null,
      writebackEnabled: false,
      isDemo: false,
    });
    try {
      await this.repo.insert(entity);
    } catch (err) {
      if (isUniqueViolation(err)) {
        // Lost a race with a concurrent registration: answer as if it had come first.
        await this.refuseSecondRegistration(input);
        throw new AppError('CONFLICT', `A company with externalRef "${input.externalRef}" is already registered`, { field: 'externalRef' });
      }
      throw err;
    }
    return this.repo.findOneByOrFail({ id: entity.id });
  }

  /** A provider company's connection belongs to one registration: a second would let its token reach the first's books. */
  private async refuseSecondRegistration(input: RegisterCompanyInput): Promise<void> {
    const existing = await this.repo.findOneBy({
      provider: input.provider,
      providerCompanyId: input.providerCompanyId,
      providerConnectionId: input.providerConnectionId,
    });
    if (existing) {
      throw new AppError(
        'CONFLICT',
        `This ${input.provider} company and connection are already registered as company ${existing.id} ("${existing.name}", externalRef "${existing.externalRef}")`,
        { field: 'providerConnectionId', companyId: existing.id },
      );
    }
  }

  /** The company, after checking the caller may see it. */
  async get(ctx: RequestContext, id: string): Promise<CompanyEntity> {
    ctx.requireCompany(id);
    const company = await this.repo.findOneBy({ id });
    if (!company) throw notFound('Company', id);
    return company;
  }

  async list(ctx: RequestContext, args: PageArgs): Promise<Page<CompanyEntity>> {
    const p = ctx.principal;
    const qb = this.repo.createQueryBuilder('c').orderBy('c.id', 'ASC').take(pageSize(args) + 1);
    if (p.kind === 'company') qb.where('c.id = :id', { id: p.companyId });
    if (args.after) qb.andWhere('c.id > :after', { after: decodeCursor(args.after, COMPANY_CURSOR) });
    const [rows, totalCount] = await Promise.all([qb.getMany(), p.kind === 'company' ? this.repo.countBy({ id: p.companyId }) : this.repo.count()]);
    return keysetPage(rows, args, totalCount, (c) => c.id, COMPANY_CURSOR);
  }

  /** The provider connection with decrypted credentials; never leaves the server. */
  connectionFor(company: CompanyEntity): ProviderConnection {
    const creds = company.credentialsSealed ? (JSON.parse(this.services.secretBox.open(company.credentialsSealed)) as { apiKey?: string }) : {};
    return { kind: company.provider, companyId: company.providerCompanyId, connectionId: company.providerConnectionId, apiKey: creds.apiKey };
  }
}

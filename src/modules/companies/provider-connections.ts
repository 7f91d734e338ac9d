import { In, type DataSource, type EntityManager } from 'typeorm';
import { isPostgres, runSql } from '../../common/sql';
import { notFound } from '../../errors';
import type { AccountingProvider, ProviderConnection } from '../../providers/accounting-provider';
import type { AnyProviderDefinition, ProviderCapabilities } from '../../providers/provider';
import type { ProviderRegistry } from '../../providers/registry';
import { CompanyEntity, type ConnectionStatus } from './company.entity';
import type { CredentialStore } from './credential-store';

/** A company with what it takes to reach its books. */
export interface ResolvedConnection {
  company: CompanyEntity;
  definition: AnyProviderDefinition;
  adapter: AccountingProvider;
  conn: ProviderConnection;
  /** The version of the secrets the adapter last read or wrote through `conn`. */
  credentialsVersion(): number;
}

/**
 * The one way from a company to its provider, adapter and connection (configuration plus a handle
 * on its sealed secrets). No scope check: callers check the caller may see the company first.
 *
 * @example
 * const { adapter, conn, definition } = await connections.resolve(companyId);
 * if (definition.capabilities.statements === 'bank-feed') await adapter.postStatementLines(conn, lines, opts);
 */
export class ProviderConnections {
  constructor(
    private readonly db: DataSource,
    private readonly registry: ProviderRegistry,
    private readonly credentials: CredentialStore,
  ) {}

  private readonly kinds = new Map<string, string>();

  /** The company's provider's capabilities (a company never changes provider, so its kind is remembered). */
  async capabilities(companyId: string): Promise<ProviderCapabilities> {
    let kind = this.kinds.get(companyId);
    if (!kind) {
      const company = await this.db.getRepository(CompanyEntity).findOne({ where: { id: companyId }, select: { id: true, provider: true } });
      if (!company) throw notFound('Company', companyId);
      kind = company.provider;
      this.kinds.set(companyId, kind);
    }
    return this.registry.definition(kind).capabilities;
  }

  async resolve(companyId: string): Promise<ResolvedConnection> {
    const company = await this.db.getRepository(CompanyEntity).findOneBy({ id: companyId });
    if (!company) throw notFound('Company', companyId);
    return this.of(company);
  }

  /** Several companies in one read (the companies of a worker's claim), by id; unknown ids are left out. */
  async companies(companyIds: string[]): Promise<Map<string, CompanyEntity>> {
    const companies = await this.db.getRepository(CompanyEntity).findBy({ id: In([...new Set(companyIds)]) });
    return new Map(companies.map((company) => [company.id, company]));
  }

  of(company: CompanyEntity): ResolvedConnection {
    const { definition, adapter } = this.registry.get(company.provider);
    const credentials = this.credentials.for(company);
    const conn: ProviderConnection = { kind: company.provider, companyId: company.id, config: company.providerConfig, credentials };
    return { company, definition, adapter, conn, credentialsVersion: () => credentials.version() };
  }

  /**
   * Locks the company's row for the rest of the transaction `m` (Postgres; SQLite transactions are
   * serialised) and reads its connection: what a refusal and a reconnection decide on, one at a time.
   */
  async lockConnection(m: EntityManager, companyId: string): Promise<{ status: ConnectionStatus; credentialsVersion: number; error: string | null } | null> {
    const [row] = await runSql<{ status: ConnectionStatus; version: number; error: string | null }>(
      m,
      `SELECT connection_status AS status, credentials_version AS version, connection_error AS error FROM companies WHERE id = $1${isPostgres(m) ? ' FOR UPDATE' : ''}`,
      [companyId],
    );
    return row ? { status: row.status, credentialsVersion: Number(row.version), error: row.error } : null;
  }

  /** Records what the provider last said about the connection (a refused credential: the borrower must re-authorise). */
  async noteStatus(companyId: string, status: ConnectionStatus, error: string | null): Promise<void> {
    await this.db.getRepository(CompanyEntity).update({ id: companyId }, { connectionStatus: status, connectionError: error, checkedAt: Date.now() });
  }
}

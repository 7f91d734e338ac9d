import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { RequestContext } from '../../context';
import { AppError, badInput, notFound } from '../../errors';
import { heldCredentials } from '../../providers/accounting-provider';
import type { AnyProviderDefinition } from '../../providers/provider';
import { ProviderError } from '../../providers/provider-error';
import type { ProviderRegistry } from '../../providers/registry';
import { decodeCursor, keysetPage, pageSize, type Page, type PageArgs } from '../../common/pagination';
import { isUniqueViolation } from '../../common/sql';
import { CompanyEntity } from './company.entity';
import type { ConnectionInput, RegisterCompanyInput } from './company.inputs';
import type { CredentialStore } from './credential-store';
import type { ProviderConnections } from './provider-connections';
import { transact } from '../../common/transaction';
import { holdForConnection, releaseConnectionHolds } from '../writeback/connection-holds';

// Company cursors say which list they belong to, so that no other string passes for one.
const COMPANY_CURSOR = 'c:';

export interface CompanyServiceDeps {
  db: DataSource;
  providers: ProviderRegistry;
  credentials: CredentialStore;
  connections: Pick<ProviderConnections, 'resolve' | 'lockConnection'>;
  /** Each provider's environment section, by kind. */
  providerEnv: Record<string, unknown>;
  /** Writes were released (a connection works again): the worker should look now. */
  onReleased?: () => void;
}

/** A company to create: its names, its provider, and that provider's connection input. */
export interface NewCompany {
  name: string;
  externalRef: string;
  definition: AnyProviderDefinition;
  input: unknown;
  isDemo?: boolean;
}

/** Registers borrowers (after checking their connection at the provider) and reads them. */
export class CompanyService {
  constructor(private readonly deps: CompanyServiceDeps) {}

  private get repo() {
    return this.deps.db.getRepository(CompanyEntity);
  }

  async register(ctx: RequestContext, input: RegisterCompanyInput): Promise<CompanyEntity> {
    ctx.requireAdmin();
    const { definition, value } = this.chosenProvider(input.connection);
    return this.create({ name: input.name, externalRef: input.externalRef, definition, input: value });
  }

  /** Creates a company once its connection checks out; no scope check (boot's demo company comes through here too). */
  async create(c: NewCompany): Promise<CompanyEntity> {
    const { definition } = c;
    const { adapter } = this.deps.providers.get(definition.kind);
    const parsed = definition.parseConnection(c.input, this.deps.providerEnv[definition.kind]);
    const keyField = `connection.${definition.inputKey}.${parsed.keyField}`;
    if (await this.repo.existsBy({ externalRef: c.externalRef })) {
      throw new AppError('CONFLICT', `A company with externalRef "${c.externalRef}" is already registered`, { field: 'externalRef' });
    }
    await this.refuseSecondRegistration(definition, parsed.key, keyField);
    // An OAuth provider may rotate the tokens while the connection is checked: the rotated ones are kept.
    const credentials = heldCredentials(parsed.secrets);
    // An OAuth borrower without tokens yet authorises the gateway later: nothing to check until then.
    const pending = definition.capabilities.oauth && parsed.secrets === null;
    let check: { companyName?: string } = {};
    if (!pending) {
      let verified;
      try {
        verified = await adapter.verifyConnection({ kind: definition.kind, companyId: null, config: parsed.config, credentials });
      } catch (err) {
        if (err instanceof ProviderError && err.kind === 'UNAUTHORIZED' && parsed.secrets !== null) {
          throw badInput(`connection.${definition.inputKey}`, `${definition.displayName} refused the credentials given for this company`);
        }
        throw err;
      }
      if (!verified.ok) throw badInput(keyField, `${definition.displayName} connection check failed: ${verified.reason}`);
      check = verified;
    }
    const entity = this.repo.create({
      id: randomUUID(),
      name: c.name.trim(),
      externalRef: c.externalRef,
      provider: definition.kind,
      providerConfig: parsed.config as Record<string, unknown>,
      connectionKey: parsed.key,
      credentialsSealed: this.deps.credentials.seal(await credentials.get()),
      credentialsVersion: parsed.secrets === null ? 0 : 1,
      connectionStatus: pending ? 'PENDING_AUTHORISATION' : 'CONNECTED',
      tenantName: check.companyName ?? null,
      checkedAt: pending ? null : Date.now(),
      connectionError: null,
      writebackEnabled: false,
      isDemo: c.isDemo ?? false,
    });
    try {
      // One INSERT needs no transaction, and TypeORM's own (BEGIN, INSERT, COMMIT as separate calls)
      // could interleave with the gateway's transactions on SQLite's one shared connection.
      await this.repo.save(entity, { transaction: false });
    } catch (err) {
      if (isUniqueViolation(err)) {
        // Lost a race with a concurrent registration: answer as if it had come first.
        await this.refuseSecondRegistration(definition, parsed.key, keyField);
        throw new AppError('CONFLICT', `A company with externalRef "${c.externalRef}" is already registered`, { field: 'externalRef' });
      }
      throw err;
    }
    return this.repo.findOneByOrFail({ id: entity.id });
  }

  /** The one provider whose input `connection` carries; anything else is refused. */
  private chosenProvider(connection: ConnectionInput): { definition: AnyProviderDefinition; value: unknown } {
    const given = this.deps.providers.definitions().filter((d) => connection[d.inputKey] !== undefined && connection[d.inputKey] !== null);
    if (given.length !== 1) {
      const keys = this.deps.providers.definitions().map((d) => d.inputKey).join(', ');
      throw badInput('connection', `Give exactly one provider's connection (one of: ${keys}); ${given.length ? `got ${given.map((d) => d.inputKey).join(' and ')}` : 'got none'}`);
    }
    return { definition: given[0], value: connection[given[0].inputKey] };
  }

  /** A provider connection belongs to one registration: a second would let its token reach the first's books. */
  private async refuseSecondRegistration(definition: AnyProviderDefinition, key: string, field: string): Promise<void> {
    const existing = await this.repo.findOneBy({ provider: definition.kind, connectionKey: key });
    if (existing) {
      throw new AppError(
        'CONFLICT',
        `This ${definition.displayName} connection is already registered as company ${existing.id} ("${existing.name}", externalRef "${existing.externalRef}")`,
        { field, companyId: existing.id },
      );
    }
  }

  /**
   * Ends the company's connection: the provider revokes the gateway's tokens and forgets the
   * connection (where it can), the company keeps its history and mapping, its sealed secrets are
   * dropped and its waiting writes are held until it is connected again.
   */
  async disconnect(ctx: RequestContext, companyId: string): Promise<CompanyEntity> {
    const company = await this.get(ctx, companyId);
    const { adapter, conn, definition } = await this.deps.connections.resolve(company.id);
    if (company.connectionStatus !== 'DISCONNECTED' && company.connectionStatus !== 'PENDING_AUTHORISATION' && adapter.disconnect) {
      try {
        await adapter.disconnect(conn);
      } catch (err) {
        // Credentials already refused are as good as revoked; anything else must be tried again.
        if (!(err instanceof ProviderError && err.kind === 'UNAUTHORIZED')) throw err;
      }
    }
    await transact(this.deps.db, async (m) => {
      await this.deps.connections.lockConnection(m, company.id);
      await m.update(CompanyEntity, { id: company.id }, {
        connectionStatus: 'DISCONNECTED',
        credentialsSealed: null,
        credentialsVersion: () => '"credentials_version" + 1',
        connectionError: null,
        checkedAt: Date.now(),
      });
      await holdForConnection(m, company.id, `the connection to ${definition.displayName} was ended`);
    });
    return this.repo.findOneByOrFail({ id: company.id });
  }

  /**
   * Asks the provider how the company's connection stands now. Accepted: CONNECTED, and the writes
   * held for the connection go out (for a provider whose credentials were fixed on the gateway's
   * side, say). Refused: RECONNECT_REQUIRED, its writes held. A company that never authorised, or
   * whose OAuth connection was ended, connects through its provider's flow instead.
   */
  async checkConnection(ctx: RequestContext, companyId: string): Promise<CompanyEntity> {
    const company = await this.get(ctx, companyId);
    const { adapter, conn, definition } = await this.deps.connections.resolve(company.id);
    const ended = company.connectionStatus === 'PENDING_AUTHORISATION' || (company.connectionStatus === 'DISCONNECTED' && definition.capabilities.oauth);
    if (ended) return company;
    let outcome: { status: 'CONNECTED' | 'RECONNECT_REQUIRED' | null; error: string | null; tenantName?: string };
    try {
      const check = await adapter.verifyConnection(conn);
      outcome = check.ok ? { status: 'CONNECTED', error: null, tenantName: check.companyName } : { status: null, error: check.reason ?? 'the connection check failed' };
    } catch (err) {
      if (!(err instanceof ProviderError && err.kind === 'UNAUTHORIZED')) throw err;
      outcome = { status: 'RECONNECT_REQUIRED', error: err.message };
    }
    const released = await transact(this.deps.db, async (m) => {
      await this.deps.connections.lockConnection(m, company.id);
      const changes: Partial<Pick<CompanyEntity, 'connectionStatus' | 'connectionError' | 'checkedAt' | 'tenantName'>> = { connectionError: outcome.error, checkedAt: Date.now() };
      if (outcome.status) changes.connectionStatus = outcome.status;
      if (outcome.tenantName) changes.tenantName = outcome.tenantName.slice(0, 200);
      await m.update(CompanyEntity, { id: company.id }, changes);
      if (outcome.status === 'RECONNECT_REQUIRED') await holdForConnection(m, company.id, outcome.error!);
      return outcome.status === 'CONNECTED' ? releaseConnectionHolds(m, company.id) : 0;
    });
    if (released) this.deps.onReleased?.();
    return this.repo.findOneByOrFail({ id: company.id });
  }

  /** The company, after checking the caller may see it. */
  async get(ctx: RequestContext, id: string): Promise<CompanyEntity> {
    ctx.requireCompany(id);
    const company = await this.repo.findOneBy({ id });
    if (!company) throw notFound('Company', id);
    return company;
  }

  async findByExternalRef(externalRef: string): Promise<CompanyEntity | null> {
    return this.repo.findOneBy({ externalRef });
  }

  async list(ctx: RequestContext, args: PageArgs): Promise<Page<CompanyEntity>> {
    const p = ctx.principal;
    const qb = this.repo.createQueryBuilder('c').orderBy('c.id', 'ASC').take(pageSize(args) + 1);
    if (p.kind === 'company') qb.where('c.id = :id', { id: p.companyId });
    if (args.after) qb.andWhere('c.id > :after', { after: decodeCursor(args.after, COMPANY_CURSOR) });
    const [rows, totalCount] = await Promise.all([qb.getMany(), p.kind === 'company' ? this.repo.countBy({ id: p.companyId }) : this.repo.count()]);
    return keysetPage(rows, args, totalCount, (c) => c.id, COMPANY_CURSOR);
  }
}

import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { RequestContext } from '../../context';
import { AppError, badInput, notFound } from '../../errors';
import type { AuthorisationSteps, AuthorisingCompany } from '../../providers/provider';
import type { SecretBox } from '../../common/secret-box';
import { runSql } from '../../common/sql';
import { transact } from '../../common/transaction';
import { releaseConnectionHolds } from '../writeback/connection-holds';
import { CompanyEntity } from './company.entity';
import { ConnectionAuthorisationEntity } from './connection-authorisation.entity';
import type { ProviderConnections } from './provider-connections';

/** How long the borrower has to authorise (and to pick an organisation) before starting again. */
export const AUTHORISATION_TTL_MS = 15 * 60 * 1000;

const hashOf = (handle: string) => createHash('sha256').update(handle).digest('hex');
const view = (c: CompanyEntity): AuthorisingCompany => ({ id: c.id, name: c.name, provider: c.provider, config: c.providerConfig, status: c.connectionStatus });

/**
 * The OAuth connection steps of companies (see {@link AuthorisationSteps}), for every OAuth
 * provider: the `state` and PKCE verifier kept server-side (hashed handle, sealed data), single-use
 * and expiring, so that any gateway process can serve the callback; and the connection itself,
 * which seals the tokens, marks the company CONNECTED and releases the writes held for it in the
 * same transaction, under the company's row lock.
 */
export class CompanyAuthorisations implements AuthorisationSteps {
  constructor(
    private readonly deps: { db: DataSource; box: SecretBox; connections: Pick<ProviderConnections, 'lockConnection'>; onReleased: () => void },
    private readonly ttlMs = AUTHORISATION_TTL_MS,
  ) {}

  private get repo() {
    return this.deps.db.getRepository(ConnectionAuthorisationEntity);
  }

  async begin(ctx: RequestContext, companyId: string, kind: string) {
    ctx.requireCompany(companyId);
    const company = await this.deps.db.getRepository(CompanyEntity).findOneBy({ id: companyId });
    if (!company) throw notFound('Company', companyId);
    if (company.provider !== kind) throw badInput('companyId', `Company ${companyId} does not keep its books with this provider`);
    const codeVerifier = randomBytes(32).toString('base64url');
    const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
    const { handle: state, expiresAt } = await this.keep(companyId, { codeVerifier });
    return { state, codeVerifier, codeChallenge, expiresAt, company: view(company) };
  }

  async keep(companyId: string, data: Record<string, unknown>): Promise<{ handle: string; expiresAt: Date }> {
    const now = Date.now();
    // Expired steps are useless: each new one sweeps them.
    await this.repo.createQueryBuilder().delete().where('expires_at < :now', { now }).execute();
    const handle = randomBytes(32).toString('base64url');
    const expiresAt = now + this.ttlMs;
    await this.repo.insert({ handleHash: hashOf(handle), companyId, dataSealed: this.deps.box.seal(JSON.stringify(data)), expiresAt });
    return { handle, expiresAt: new Date(expiresAt) };
  }

  async take(handle: string): Promise<{ company: AuthorisingCompany; data: Record<string, unknown> } | null> {
    if (!handle || handle.length > 200) return null;
    // Deleting is what makes a handle single-use: of two requests presenting it, one gets the row.
    const [row] = await runSql<{ company_id: string; data_sealed: string; expires_at: number }>(
      this.deps.db,
      'DELETE FROM connection_authorisations WHERE handle_hash = $1 RETURNING company_id, data_sealed, expires_at',
      [hashOf(handle)],
    );
    if (!row || Number(row.expires_at) < Date.now()) return null;
    const company = await this.deps.db.getRepository(CompanyEntity).findOneBy({ id: row.company_id });
    if (!company) return null;
    return { company: view(company), data: JSON.parse(this.deps.box.open(row.data_sealed)) as Record<string, unknown> };
  }

  async connect(companyId: string, c: { config: Record<string, unknown>; key: string; secrets: unknown; tenantName: string | null }): Promise<AuthorisingCompany> {
    const released = await transact(this.deps.db, async (m) => {
      const now = await this.deps.connections.lockConnection(m, companyId);
      if (!now) throw notFound('Company', companyId);
      const company = await m.findOneByOrFail(CompanyEntity, { id: companyId });
      const other = await m.findOneBy(CompanyEntity, { provider: company.provider, connectionKey: c.key });
      if (other && other.id !== companyId) {
        throw new AppError('CONFLICT', `These books are already connected to company "${other.name}" (externalRef "${other.externalRef}")`, { companyId: other.id });
      }
      await m.update(CompanyEntity, { id: companyId }, {
        providerConfig: c.config as QueryDeepPartialEntity<CompanyEntity>['providerConfig'],
        connectionKey: c.key,
        credentialsSealed: this.deps.box.seal(JSON.stringify(c.secrets)),
        credentialsVersion: () => '"credentials_version" + 1',
        connectionStatus: 'CONNECTED',
        tenantName: c.tenantName?.slice(0, 200) ?? null,
        checkedAt: Date.now(),
        connectionError: null,
      });
      return releaseConnectionHolds(m, companyId);
    });
    if (released) this.deps.onReleased();
    return view(await this.deps.db.getRepository(CompanyEntity).findOneByOrFail({ id: companyId }));
  }
}

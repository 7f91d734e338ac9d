import type { DataSource } from 'typeorm';
import type { SecretBox } from '../../common/secret-box';
import { isPostgres, runSql } from '../../common/sql';
import { transact } from '../../common/transaction';
import type { Credentials } from '../../providers/accounting-provider';
import type { CompanyEntity } from './company.entity';

/**
 * Companies' sealed secrets, for their adapters. A rotation (an OAuth refresh) runs under the
 * company's row lock, which holds across gateway processes: `SELECT … FOR UPDATE` on Postgres; on
 * SQLite the transaction takes the database's write lock when it begins. The rotation reads the
 * secrets stored at that moment, so a process that waited for the lock sees the tokens the other
 * one just obtained and does not spend the same refresh token twice.
 *
 * @example
 * const creds = store.for(company);
 * const { accessToken } = await creds.rotate(async (current) => (expired(current) ? refresh(current!.refreshToken) : null));
 */
export class CredentialStore {
  constructor(
    private readonly db: DataSource,
    private readonly box: SecretBox,
  ) {}

  for<Secrets>(company: Pick<CompanyEntity, 'id' | 'credentialsSealed' | 'credentialsVersion'>): Credentials<Secrets> & { version(): number } {
    let sealed = company.credentialsSealed;
    // The version of the secrets this handle last read or wrote: a refusal of those proves them dead only while no newer ones were stored.
    let version = company.credentialsVersion;
    let opened: { sealed: string | null; secrets: Secrets | null } | null = null;
    const open = (): Secrets | null => {
      if (opened?.sealed !== sealed || !opened) opened = { sealed, secrets: sealed ? (JSON.parse(this.box.open(sealed)) as Secrets) : null };
      return opened.secrets;
    };
    return {
      version: () => version,
      get: async () => open(),
      rotate: async (next) => {
        const stored = await transact(this.db, async (m) => {
          const [row] = await runSql<{ sealed: string | null; version: number }>(
            m,
            `SELECT credentials_sealed AS sealed, credentials_version AS version FROM companies WHERE id = $1${isPostgres(m) ? ' FOR UPDATE' : ''}`,
            [company.id],
          );
          if (!row) throw new Error(`Company ${company.id} is no longer registered`);
          version = Number(row.version);
          sealed = row.sealed;
          const current = row.sealed ? (JSON.parse(this.box.open(row.sealed)) as Secrets) : null;
          const replaced = await next(current);
          if (replaced === null) return row.sealed;
          const resealed = this.box.seal(JSON.stringify(replaced));
          await runSql(m, `UPDATE companies SET credentials_sealed = $1, credentials_version = $2 WHERE id = $3`, [resealed, Number(row.version) + 1, company.id]);
          version = Number(row.version) + 1;
          return resealed;
        });
        sealed = stored;
        return open();
      },
    };
  }

  seal(secrets: unknown): string | null {
    return secrets === null || secrets === undefined ? null : this.box.seal(JSON.stringify(secrets));
  }
}

import { createHash, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { DataSource } from 'typeorm';
import { AppError } from '../../errors';
import { ApiKeyEntity } from './api-key.entity';
import type { Principal } from './principal';

const AUDIENCE = 'writeback-gateway';
const MAX_TTL_SECONDS = 24 * 3600;

export const hashApiKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** Authenticates bearer tokens: admin API keys (hashed in the database) and signed company tokens. */
export class AuthService {
  private readonly signingKey: Buffer;

  constructor(
    private readonly db: DataSource,
    secretKey: string,
  ) {
    // A key of its own, so a leaked token signature says nothing about the credential-encryption key.
    this.signingKey = createHash('sha256').update(`company-token:${secretKey}`).digest();
  }

  /** Makes sure `key` is a valid admin key (idempotent: a known key is left as is). */
  async ensureAdminKey(key: string, name = 'admin'): Promise<void> {
    const keyHash = hashApiKey(key);
    const repo = this.db.getRepository(ApiKeyEntity);
    if (await repo.findOneBy({ keyHash })) return;
    // Gateways booting at once on one database may both get here: the second insert changes nothing.
    await repo.createQueryBuilder().insert().values({ id: randomUUID(), name, keyHash }).orIgnore().execute();
  }

  async authenticate(header: string | undefined): Promise<Principal> {
    if (!header) throw new AppError('UNAUTHENTICATED', 'Missing Authorization header: send "Authorization: Bearer <admin API key or company token>"');
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!m) throw new AppError('UNAUTHENTICATED', 'Malformed Authorization header: expected "Bearer <token>"');
    const token = m[1];
    if (token.split('.').length === 3) return this.verifyCompanyToken(token);
    const key = await this.db.getRepository(ApiKeyEntity).findOneBy({ keyHash: hashApiKey(token) });
    if (!key) throw new AppError('UNAUTHENTICATED', 'Unknown API key');
    return { kind: 'admin', keyId: key.id };
  }

  issueCompanyToken(companyId: string, ttlSeconds: number): { token: string; expiresAt: Date } {
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 60 || ttlSeconds > MAX_TTL_SECONDS) {
      throw new AppError('BAD_USER_INPUT', `ttlSeconds must be a whole number from 60 to ${MAX_TTL_SECONDS}`, { field: 'ttlSeconds' });
    }
    const token = jwt.sign({ scope: 'company' }, this.signingKey, {
      algorithm: 'HS256',
      subject: companyId,
      audience: AUDIENCE,
      expiresIn: ttlSeconds,
      jwtid: randomUUID(),
    });
    const { exp } = jwt.decode(token) as { exp: number };
    return { token, expiresAt: new Date(exp * 1000) };
  }

  private verifyCompanyToken(token: string): Principal {
    try {
      const claims = jwt.verify(token, this.signingKey, { algorithms: ['HS256'], audience: AUDIENCE }) as jwt.JwtPayload;
      if (claims.scope !== 'company' || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') {
        throw new AppError('UNAUTHENTICATED', 'Token is not a company token');
      }
      return { kind: 'company', companyId: claims.sub, expiresAt: new Date(claims.exp * 1000) };
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (err instanceof jwt.TokenExpiredError) {
        throw new AppError('UNAUTHENTICATED', `Company token expired at ${err.expiredAt.toISOString()}: ask the lender's backend for a new one`);
      }
      throw new AppError('UNAUTHENTICATED', 'Invalid company token');
    }
  }
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../common/column-transformers';

/**
 * A step of connecting a company through OAuth, kept server-side between two requests of the
 * borrower's browser: the `state` and PKCE verifier of an authorisation under way, or the tokens
 * awaiting the borrower's choice of organisation. Looked up by the hash of its single-use handle
 * (never stored in clear), deleted when taken, useless once expired.
 */
@Entity({ name: 'connection_authorisations' })
export class ConnectionAuthorisationEntity {
  /** SHA-256 of the handle (the OAuth `state`, or the picker's), hex. */
  @PrimaryColumn({ name: 'handle_hash', type: 'varchar', length: 64 })
  handleHash: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  /** Sealed with SecretBox: a PKCE verifier or tokens. */
  @Column({ name: 'data_sealed', type: 'text' })
  dataSealed: string;

  @Column({ name: 'expires_at', type: 'bigint', transformer: bigintNumber })
  expiresAt: number;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintNumber } from '../../common/column-transformers';

/** Where a company's connection stands, as last seen by the gateway. */
export const CONNECTION_STATUSES = ['CONNECTED', 'RECONNECT_REQUIRED', 'DISCONNECTED', 'PENDING_AUTHORISATION'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** A borrower whose accounting software is connected: the tenant. Never exposed to GraphQL as is. */
@Entity({ name: 'companies' })
// One registration per provider connection: a second would let its token reach the first's books.
@Index('UQ_companies_provider_connection', ['provider', 'connectionKey'], { unique: true })
export class CompanyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'external_ref', type: 'varchar', length: 200, unique: true })
  externalRef: string;

  /** The kind of the provider's definition. */
  @Column({ type: 'varchar', length: 16 })
  provider: string;

  /** The provider's non-secret configuration for this company (its ids for it); the provider's own shape. */
  @Column({ name: 'provider_config', type: 'simple-json' })
  providerConfig: Record<string, unknown>;

  /** What identifies the connection at its provider, unique per provider. */
  @Column({ name: 'connection_key', type: 'varchar', length: 200 })
  connectionKey: string;

  /** Sealed with SecretBox; null when the gateway-wide provider credentials are used. */
  @Column({ name: 'credentials_sealed', type: 'text', nullable: true })
  credentialsSealed: string | null;

  /** Goes up by one each time the sealed secrets are replaced (an OAuth refresh). */
  @Column({ name: 'credentials_version', type: 'integer', default: 0 })
  credentialsVersion: number;

  @Column({ name: 'connection_status', type: 'varchar', length: 32 })
  connectionStatus: ConnectionStatus;

  /** The name of the books at the provider, as its last check showed it. */
  @Column({ name: 'tenant_name', type: 'varchar', length: 200, nullable: true })
  tenantName: string | null;

  @Column({ name: 'checked_at', type: 'bigint', nullable: true, transformer: bigintNumber })
  checkedAt: number | null;

  @Column({ name: 'connection_error', type: 'text', nullable: true })
  connectionError: string | null;

  @Column({ name: 'writeback_enabled', type: 'boolean', default: false })
  writebackEnabled: boolean;

  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo: boolean;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ProviderKind } from '../../providers/accounting-provider';

/** A borrower whose accounting software is connected: the tenant. Never exposed to GraphQL as is. */
@Entity({ name: 'companies' })
// One registration per provider company and connection: a second would let its token reach the first's books.
@Index('UQ_companies_provider_connection', ['provider', 'providerCompanyId', 'providerConnectionId'], { unique: true })
export class CompanyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'external_ref', type: 'varchar', length: 200, unique: true })
  externalRef: string;

  @Column({ type: 'varchar', length: 16 })
  provider: ProviderKind;

  @Column({ name: 'provider_company_id', type: 'varchar', length: 100 })
  providerCompanyId: string;

  @Column({ name: 'provider_connection_id', type: 'varchar', length: 100 })
  providerConnectionId: string;

  /** Sealed with SecretBox; null when the gateway-wide provider key is used. */
  @Column({ name: 'credentials_sealed', type: 'text', nullable: true })
  credentialsSealed: string | null;

  @Column({ name: 'writeback_enabled', type: 'boolean', default: false })
  writebackEnabled: boolean;

  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo: boolean;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}

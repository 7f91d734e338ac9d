import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An admin API key, stored as a SHA-256 hash: the key itself is shown once and never kept. */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'key_hash', type: 'varchar', length: 64, unique: true })
  keyHash: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}

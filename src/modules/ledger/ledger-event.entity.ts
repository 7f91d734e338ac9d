import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../common/column-transformers';
import type { RecordedMapping } from '../mapping/mapping-change.entity';

export const LEDGER_EVENT_KINDS = ['DISBURSEMENT', 'FINAL_PAYMENT', 'FEE', 'INVOICE_RECONCILIATION'] as const;
export type LedgerEventKind = (typeof LEDGER_EVENT_KINDS)[number];

/** A lending event the lender recorded; `(company, kind, externalId)` is its idempotency key. */
@Entity({ name: 'ledger_events' })
@Index('UQ_ledger_events_external', ['companyId', 'kind', 'externalId'], { unique: true })
export class LedgerEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: LedgerEventKind;

  @Column({ name: 'external_id', type: 'varchar', length: 200 })
  externalId: string;

  /** SHA-256 of the normalised input: a re-submission with another payload is a conflict. */
  @Column({ name: 'payload_hash', type: 'varchar', length: 64 })
  payloadHash: string;

  @Column({ name: 'amount_minor', type: 'bigint', transformer: bigintNumber })
  amountMinor: number;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 10 })
  date: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reference: string | null;

  @Column({ name: 'invoice_id', type: 'varchar', length: 100, nullable: true })
  invoiceId: string | null;

  /** The mapping as it was when the event was recorded: a later change does not rewrite history. */
  @Column({ type: 'simple-json' })
  mapping: RecordedMapping;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}

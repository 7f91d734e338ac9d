import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintNumber } from '../../common/column-transformers';
import type { StepRecord } from '../../providers/accounting-provider';

export const OPERATION_KINDS = [
  'CREATE_BANK_ACCOUNT',
  'CREATE_EXPENSE_ACCOUNT',
  'CREATE_INTERNAL_TRANSFER_ACCOUNT',
  'CREATE_SUPPLIER',
  'TRANSFER',
  'SPEND_MONEY',
  'INVOICE_PAYMENT',
  'STATEMENT_LINE',
] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** SETUP writes have no order; LEDGER writes go out in order per company; FEED (statement lines) too, batched. */
export type OperationStream = 'SETUP' | 'LEDGER' | 'FEED';

/** An operation's payload as stored (see operation-payload.ts for its type per kind). */
export type StoredPayload = Record<string, unknown> & { v?: number };

/**
 * Why an operation is HELD: write-back is off for the company (released when it is switched on
 * with `releaseHeld`), or the provider refused the company's connection (released when the
 * borrower connects again).
 */
export const HOLD_REASONS = ['WRITEBACK_OFF', 'CONNECTION'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export const OPERATION_STATUSES = ['HELD', 'PENDING', 'IN_PROGRESS', 'SUCCEEDED', 'FAILED'] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/** Why an operation is FAILED: the provider refused the write as it stands, or delivery gave up on it. */
export const OPERATION_FAILURES = ['REJECTED', 'GAVE_UP'] as const;
export type OperationFailure = (typeof OPERATION_FAILURES)[number];

/**
 * One write to the provider, in the outbox. `seq` orders a company's writes; the worker claims
 * them with a lease so that a crashed worker's writes are picked up again, and never twice at once.
 */
@Entity({ name: 'writeback_operations' })
// Partial: finding the head of a company's queue must not walk its delivered history.
@Index('IDX_writeback_operations_stream', ['companyId', 'stream', 'seq'], { where: `"status" IN ('PENDING', 'IN_PROGRESS')` })
// Partial: SETUP writes have no queue head; the claim reads the undelivered ones alone.
@Index('IDX_writeback_operations_setup', ['seq'], { where: `"stream" = 'SETUP' AND "status" IN ('PENDING', 'IN_PROGRESS')` })
// A company's operation list, keyset-paged by seq, with and without a status.
@Index('IDX_writeback_operations_company', ['companyId', 'seq'])
@Index('IDX_writeback_operations_company_status', ['companyId', 'status', 'seq'])
@Index('IDX_writeback_operations_event', ['eventId'])
// Following a batch of statement lines (its poll, its retry) must not read the whole table.
@Index('IDX_writeback_operations_batch', ['batchId'], { where: `"batch_id" IS NOT NULL` })
export class WritebackOperationEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  seq: number;

  @Index('UQ_writeback_operations_id', { unique: true })
  @Column({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ name: 'event_id', type: 'varchar', length: 36, nullable: true })
  eventId: string | null;

  @Column({ type: 'varchar', length: 32 })
  kind: OperationKind;

  @Column({ type: 'varchar', length: 16 })
  stream: OperationStream;

  @Column({ type: 'varchar', length: 16 })
  status: OperationStatus;

  /** Set while HELD; null otherwise (and for writes held by earlier versions, which were all WRITEBACK_OFF). */
  @Column({ name: 'hold_reason', type: 'varchar', length: 16, nullable: true })
  holdReason: HoldReason | null;

  /** Set with FAILED, cleared by a retry. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  failure: OperationFailure | null;

  /** The provider-neutral input of the write, fixed when recorded; typed per kind by `readOperation`. */
  @Column({ type: 'simple-json' })
  payload: StoredPayload;

  /** The last step done of a write its provider realises in several calls; a retry resumes after it. */
  @Column({ type: 'simple-json', nullable: true })
  progress: StepRecord | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** Sent as the provider's Idempotency-Key; kept across retries of one delivery. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 64 })
  idempotencyKey: string;

  @Column({ name: 'provider_operation_id', type: 'varchar', length: 100, nullable: true })
  providerOperationId: string | null;

  @Column({ name: 'provider_record_ids', type: 'simple-json', nullable: true })
  providerRecordIds: string[] | null;

  /** Statement lines sent together share a batch; a retry resends exactly that batch. */
  @Column({ name: 'batch_id', type: 'varchar', length: 36, nullable: true })
  batchId: string | null;

  @Column({ name: 'next_attempt_at', type: 'bigint', transformer: bigintNumber })
  nextAttemptAt: number;

  @Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true })
  leaseOwner: string | null;

  @Column({ name: 'lease_expires_at', type: 'bigint', nullable: true, transformer: bigintNumber })
  leaseExpiresAt: number | null;

  /** Written at each claim; a save counts only while it still matches (a stale worker's save changes nothing). */
  @Column({ name: 'claim_token', type: 'varchar', length: 36, nullable: true })
  claimToken: string | null;

  /** A send may have reached the provider without its answer coming back: search the books before sending again. */
  @Column({ name: 'outcome_unknown', type: 'boolean', default: false })
  outcomeUnknown: boolean;

  /** When the first attempt went out; WORKER_GIVE_UP_AFTER_MS counts from here. */
  @Column({ name: 'first_attempt_at', type: 'bigint', nullable: true, transformer: bigintNumber })
  firstAttemptAt: number | null;

  @Column({ name: 'completed_at', type: 'bigint', nullable: true, transformer: bigintNumber })
  completedAt: number | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}

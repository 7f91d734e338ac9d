import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../common/column-transformers';

/**
 * The head of one company's ordered stream (LEDGER or FEED) while it has undelivered writes: its
 * lowest PENDING or IN_PROGRESS operation and when that one is next due (its retry time, or
 * when its lease runs out). Kept in the same transactions as the operations, so the worker claims
 * by reading the few due heads from the front of `due_at`, never the backlog or the history.
 */
@Entity({ name: 'writeback_queue_heads' })
@Index('IDX_writeback_queue_heads_due', ['dueAt'])
export class WritebackQueueHeadEntity {
  @PrimaryColumn({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  stream: string;

  @Index('UQ_writeback_queue_heads_head', { unique: true })
  @Column({ name: 'head_seq', type: 'integer' })
  headSeq: number;

  @Column({ name: 'due_at', type: 'bigint', transformer: bigintNumber })
  dueAt: number;
}

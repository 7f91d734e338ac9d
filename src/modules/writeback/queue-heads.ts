import type { EntityManager } from 'typeorm';
import { isPostgres, runSql } from '../../common/sql';
import type { OperationStream } from './writeback-operation.entity';

/** Streams whose writes go out in order, one head at a time; SETUP writes have no order. */
export const ORDERED_STREAMS: readonly OperationStream[] = ['LEDGER', 'FEED'];

export const isOrdered = (stream: OperationStream) => stream !== 'SETUP';

/**
 * Locks a stream's head row for the rest of the transaction (Postgres), before the caller changes
 * its operations: whoever then recomputes the head sees every write committed before it, and
 * locks are always taken head first, operations second, as the claim takes them.
 */
export async function lockHead(m: EntityManager, companyId: string, stream: OperationStream): Promise<void> {
  if (!isPostgres(m) || !isOrdered(stream)) return;
  await runSql(m, 'SELECT head_seq FROM writeback_queue_heads WHERE company_id = $1 AND stream = $2 FOR UPDATE', [companyId, stream]);
}

/**
 * Recomputes a stream's head from its lowest undelivered operation (one step down the partial
 * index of undelivered operations), or forgets it once the stream has none. Call it inside the
 * transaction that changed the stream's operations, after `lockHead`.
 */
export async function refreshHead(m: EntityManager, companyId: string, stream: OperationStream): Promise<void> {
  if (!isOrdered(stream)) return;
  // One statement in the usual case (the stream still has work); the WHERE keeps SQLite's upsert parse unambiguous.
  const moved = await runSql(
    m,
    `INSERT INTO writeback_queue_heads (company_id, stream, head_seq, due_at)
     SELECT company_id, stream, seq, CASE WHEN status = 'PENDING' THEN next_attempt_at ELSE COALESCE(lease_expires_at, 0) END
     FROM writeback_operations
     WHERE company_id = $1 AND stream = $2 AND status IN ('PENDING', 'IN_PROGRESS')
     ORDER BY seq LIMIT 1
     ON CONFLICT (company_id, stream) DO UPDATE SET head_seq = excluded.head_seq, due_at = excluded.due_at
     RETURNING head_seq`,
    [companyId, stream],
  );
  if (!moved.length) await runSql(m, 'DELETE FROM writeback_queue_heads WHERE company_id = $1 AND stream = $2', [companyId, stream]);
}

/**
 * A stream just gained operations: if it had no head, its first new one is the head. An existing
 * head is older, so it stays; the no-op update still locks it until this transaction commits, so
 * a worker finishing the old head in the meantime sees the new operations when it moves on.
 */
export async function offerHead(m: EntityManager, companyId: string, stream: OperationStream, seq: number, dueAt: number): Promise<void> {
  if (!isOrdered(stream)) return;
  await runSql(
    m,
    `INSERT INTO writeback_queue_heads (company_id, stream, head_seq, due_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (company_id, stream) DO UPDATE SET head_seq = writeback_queue_heads.head_seq`,
    [companyId, stream, seq, dueAt],
  );
}

/**
 * A worker renewed the lease of the operation at a stream's head: the head is due again only when
 * that lease runs out. Only while the operation is still the head (a retried older one may have
 * taken its place).
 */
export async function renewHead(m: EntityManager, companyId: string, stream: OperationStream, seq: number, leaseExpiresAt: number): Promise<void> {
  if (!isOrdered(stream)) return;
  await runSql(m, 'UPDATE writeback_queue_heads SET due_at = $1 WHERE company_id = $2 AND stream = $3 AND head_seq = $4', [leaseExpiresAt, companyId, stream, seq]);
}

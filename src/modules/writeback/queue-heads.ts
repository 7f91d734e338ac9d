import type { EntityManager } from 'typeorm';
import { isPostgres, runSql } from '../../common/sql';
import type { Statement } from '../../database/pg-pipeline';
import type { OperationStream } from './writeback-operation.entity';

/** Streams whose writes go out in order, one head at a time; SETUP writes have no order. */
export const ORDERED_STREAMS: readonly OperationStream[] = ['LEDGER', 'FEED'];

export const isOrdered = (stream: OperationStream) => stream !== 'SETUP';

/** When an undelivered operation, at its stream's head, is due: its next attempt, or the end of its lease. */
const HEAD_DUE_AT = "CASE WHEN status = 'PENDING' THEN next_attempt_at ELSE COALESCE(lease_expires_at, 0) END";
/** A stream's head row, written whether or not it exists yet. */
const HEAD_UPSERT = 'ON CONFLICT (company_id, stream) DO UPDATE SET head_seq = excluded.head_seq, due_at = excluded.due_at';

/** The statement that locks a stream's head row (Postgres), for `lockHead` or a pipeline. */
export const headLock = (companyId: string, stream: OperationStream): Statement => ({
  text: 'SELECT head_seq FROM writeback_queue_heads WHERE company_id = $1 AND stream = $2 FOR UPDATE',
  values: [companyId, stream],
});

/**
 * Locks a stream's head row for the rest of the transaction (Postgres), before the caller changes
 * its operations: whoever then recomputes the head sees every write committed before it, and
 * locks are always taken head first, operations second, as the claim takes them.
 */
export async function lockHead(m: EntityManager, companyId: string, stream: OperationStream): Promise<void> {
  if (!isPostgres(m) || !isOrdered(stream)) return;
  const { text, values } = headLock(companyId, stream);
  await runSql(m, text, values);
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
     SELECT company_id, stream, seq, ${HEAD_DUE_AT}
     FROM writeback_operations
     WHERE company_id = $1 AND stream = $2 AND status IN ('PENDING', 'IN_PROGRESS')
     ORDER BY seq LIMIT 1
     ${HEAD_UPSERT}
     RETURNING head_seq`,
    [companyId, stream],
  );
  if (!moved.length) await runSql(m, 'DELETE FROM writeback_queue_heads WHERE company_id = $1 AND stream = $2', [companyId, stream]);
}

/** Whether operations given this status leave their stream's queue (delivered, failed or held). */
export const leavesQueue = (status: unknown) => typeof status === 'string' && status !== 'PENDING' && status !== 'IN_PROGRESS';

/**
 * Postgres: the statement that runs `update` (a fenced UPDATE of the batch's operations to a
 * status that leaves the queue, with its `$n` parameters) and moves the stream's head past them,
 * where the update and `refreshHead` would take two or three. Its one row's `done` says how many
 * operations the update changed; the head moves only if it changed them all. Run it after
 * `headLock`, in the same transaction or pipeline: its snapshot, taken once the lock is held, has
 * every operation committed before it, while the update's own changes are not visible to it
 * (hence the operations it changed are left out). Its text depends only on the update's and the
 * batch's size, so that it is prepared once per connection, not per batch.
 */
export function leaveQueue(update: string, params: unknown[], batch: { seq: number; companyId: string; stream: OperationStream }[]): Statement {
  const [{ companyId, stream }] = batch;
  const c = `$${params.length + 1}`;
  const s = `$${params.length + 2}`;
  return {
    text: `WITH done AS (${update} RETURNING seq),
     whole AS (SELECT COUNT(*) = ${batch.length} AS ok FROM done),
     next AS (
       SELECT company_id, stream, seq, ${HEAD_DUE_AT} AS due_at
       FROM writeback_operations
       WHERE company_id = ${c} AND stream = ${s} AND status IN ('PENDING', 'IN_PROGRESS') AND seq NOT IN (SELECT seq FROM done)
       ORDER BY seq LIMIT 1),
     moved AS (
       INSERT INTO writeback_queue_heads (company_id, stream, head_seq, due_at)
       SELECT company_id, stream, seq, due_at FROM next WHERE (SELECT ok FROM whole)
       ${HEAD_UPSERT}),
     gone AS (
       DELETE FROM writeback_queue_heads
       WHERE company_id = ${c} AND stream = ${s} AND (SELECT ok FROM whole) AND NOT EXISTS (SELECT 1 FROM next))
     SELECT COUNT(*) AS done FROM done`,
    values: [...params, companyId, stream],
  };
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

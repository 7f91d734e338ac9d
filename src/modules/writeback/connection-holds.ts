import type { EntityManager } from 'typeorm';
import { runSql } from '../../common/sql';
import { lockHead, ORDERED_STREAMS, refreshHead } from './queue-heads';

/**
 * Holds every write of a company that is waiting to go out (PENDING), because its provider refused
 * the connection: nothing is sent, no attempt is used, and the order of each stream is kept.
 * A write being delivered right now is held by its own worker when the provider refuses it too.
 * Call inside a transaction; answers how many writes it held.
 */
export async function holdForConnection(m: EntityManager, companyId: string, why: string): Promise<number> {
  for (const stream of ORDERED_STREAMS) await lockHead(m, companyId, stream);
  const held = await runSql<{ seq: number }>(
    m,
    `UPDATE writeback_operations SET status = 'HELD', hold_reason = 'CONNECTION', last_error = $2
     WHERE company_id = $1 AND status = 'PENDING' RETURNING seq`,
    [companyId, heldMessage(why)],
  );
  for (const stream of ORDERED_STREAMS) await refreshHead(m, companyId, stream);
  return held.length;
}

/** Releases what {@link holdForConnection} held, in order, once the company is connected again. Call inside a transaction. */
export async function releaseConnectionHolds(m: EntityManager, companyId: string): Promise<number> {
  for (const stream of ORDERED_STREAMS) await lockHead(m, companyId, stream);
  const released = await runSql<{ seq: number }>(
    m,
    `UPDATE writeback_operations SET status = 'PENDING', hold_reason = NULL, next_attempt_at = $2
     WHERE company_id = $1 AND status = 'HELD' AND hold_reason = 'CONNECTION' RETURNING seq`,
    [companyId, Date.now()],
  );
  for (const stream of ORDERED_STREAMS) await refreshHead(m, companyId, stream);
  return released.length;
}

/** The `lastError` of a write held for its connection. */
export function heldMessage(why: string): string {
  return `held until the borrower connects their books again: ${why}`.slice(0, 2000);
}

import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { transact } from '../../common/transaction';
import type { Logger } from '../../logger';
import { isPostgres, runSql } from '../../common/sql';
import { pipeline } from '../../database/pg-pipeline';
import { headLock, isOrdered, leaveQueue, leavesQueue, lockHead, refreshHead, renewHead } from './queue-heads';
import { WritebackOperationEntity } from './writeback-operation.entity';

/** One claimed operation, or a batch of statement lines sent as one write (head first). */
export type Batch = WritebackOperationEntity[];

/** The fence: the operation (columns prefixed by `t`) is still IN_PROGRESS under the claim `:token`. */
const stillClaimed = (t: string) => `(CASE WHEN ${t}status = 'IN_PROGRESS' THEN ${t}claim_token END) = :token`;

/**
 * An UPDATE of the operations `seqs` that changes only those still IN_PROGRESS under the claim
 * `token`: the fence of every save under a claim. The claim is one CASE rather than two
 * conditions, so that Postgres finds the rows by their seqs: with `status = 'IN_PROGRESS'` as a
 * condition of its own, it may read the partial index of undelivered operations, the whole
 * backlog, to find the few rows of a batch. `whole`: it changes none of them unless every one is
 * still under the claim (read before it changes any), for an update that nothing rolls back.
 *
 * @example
 * const { affected } = await claimedUpdate(db, [op.seq], token).set({ leaseExpiresAt }).execute();
 */
export function claimedUpdate(m: EntityManager | DataSource, seqs: number[], token: string | null, { whole = false } = {}) {
  const qb = m.createQueryBuilder().update(WritebackOperationEntity).where('seq IN (:...seqs)', { seqs }).andWhere(stillClaimed(''), { token });
  if (whole && seqs.length > 1) qb.andWhere(`(SELECT COUNT(*) FROM writeback_operations w WHERE w.seq IN (:...seqs) AND ${stillClaimed('w.')}) = :members`, { members: seqs.length });
  return qb;
}

/** The claim this worker held was taken over (its lease ran out): it must not save or send anything more. */
export class LostClaim extends Error {}

/**
 * What a worker writes about the operations it has claimed: every save fenced by the claim
 * token, the stream's queue head moved with a change of status, and the lease kept alive while
 * a step runs.
 *
 * @example
 * const saves = new ClaimedSaves(db, 60_000, log);
 * const renewal = saves.keepLease(batch);
 * try { await saves.save(batch, { status: 'SUCCEEDED', completedAt: Date.now() }); } finally { clearInterval(renewal); }
 */
export class ClaimedSaves {
  /** Changes a step made in memory only, for its next save to write (see `defer`). */
  private readonly unsaved = new WeakMap<Batch, Partial<WritebackOperationEntity>>();

  constructor(
    private readonly db: DataSource,
    private readonly leaseMs: number,
    private readonly log: Logger,
  ) {}

  /**
   * Renews the lease every quarter of its length while the step runs, so that a healthy worker
   * never outlives it however long the provider takes; a renewal that finds the claim gone means
   * another worker took over, and the fenced saves will refuse whatever this one tries next. The
   * stream's queue head is due again only when the renewed lease runs out, so no other worker
   * reads a live operation as due.
   */
  keepLease(batch: Batch): NodeJS.Timeout {
    const leaseMs = this.leaseMs;
    const head = batch[0];
    const timer = setInterval(() => {
      const leaseExpiresAt = Date.now() + leaseMs;
      const renew = async (m: EntityManager | DataSource) => {
        if (isOrdered(head.stream)) await lockHead(m as EntityManager, head.companyId, head.stream);
        const renewed = await claimedUpdate(m, batch.map((op) => op.seq), head.claimToken).set({ leaseExpiresAt }).execute();
        if ((renewed.affected ?? 0) > 0) await renewHead(m as EntityManager, head.companyId, head.stream, head.seq, leaseExpiresAt);
      };
      (isOrdered(head.stream) ? transact(this.db, renew) : renew(this.db)).catch((err: unknown) => this.log.warn({ err, operationId: head.id }, 'renewing a write-back lease failed'));
    }, Math.max(250, Math.floor(leaseMs / 4)));
    timer.unref();
    return timer;
  }

  /**
   * Whether the claim has at least half its lease ahead by this process's clock: no other worker
   * can take it over before then (the same clock-skew allowance as the leases themselves).
   */
  isFresh(batch: Batch): boolean {
    return (batch[0].leaseExpiresAt ?? 0) - Date.now() > this.leaseMs / 2;
  }

  /** Changes the batch in memory now and in the database with its next save. */
  defer(batch: Batch, changes: Partial<WritebackOperationEntity>): void {
    this.unsaved.set(batch, { ...this.unsaved.get(batch), ...changes });
    for (const op of batch) Object.assign(op, changes);
  }

  /**
   * Saves only while this worker still holds the claim (same token, still IN_PROGRESS), in one
   * statement for the whole batch; otherwise changes nothing and stops the step. `recordIds`
   * gives each member its own record ids. A change of status moves the stream's queue head on in
   * the same transaction; a save that is refused rolls back whole, head included.
   */
  async save(
    batch: Batch,
    given: Partial<WritebackOperationEntity>,
    recordIds?: string[][],
    /** Decides the changes inside the transaction (it may lock the company's row, which is always locked before a queue head). */
    decide?: (m: EntityManager) => Promise<Partial<WritebackOperationEntity>>,
  ): Promise<void> {
    const token = batch[0].claimToken;
    if (!token) throw new LostClaim();
    const { companyId, stream } = batch[0];
    given = { ...this.unsaved.get(batch), ...given };
    this.unsaved.delete(batch);
    let update: Record<string, unknown> = {};
    const fencedUpdate = (m: EntityManager | DataSource, changes: Partial<WritebackOperationEntity>, whole = false) => {
      update = isReleasing(changes.status) ? { ...changes, leaseOwner: null, leaseExpiresAt: null } : { ...changes };
      const qb = claimedUpdate(m, batch.map((op) => op.seq), token, { whole });
      if (recordIds && batch.length > 1) {
        // Seqs as parameters, not in the text: one prepared statement serves every batch of this size.
        const cases = batch.map((_, i) => `WHEN :seq${i} THEN :rid${i}`).join(' ');
        update.providerRecordIds = () => `CASE "seq" ${cases} END`;
        qb.setParameters(Object.fromEntries(batch.flatMap((op, i) => [[`seq${i}`, Number(op.seq)], [`rid${i}`, JSON.stringify(recordIds[i])]])));
      } else if (recordIds) {
        update.providerRecordIds = recordIds[0];
      }
      return qb.set(update as QueryDeepPartialEntity<WritebackOperationEntity>);
    };
    /** Postgres: the update with its head's move, as one statement (see leaveQueue). */
    const leaving = (qb: ReturnType<typeof fencedUpdate>) => {
      const [sql, params] = qb.getQueryAndParameters();
      return leaveQueue(sql, params, batch);
    };
    /** A save that did not change every member is refused. */
    const changedAll = (row: { done?: unknown }) => {
      if (Number(row.done) < batch.length) throw new LostClaim();
    };
    const fenced = async (m: EntityManager | DataSource) => {
      const changes = decide ? { ...given, ...(await decide(m as EntityManager)) } : given;
      const movesHead = isReleasing(changes.status) && isOrdered(stream);
      if (movesHead) await lockHead(m as EntityManager, companyId, stream);
      const qb = fencedUpdate(m, changes);
      if (movesHead && leavesQueue(changes.status) && isPostgres(m)) {
        const { text, values } = leaving(qb);
        return changedAll((await runSql(m, text, values))[0]);
      }
      const result = await qb.execute();
      if ((result.affected ?? 0) < batch.length) throw new LostClaim();
      if (movesHead) await refreshHead(m as EntityManager, companyId, stream);
    };
    if (!decide && leavesQueue(given.status) && isOrdered(stream) && isPostgres(this.db)) {
      // The usual end of a delivery on Postgres: the head's lock, then the update with the head's
      // move, in one round trip instead of four. A pipeline commits at its end whatever the
      // update found, so the update changes the batch only if every member is still claimed.
      const [, [row]] = await pipeline(this.db, [headLock(companyId, stream), leaving(fencedUpdate(this.db, given, true))]);
      changedAll(row);
    } else if (decide || (isReleasing(given.status) && isOrdered(stream)) || batch.length > 1) {
      // One statement is atomic alone; a head to move, a decision, or several members take a transaction.
      await transact(this.db, fenced);
    } else {
      await fenced(this.db);
    }
    batch.forEach((op, i) => Object.assign(op, { ...update, ...(recordIds ? { providerRecordIds: recordIds[i] } : {}) }));
  }
}

/** A change of status that ends the claim (the lease is let go). */
const isReleasing = (status: unknown) => status !== undefined && status !== 'IN_PROGRESS';

import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { isPostgres, runSql } from '../../common/sql';
import { transact } from '../../common/transaction';
import { refreshHead } from './queue-heads';
import { WritebackOperationEntity, type OperationStream } from './writeback-operation.entity';

/** Statement lines one request to the company's provider takes (its `maxStatementLines`). */
export type BatchLimit = (companyId: string) => Promise<number>;

/**
 * A claim taken over from a worker whose lease ran out, on an operation that was neither a push
 * to follow nor already of unknown outcome: a fresh claim sends at once and records its attempt
 * only with the answer, so that worker may have sent it. Its outcome is unknown: the books are
 * searched before it is sent again (the attempt, unproven, is not counted).
 */
const LAPSED_SEND = "status = 'IN_PROGRESS' AND provider_operation_id IS NULL AND NOT outcome_unknown";

/** What every claim sets on the operations it takes: $1 owner, $2 lease end, $4 claim token. */
const CLAIM_SET = `status = 'IN_PROGRESS', lease_owner = $1, lease_expires_at = $2, claim_token = $4,
  outcome_unknown = CASE WHEN ${LAPSED_SEND} THEN TRUE ELSE outcome_unknown END`;

/**
 * An operation is claimable when it is due, or when its worker's lease ran out (the worker died); $3 is now.
 * Written as a CASE so that Postgres cannot read it as `status IN ('PENDING', 'IN_PROGRESS')`: where it
 * could, a claim of heads by seq was planned as the intersection of the primary key with the whole partial
 * index of undelivered operations (seen whenever the table's statistics lag behind a fresh backlog), a
 * scan of the backlog on every claim.
 */
const CLAIMABLE = "(CASE status WHEN 'PENDING' THEN next_attempt_at <= $3 WHEN 'IN_PROGRESS' THEN lease_expires_at < $3 ELSE FALSE END)";

/**
 * Claims operations for one worker, atomically, on SQLite and on Postgres alike, so that several
 * gateway processes never take the same operation (`FOR UPDATE SKIP LOCKED` on Postgres; SQLite
 * has one writer). Ordered streams are claimed through their queue heads (writeback_queue_heads):
 * the claim reads the due heads from the front of their due-time index, so it costs what it
 * claims, whatever the backlog and the delivered history; the heads move in the same transaction.
 * SETUP operations have no order and are read from their own small partial index. An operation
 * whose lease ran out (its worker died) is claimable again.
 *
 * Every claim writes a fresh `claim_token`; the executor saves an outcome only where the token
 * is still its own, so a worker whose lease ran out and was taken over cannot overwrite anything.
 */
export class OperationClaimer {
  constructor(
    private readonly db: DataSource,
    readonly owner: string,
    private readonly leaseMs: number,
    private readonly batchLimit: BatchLimit,
  ) {}

  /**
   * The columns the claim's statements return, named: a result of `*` would change shape when a
   * newer gateway's migration adds a column, which a prepared statement refuses.
   */
  private get columns(): string {
    return (this.returning ??= this.db.getMetadata(WritebackOperationEntity).columns.map((c) => `"${c.databaseName}"`).join(', '));
  }
  private returning: string | undefined;

  async claim(limit: number, onlyId?: string): Promise<WritebackOperationEntity[][]> {
    const rows = await transact(this.db, (m) => this.claimIn(m, limit, randomUUID(), onlyId));
    if (!rows.length) return [];
    // The claim's statements return the rows they took: no second read.
    const heads = rows.map((row) => this.hydrate(row)).sort((a, b) => a.seq - b.seq);
    return Promise.all(heads.map((head) => (head.stream === 'FEED' ? this.withBatch(head) : [head])));
  }

  /** An operation from a row as the claim's statements return it, read the way TypeORM reads it. */
  private hydrate(row: Record<string, unknown>): WritebackOperationEntity {
    const meta = this.db.getMetadata(WritebackOperationEntity);
    const op = meta.create() as WritebackOperationEntity;
    for (const column of meta.columns) column.setEntityValue(op, this.db.driver.prepareHydratedValue(row[column.databaseName], column));
    return op;
  }

  private async claimIn(m: EntityManager, limit: number, token: string, onlyId?: string): Promise<Record<string, unknown>[]> {
    const now = Date.now();
    const lease = now + this.leaseMs;
    const lock = isPostgres(m) ? 'FOR UPDATE SKIP LOCKED' : '';
    const claimed = await runSql(
      m,
      `UPDATE writeback_operations SET ${CLAIM_SET}
       WHERE seq IN (
         SELECT seq FROM writeback_operations
         WHERE stream = 'SETUP' AND status IN ('PENDING', 'IN_PROGRESS') AND ${CLAIMABLE} ${onlyId ? 'AND id = $6' : ''}
         ORDER BY seq LIMIT $5 ${lock})
       RETURNING ${this.columns}`,
      onlyId ? [this.owner, lease, now, token, limit, onlyId] : [this.owner, lease, now, token, limit],
    );
    const room = limit - claimed.length;
    if (room <= 0 || (onlyId && claimed.length)) return claimed;

    // Taking the heads first (and skipping those another claim holds) is what makes a head claimed once;
    // their due time moves to the end of the lease in the same statement, so they are skipped until it runs out.
    const due = await runSql<{ company_id: string; stream: OperationStream; head_seq: number }>(
      m,
      `UPDATE writeback_queue_heads SET due_at = $3
       WHERE head_seq IN (
         SELECT head_seq FROM writeback_queue_heads
         WHERE due_at <= $1 ${onlyId ? 'AND head_seq = (SELECT seq FROM writeback_operations WHERE id = $4)' : ''}
         ORDER BY due_at LIMIT $2 ${lock})
       RETURNING company_id, stream, head_seq`,
      onlyId ? [now, room, lease, onlyId] : [now, room, lease],
    );
    if (!due.length) return claimed;
    const list = due.map((_, i) => `$${i + 5}`).join(', ');
    const taken = await runSql(
      m,
      `UPDATE writeback_operations SET ${CLAIM_SET}
       WHERE seq IN (${list}) AND ${CLAIMABLE}
       RETURNING ${this.columns}`,
      [this.owner, lease, now, token, ...due.map((h) => Number(h.head_seq))],
    );
    const takenSeqs = taken.map((r) => Number(r.seq));
    // A due head whose operation was not claimable is out of step (it should not happen): recompute it.
    const stale = due.filter((h) => !takenSeqs.includes(Number(h.head_seq)));
    for (const h of stale) await refreshHead(m, h.company_id, h.stream);
    return [...claimed, ...taken];
  }

  /** Statement lines due for the same account go in one request; a resend repeats the same batch, less any line released from it. */
  private async withBatch(head: WritebackOperationEntity): Promise<WritebackOperationEntity[]> {
    const repo = this.db.getRepository(WritebackOperationEntity);
    const lease = Date.now() + this.leaseMs;
    const lock = isPostgres(this.db) ? 'FOR UPDATE SKIP LOCKED' : '';
    const token = head.claimToken;
    if (head.batchId) {
      // A batch moves only with its head, so members still IN_PROGRESS belong to the claim that just lapsed.
      await runSql(
        this.db,
        `UPDATE writeback_operations SET ${CLAIM_SET} WHERE batch_id = $3 AND status IN ('PENDING', 'IN_PROGRESS')`,
        [this.owner, lease, head.batchId, token],
      );
      return repo.find({ where: { batchId: head.batchId, claimToken: token! }, order: { seq: 'ASC' } });
    }
    // A line already sent once (or released from a batch) is searched for on its own: a batch mixes only lines never sent.
    if (head.providerOperationId || head.outcomeUnknown || head.attempts > 0) return [head];
    const limit = await this.batchLimit(head.companyId);
    if (limit <= 1) return [head];
    const batchId = randomUUID();
    // The head and the lines that join it take the batch in one statement, under the head's lease.
    // One list of seqs rather than `seq = head OR seq IN (…)`, which Postgres reads with a scan of the whole table.
    const joined = await runSql(
      this.db,
      `UPDATE writeback_operations SET ${CLAIM_SET}, batch_id = $3
       WHERE seq IN (
         SELECT CAST($6 AS INTEGER)
         UNION ALL
         SELECT seq FROM (
           SELECT seq FROM writeback_operations
           WHERE company_id = $5 AND stream = 'FEED' AND status = 'PENDING' AND batch_id IS NULL AND provider_operation_id IS NULL AND attempts = 0 AND NOT outcome_unknown AND seq > $6
           ORDER BY seq LIMIT $7 ${lock}) AS followers)
       RETURNING ${this.columns}`,
      [this.owner, head.leaseExpiresAt ?? lease, batchId, token, head.companyId, head.seq, limit - 1],
    );
    head.batchId = batchId;
    const followers = joined
      .filter((r) => Number(r.seq) !== Number(head.seq))
      .map((r) => this.hydrate(r))
      .sort((a, b) => a.seq - b.seq);
    if (!followers.length) return [head];
    const account = head.payload.bankAccountId;
    const cut = followers.findIndex((f) => f.payload.bankAccountId !== account);
    if (cut >= 0) {
      const rest = followers.splice(cut);
      await repo.update({ seq: In(rest.map((r) => r.seq)) }, { status: 'PENDING', batchId: null, leaseOwner: null, leaseExpiresAt: null, claimToken: null });
    }
    return [head, ...followers];
  }
}

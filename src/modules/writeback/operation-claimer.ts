import { randomUUID } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import { isPostgres, runSql } from '../../common/sql';
import { WritebackOperationEntity } from './writeback-operation.entity';

/** Statement lines per provider request (Codat accepts up to 1,000). */
export const MAX_BATCH = 1000;

/**
 * Claims operations for one worker, atomically, on SQLite and on Postgres alike: one
 * `UPDATE … WHERE seq IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING` statement, so that
 * several gateway processes never take the same operation. Only the head of each
 * (company, stream) — its lowest undelivered `seq`, read from the partial index of undelivered
 * operations — may be taken, so a company's writes go out in order; and an operation
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
  ) {}

  async claim(limit: number, onlyId?: string): Promise<WritebackOperationEntity[][]> {
    const now = Date.now();
    const lock = isPostgres(this.db) ? 'FOR UPDATE SKIP LOCKED' : '';
    const token = randomUUID();
    const rows = await runSql<{ seq: number }>(
      this.db,
      `UPDATE writeback_operations SET status = 'IN_PROGRESS', lease_owner = $1, lease_expires_at = $2, claim_token = $${onlyId ? 6 : 5}
       WHERE seq IN (
         SELECT o.seq FROM writeback_operations o
         WHERE ((o.status = 'PENDING' AND o.next_attempt_at <= $3) OR (o.status = 'IN_PROGRESS' AND o.lease_expires_at < $3))
           ${onlyId ? 'AND o.id = $5' : ''}
           AND o.seq IN (
             SELECT MIN(h.seq) FROM writeback_operations h
             WHERE h.status IN ('PENDING', 'IN_PROGRESS') AND h.stream <> 'SETUP'
             GROUP BY h.company_id, h.stream
             UNION ALL
             SELECT s.seq FROM writeback_operations s WHERE s.status IN ('PENDING', 'IN_PROGRESS') AND s.stream = 'SETUP')
         ORDER BY o.seq
         LIMIT $4
         ${lock})
       RETURNING seq`,
      onlyId ? [this.owner, now + this.leaseMs, now, limit, onlyId, token] : [this.owner, now + this.leaseMs, now, limit, token],
    );
    if (!rows.length) return [];
    const heads = await this.db.getRepository(WritebackOperationEntity).find({ where: { seq: In(rows.map((r) => Number(r.seq))) }, order: { seq: 'ASC' } });
    return Promise.all(heads.map((head) => (head.stream === 'FEED' ? this.withBatch(head) : [head])));
  }

  /** Statement lines due for the same account go in one request; a resend repeats exactly the same batch. */
  private async withBatch(head: WritebackOperationEntity): Promise<WritebackOperationEntity[]> {
    const repo = this.db.getRepository(WritebackOperationEntity);
    const lease = Date.now() + this.leaseMs;
    const lock = isPostgres(this.db) ? 'FOR UPDATE SKIP LOCKED' : '';
    const token = head.claimToken;
    if (head.batchId) {
      // A batch moves only with its head, so members still IN_PROGRESS belong to the claim that just lapsed.
      await runSql(
        this.db,
        `UPDATE writeback_operations SET status = 'IN_PROGRESS', lease_owner = $1, lease_expires_at = $2, claim_token = $4 WHERE batch_id = $3 AND status IN ('PENDING', 'IN_PROGRESS')`,
        [this.owner, lease, head.batchId, token],
      );
      return repo.find({ where: { batchId: head.batchId, claimToken: token! }, order: { seq: 'ASC' } });
    }
    if (head.providerOperationId) return [head];
    const batchId = randomUUID();
    await repo.update({ seq: head.seq }, { batchId });
    head.batchId = batchId;
    const taken = await runSql<{ seq: number }>(
      this.db,
      `UPDATE writeback_operations SET status = 'IN_PROGRESS', lease_owner = $1, lease_expires_at = $2, batch_id = $3, claim_token = $7
       WHERE seq IN (
         SELECT seq FROM writeback_operations
         WHERE company_id = $4 AND stream = 'FEED' AND status = 'PENDING' AND batch_id IS NULL AND provider_operation_id IS NULL AND seq > $5
         ORDER BY seq LIMIT $6 ${lock})
       RETURNING seq`,
      [this.owner, lease, batchId, head.companyId, head.seq, MAX_BATCH - 1, token],
    );
    if (!taken.length) return [head];
    const followers = await repo.find({ where: { seq: In(taken.map((r) => Number(r.seq))) }, order: { seq: 'ASC' } });
    const account = head.payload.bankAccountId;
    const cut = followers.findIndex((f) => f.payload.bankAccountId !== account);
    if (cut >= 0) {
      const rest = followers.splice(cut);
      await repo.update({ seq: In(rest.map((r) => r.seq)) }, { status: 'PENDING', batchId: null, leaseOwner: null, leaseExpiresAt: null, claimToken: null });
    }
    return [head, ...followers];
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Queue heads for the ordered write-back streams, so a claim reads only what it claims; indexes
 * that keep claiming SETUP writes, following a batch of statement lines and listing a company's
 * operations independent of history.
 */
export class QueueHeads1764300000000 implements MigrationInterface {
  name = 'QueueHeads1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const str = (n: number) => (pg ? `character varying(${n})` : `varchar(${n})`);
    const pk = pg ? ', CONSTRAINT "PK_writeback_queue_heads" PRIMARY KEY ("company_id", "stream")' : ', PRIMARY KEY ("company_id", "stream")';
    await q.query(`CREATE TABLE "writeback_queue_heads" ("company_id" ${str(36)} NOT NULL, "stream" ${str(16)} NOT NULL, "head_seq" integer NOT NULL, "due_at" bigint NOT NULL${pk})`);
    await q.query(`CREATE UNIQUE INDEX "UQ_writeback_queue_heads_head" ON "writeback_queue_heads" ("head_seq")`);
    await q.query(`CREATE INDEX "IDX_writeback_queue_heads_due" ON "writeback_queue_heads" ("due_at")`);
    // Heads for whatever is undelivered already.
    await q.query(`INSERT INTO "writeback_queue_heads" ("company_id", "stream", "head_seq", "due_at")
      SELECT o."company_id", o."stream", o."seq", CASE WHEN o."status" = 'PENDING' THEN o."next_attempt_at" ELSE COALESCE(o."lease_expires_at", 0) END
      FROM "writeback_operations" o
      WHERE o."seq" IN (SELECT MIN(h."seq") FROM "writeback_operations" h WHERE h."status" IN ('PENDING', 'IN_PROGRESS') AND h."stream" <> 'SETUP' GROUP BY h."company_id", h."stream")`);
    await q.query(`DROP INDEX "IDX_writeback_operations_claim"`);
    await q.query(`CREATE INDEX "IDX_writeback_operations_setup" ON "writeback_operations" ("seq") WHERE "stream" = 'SETUP' AND "status" IN ('PENDING', 'IN_PROGRESS')`);
    await q.query(`CREATE INDEX "IDX_writeback_operations_company" ON "writeback_operations" ("company_id", "seq")`);
    await q.query(`CREATE INDEX "IDX_writeback_operations_company_status" ON "writeback_operations" ("company_id", "status", "seq")`);
    await q.query(`CREATE INDEX "IDX_writeback_operations_batch" ON "writeback_operations" ("batch_id") WHERE "batch_id" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_writeback_operations_batch"`);
    await q.query(`DROP INDEX "IDX_writeback_operations_company_status"`);
    await q.query(`DROP INDEX "IDX_writeback_operations_company"`);
    await q.query(`DROP INDEX "IDX_writeback_operations_setup"`);
    await q.query(`CREATE INDEX "IDX_writeback_operations_claim" ON "writeback_operations" ("status", "next_attempt_at")`);
    await q.query(`DROP TABLE "writeback_queue_heads"`);
  }
}

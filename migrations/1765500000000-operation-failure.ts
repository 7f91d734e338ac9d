import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Why a FAILED operation failed (the provider refused it, or delivery gave up), so that clients know whether a retry can succeed as it is. */
export class OperationFailure1765500000000 implements MigrationInterface {
  name = 'OperationFailure1765500000000';

  async up(q: QueryRunner): Promise<void> {
    const str = q.connection.options.type === 'postgres' ? 'character varying(16)' : 'varchar(16)';
    await q.query(`ALTER TABLE "writeback_operations" ADD COLUMN "failure" ${str}`);
    // Operations that failed before this column existed: the delivery rule's own wording says which gave up.
    await q.query(`UPDATE "writeback_operations" SET "failure" = CASE WHEN "last_error" LIKE 'gave up after %' THEN 'GAVE_UP' ELSE 'REJECTED' END WHERE "status" = 'FAILED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "writeback_operations" DROP COLUMN "failure"`);
  }
}

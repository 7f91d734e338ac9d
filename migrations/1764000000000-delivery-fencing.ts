import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox delivery: a claim token that fences every save to the worker still holding the claim,
 * a flag for a write whose outcome is unknown (the books are searched before it is sent again),
 * and when its first attempt went out (the give-up time budget counts from there).
 */
export class DeliveryFencing1764000000000 implements MigrationInterface {
  name = 'DeliveryFencing1764000000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    await q.query(`ALTER TABLE "writeback_operations" ADD "claim_token" ${pg ? 'character varying(36)' : 'varchar(36)'}`);
    await q.query(`ALTER TABLE "writeback_operations" ADD "outcome_unknown" boolean NOT NULL DEFAULT (${pg ? 'false' : '0'})`);
    await q.query(`ALTER TABLE "writeback_operations" ADD "first_attempt_at" bigint`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['first_attempt_at', 'outcome_unknown', 'claim_token']) {
      await q.query(`ALTER TABLE "writeback_operations" DROP COLUMN "${column}"`);
    }
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The mapping's switch for the automatic reconciliation rule of the borrower's bank lines with the lender: on unless turned off. */
export class AutoReconcileBankLines1765200000000 implements MigrationInterface {
  name = 'AutoReconcileBankLines1765200000000';

  async up(q: QueryRunner): Promise<void> {
    const yes = q.connection.options.type === 'postgres' ? 'true' : '(1)';
    await q.query(`ALTER TABLE "account_mappings" ADD COLUMN "auto_reconcile_bank_lines" boolean NOT NULL DEFAULT ${yes}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "account_mappings" DROP COLUMN "auto_reconcile_bank_lines"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Mappings and their history, recorded lending events, the lender-account feed and the outbox. */
export class Writeback1763800000000 implements MigrationInterface {
  name = 'Writeback1763800000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const str = (n: number) => (pg ? `character varying(${n})` : `varchar(${n})`);
    const ts = pg ? 'TIMESTAMP NOT NULL DEFAULT now()' : "datetime NOT NULL DEFAULT (datetime('now'))";
    const pk = (name: string, cols: string) => (pg ? `, CONSTRAINT "${name}" PRIMARY KEY (${cols})` : `, PRIMARY KEY (${cols})`);

    await q.query(`CREATE TABLE "account_mappings" ("company_id" ${str(36)} NOT NULL, "lender_bank_account_id" ${str(100)}, "designated_bank_account_id" ${str(100)}, "expense_account_id" ${str(100)}, "lender_supplier_id" ${str(100)}, "currency" ${str(3)}, "updated_at" ${ts}${pk('PK_0fbde338fd655df6cd00e670bda', '"company_id"')})`);
    await q.query(`CREATE TABLE "mapping_changes" ("id" ${str(36)} NOT NULL, "company_id" ${str(36)} NOT NULL, "actor" ${str(200)} NOT NULL, "changed_at" bigint NOT NULL, "before" text NOT NULL, "after" text NOT NULL${pk('PK_ea9826521cd65c58c73c25be0f4', '"id"')})`);
    await q.query(`CREATE INDEX "IDX_mapping_changes_company" ON "mapping_changes" ("company_id", "changed_at")`);

    await q.query(`CREATE TABLE "ledger_events" ("id" ${str(36)} NOT NULL, "company_id" ${str(36)} NOT NULL, "kind" ${str(32)} NOT NULL, "external_id" ${str(200)} NOT NULL, "payload_hash" ${str(64)} NOT NULL, "amount_minor" bigint NOT NULL, "currency" ${str(3)} NOT NULL, "date" ${str(10)} NOT NULL, "description" ${str(500)}, "reference" ${str(200)}, "invoice_id" ${str(100)}, "mapping" text NOT NULL, "created_at" ${ts}${pk('PK_4e5be3c13e3226c7f8b7f9c7d7f', '"id"')})`);
    await q.query(`CREATE UNIQUE INDEX "UQ_ledger_events_external" ON "ledger_events" ("company_id", "kind", "external_id")`);
    await q.query(`CREATE TABLE "statement_feeds" ("company_id" ${str(36)} NOT NULL, "bank_account_id" ${str(100)} NOT NULL, "balance_minor" bigint NOT NULL, "last_date" ${str(10)} NOT NULL${pk('PK_d9be948b6980c0921d78e3dabb7', '"company_id", "bank_account_id"')})`);

    const seq = pg ? '"seq" SERIAL NOT NULL' : '"seq" integer PRIMARY KEY AUTOINCREMENT NOT NULL';
    await q.query(`CREATE TABLE "writeback_operations" (${seq}, "id" ${str(36)} NOT NULL, "company_id" ${str(36)} NOT NULL, "event_id" ${str(36)}, "kind" ${str(32)} NOT NULL, "stream" ${str(16)} NOT NULL, "status" ${str(16)} NOT NULL, "payload" text NOT NULL, "attempts" integer NOT NULL DEFAULT ${pg ? "'0'" : '(0)'}, "last_error" text, "idempotency_key" ${str(64)} NOT NULL, "provider_operation_id" ${str(100)}, "provider_record_ids" text, "batch_id" ${str(36)}, "next_attempt_at" bigint NOT NULL, "lease_owner" ${str(64)}, "lease_expires_at" bigint, "completed_at" bigint, "created_at" ${ts}, "updated_at" ${ts}${pg ? ', CONSTRAINT "PK_b9c76237fd4e0721cfa037e5f61" PRIMARY KEY ("seq")' : ''})`);
    await q.query(`CREATE UNIQUE INDEX "UQ_writeback_operations_id" ON "writeback_operations" ("id")`);
    await q.query(`CREATE INDEX "IDX_writeback_operations_event" ON "writeback_operations" ("event_id")`);
    await q.query(`CREATE INDEX "IDX_writeback_operations_stream" ON "writeback_operations" ("company_id", "stream", "seq") WHERE "status" IN ('PENDING', 'IN_PROGRESS')`);
    await q.query(`CREATE INDEX "IDX_writeback_operations_claim" ON "writeback_operations" ("status", "next_attempt_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['writeback_operations', 'statement_feeds', 'ledger_events', 'mapping_changes', 'account_mappings']) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}

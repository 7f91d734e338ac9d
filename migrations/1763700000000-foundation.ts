import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Companies and admin API keys. Written per dialect so both databases get native types. */
export class Foundation1763700000000 implements MigrationInterface {
  name = 'Foundation1763700000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const ts = pg ? 'TIMESTAMP NOT NULL DEFAULT now()' : "DATETIME NOT NULL DEFAULT (datetime('now'))";
    const no = pg ? 'false' : '0';
    await q.query(`CREATE TABLE "api_keys" (
      "id" varchar(36) PRIMARY KEY NOT NULL,
      "name" varchar(100) NOT NULL,
      "key_hash" varchar(64) NOT NULL,
      "created_at" ${ts},
      CONSTRAINT "UQ_api_keys_key_hash" UNIQUE ("key_hash"))`);
    await q.query(`CREATE TABLE "companies" (
      "id" varchar(36) PRIMARY KEY NOT NULL,
      "name" varchar(200) NOT NULL,
      "external_ref" varchar(200) NOT NULL,
      "provider" varchar(16) NOT NULL,
      "provider_company_id" varchar(100) NOT NULL,
      "provider_connection_id" varchar(100) NOT NULL,
      "credentials_sealed" text,
      "writeback_enabled" boolean NOT NULL DEFAULT (${no}),
      "is_demo" boolean NOT NULL DEFAULT (${no}),
      "created_at" ${ts},
      "updated_at" ${ts},
      CONSTRAINT "UQ_companies_external_ref" UNIQUE ("external_ref"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "companies"`);
    await q.query(`DROP TABLE "api_keys"`);
  }
}

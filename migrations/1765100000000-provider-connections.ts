import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Connections of any provider: a company keeps its provider's non-secret configuration (JSON) apart
 * from its sealed secrets, which get a version; its connection's state as last checked; and one
 * key per provider that identifies the connection (one registration each). The companies registered
 * so far are Codat ones: their two ids move into the configuration and the key.
 * Also the mapping's internal-transfer account, and the step reached by a write realised in several calls.
 */
export class ProviderConnections1765100000000 implements MigrationInterface {
  name = 'ProviderConnections1765100000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const config = pg
      ? `json_build_object('companyId', "provider_company_id", 'connectionId', "provider_connection_id")::text`
      : `json_object('companyId', "provider_company_id", 'connectionId', "provider_connection_id")`;
    const values = {
      provider_config: config,
      connection_key: `"provider_company_id" || '/' || "provider_connection_id"`,
      credentials_version: `CASE WHEN "credentials_sealed" IS NULL THEN 0 ELSE 1 END`,
      connection_status: `'CONNECTED'`,
    };
    await q.query(`DROP INDEX "UQ_companies_provider_connection"`);
    if (pg) {
      for (const [column, type] of [['provider_config', 'text'], ['connection_key', 'varchar(200)'], ['connection_status', 'varchar(32)']]) {
        await q.query(`ALTER TABLE "companies" ADD COLUMN "${column}" ${type}`);
      }
      await q.query(`ALTER TABLE "companies" ADD COLUMN "credentials_version" integer NOT NULL DEFAULT '0'`);
      await q.query(`ALTER TABLE "companies" ADD COLUMN "tenant_name" varchar(200)`);
      await q.query(`ALTER TABLE "companies" ADD COLUMN "checked_at" bigint`);
      await q.query(`ALTER TABLE "companies" ADD COLUMN "connection_error" text`);
      await q.query(`UPDATE "companies" SET ${Object.entries(values).map(([c, v]) => `"${c}" = ${v}`).join(', ')}`);
      for (const column of ['provider_config', 'connection_key', 'connection_status']) await q.query(`ALTER TABLE "companies" ALTER COLUMN "${column}" SET NOT NULL`);
      await q.query(`ALTER TABLE "companies" DROP COLUMN "provider_company_id"`);
      await q.query(`ALTER TABLE "companies" DROP COLUMN "provider_connection_id"`);
    } else {
      // SQLite adds a NOT NULL column only with a default: the table is built again instead.
      await q.query(`CREATE TABLE "companies_next" (
        "id" varchar(36) PRIMARY KEY NOT NULL,
        "name" varchar(200) NOT NULL,
        "external_ref" varchar(200) NOT NULL,
        "provider" varchar(16) NOT NULL,
        "provider_config" text NOT NULL,
        "connection_key" varchar(200) NOT NULL,
        "credentials_sealed" text,
        "credentials_version" integer NOT NULL DEFAULT (0),
        "connection_status" varchar(32) NOT NULL,
        "tenant_name" varchar(200),
        "checked_at" bigint,
        "connection_error" text,
        "writeback_enabled" boolean NOT NULL DEFAULT (0),
        "is_demo" boolean NOT NULL DEFAULT (0),
        "created_at" datetime NOT NULL DEFAULT (datetime('now')),
        "updated_at" datetime NOT NULL DEFAULT (datetime('now')),
        CONSTRAINT "UQ_companies_external_ref" UNIQUE ("external_ref"))`);
      await q.query(`INSERT INTO "companies_next" ("id", "name", "external_ref", "provider", "provider_config", "connection_key", "credentials_sealed", "credentials_version", "connection_status", "writeback_enabled", "is_demo", "created_at", "updated_at")
        SELECT "id", "name", "external_ref", "provider", ${values.provider_config}, ${values.connection_key}, "credentials_sealed", ${values.credentials_version}, ${values.connection_status}, "writeback_enabled", "is_demo", "created_at", "updated_at" FROM "companies"`);
      await q.query(`DROP TABLE "companies"`);
      await q.query(`ALTER TABLE "companies_next" RENAME TO "companies"`);
    }
    await q.query(`CREATE UNIQUE INDEX "UQ_companies_provider_connection" ON "companies" ("provider", "connection_key")`);
    await q.query(`ALTER TABLE "account_mappings" ADD COLUMN "internal_transfer_account_id" varchar(100)`);
    await q.query(`ALTER TABLE "writeback_operations" ADD COLUMN "progress" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    await q.query(`ALTER TABLE "writeback_operations" DROP COLUMN "progress"`);
    await q.query(`ALTER TABLE "account_mappings" DROP COLUMN "internal_transfer_account_id"`);
    await q.query(`DROP INDEX "UQ_companies_provider_connection"`);
    const field = (name: string) => (pg ? `("provider_config"::json ->> '${name}')` : `json_extract("provider_config", '$.${name}')`);
    await q.query(`ALTER TABLE "companies" ADD COLUMN "provider_company_id" varchar(100) NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE "companies" ADD COLUMN "provider_connection_id" varchar(100) NOT NULL DEFAULT ''`);
    await q.query(`UPDATE "companies" SET "provider_company_id" = ${field('companyId')}, "provider_connection_id" = ${field('connectionId')}`);
    for (const column of ['provider_config', 'connection_key', 'credentials_version', 'connection_status', 'tenant_name', 'checked_at', 'connection_error']) {
      await q.query(`ALTER TABLE "companies" DROP COLUMN "${column}"`);
    }
    await q.query(`CREATE UNIQUE INDEX "UQ_companies_provider_connection" ON "companies" ("provider", "provider_company_id", "provider_connection_id")`);
  }
}

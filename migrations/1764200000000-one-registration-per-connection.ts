import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One registration per provider company and connection. */
export class OneRegistrationPerConnection1764200000000 implements MigrationInterface {
  name = 'OneRegistrationPerConnection1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX "UQ_companies_provider_connection" ON "companies" ("provider", "provider_company_id", "provider_connection_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "UQ_companies_provider_connection"`);
  }
}

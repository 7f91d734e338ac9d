import type { MigrationInterface, QueryRunner } from 'typeorm';

const LEASES = [1, 2, 3, 4, 5, 6, 7, 8];

/**
 * Providers' call budgets shared by every gateway process: one row per organisation (and one for
 * the app as a whole), holding the current minute's and day's calls left, a pause, and the calls
 * in flight as leases that lapse on their own if the process holding them dies.
 */
export class ProviderRateBudgets1765400000000 implements MigrationInterface {
  name = 'ProviderRateBudgets1765400000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const str = (n: number) => (pg ? `character varying(${n})` : `varchar(${n})`);
    const pk = pg ? ', CONSTRAINT "PK_provider_rate_budgets" PRIMARY KEY ("provider", "scope")' : ', PRIMARY KEY ("provider", "scope")';
    const leases = LEASES.map((n) => `, "lease_${n}" bigint NOT NULL`).join('');
    await q.query(
      `CREATE TABLE "provider_rate_budgets" ("provider" ${str(16)} NOT NULL, "scope" ${str(100)} NOT NULL, "seq" bigint NOT NULL, "noted" bigint NOT NULL, ` +
        `"minute_left" integer NOT NULL, "minute_ends" bigint NOT NULL, "day_left" integer NOT NULL, "day_ends" bigint NOT NULL, "paused_until" bigint NOT NULL${leases}${pk})`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "provider_rate_budgets"`);
  }
}

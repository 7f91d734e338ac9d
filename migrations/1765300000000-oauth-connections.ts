import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Connecting a company through OAuth: the steps kept server-side between the borrower's browser
 * requests (state and PKCE verifier, tokens awaiting the choice of an organisation); and why a
 * write is held, so that a reconnection releases only what the refused connection held.
 */
export class OAuthConnections1765300000000 implements MigrationInterface {
  name = 'OAuthConnections1765300000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const str = (n: number) => (pg ? `character varying(${n})` : `varchar(${n})`);
    const pk = pg ? ', CONSTRAINT "PK_connection_authorisations" PRIMARY KEY ("handle_hash")' : ', PRIMARY KEY ("handle_hash")';
    await q.query(`CREATE TABLE "connection_authorisations" ("handle_hash" ${str(64)} NOT NULL, "company_id" ${str(36)} NOT NULL, "data_sealed" text NOT NULL, "expires_at" bigint NOT NULL${pk})`);
    await q.query(`ALTER TABLE "writeback_operations" ADD COLUMN "hold_reason" ${str(16)}`);
    await q.query(`UPDATE "writeback_operations" SET "hold_reason" = 'WRITEBACK_OFF' WHERE "status" = 'HELD'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "writeback_operations" DROP COLUMN "hold_reason"`);
    await q.query(`DROP TABLE "connection_authorisations"`);
  }
}

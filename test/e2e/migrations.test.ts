import 'reflect-metadata';
import { createDataSource } from '../../src/database/data-source';
import { loadConfig } from '../../src/config';
import { createTestDatabase } from '../helpers/test-database';

describe('migrations', () => {
  it('build exactly the schema the entities describe, and undo cleanly', async () => {
    const db = await createTestDatabase();
    const ds = createDataSource(loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url }).database);
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      expect(await ds.showMigrations()).toBe(false);
      for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      const tables: { name: string }[] = await ds.query(
        ds.options.type === 'postgres'
          ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'"
          : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('migrations', 'sqlite_sequence')",
      );
      expect(tables).toEqual([]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});

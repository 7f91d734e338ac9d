import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDataSource } from '../../src/database/data-source';

/** A recorded event or a delivery's outcome must survive a power cut once answered, restart or not. */
describe('SQLite durability', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-durability-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const synchronousAfterOpening = async (file: string) => {
    const db = createDataSource({ kind: 'sqlite', file });
    await db.initialize();
    try {
      const [journal] = await db.query('PRAGMA journal_mode');
      const [sync] = await db.query('PRAGMA synchronous');
      return { journal: journal.journal_mode, synchronous: sync.synchronous };
    } finally {
      await db.destroy();
    }
  };

  it('syncs every commit to disk (FULL) on a new file and on a file reopened in WAL mode alike', async () => {
    const file = path.join(dir, 'gateway.sqlite');
    // SQLite's default is FULL for a new file and NORMAL for one already in WAL mode when opened.
    expect(await synchronousAfterOpening(file)).toEqual({ journal: 'wal', synchronous: 2 });
    expect(await synchronousAfterOpening(file)).toEqual({ journal: 'wal', synchronous: 2 });
  });
});

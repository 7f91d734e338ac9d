import { randomUUID } from 'node:crypto';
import { timeOrderedId } from '../src/common/time-ordered-id';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { isPostgres } from '../src/common/sql';
import { transact } from '../src/common/transaction';
import { OperationClaimer } from '../src/modules/writeback/operation-claimer';
import type { BenchCompany } from './bench-gateway';
import type { LoadResult } from './load';

/** Rows per INSERT statement, and statements per transaction, when preloading history. */
const ROWS_PER_INSERT = 500;
const INSERTS_PER_TRANSACTION = 40;

/**
 * Fills the outbox with `count` operations already delivered (SUCCEEDED), spread over the
 * companies, as a gateway would hold after months of work: written in multi-row INSERTs inside
 * big transactions, not delivered one by one. Their ids are made as the gateway makes them, in
 * the order of their creation times.
 */
export async function preloadDeliveredHistory(db: DataSource, companies: BenchCompany[], count: number, progress: (line: string) => void): Promise<void> {
  const now = Date.now();
  const ts = isPostgres(db) ? 'now()' : "datetime('now')";
  let written = 0;
  let lastReport = Date.now();
  while (written < count) {
    await transact(db, async (m) => {
      for (let s = 0; s < INSERTS_PER_TRANSACTION && written < count; s++) {
        const n = Math.min(ROWS_PER_INSERT, count - written);
        const rows: string[] = new Array(n);
        for (let i = 0; i < n; i++) {
          const k = written + i;
          const c = companies[k % companies.length];
          const line = k % 2 === 1;
          const payload = line
            ? `{"bankAccountId":"${c.lenderBankAccountId}","currency":"GBP","line":{"id":"${randomUUID()}","amountMinor":-${100 + (k % 9900)}}}`
            : `{"bankAccountId":"${c.lenderBankAccountId}","amountMinor":${100 + (k % 9900)},"currency":"GBP"}`;
          rows[i] = `('${timeOrderedId(now - (count - k))}', '${c.id}', NULL, '${line ? 'STATEMENT_LINE' : 'SPEND_MONEY'}', '${line ? 'FEED' : 'LEDGER'}', 'SUCCEEDED', '${payload}', 1, '${randomUUID()}', '${randomUUID()}', '["${randomUUID()}"]', ${now - (count - k)}, ${now - (count - k)}, ${ts}, ${ts})`;
        }
        await m.query(
          `INSERT INTO writeback_operations (id, company_id, event_id, kind, stream, status, payload, attempts, idempotency_key, provider_operation_id, provider_record_ids, next_attempt_at, completed_at, created_at, updated_at) VALUES ${rows.join(', ')}`,
        );
        written += n;
      }
    });
    if (Date.now() - lastReport >= 5000) {
      lastReport = Date.now();
      progress(`history: ${written.toLocaleString('en-GB')}/${count.toLocaleString('en-GB')} delivered operations written`);
    }
  }
  // As a database that has held this history for months would be: vacuumed, its statistics up
  // to date and its log checkpointed. Otherwise the vacuum and checkpoint that a million fresh rows
  // call for run during the timed samples, on the same cores.
  if (isPostgres(db)) {
    await db.query('VACUUM (ANALYZE) writeback_operations');
    await db.query('CHECKPOINT');
  } else {
    await db.query('ANALYZE');
    await db.query('PRAGMA wal_checkpoint(TRUNCATE)');
  }
}

/** Marks everything undelivered as delivered at once, so the next phase starts from an empty backlog. */
export async function markAllDelivered(db: DataSource): Promise<void> {
  await transact(db, async (m) => {
    await m.query(`UPDATE writeback_operations SET status = 'SUCCEEDED', completed_at = ${Date.now()}, lease_owner = NULL, lease_expires_at = NULL WHERE status IN ('PENDING', 'IN_PROGRESS')`);
    if (await hasQueueHeads(db)) await m.query('DELETE FROM writeback_queue_heads');
  });
}

async function hasQueueHeads(db: DataSource): Promise<boolean> {
  const rows: unknown[] = await db.query(
    isPostgres(db)
      ? "SELECT 1 FROM information_schema.tables WHERE table_name = 'writeback_queue_heads'"
      : "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'writeback_queue_heads'",
  );
  return rows.length > 0;
}

/**
 * Times `count` claims of `size` operations, as the worker makes them, over the backlog in the
 * database: after each, what was claimed is put back as it was, so every claim faces the same backlog.
 */
export async function measureClaims(db: DataSource, opts: { count: number; warmup: number; size: number }): Promise<LoadResult> {
  const claimer = new OperationClaimer(db, `bench-${randomUUID().slice(0, 8)}`, 60_000, async () => 1000);
  const heads = await hasQueueHeads(db);
  const latenciesMs = new Float64Array(opts.count);
  let elapsedMs = 0;
  for (let i = 0; i < opts.warmup + opts.count; i++) {
    const t0 = performance.now();
    const batches = await claimer.claim(opts.size);
    const took = performance.now() - t0;
    if (!batches.length) throw new Error('Nothing to claim: the claim benchmark needs a backlog');
    if (i >= opts.warmup) {
      latenciesMs[i - opts.warmup] = took;
      elapsedMs += took;
    }
    const all = batches.flat().map((op) => op.seq);
    const now = Date.now();
    await transact(db, async (m) => {
      await m.query(`UPDATE writeback_operations SET status = 'PENDING', lease_owner = NULL, lease_expires_at = NULL, batch_id = NULL, next_attempt_at = ${now} WHERE seq IN (${all.join(', ')})`);
      if (heads) await m.query(`UPDATE writeback_queue_heads SET due_at = ${now} WHERE head_seq IN (${batches.map((b) => b[0].seq).join(', ')})`);
    });
  }
  return { count: opts.count, elapsedMs, latenciesMs };
}

import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { createDataSource, migrate } from '../../src/database/data-source';
import { SqlRateBudgetLedger } from '../../src/modules/rate-budgets/sql-rate-budget.ledger';
import { MemoryRateBudgetLedger, type RateBudgetLedger, type RateGrant, type RateLimits } from '../../src/providers/rate-budget-ledger';
import { createTestDatabase, usingPostgres } from '../helpers/test-database';

const LIMITS: RateLimits = { concurrent: 5, perMinute: 20, perDay: 50, minuteMs: 1_000, dayMs: 100_000, leaseMs: 10_000 };
const ORG = { provider: 'ACME', scope: 'org-1' };
const T0 = 1_700_000_000_000;

/** Two ledgers on one budget: two gateway processes on one database, or one process's memory. */
type Pair = { a: RateBudgetLedger; b: RateBudgetLedger; close: () => Promise<void> };

async function sqlPair(): Promise<Pair> {
  let url: string;
  let drop = async () => {};
  if (usingPostgres()) ({ url, drop } = await createTestDatabase());
  else url = `sqlite:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wg-budget-')), 'gateway.sqlite')}`;
  const sources: DataSource[] = [];
  for (let i = 0; i < 2; i++) {
    const ds = createDataSource(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url }).database);
    await ds.initialize();
    if (i === 0) await migrate(ds);
    sources.push(ds);
  }
  return {
    a: new SqlRateBudgetLedger(sources[0]),
    b: new SqlRateBudgetLedger(sources[1]),
    close: async () => {
      for (const ds of sources) await ds.destroy();
      await drop();
    },
  };
}

async function memoryPair(): Promise<Pair> {
  const ledger = new MemoryRateBudgetLedger();
  return { a: ledger, b: ledger, close: async () => {} };
}

describe.each([
  ['in memory', memoryPair],
  [`in the database (${usingPostgres() ? 'Postgres' : 'SQLite'}), from two connections`, sqlPair],
])('rate budget ledger %s', (_name, open) => {
  let pair: Pair;
  beforeEach(async () => {
    pair = await open();
  });
  afterEach(() => pair.close());

  it('grants at most the concurrent calls between both processes, and a slot again once a call settles', async () => {
    const { a, b } = pair;
    const all = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).reserve(ORG, LIMITS, T0)));
    const granted = all.filter((r) => r.granted);
    expect(granted).toHaveLength(5);
    expect(all.filter((r) => !r.granted).map((r) => !r.granted && r.spent)).toEqual(new Array(7).fill('concurrent'));
    const first = granted[0] as RateGrant;
    await a.settle(ORG, first, { minute: null, day: null }, LIMITS, T0 + 10);
    expect((await b.reserve(ORG, LIMITS, T0 + 20)).granted).toBe(true);
    expect((await b.reserve(ORG, LIMITS, T0 + 20)).granted).toBe(false);
  });

  it("frees the slots of a process that died holding them once their leases lapse", async () => {
    const { a, b } = pair;
    for (let i = 0; i < 5; i++) expect((await a.reserve(ORG, LIMITS, T0)).granted).toBe(true);
    expect(await b.reserve(ORG, LIMITS, T0 + LIMITS.leaseMs - 1)).toMatchObject({ granted: false, spent: 'concurrent' });
    expect((await b.reserve(ORG, LIMITS, T0 + LIMITS.leaseMs)).granted).toBe(true);
  });

  it("grants the minute's calls across both processes, then refuses until a minute after the window's first answer", async () => {
    const { a, b } = pair;
    let granted = 0;
    for (let i = 0; i < 30; i++) {
      const ledger = i % 2 ? a : b;
      const r = await ledger.reserve(ORG, LIMITS, T0 + i);
      if (!r.granted) continue;
      granted += 1;
      // Each answered 5 ms after it was reserved; the first one at T0 + 5.
      await ledger.settle(ORG, r, { minute: LIMITS.perMinute - granted, day: LIMITS.perDay - granted }, LIMITS, T0 + 5 + i);
    }
    expect(granted).toBe(LIMITS.perMinute);
    expect(await a.reserve(ORG, LIMITS, T0 + 100)).toEqual({ granted: false, spent: 'minute', waitMs: 5 + LIMITS.minuteMs - 100 });
    expect((await b.reserve(ORG, LIMITS, T0 + 5 + LIMITS.minuteMs)).granted).toBe(true);
  });

  it('counts what the answers say was spent elsewhere, and a count back up as a new window', async () => {
    const { a, b } = pair;
    const r1 = await a.reserve(ORG, LIMITS, T0);
    if (!r1.granted) throw new Error('refused');
    // Another app spent 17 of the minute's calls: 2 left after this one.
    await a.settle(ORG, r1, { minute: 2, day: 40 }, LIMITS, T0 + 10);
    for (let i = 0; i < 2; i++) {
      const r = await b.reserve(ORG, LIMITS, T0 + 20);
      if (!r.granted) throw new Error('refused');
      await b.settle(ORG, r, { minute: null, day: null }, LIMITS, T0 + 30);
    }
    expect(await a.reserve(ORG, LIMITS, T0 + 40)).toMatchObject({ granted: false, spent: 'minute' });
    // The provider's window began again earlier than this budget assumed: an answer says so.
    const pair2 = { provider: 'ACME', scope: 'org-2' };
    const x = await a.reserve(pair2, LIMITS, T0);
    const y = await a.reserve(pair2, LIMITS, T0);
    if (!x.granted || !y.granted) throw new Error('refused');
    await a.settle(pair2, x, { minute: 18, day: 48 }, LIMITS, T0 + 10);
    await a.settle(pair2, y, { minute: 19, day: 47 }, LIMITS, T0 + 700);
    let more = 0;
    for (;;) {
      const r = await b.reserve(pair2, LIMITS, T0 + 800);
      if (!r.granted) break;
      more += 1;
      await b.settle(pair2, r, { minute: null, day: null }, LIMITS, T0 + 800);
    }
    // 19 left by y's answer, less x, which was in flight when y was reserved and might have been counted after it.
    expect(more).toBe(18);
    expect(await b.reserve(pair2, LIMITS, T0 + 800)).toEqual({ granted: false, spent: 'minute', waitMs: 700 + LIMITS.minuteMs - 800 });
  });

  it('never grants more than the minute allows when a later call reaches the provider before an earlier one', async () => {
    const { a, b } = pair;
    const first = await a.reserve(ORG, LIMITS, T0);
    const second = await b.reserve(ORG, LIMITS, T0 + 1);
    if (!first.granted || !second.granted) throw new Error('refused');
    // The provider admits the second call first: its answer counts it alone; the first is counted after it.
    await b.settle(ORG, second, { minute: LIMITS.perMinute - 1, day: LIMITS.perDay - 1 }, LIMITS, T0 + 10);
    await a.settle(ORG, first, { minute: LIMITS.perMinute - 2, day: LIMITS.perDay - 2 }, LIMITS, T0 + 20);
    let more = 0;
    for (;;) {
      const r = await (more % 2 ? a : b).reserve(ORG, LIMITS, T0 + 30);
      if (!r.granted) break;
      more += 1;
      await (more % 2 ? a : b).settle(ORG, r, { minute: null, day: null }, LIMITS, T0 + 30);
    }
    expect(2 + more).toBe(LIMITS.perMinute);
  });

  it('leaves room in a new minute window for the calls still in flight from the one before, which may land in it', async () => {
    const { a, b } = pair;
    const long = { ...LIMITS, leaseMs: 100_000 };
    for (let i = 0; i < 3; i++) expect((await a.reserve(ORG, long, T0)).granted).toBe(true);
    // The window the budget assumed is over; those three calls have not answered yet.
    const later = T0 + 5 * LIMITS.minuteMs;
    let granted = 0;
    for (;;) {
      const r = await b.reserve(ORG, long, later);
      if (!r.granted) break;
      granted += 1;
      await b.settle(ORG, r, { minute: null, day: null }, long, later);
    }
    expect(granted).toBe(LIMITS.perMinute - 3);
  });

  it("holds an organisation whose day is spent until the provider's time, and every organisation while the app is paused", async () => {
    const { a, b } = pair;
    await a.pause(ORG, T0 + 50_000, 'day');
    expect(await b.reserve(ORG, LIMITS, T0 + 1_000)).toEqual({ granted: false, spent: 'day', waitMs: 49_000 });
    expect((await b.reserve({ provider: 'ACME', scope: 'org-2' }, LIMITS, T0 + 1_000)).granted).toBe(true);
    expect((await b.reserve(ORG, LIMITS, T0 + 50_000)).granted).toBe(true);
    await b.pause({ provider: 'ACME', scope: '' }, T0 + 60_000, null);
    expect(await a.reserve({ provider: 'ACME', scope: 'org-3' }, LIMITS, T0 + 55_000)).toEqual({ granted: false, spent: 'app', waitMs: 5_000 });
    expect((await a.reserve({ provider: 'ACME', scope: 'org-3' }, LIMITS, T0 + 60_000)).granted).toBe(true);
  });
});

import type { BenchCompany, BenchGateway } from './bench-gateway';
import { collectGarbage } from './bench-gateway';
import { markAllDelivered, measureClaims, preloadDeliveredHistory } from './history';
import { summarise, type LatencySummary, type LoadResult } from './load';
import { recordFees } from './record-fees';
import { countSql, topShapes, type SqlCount } from './sql-counter';

/** Rounds the samples are split into, each timing both databases, in turns. */
const ROUNDS = 10;

export interface LatencyAtHistory {
  history: number;
  record: LatencySummary;
  /** SQL statements and transactions per recordFee request (the GraphQL answer's reads included). */
  recordSql: { statements: number; transactions: number };
  claim: LatencySummary;
}

export interface LatencySide {
  b: BenchGateway;
  companies: BenchCompany[];
  /** Delivered operations preloaded into this side's database. */
  history: number;
}

/**
 * Times recordFee and claims on two gateways at once, one on a database with no delivered
 * history and one with `history` delivered operations preloaded, in alternating rounds (which
 * one goes first alternates too). A machine whose pace drifts over the minutes of the phase then
 * weighs on both sides of the ratio alike, where timing one database after the other would
 * divide one moment's pace by another's.
 */
export async function measureLatencyPair(
  sides: [LatencySide, LatencySide],
  opts: { samples: number; claimSize: number; clients: number; date: string; progress: (line: string) => void },
): Promise<LatencyAtHistory[]> {
  const { samples, progress } = opts;
  for (const side of sides) {
    await markAllDelivered(side.b.gw.services.db);
    if (side.history) {
      progress(`latency: preloading ${side.history} delivered operations`);
      await preloadDeliveredHistory(side.b.gw.services.db, side.companies, side.history, progress);
    }
  }
  const warmup = Math.min(200, Math.max(20, Math.round(samples / 5)));
  const rounds = Math.min(ROUNDS, samples);
  const per = (round: number) => Math.floor(samples / rounds) + (round < samples % rounds ? 1 : 0);
  const results = sides.map(() => ({ record: [] as LoadResult[], claim: [] as LoadResult[], sql: [] as SqlCount[], fees: 0 }));
  progress(`latency: ${samples} recordFee and ${samples} claims of ${opts.claimSize} on each database, in ${rounds} rounds`);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const i of order) {
      const { b, companies } = sides[i];
      const first = round === 0 ? warmup : 0;
      collectGarbage();
      const counting = countSql(b.gw.services.db);
      results[i].record.push(await recordFees(b, companies, { prefix: `latency-${round}`, warmup: first, count: per(round), clients: opts.clients, date: opts.date }));
      results[i].sql.push(counting.stop());
      results[i].fees += first + per(round);
      results[i].claim.push(await measureClaims(b.gw.services.db, { count: per(round), warmup: first, size: opts.claimSize }));
    }
  }
  return sides.map((side, i) => {
    const r = results[i];
    const statements = r.sql.reduce((a, s) => a + s.statements, 0);
    const transactions = r.sql.reduce((a, s) => a + s.transactions, 0);
    progress(`latency (${side.history} delivered): statements per recordFee in the first round, by shape:\n${topShapes(r.sql[0], warmup + per(0))}`);
    return {
      history: side.history,
      record: summarise(joined(r.record)),
      recordSql: { statements: statements / r.fees, transactions: transactions / r.fees },
      claim: summarise(joined(r.claim)),
    };
  });
}

/** Several runs' timings as one. */
function joined(runs: LoadResult[]): LoadResult {
  const latenciesMs = new Float64Array(runs.reduce((a, r) => a + r.count, 0));
  let at = 0;
  for (const r of runs) {
    latenciesMs.set(r.latenciesMs, at);
    at += r.count;
  }
  return { count: at, elapsedMs: runs.reduce((a, r) => a + r.elapsedMs, 0), latenciesMs };
}

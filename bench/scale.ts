import os from 'node:os';
import type { BenchGateway, BenchCompany } from './bench-gateway';
import { setUpCompany } from './bench-gateway';
import type { BenchSettings } from './bench-settings';
import { SettingsError } from './bench-settings';
import { deliverAll, type DeliveryResult } from './delivery';
import { measureRawPosts } from './emulator-baseline';
import { runClosedLoop, summarise, type LatencySummary } from './load';
import { recordFees } from './record-fees';
import { measureLatencyPair, type LatencyAtHistory, type LatencySide } from './latency-pair';
import { markdownTable } from './report';
import { deliverWithProcesses, type ScaleOutResult } from './scale-out';

/** The scale mode's sizes, read from the environment; the defaults are the published run's. */
export interface ScaleSettings {
  /** Events recorded before each delivery run (BENCH_SCALE_BACKLOGS, comma-separated). */
  backlogs: number[];
  companies: number;
  /** Delivered operations preloaded for the "with history" latencies (BENCH_SCALE_HISTORY). */
  history: number;
  /** recordFee calls and claims timed in each latency phase (BENCH_SCALE_SAMPLES). */
  samples: number;
  /** Events delivered by one and by two gateway processes on Postgres (BENCH_SCALE_OUT_EVENTS). */
  scaleOutEvents: number;
  /** Deliveries of the smallest backlog, each on a fresh database, whose median the ratio takes (BENCH_SCALE_SMALL_RUNS). */
  smallRuns: number;
  /**
   * Where the Codat emulator runs (BENCH_SCALE_SANDBOX): `process`, one of its own, as a provider
   * is on machines of its own, so that delivery's rate is the gateway's; `embedded`, the gateway's
   * own sandbox, sharing its thread.
   */
  sandbox: 'process' | 'embedded';
}

export function loadScaleSettings(env: Record<string, string | undefined>): ScaleSettings {
  const int = (name: string, fallback: number, max = 10_000_000) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new SettingsError(`${name}=${raw} is invalid: expected an integer from 1 to ${max}`);
    return n;
  };
  const backlogs = (env.BENCH_SCALE_BACKLOGS || '5000,20000,100000').split(',').map((v) => Number(v.trim()));
  if (backlogs.some((n) => !Number.isInteger(n) || n < 1)) throw new SettingsError(`BENCH_SCALE_BACKLOGS=${env.BENCH_SCALE_BACKLOGS} is invalid: expected positive integers, comma-separated`);
  const sandbox = env.BENCH_SCALE_SANDBOX || 'process';
  if (sandbox !== 'process' && sandbox !== 'embedded') throw new SettingsError(`BENCH_SCALE_SANDBOX=${sandbox} is invalid: expected process or embedded`);
  return {
    backlogs,
    companies: int('BENCH_SCALE_COMPANIES', 1000, 10_000),
    history: int('BENCH_SCALE_HISTORY', 1_000_000),
    samples: int('BENCH_SCALE_SAMPLES', 1000),
    scaleOutEvents: int('BENCH_SCALE_OUT_EVENTS', 20_000),
    smallRuns: int('BENCH_SCALE_SMALL_RUNS', 3, 9),
    sandbox,
  };
}

export interface ScaleRunner {
  bench: BenchSettings;
  scale: ScaleSettings;
  withGateway<T>(fn: (b: BenchGateway) => Promise<T>): Promise<T>;
  describeDatabase(b: BenchGateway): Promise<string>;
  progress(line: string): void;
}

async function setUpCompanies(b: BenchGateway, n: number): Promise<BenchCompany[]> {
  const companies: BenchCompany[] = new Array(n);
  await runClosedLoop(n, 8, async (i) => {
    companies[i] = await setUpCompany(b, i + 1);
  });
  return companies;
}

interface Delivered {
  events: number;
  /** Which delivery of this backlog it was, and of how many. */
  run: [number, number];
  operations: number;
  elapsedMs: number;
  statements: number;
  transactions: number;
  /** HTTP exchanges with the provider (push POSTs, polls, reads) the delivery took. */
  exchanges: number;
  gcMs: number;
  cores: DeliveryResult['cores'];
  /** The emulator's raw POST rate measured just before this delivery, on its companies. */
  rawPerSecond: number;
}

/**
 * `npm run bench -- --scale`: delivery throughput at growing backlogs, recording and claiming
 * latency with and without a delivered history, the emulator's raw POST rate before each delivery,
 * and (on Postgres) delivery by two gateway processes against one.
 */
export async function runScale(r: ScaleRunner): Promise<string> {
  const { bench, scale, progress } = r;
  const date = new Date().toISOString().slice(0, 10);
  let database = '';
  let raw: LatencySummary | null = null;
  const deliveries: Delivered[] = [];

  const smallest = Math.min(...scale.backlogs);
  // The first delivery in a process also compiles the delivery path: an untimed one goes first.
  await r.withGateway(async (b) => {
    const warmup = Math.min(1000, smallest);
    progress(`warm-up: delivering ${warmup} events, not timed`);
    const companies = await setUpCompanies(b, Math.min(100, scale.companies));
    await recordFees(b, companies, { prefix: 'warmup', warmup: 0, count: warmup, clients: bench.clients, date });
    await deliverAll(b, companies, { timeoutMs: Math.max(bench.deliveryTimeoutMs, warmup * 50), progress });
  });

  const runs = deliveryOrder(scale.backlogs, scale.smallRuns);
  for (const { events, run } of runs) {
    const phase = `backlog ${backlogLabel(events, run, String)}`;
    await r.withGateway(async (b) => {
      database ||= await r.describeDatabase(b);
      progress(`${phase}: setting up ${scale.companies} companies`);
      const companies = await setUpCompanies(b, scale.companies);
      progress(`${phase}: recording with the worker stopped`);
      await recordFees(b, companies, { prefix: `backlog-${events}`, warmup: 0, count: events, clients: bench.clients, date });
      // Measured right before each delivery, not once: over a run of half an hour this machine's pace
      // moves as much as the ratios it would be divided into.
      progress(`${phase}: baseline: ${bench.baselineRequests} raw POST push/directCosts to the emulator`);
      const rawNow = summarise(await measureRawPosts(b, companies, { warmup: bench.baselineWarmup, requests: bench.baselineRequests, concurrency: bench.worker.concurrency, date }));
      raw ??= rawNow;
      progress(`${phase}: delivering`);
      const d = await deliverAll(b, companies, { timeoutMs: Math.max(bench.deliveryTimeoutMs, events * 50), progress });
      const q = d.requests;
      const exchanges = Object.values(q.pushPosts).reduce((a, n) => a + n, 0) + q.pushPolls + q.reads + q.other;
      deliveries.push({ events, run, operations: d.operations, elapsedMs: d.elapsedMs, statements: d.statements, transactions: d.transactions, exchanges, gcMs: d.gcMs, cores: d.cores, rawPerSecond: rawNow.perSecond });
    });
  }

  // Both databases at once, their samples in alternating rounds (see measureLatencyPair).
  const latencies = await r.withGateway((none) =>
    r.withGateway(async (aged) => {
      progress(`latency: setting up ${scale.companies} companies on each of two databases`);
      const sides: [LatencySide, LatencySide] = [
        { b: none, companies: await setUpCompanies(none, scale.companies), history: 0 },
        { b: aged, companies: await setUpCompanies(aged, scale.companies), history: scale.history },
      ];
      return measureLatencyPair(sides, { samples: scale.samples, claimSize: bench.worker.concurrency, clients: bench.clients, date, progress });
    }),
  );

  const scaleOut: ScaleOutResult[] = [];
  if (bench.postgresUrl) {
    for (const processes of [1, 2]) {
      scaleOut.push(await deliverWithProcesses(bench.postgresUrl, {
        databaseEnv: bench.databaseEnv, processes, companies: scale.companies, events: scale.scaleOutEvents, concurrency: bench.worker.concurrency, pollMs: bench.worker.pollMs,
        timeoutMs: Math.max(bench.deliveryTimeoutMs, scale.scaleOutEvents * 50), date, progress,
      }));
    }
  }
  return renderScaleReport({ bench, scale, database, raw: raw!, deliveries, latencies, scaleOut });
}

/**
 * The order of the deliveries: the smallest backlog's runs spread before, between and after the
 * larger ones rather than all first, so that a machine whose pace drifts during the half hour of
 * a run weighs on both sides of a ratio alike.
 *
 * @example deliveryOrder([5000, 20000, 100000], 3); // 5,000 (1 of 3), 20,000, 5,000 (2 of 3), 100,000, 5,000 (3 of 3)
 */
export function deliveryOrder(backlogs: number[], smallRuns: number): { events: number; run: [number, number] }[] {
  const smallest = Math.min(...backlogs);
  const larger = [...new Set(backlogs.filter((n) => n !== smallest))].sort((a, b) => a - b);
  const gaps = larger.length + 1;
  const gapOf = (k: number) => (smallRuns === 1 ? 0 : Math.round((k * (gaps - 1)) / (smallRuns - 1)));
  const order: { events: number; run: [number, number] }[] = [];
  for (let gap = 0, k = 0; gap < gaps; gap++) {
    for (; k < smallRuns && gapOf(k) === gap; k++) order.push({ events: smallest, run: [k + 1, smallRuns] });
    if (gap < larger.length) order.push({ events: larger[gap], run: [1, 1] });
  }
  return order;
}

const count = (n: number) => n.toLocaleString('en-GB');
/** A backlog, and which of its deliveries when it has several: `5,000 (run 2 of 3)`. */
const backlogLabel = (events: number, [run, of]: [number, number], format: (n: number) => string) => (of > 1 ? `${format(events)} (run ${run} of ${of})` : format(events));
const ms = (n: number) => `${n.toFixed(2)} ms`;
const perSecond = (n: number) => `${Math.round(n).toLocaleString('en-GB')}/s`;
const ratio = (n: number, goal: string) => `${n.toFixed(2)} (goal ${goal})`;

/** What the cores column holds, in its order: the parts that ran in processes of their own. */
function coresHeading(x: { scale: ScaleSettings; database: string }): string {
  const parts = [x.scale.sandbox === 'process' ? 'gateway' : 'gateway with the emulator'];
  if (x.scale.sandbox === 'process') parts.push('emulator');
  if (x.database.startsWith('PostgreSQL')) parts.push('Postgres');
  return `cores used: ${parts.join(' / ')}`;
}

function renderScaleReport(x: {
  bench: BenchSettings; scale: ScaleSettings; database: string; raw: LatencySummary;
  deliveries: Delivered[]; latencies: LatencyAtHistory[]; scaleOut: ScaleOutResult[];
}): string {
  const cpus = os.cpus();
  const setup = [
    ['date (UTC)', new Date().toISOString().replace(/\.\d+Z$/, 'Z')],
    ['machine', `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`],
    ['node', process.version],
    ['database', x.database],
    ['companies', count(x.scale.companies)],
    ['worker', `WORKER_CONCURRENCY=${x.bench.worker.concurrency}, WORKER_POLL_MS=${x.bench.worker.pollMs}`],
    ['Codat emulator', `${x.scale.sandbox === 'process' ? 'a process of its own' : 'embedded in the gateway (scale-out: a process of its own)'}, pushDelayMs=0`],
  ];
  const rawRates = x.deliveries.map((d) => d.rawPerSecond);
  const opsPaced = (d: Delivered) => d.operations / (d.elapsedMs / 1000) / d.rawPerSecond;
  const delivery = x.deliveries.map((d) => {
    const s = d.elapsedMs / 1000;
    return [
      backlogLabel(d.events, d.run, count), count(d.operations), `${s.toFixed(1)} s`, perSecond(d.events / s), perSecond(d.operations / s), perSecond(d.rawPerSecond), opsPaced(d).toFixed(2),
      `${(d.statements / d.operations).toFixed(2)} / ${(d.transactions / d.operations).toFixed(2)}`,
      (d.exchanges / d.operations).toFixed(2),
      `${((100 * d.gcMs) / d.elapsedMs).toFixed(1)} %`,
      [d.cores.gateway, d.cores.emulator, d.cores.database].filter((c): c is number => c !== null).map((c) => c.toFixed(2)).join(' / '),
    ];
  });
  const rate = (d: { events: number; elapsedMs: number }) => d.events / (d.elapsedMs / 1000);
  const least = Math.min(...x.deliveries.map((d) => d.events));
  const smallest = x.deliveries.filter((d) => d.events === least);
  /** The smallest backlog's median run, by `by`. */
  const medianRun = (by: (d: Delivered) => number) => [...smallest].sort((a, b) => by(a) - by(b))[Math.floor((smallest.length - 1) / 2)];
  const first = medianRun(rate);
  const most = Math.max(...x.deliveries.map((d) => d.events));
  const largest = x.deliveries.find((d) => d.events === most)!;
  const paced = (d: Delivered) => rate(d) / d.rawPerSecond;
  // One delivery per backlog counts in a ratio: the smallest backlog's median run by that ratio,
  // as for the paced events/s above; by events/s alone, a run of middling speed measured against
  // the run's fastest raw POSTs would stand for all three.
  const counted = [medianRun(opsPaced), ...x.deliveries.filter((d) => d.events !== least)];
  const latency = x.latencies.map((l) => [
    count(l.history), ms(l.record.p50), ms(l.record.p99), `${l.recordSql.statements.toFixed(2)} / ${l.recordSql.transactions.toFixed(2)}`, ms(l.claim.p50), ms(l.claim.p99),
  ]);
  const [none, full] = x.latencies;
  const ratios = [
    [`events/s at ${count(largest.events)} ÷ at ${count(first.events)}${smallest.length > 1 ? ` (its median run of ${smallest.length})` : ''}`, ratio(rate(largest) / rate(first), '≥ 0.9')],
    [`the same, each delivery's events/s ÷ the raw POST/s measured just before it`, ratio(paced(largest) / paced(medianRun(paced)), '≥ 0.9')],
    [`recordFee p50 with ${count(full.history)} delivered ÷ with none`, ratio(full.record.p50 / none.record.p50, '≤ 1.1')],
    [`claim p50 with ${count(full.history)} delivered ÷ with none`, ratio(full.claim.p50 / none.claim.p50, '≤ 1.1')],
    [`lowest delivery operations/s ÷ the raw POST/s measured just before it${smallest.length > 1 ? ` (at ${count(least)}, its median run of ${smallest.length})` : ''}`, ratio(Math.min(...counted.map(opsPaced)), '≥ 0.5')],
    ['the same, lowest single delivery (for information)', Math.min(...x.deliveries.map(opsPaced)).toFixed(2)],
  ];
  let out = `\n## Writeback Gateway benchmark: scale\n\n${markdownTable(['setting', 'value'], setup)}\n\n`;
  out += `Emulator raw POST push/directCosts, ${x.bench.worker.concurrency} concurrent, measured before each delivery: ${perSecond(Math.min(...rawRates))} to ${perSecond(Math.max(...rawRates))} (the first: p50 ${ms(x.raw.p50)}).\n\n`;
  out += `${markdownTable(['backlog (events), in the order delivered', 'operations', 'delivery', 'events/s', 'operations/s', 'raw POST/s just before', 'ops/s ÷ raw POST/s', 'SQL statements / transactions per operation', 'provider HTTP exchanges per operation', 'garbage collection', coresHeading(x)], delivery)}\n\n`;
  out += `${markdownTable(['delivered history', 'recordFee p50', 'recordFee p99', 'SQL statements / transactions per recordFee', `claim(${x.bench.worker.concurrency}) p50`, `claim(${x.bench.worker.concurrency}) p99`], latency)}\n\n`;
  if (x.scaleOut.length === 2) {
    const [one, two] = x.scaleOut;
    // CPU seconds per second of delivery: how many cores each part kept busy.
    const cores = (s: ScaleOutResult, used: number) => (used / (s.elapsedMs / 1000)).toFixed(2);
    out += `${markdownTable(
      ['gateway processes', 'operations', 'delivery', 'operations/s', 'written twice', 'cores used: gateways / emulator / Postgres', 'machine busy'],
      x.scaleOut.map((s) => [
        String(s.processes), count(s.operations), `${(s.elapsedMs / 1000).toFixed(1)} s`, perSecond(s.opsPerSecond), String(s.duplicates),
        `${cores(s, s.cpu.gateways)} / ${cores(s, s.cpu.emulator)} / ${cores(s, s.cpu.database)}`, `${Math.round(s.machineBusy * 100)} % of ${s.cores} cores`,
      ]),
    )}\n\n`;
    ratios.push(['operations/s with 2 processes ÷ with 1', ratio(two.opsPerSecond / one.opsPerSecond, '≥ 1.5')]);
    // Two processes cannot beat one by more than the cores the one-process run left idle: the
    // gateway, the emulator and Postgres all need CPU for each operation.
    const busy = (one.cpu.gateways + one.cpu.emulator + one.cpu.database) / (one.elapsedMs / 1000);
    ratios.push(['ceiling of that ratio on this machine: its cores ÷ the cores the one-process run kept busy (at most 2)', Math.min(2, one.cores / busy).toFixed(2)]);
  }
  out += `${markdownTable(['ratio', 'measured'], ratios)}\n`;
  return out;
}

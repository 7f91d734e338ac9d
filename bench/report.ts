import os from 'node:os';
import type { BenchSettings } from './bench-settings';
import type { DeliveryResult } from './delivery';
import type { LatencySummary } from './load';

export interface BenchReport {
  settings: BenchSettings;
  database: string;
  latency: LatencySummary;
  raw: LatencySummary;
  recording: LatencySummary;
  delivery: DeliveryResult;
}

/** A markdown table whose columns line up in a terminal too. */
export function markdownTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, col) => Math.max(h.length, ...rows.map((r) => r[col].length)));
  const line = (cells: string[]) => `| ${cells.map((c, col) => c.padEnd(widths[col])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const count = (n: number) => n.toLocaleString('en-GB');
const ms = (n: number) => `${n.toFixed(1)} ms`;
const rate = (n: number, unit: string) => `${n >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toFixed(1)} ${unit}`;
const sum = (values: number[]) => values.reduce((a, n) => a + n, 0);

export function renderReport({ settings, database, latency, raw, recording, delivery }: BenchReport): string {
  const seconds = delivery.elapsedMs / 1000;
  const eventsPerSecond = settings.events / seconds;
  const opsPerSecond = delivery.operations / seconds;
  const req = delivery.requests;
  const posts = sum(Object.values(req.pushPosts));
  const kinds = Object.entries(delivery.byKind);
  const cpus = os.cpus();

  const settingsRows = [
    ['date (UTC)', new Date().toISOString().replace(/\.\d+Z$/, 'Z')],
    ['machine', `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`],
    ['node', process.version],
    ['database', database],
    ['companies', count(settings.companies)],
    ['clients', `${settings.clients} concurrent for mutations, closed loop, undici's request from a worker thread of the gateway's process`],
    ['latency phase', `${count(settings.requests)} recordFee after ${count(settings.warmupRequests)} warm-up, worker stopped`],
    ['delivery phase', `${count(settings.events)} fees = ${kinds.map(([kind, k]) => `${count(k.count)} ${kind}`).join(' + ')} operations, recorded with the worker stopped`],
    ['worker', `WORKER_CONCURRENCY=${settings.worker.concurrency}, WORKER_POLL_MS=${settings.worker.pollMs}`],
    ['Codat emulator', 'embedded in the gateway, pushDelayMs=0'],
    ['baseline', `${count(settings.baselineRequests)} POST push/directCosts after ${count(settings.baselineWarmup)} warm-up, ${settings.worker.concurrency} concurrent, from a worker thread`],
  ];
  const resultRows = [
    ['recordFee latency p50', ms(latency.p50)],
    ['recordFee latency p90', ms(latency.p90)],
    ['recordFee latency p99', ms(latency.p99)],
    ['recordFee latency max', ms(latency.max)],
    ['recordFee throughput', rate(latency.perSecond, 'req/s')],
    [`recording the ${count(settings.events)} delivery events`, `${rate(recording.perSecond, 'req/s')} (p99 ${ms(recording.p99)})`],
    ['delivery time', `${seconds.toFixed(2)} s (last ${kinds.map(([kind, k]) => `${kind} after ${(k.doneAfterMs / 1000).toFixed(2)} s`).join(', ')})`],
    ['delivery throughput', `${rate(eventsPerSecond, 'events/s')}, ${rate(opsPerSecond, 'operations/s')}`],
    ['provider requests: push POSTs', `${count(posts)} (${Object.entries(req.pushPosts).map(([type, n]) => `${type} ${count(n)}`).join(', ')})`],
    ['provider requests: push-operation polls', count(req.pushPolls)],
    ['provider requests: reads', count(req.reads)],
    ['provider requests: other / not 2xx', `${count(req.other)} / ${count(req.notOk)}`],
    ['provider requests per event', ((posts + req.pushPolls + req.reads + req.other) / settings.events).toFixed(2)],
    ['emulator raw POST push/directCosts', `${rate(raw.perSecond, 'req/s')} (p50 ${ms(raw.p50)}, p99 ${ms(raw.p99)})`],
    ['ratio: delivery operations/s ÷ raw POST/s', (opsPerSecond / raw.perSecond).toFixed(3)],
    ['ratio: delivery events/s ÷ raw POST/s', (eventsPerSecond / raw.perSecond).toFixed(3)],
  ];
  return `\n## Writeback Gateway benchmark\n\n${markdownTable(['setting', 'value'], settingsRows)}\n\n${markdownTable(['measurement', 'result'], resultRows)}\n`;
}

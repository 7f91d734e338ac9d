import { performance } from 'node:perf_hooks';

export interface LoadResult {
  count: number;
  elapsedMs: number;
  /** Per call, in the order the calls were started. */
  latenciesMs: Float64Array;
}

/**
 * Calls `task(0)` … `task(count - 1)` from `concurrency` clients, each starting its next call as
 * soon as its previous one is answered (a closed loop, like a backend with a fixed pool). The
 * first failure stops every client and is thrown: a benchmark of failing calls means nothing.
 */
export async function runClosedLoop(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<LoadResult> {
  const latenciesMs = new Float64Array(count);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const client = async () => {
    while (!failure && next < count) {
      const i = next++;
      const t0 = performance.now();
      try {
        await task(i);
      } catch (error) {
        failure ??= { error };
        return;
      }
      latenciesMs[i] = performance.now() - t0;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, client));
  const elapsedMs = performance.now() - started;
  if (failure) throw (failure as { error: unknown }).error;
  return { count, elapsedMs, latenciesMs };
}

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  perSecond: number;
}

/** Nearest-rank percentiles: each figure is a latency some call really had. */
export function summarise(result: LoadResult): LatencySummary {
  const sorted = Float64Array.from(result.latenciesMs).sort();
  const at = (p: number) => sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
  return { p50: at(50), p90: at(90), p99: at(99), max: sorted[sorted.length - 1], perSecond: result.count / (result.elapsedMs / 1000) };
}

/**
 * How long to wait before attempt `attempt` (1 for the first retry): exponential with full jitter,
 * 200 ms doubling up to a minute, and never less than what the provider's Retry-After asked for.
 *
 * @example backoff(3) // a random whole number of milliseconds in [0, 800]
 */
export function backoff(attempt: number, retryAfterMs?: number): number {
  const ceiling = Math.min(60_000, 200 * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(Math.random() * ceiling);
  return Math.max(retryAfterMs ?? 0, jittered);
}

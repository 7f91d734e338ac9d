/**
 * The page of `items` that skips `offset` and holds at most `limit`: the part every paging style
 * shares (offset/limit, or page/pageSize with `offset = (page - 1) * pageSize`). Envelopes stay
 * each provider's own.
 *
 * @example
 * slice(['a', 'b', 'c', 'd'], 1, 2); // ['b', 'c']
 * slice(records, (page - 1) * pageSize, pageSize);
 */
export function slice<T>(items: readonly T[], offset: number, limit: number): T[] {
  const start = Math.max(0, Math.floor(offset));
  return items.slice(start, start + Math.max(0, Math.floor(limit)));
}

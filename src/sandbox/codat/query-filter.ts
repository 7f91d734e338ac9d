import { CodatError } from './codat-error';

/**
 * The subset of Codat's query language the sandbox understands: `field=value` clauses (dots for
 * sub-properties) joined by `&&`. Anything richer is refused as malformed rather than guessed at,
 * so a client relying on an operator the sandbox lacks finds out at once.
 */
export function queryFilter<T>(query: string | undefined, fields: readonly string[]): (item: T) => boolean {
  if (query === undefined || query.trim() === '') return () => true;
  if (query.length >= 2048 || /\|\||[{}~<>]|!=/.test(query)) throw CodatError.malformedQuery();
  const clauses = query.split('&&').map((clause) => {
    const match = /^\s*([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)\s*=\s*(.+?)\s*$/.exec(clause);
    if (!match) throw CodatError.malformedQuery();
    const [, path, value] = match;
    if (!fields.includes(path.split('.')[0])) throw CodatError.unresolvedProperty(path);
    return { path: path.split('.'), value };
  });
  return (item: T) => clauses.every(({ path, value }) => matches(valueAt(item, path), value));
}

/** Orders by one property; a leading `-` means descending, as in Codat's orderBy. */
export function orderItems<T>(items: T[], orderBy: string | undefined, fields: readonly string[]): T[] {
  if (orderBy === undefined || orderBy.trim() === '') return items;
  const descending = orderBy.startsWith('-');
  const path = orderBy.replace(/^-/, '').trim();
  if (!/^[A-Za-z][A-Za-z0-9.]*$/.test(path)) throw CodatError.malformedQuery();
  if (!fields.includes(path.split('.')[0])) throw CodatError.unresolvedProperty(path);
  const keys = path.split('.');
  return [...items].sort((a, b) => compare(valueAt(a, keys), valueAt(b, keys)) * (descending ? -1 : 1));
}

function valueAt(item: unknown, path: string[]): unknown {
  let current: unknown = item;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function matches(actual: unknown, expected: string): boolean {
  if (actual === null || actual === undefined) return false;
  if (typeof actual === 'number') return Number(expected) === actual;
  if (typeof actual === 'boolean') return expected.toLowerCase() === String(actual);
  if (typeof actual === 'string') return actual.toLowerCase() === expected.toLowerCase();
  return false;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

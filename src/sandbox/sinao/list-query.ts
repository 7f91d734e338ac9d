import { SinaoError } from './sinao-error';
import { intField, type Input } from './sinao-input';
import type { SinaoSandboxSettings } from './sinao-sandbox.store';

/**
 * Sinao's list parameters (#/components/parameters): `offset`, `limit` (default 10, 1 to 10,000),
 * `search` (free text), `filters` ([{name, comparator, value}], dotted names such as
 * `customer.id`, comparators `=`, `<`, `>`, `<=`, `>=`, `!=`, `LIKE`, `IN`, `REGEX`) and `order`
 * ([{name, direction}]), applied to the records as the API shows them.
 */

export const COMPARATORS = ['=', '<', '>', '<=', '>=', '!=', 'LIKE', 'IN', 'REGEX'] as const;
export type Comparator = (typeof COMPARATORS)[number];

export function listAnswer<T extends object>(items: T[], input: Input, searchFields: readonly string[], settings: SinaoSandboxSettings): { status: number; body: unknown } {
  let offset: number;
  let limit: number;
  try {
    offset = intField(input, 'offset', { min: 0 }) ?? 0;
    limit = intField(input, 'limit', { min: 1 }) ?? 10;
  } catch (error) {
    throw SinaoError.badRequest((error as Error).message);
  }
  if (limit > 10_000) throw SinaoError.badRequest('The limit field must not be greater than 10000.');

  const search = typeof input.search === 'string' ? input.search.trim().toLowerCase() : '';
  let found = items.filter((item) => !search || searchFields.some((field) => String(valueAt(item, field) ?? '').toLowerCase().includes(search)));
  for (const filter of listOf(input.filters, 'filters')) {
    const name = String(filter.name ?? '');
    const comparator = String(filter.comparator ?? '=').toUpperCase() as Comparator;
    if (!name) throw SinaoError.badRequest('Each filter needs a name.');
    if (!COMPARATORS.includes(comparator)) throw SinaoError.badRequest(`Unknown comparator ${comparator}; expected one of ${COMPARATORS.join(' ')}.`);
    found = found.filter((item) => compare(valueAt(item, name), comparator, filter.value));
  }
  const orders = listOf(input.order, 'order');
  if (orders.length > 0) {
    found = [...found].sort((a, b) => {
      for (const order of orders) {
        const cmp = compareValues(valueAt(a, String(order.name ?? '')), valueAt(b, String(order.name ?? '')));
        if (cmp !== 0) return String(order.direction ?? 'asc').toLowerCase() === 'desc' ? -cmp : cmp;
      }
      return 0;
    });
  }
  const page = found.slice(offset, offset + limit);
  return { status: 200, body: settings.listEnvelope === 'data' ? { data: page } : page };
}

/** Whether a value meets a `[property, comparator, value]` condition, as filters and rules write it. */
export function compare(actual: unknown, comparator: Comparator, expected: unknown): boolean {
  const wanted = expected === undefined || expected === null ? '' : String(expected);
  switch (comparator) {
    case '=': return compareValues(actual, wanted) === 0;
    case '!=': return compareValues(actual, wanted) !== 0;
    case '<': return compareValues(actual, wanted) < 0;
    case '>': return compareValues(actual, wanted) > 0;
    case '<=': return compareValues(actual, wanted) <= 0;
    case '>=': return compareValues(actual, wanted) >= 0;
    case 'IN': return wanted.split(',').map((part) => part.trim()).some((part) => compareValues(actual, part) === 0);
    // SQL LIKE with a case-insensitive collation: % any run, _ one character.
    case 'LIKE': return new RegExp(`^${wanted.split('').map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`, 'is').test(String(actual ?? ''));
    case 'REGEX': {
      try {
        return new RegExp(wanted, 'i').test(String(actual ?? ''));
      } catch {
        throw SinaoError.badRequest(`Invalid regular expression ${wanted}`);
      }
    }
    default: return false;
  }
}

function compareValues(a: unknown, b: unknown): number {
  if (a === undefined || a === null) return b === undefined || b === null || b === '' ? 0 : -1;
  if (typeof a === 'boolean') a = a ? 1 : 0;
  if (typeof b === 'boolean') b = b ? 1 : 0;
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na === nb ? 0 : na < nb ? -1 : 1;
  const sa = String(a).toLowerCase();
  const sb = String(b).toLowerCase();
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}

export function valueAt(item: unknown, path: string): unknown {
  let node: unknown = item;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function listOf(raw: unknown, name: string): Record<string, unknown>[] {
  if (raw === undefined || raw === '') return [];
  let value = raw;
  // JSON-encoded lists are read too, as some clients send them that way.
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw SinaoError.badRequest(`The ${name} field must be an array.`);
    }
  }
  const list = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : null;
  if (!list || !list.every((entry) => entry && typeof entry === 'object')) throw SinaoError.badRequest(`The ${name} field must be an array.`);
  return list as Record<string, unknown>[];
}

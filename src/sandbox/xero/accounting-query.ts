import type { Request } from 'express';
import { whereFilter } from './where-filter';

type Shown = Record<string, unknown>;

/** A query flag such as `includeArchived=true`. */
export function flag(value: unknown): boolean {
  return String(value).toLowerCase() === 'true';
}

/** A comma-separated query list (ids compared lower-cased). */
export function list(value: unknown, ids = true): string[] | undefined {
  if (value === undefined) return undefined;
  const items = [value].flat().flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);
  return ids ? items.map((v) => v.toLowerCase()) : items;
}

/** `where` then `order` (`Name ASC`, `Date DESC`, several by commas), as Xero applies them. */
export function listed(req: Request, items: Shown[], defaultOrder: string): Shown[] {
  const where = typeof req.query.where === 'string' && req.query.where.trim() !== '' ? whereFilter(req.query.where) : undefined;
  let kept = where ? items.filter(where) : [...items];
  // If-Modified-Since keeps the records changed since then (by UpdatedDateUTC, or CreatedDateUTC for transfers).
  const since = Date.parse(req.get('If-Modified-Since') ?? '');
  if (Number.isFinite(since)) {
    const stamp = (item: Shown) => Number(/^\/Date\((-?\d+)/.exec(String(item.UpdatedDateUTC ?? item.CreatedDateUTC ?? ''))?.[1] ?? Number.NaN);
    kept = kept.filter((item) => !(stamp(item) < since));
  }
  const order = typeof req.query.order === 'string' && req.query.order.trim() !== '' ? req.query.order : defaultOrder;
  const keys = order.split(',').map((part) => {
    const [field, direction] = part.trim().split(/\s+/);
    return { field, sign: direction?.toUpperCase() === 'DESC' ? -1 : 1 };
  });
  const value = (item: Shown, field: string) => {
    const entry = Object.entries(item).find(([name]) => name.toLowerCase() === field.toLowerCase())?.[1];
    const ms = typeof entry === 'string' ? /^\/Date\((-?\d+)/.exec(entry) : null;
    return ms ? Number(ms[1]) : entry;
  };
  return kept.sort((a, b) => {
    for (const { field, sign } of keys) {
      const x = value(a, field);
      const y = value(b, field);
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * sign;
    }
    return 0;
  });
}

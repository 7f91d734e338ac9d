import { CodatError } from './codat-error';
import { orderItems, queryFilter } from './query-filter';

export interface PageRequest {
  page?: string;
  pageSize?: string;
  query?: string;
  orderBy?: string;
}

export interface PagedEnvelope<T> {
  results: T[];
  pageNumber: number;
  pageSize: number;
  totalResults: number;
  _links: Record<'self' | 'current', { href: string }> & Partial<Record<'next' | 'previous', { href: string }>>;
}

/**
 * Filters, orders and pages a list into Codat's envelope (#/components/schemas/PagingInfo).
 * Hrefs are relative to the API root, as Codat's are, so they never carry the mount prefix.
 */
export function pagedList<T>(items: T[], request: PageRequest, basePath: string, fields: readonly string[], maxPageSize: number): PagedEnvelope<T> {
  const page = intParam('page', request.page, 1, 1, Number.MAX_SAFE_INTEGER);
  const askedSize = intParam('pageSize', request.pageSize, 100, 1, 5000);
  const pageSize = Math.max(1, Math.min(askedSize, maxPageSize));
  const filtered = orderItems(items.filter(queryFilter<T>(request.query, fields)), request.orderBy, fields);
  const start = (page - 1) * pageSize;
  const href = (p: number) => {
    const params = new URLSearchParams({ page: String(p), pageSize: String(pageSize) });
    if (request.query) params.set('query', request.query);
    if (request.orderBy) params.set('orderBy', request.orderBy);
    return { href: `${basePath}?${params.toString()}` };
  };
  const links: PagedEnvelope<T>['_links'] = { self: { href: basePath }, current: href(page) };
  if (start + pageSize < filtered.length) links.next = href(page + 1);
  if (page > 1) links.previous = href(Math.min(page - 1, Math.max(1, Math.ceil(filtered.length / pageSize))));
  return {
    results: filtered.slice(start, start + pageSize),
    pageNumber: page,
    pageSize,
    totalResults: filtered.length,
    _links: links,
  };
}

function intParam(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw CodatError.badRequest('Error processing request - not valid.', [
      { itemId: name, message: `${name} must be an integer between ${min} and ${max}.`, validatorName: 'Paging' },
    ]);
  }
  return value;
}

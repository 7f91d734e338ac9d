import { HttpClient, type HttpAttemptInfo } from '../http';
import { ProviderError } from '../provider-error';
import type { ProviderMessage } from '../accounting-provider';
import type { SinaoProviderConnection } from './sinao.settings';
import type { SinaoApiResponse } from './sinao.types';

export interface SinaoClientOptions {
  baseUrl: string;
  timeoutMs?: number;
  /** Page size asked for on list endpoints (Sinao takes 1 to 10,000; its default is 10). */
  pageSize?: number;
  onRequest?: (info: HttpAttemptInfo) => void;
}

type Query = Record<string, string | number | boolean | undefined>;
// Guards against a server whose paging never ends.
const MAX_PAGES = 10_000;

/**
 * Sinao's HTTP surface: the application's key in the `Api-Key` header, `ApiResponse` error bodies,
 * lists paged by `offset`/`limit` and answered as a bare array or as `{data: […]}`. Writes are sent
 * once: Sinao takes no idempotency key, so a retry is the outbox's decision, after a search.
 */
export class SinaoClient {
  private readonly http: HttpClient;
  private readonly pageSize: number;

  constructor(options: SinaoClientOptions) {
    this.pageSize = options.pageSize ?? 500;
    this.http = new HttpClient({
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      providerName: 'Sinao',
      authHint: 'check the API key stored for this company (it may have been deleted in Sinao)',
      parseError: parseSinaoError,
      onRequest: options.onRequest,
    });
  }

  async get<T>(conn: SinaoProviderConnection, path: string, query?: Query): Promise<T> {
    return (await this.http.request<T>({ method: 'GET', path: this.path(conn, path), query, headers: await this.auth(conn), retry: true })).body;
  }

  /** A write: sent once (see the class comment). */
  async send<T>(conn: SinaoProviderConnection, method: 'POST' | 'DELETE', path: string, body: unknown): Promise<T> {
    return (await this.http.request<T>({ method, path: this.path(conn, path), body, headers: await this.auth(conn), retry: false })).body;
  }

  /** Every record of a list endpoint, page by page until a page comes back short. */
  async listAll<T>(conn: SinaoProviderConnection, path: string, query: Query = {}): Promise<T[]> {
    const all: T[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await this.get<unknown>(conn, path, { ...query, offset: page * this.pageSize, limit: this.pageSize });
      const items = listItems<T>(body, path);
      all.push(...items);
      if (items.length < this.pageSize) return all;
    }
    throw new ProviderError('TEMPORARY', `Sinao kept returning pages for ${path} beyond ${MAX_PAGES} pages`);
  }

  /** `path` is relative to the application, e.g. `/transactions/`; an empty string is the application itself. */
  private path(conn: SinaoProviderConnection, path: string): string {
    return `/apps/${encodeURIComponent(conn.config.appId)}${path}`;
  }

  private async auth(conn: SinaoProviderConnection): Promise<Record<string, string>> {
    const key = (await conn.credentials.get())?.apiKey;
    if (!key) throw new ProviderError('UNAUTHORIZED', `No Sinao API key is stored for application ${conn.config.appId}`);
    return { 'Api-Key': key };
  }
}

/** A list answer: Sinao's specification gives bare arrays, its documentation shows `{data: […]}`. */
export function listItems<T>(body: unknown, path: string): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object' && Array.isArray((body as { data?: unknown }).data)) return (body as { data: T[] }).data;
  throw new ProviderError('TEMPORARY', `Sinao answered ${path} with something that is not a list`);
}

/** Sinao's `ApiResponse` (code, message, type), with Laravel-style field errors when there are any. */
export function parseSinaoError(status: number, body: unknown): { message: string; messages: ProviderMessage[] } {
  if (!body || typeof body !== 'object') return { message: typeof body === 'string' ? body.slice(0, 300) : `HTTP ${status}`, messages: [] };
  const e = body as SinaoApiResponse;
  const messages: ProviderMessage[] = Object.entries(e.errors ?? {}).flatMap(([field, list]) => (Array.isArray(list) ? list : [list]).map((message) => ({ field, message: String(message) })));
  const message = typeof e.message === 'string' && e.message ? e.message : messages[0]?.message ?? `HTTP ${status}`;
  if (!messages.length) messages.push({ field: null, message });
  return { message, messages };
}

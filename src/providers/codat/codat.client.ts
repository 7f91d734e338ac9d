import type { CodatProviderConnection } from './codat.settings';
import { HttpClient, type HttpAttemptInfo } from '../http';
import { ProviderError } from '../provider-error';
import { parseCodatError } from './codat.mappers';
import type { CodatPage } from './codat.types';

export interface CodatClientOptions {
  /** Defaults to https://api.codat.io; the sandbox emulator's URL in development. */
  baseUrl?: string;
  /** Gateway-wide key, used when a connection carries none. */
  apiKey?: string | null;
  timeoutMs?: number;
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * Retry pushes in-process (safe: same Idempotency-Key). The gateway turns this off because its
   * outbox worker retries durably, with attempts it records and a lease it must not outlive.
   */
  retryWrites?: boolean;
  /** Page size asked for on list endpoints; Codat may answer with fewer. */
  pageSize?: number;
  onRequest?: (info: HttpAttemptInfo) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const CODAT_BASE_URL = 'https://api.codat.io';
// Guards against a server whose paging never ends (e.g. a `next` link that points at itself).
const MAX_PAGES = 10_000;

/** Codat's HTTP surface: Basic auth with the base64 API key, ErrorMessage bodies, paged lists. */
export class CodatClient {
  private readonly http: HttpClient;
  private readonly apiKey: string | null;
  private readonly pageSize: number;
  private readonly retryWrites: boolean;

  constructor(options: CodatClientOptions = {}) {
    this.apiKey = options.apiKey ?? null;
    this.retryWrites = options.retryWrites ?? true;
    this.pageSize = options.pageSize ?? 500;
    this.http = new HttpClient({
      baseUrl: options.baseUrl ?? CODAT_BASE_URL,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      baseDelayMs: options.baseDelayMs,
      maxDelayMs: options.maxDelayMs,
      providerName: 'Codat',
      authHint: 'check CODAT_API_KEY or the API key stored for this company',
      parseError: parseCodatError,
      onRequest: options.onRequest,
      sleep: options.sleep,
      random: options.random,
    });
  }

  async get<T>(conn: CodatProviderConnection, path: string, query?: Record<string, string | number | undefined>): Promise<T> {
    const res = await this.http.request<T>({ method: 'GET', path, query, headers: await this.auth(conn), retry: true });
    return res.body;
  }

  /** A push: safe to retry because Codat replays the first answer to a repeated Idempotency-Key. */
  async post<T>(conn: CodatProviderConnection, path: string, body: unknown, idempotencyKey: string): Promise<T> {
    const headers = { ...(await this.auth(conn)), 'Idempotency-Key': idempotencyKey };
    const res = await this.http.request<T>({ method: 'POST', path, body, headers, retry: this.retryWrites });
    if (!res.body || typeof res.body !== 'object') {
      throw new ProviderError('TEMPORARY', `Codat accepted POST ${path} but answered without a push operation`, { status: res.status, maybeApplied: true });
    }
    return res.body;
  }

  /**
   * A POST that changes nothing in the books (e.g. queueing a sync): sent without an
   * Idempotency-Key and retried freely, since repeating it at worst asks for one more sync.
   */
  async command<T>(conn: CodatProviderConnection, path: string, query?: Record<string, string | undefined>): Promise<T> {
    const res = await this.http.request<T>({ method: 'POST', path, query, headers: await this.auth(conn), retry: true });
    return res.body;
  }

  /**
   * Every record of a list endpoint. Codat may cap the page size below what was asked, so the
   * loop goes on while the answer has a `next` link or the pages seen fall short of `totalResults`.
   */
  async listAll<T>(conn: CodatProviderConnection, path: string, query: Record<string, string | undefined> = {}): Promise<T[]> {
    const all: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const body = await this.get<CodatPage<T>>(conn, path, { ...query, page, pageSize: this.pageSize });
      const results = body?.results ?? [];
      all.push(...results);
      const pageNumber = body?.pageNumber ?? page;
      if (pageNumber !== page) {
        // Summing the same page again and again would pass for complete data.
        throw new ProviderError('TEMPORARY', `Codat answered page ${pageNumber} of ${path} when asked for page ${page}`);
      }
      const pageSize = body?.pageSize ?? results.length;
      const more = !!body?._links?.next || (typeof body?.totalResults === 'number' && pageNumber * pageSize < body.totalResults);
      if (!more || results.length === 0) return all;
    }
    throw new ProviderError('TEMPORARY', `Codat kept returning pages for ${path} beyond page ${MAX_PAGES}`);
  }

  private async auth(conn: CodatProviderConnection): Promise<Record<string, string>> {
    const key = (await conn.credentials.get())?.apiKey || this.apiKey;
    if (!key) {
      throw new ProviderError('UNAUTHORIZED', `No Codat API key for company ${conn.config.companyId}: set CODAT_API_KEY or store a key for the company`);
    }
    // Codat's Basic scheme encodes the whole key, with no "user:" prefix.
    return { Authorization: `Basic ${Buffer.from(key, 'utf8').toString('base64')}` };
  }
}

/** Builds a path from fixed segments and ids, escaping the ids. */
export function codatPath(strings: TemplateStringsArray, ...ids: string[]): string {
  return strings.reduce((path, part, i) => path + part + (i < ids.length ? encodeURIComponent(ids[i]) : ''), '');
}

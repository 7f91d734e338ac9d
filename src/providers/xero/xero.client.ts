import { HttpClient, type HttpAttemptInfo, type HttpMethod } from '../http';
import { ProviderError } from '../provider-error';
import type { ProviderMessage } from '../accounting-provider';
import { XeroRateBudget } from './xero-rate-budget';
import type { XeroTokens } from './xero-tokens';
import type { XeroProviderConnection } from './xero.settings';
import type { XeroApiException, XeroEnvelope } from './xero.types';

export interface XeroClientOptions {
  /** api.xero.com (the Accounting API is below it at `/api.xro/2.0`). */
  apiUrl: string;
  timeoutMs?: number;
  budget?: XeroRateBudget;
  onRequest?: (info: HttpAttemptInfo) => void;
}

type Query = Record<string, string | number | boolean | undefined>;

/** Xero answers up to 100 records a page on its paged endpoints. */
const PAGE_SIZE = 100;
const MAX_PAGES = 1000;

/**
 * Xero's Accounting API for one company: its access token (refreshed once after a 401, in case it
 * ran out in flight) and `xero-tenant-id` on every call, `Idempotency-Key` on writes, within the
 * organisation's rate budget. Reads are retried; a write is retried only under its idempotency key.
 *
 * @example
 * const { Accounts } = await client.call(conn, { method: 'GET', path: '/Accounts', query: { where: 'Type=="BANK"' } });
 */
export class XeroClient {
  private readonly http: HttpClient;
  private readonly feeds: HttpClient;
  readonly budget: XeroRateBudget;

  constructor(
    options: XeroClientOptions,
    private readonly tokens: XeroTokens,
  ) {
    this.budget = options.budget ?? new XeroRateBudget();
    this.http = new HttpClient({
      baseUrl: `${options.apiUrl.replace(/\/+$/, '')}/api.xro/2.0`,
      timeoutMs: options.timeoutMs,
      // Longer waits (a 429's Retry-After) are the rate budget's to share with the organisation's other calls.
      maxDelayMs: 2000,
      providerName: 'Xero',
      authHint: 'the borrower must connect their books again',
      parseError: parseXeroError,
      onRequest: options.onRequest,
    });
    this.feeds = new HttpClient({
      baseUrl: `${options.apiUrl.replace(/\/+$/, '')}/bankfeeds.xro/1.0`,
      timeoutMs: options.timeoutMs,
      maxDelayMs: 2000,
      providerName: 'Xero',
      authHint: 'the borrower must connect their books again, granting bank feeds',
      parseError: parseFeedsError,
      onRequest: options.onRequest,
    });
  }

  /** A call to the Bank Feeds API (camelCase bodies, problem+json errors), within the same budget. */
  async feed<T>(conn: XeroProviderConnection, req: { method: HttpMethod; path: string; query?: Query; body?: unknown }): Promise<T> {
    return (await this.call(conn, req, this.feeds)) as T;
  }

  async call(conn: XeroProviderConnection, req: { method: HttpMethod; path: string; query?: Query; body?: unknown; idempotencyKey?: string }, http: HttpClient = this.http): Promise<XeroEnvelope> {
    const tenantId = conn.config.tenantId;
    if (!tenantId) throw new ProviderError('UNAUTHORIZED', 'This company is not connected to a Xero organisation yet', { provider: 'Xero' });
    return this.budget.run(tenantId, async (ticket) => {
      let token = await this.tokens.accessToken(conn);
      for (let attempt = 0; ; attempt++) {
        const headers: Record<string, string> = { Authorization: `Bearer ${token}`, 'xero-tenant-id': tenantId };
        // An empty key breaks Xero's calls: a key is sent only when there is one.
        if (req.idempotencyKey) headers['Idempotency-Key'] = req.idempotencyKey.slice(0, 128);
        try {
          // A write is not resent here: a 5xx may follow a write that landed, and whether Xero still
          // holds the key then is not documented; the delivery looks for it in the books first.
          const res = await http.request<XeroEnvelope>({ ...req, headers, retry: req.method === 'GET' });
          await this.budget.note(tenantId, res.headers, ticket);
          return res.body ?? {};
        } catch (err) {
          // A 429 answered (not the budget's own refusal of a spent day, which has no answer's headers).
          if (err instanceof ProviderError && err.kind === 'RATE_LIMITED' && err.details.headers) await this.budget.throttled(tenantId, err.details.retryAfterMs, err.details.headers, ticket);
          // A token that ran out in flight: one more try with a newer one (a refresh, unless another process just did it).
          if (err instanceof ProviderError && err.details.status === 401 && attempt === 0) {
            token = await this.tokens.accessToken(conn, token);
            continue;
          }
          throw err;
        }
      }
    });
  }

  /** Every record of a paged collection (`Contacts`, `Invoices`, `BankTransactions`, `Payments`), page by page. */
  async listAll<K extends keyof XeroEnvelope>(conn: XeroProviderConnection, path: string, key: K, query: Query = {}): Promise<NonNullable<XeroEnvelope[K]>> {
    const all: unknown[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const body = await this.call(conn, { method: 'GET', path, query: { ...query, page, pageSize: PAGE_SIZE } });
      const items = (body[key] ?? []) as unknown[];
      all.push(...items);
      const pages = body.pagination?.pageCount;
      if (items.length < PAGE_SIZE || (pages !== undefined && page >= pages)) return all as NonNullable<XeroEnvelope[K]>;
    }
    throw new ProviderError('TEMPORARY', `Xero kept returning pages for ${path} beyond ${MAX_PAGES} pages`, { provider: 'Xero' });
  }
}

/**
 * Xero's error bodies: a `ValidationException` whose elements carry `ValidationErrors` (each
 * message kept word for word), or a problem body (`Title`, `Detail`) for 401/403/404.
 */
export function parseXeroError(status: number, body: unknown): { message: string; messages: ProviderMessage[] } {
  if (!body || typeof body !== 'object') return { message: typeof body === 'string' ? body.slice(0, 300) : `HTTP ${status}`, messages: [] };
  const e = body as XeroApiException & { Title?: string; Detail?: string };
  const messages: ProviderMessage[] = (e.Elements ?? []).flatMap((el) => (el.ValidationErrors ?? []).map((v) => ({ field: null, message: v.Message })));
  if (messages.length) return { message: messages.map((m) => m.message).join('; '), messages };
  const text = [e.Message, e.Detail, e.Title].find((v) => typeof v === 'string' && v !== '') ?? `HTTP ${status}`;
  return { message: text, messages: [{ field: null, message: text }] };
}

/** Bank Feeds' problem bodies (`title`, `detail`), or a 409's items each with its `errors`. */
export function parseFeedsError(status: number, body: unknown): { message: string; messages: ProviderMessage[] } {
  if (!body || typeof body !== 'object') return { message: typeof body === 'string' ? body.slice(0, 300) : `HTTP ${status}`, messages: [] };
  const e = body as { title?: string; detail?: string; type?: string; items?: Array<{ errors?: Array<{ title?: string; detail?: string }> }> };
  const problems = e.items ? e.items.flatMap((item) => item.errors ?? []) : [e];
  const messages: ProviderMessage[] = problems.map((p) => p.detail ?? p.title).filter((m): m is string => typeof m === 'string' && m !== '').map((message) => ({ field: null, message }));
  return { message: messages.map((m) => m.message).join('; ') || `HTTP ${status}`, messages };
}

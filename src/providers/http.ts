import { EventEmitter } from 'node:events';
import { request as send } from 'undici';
import { stringifyJson } from '../common/exact-json';
import type { ProviderMessage } from './accounting-provider';
import { ProviderError } from './provider-error';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Absolute path below the base URL, e.g. `/companies/42/data/accounts`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** Sent as JSON; an `ExactDecimal` anywhere in it is written with all its digits. */
  body?: unknown;
  /** Sent as `application/x-www-form-urlencoded` instead of a JSON body (OAuth token endpoints). */
  form?: Record<string, string>;
  /** Retry 408/429/5xx and network failures. Only for requests that are safe to repeat (GET, or a write with an idempotency key). */
  retry?: boolean;
}

export interface HttpResponse<T> {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON; undefined when the body is empty. */
  body: T;
}

export interface HttpAttemptInfo {
  method: HttpMethod;
  path: string;
  /** Null when no response came back (network failure or timeout). */
  status: number | null;
  durationMs: number;
  /** 1 for the first try. */
  attempt: number;
}

/**
 * Options of {@link HttpClient}.
 *
 * @example
 * const http = new HttpClient({
 *   baseUrl: 'https://api.acme.example',
 *   providerName: 'Acme Books',
 *   authHint: 'check ACME_API_KEY',
 *   defaultHeaders: { Authorization: `Basic ${Buffer.from(key).toString('base64')}` },
 *   parseError: (status, body) => ({ message: String((body as { error?: string })?.error ?? status), messages: [] }),
 *   onRequest: (info) => logger.debug(info, 'provider call'),
 * });
 */
export interface HttpClientOptions {
  baseUrl: string;
  /** Per attempt, covering connection, headers and body. */
  timeoutMs?: number;
  /** Extra attempts after the first one. */
  retries?: number;
  baseDelayMs?: number;
  /** Cap of one backoff wait; a Retry-After longer than this is handed to the caller instead of waited for. */
  maxDelayMs?: number;
  defaultHeaders?: Record<string, string>;
  /** Named in error messages, e.g. "Acme Books answered 401 Unauthorized". */
  providerName?: string;
  /** Appended to 401/403 messages, e.g. "check ACME_API_KEY". */
  authHint?: string;
  /** Reads the provider's own error body. */
  parseError?: (status: number, body: unknown) => { message: string; messages: ProviderMessage[] };
  onRequest?: (info: HttpAttemptInfo) => void;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); drives the backoff jitter. */
  random?: () => number;
}

/** A request as it goes out, body already encoded. */
type Outgoing = { method: HttpMethod; headers: Record<string, string>; body?: string };

type Attempt =
  | { kind: 'response'; status: number; headers: Record<string, string>; text: string }
  | { kind: 'failure'; timedOut: boolean; code: string | null; maybeSent: boolean };

// Failures raised before any byte left this process: the provider cannot have acted on them.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The one HTTP client every provider adapter uses: JSON, timeouts, retries with backoff, and normalised failures. */
export class HttpClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly name: string;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: HttpClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retries = Math.max(0, options.retries ?? 3);
    this.baseDelayMs = options.baseDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.name = options.providerName ?? 'The provider';
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
  }

  async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    const url = this.url(req);
    const headers: Record<string, string> = { Accept: 'application/json', ...this.options.defaultHeaders, ...req.headers };
    const init: Outgoing = { method: req.method, headers };
    if (req.form !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      init.body = new URLSearchParams(req.form).toString();
    } else if (req.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = stringifyJson(req.body);
    }
    const secrets = [...secretsOf(headers), ...formSecrets(req.form)].sort((a, b) => b.length - a.length);
    const maxAttempts = req.retry ? this.retries + 1 : 1;
    let mayHaveLanded = false;

    for (let attempt = 1; ; attempt++) {
      const result = await this.attempt(url, init, req, attempt);
      if (result.kind === 'response' && result.status >= 200 && result.status < 300) {
        return { status: result.status, headers: result.headers, body: this.parseBody<T>(result, req, secrets) };
      }
      mayHaveLanded ||= mayHaveReachedProvider(result);
      const retryAfterMs = result.kind === 'response' && (result.status === 429 || result.status === 503)
        ? parseRetryAfter(result.headers['retry-after'])
        : undefined;
      const retryable = result.kind === 'failure' || isRetryableStatus(result.status);
      const waitMs = retryAfterMs ?? this.backoff(attempt);
      if (!retryable || attempt >= maxAttempts || waitMs > this.maxDelayMs) {
        throw this.toError(result, req, attempt, retryAfterMs, mayHaveLanded, secrets);
      }
      await this.sleep(waitMs);
    }
  }

  private url(req: HttpRequest): string {
    const url = new URL(this.baseUrl + (req.path.startsWith('/') ? req.path : `/${req.path}`));
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  private async attempt(url: string, init: Outgoing, req: HttpRequest, attempt: number): Promise<Attempt> {
    const started = Date.now();
    // undici's own request rather than fetch, and a plain emitter as the abort signal: fetch and
    // AbortSignal.timeout cost the gateway several times the CPU of the exchange itself.
    const abort = new EventEmitter();
    const timer = setTimeout(() => abort.emit('abort'), this.timeoutMs);
    let result: Attempt;
    try {
      const res = await send(url, { ...init, signal: abort });
      const text = await res.body.text();
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(res.headers)) if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
      result = { kind: 'response', status: res.statusCode, headers, text };
    } catch (err) {
      const timedOut = isTimeout(err);
      const code = errorCode(err);
      result = { kind: 'failure', timedOut, code, maybeSent: timedOut || !code || !NOT_SENT_CODES.has(code) };
    } finally {
      clearTimeout(timer);
    }
    try {
      this.options.onRequest?.({ method: req.method, path: req.path, status: result.kind === 'response' ? result.status : null, durationMs: Date.now() - started, attempt });
    } catch {
      // A logging hook must never change the outcome of a call.
    }
    return result;
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    return Math.floor(this.random() * ceiling);
  }

  private parseBody<T>(result: Extract<Attempt, { kind: 'response' }>, req: HttpRequest, secrets: string[]): T {
    if (result.text.trim() === '') return undefined as T;
    try {
      return JSON.parse(result.text) as T;
    } catch {
      const message = `${this.name} answered ${req.method} ${req.path} with ${result.status} but a body that is not JSON: ${snippet(result.text)}`;
      throw new ProviderError('TEMPORARY', redact(message, secrets), { status: result.status, maybeApplied: req.method !== 'GET', provider: this.options.providerName });
    }
  }

  private toError(result: Attempt, req: HttpRequest, attempts: number, retryAfterMs: number | undefined, mayHaveLanded: boolean, secrets: string[]): ProviderError {
    const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
    const maybeApplied = req.method !== 'GET' && mayHaveLanded;
    const target = `${req.method} ${req.path}`;
    if (result.kind === 'failure') {
      const why = result.timedOut ? `did not answer ${target} within ${this.timeoutMs} ms` : `could not be reached for ${target} (${result.code ?? 'network error'})`;
      return new ProviderError('TEMPORARY', redact(`${this.name} ${why}${tries}`, secrets), { maybeApplied, provider: this.options.providerName });
    }
    const { status } = result;
    const parsed = this.parseErrorBody(status, result.text);
    const said = parsed.message ? `: ${parsed.message}` : '';
    const answered = `${this.name} answered ${status} ${reasonPhrase(status)}`;
    const hint = this.options.authHint ? `: ${this.options.authHint}` : '';
    const clean = (m: string) => redact(m, secrets);
    const messages = parsed.messages.map((m) => ({ field: m.field === null ? null : clean(m.field), message: clean(m.message) }));
    const details = { status, messages, provider: this.options.providerName };
    switch (true) {
      case status === 400 || status === 422:
        return new ProviderError('REJECTED', clean(`${answered} to ${target}${said}`), details);
      case status === 401 || status === 403:
        // A 401 body only repeats "Unauthorized"; a 403 body says why (outdated key, key for another resource).
        return new ProviderError('UNAUTHORIZED', clean(`${answered}${hint}${status === 403 && parsed.message ? ` (${parsed.message})` : ''}`), details);
      case status === 404:
        return new ProviderError('NOT_FOUND', clean(`${answered} to ${target}${said}`), details);
      case status === 429: {
        const wait = retryAfterMs !== undefined ? `; retry after ${Math.ceil(retryAfterMs / 1000)} s` : '; retry later';
        return new ProviderError('RATE_LIMITED', clean(`${answered} to ${target}${tries}${wait}`), { ...details, retryAfterMs, headers: result.headers });
      }
      case status === 409:
        return new ProviderError('TEMPORARY', clean(`${answered} to ${target}${said}`), { ...details, maybeApplied });
      case status === 408 || status >= 500:
        return new ProviderError('TEMPORARY', clean(`${answered} to ${target}${tries}${said}`), { ...details, retryAfterMs, maybeApplied });
      default:
        return new ProviderError('REJECTED', clean(`${answered} to ${target}${said}`), details);
    }
  }

  private parseErrorBody(status: number, text: string): { message: string; messages: ProviderMessage[] } {
    let body: unknown = text;
    try {
      body = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      // Proxies and gateways answer with HTML or plain text: keep the text.
    }
    if (this.options.parseError) {
      try {
        return this.options.parseError(status, body);
      } catch {
        // A body the provider parser does not understand falls back to the generic reading.
      }
    }
    return defaultParseError(body);
  }
}

function defaultParseError(body: unknown): { message: string; messages: ProviderMessage[] } {
  if (typeof body === 'string') return { message: snippet(body), messages: [] };
  if (body && typeof body === 'object') {
    const o = body as Record<string, unknown>;
    const text = [o.message, o.error, o.detail, o.title].find((v) => typeof v === 'string' && v !== '');
    if (typeof text === 'string') return { message: text, messages: [{ field: null, message: text }] };
  }
  return { message: '', messages: [] };
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function mayHaveReachedProvider(result: Attempt): boolean {
  if (result.kind === 'failure') return result.maybeSent;
  // 409 on a write means an earlier request with the same idempotency key is still being processed.
  return result.status === 409 || (result.status >= 500 && result.status !== 503);
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function isTimeout(err: unknown): boolean {
  const name = (err as { name?: string })?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

function errorCode(err: unknown): string | null {
  const cause = (err as { cause?: { code?: unknown } })?.cause;
  const code = cause?.code ?? (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code : null;
}

/** Every form in which a credential from the headers could be echoed back: the header value, its token, and the decoded Basic key. */
function secretsOf(headers: Record<string, string>): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!/^(authorization|proxy-authorization|x-api-key|api-key)$/i.test(name) || !value) continue;
    secrets.push(value);
    const token = value.replace(/^\s*\S+\s+/, '');
    if (token !== value) secrets.push(token);
    if (/^basic\s/i.test(value)) {
      const decoded = Buffer.from(token, 'base64').toString('utf8');
      // user:password pairs: each half is a secret too, unless too short to be one.
      secrets.push(decoded, ...decoded.split(':').filter((part) => part.length >= 8));
    }
  }
  // Longest first so a value is never half-replaced through one of its parts.
  return secrets.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
}

/** Values of a form that are credentials (OAuth codes, tokens, client secrets), so that no error message repeats them. */
function formSecrets(form: Record<string, string> | undefined): string[] {
  if (!form) return [];
  return Object.entries(form)
    .filter(([name, value]) => /secret|token|code|verifier|password/i.test(name) && value.length >= 4)
    .map(([, value]) => value);
}

function redact(text: string, secrets: string[]): string {
  return secrets.reduce((acc, secret) => acc.split(secret).join('[redacted]'), text);
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 408: 'Request Timeout', 409: 'Conflict', 422: 'Unprocessable Entity',
  429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Error';
}

import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import type { ErrorDialect } from './error-dialect';
import { exchangeRecorder, type Exchange } from './exchange-recorder';
import type { CommonFault, FaultQueue, FaultTarget } from './fault-queue';
import { fingerprint, type IdempotencyCache } from './idempotency-cache';
import type { Reply } from './reply';
import type { RequestLog } from './request-log';

export type Handler = (req: Request) => Reply;

/**
 * What `authorize` decides: let the request through (`true`, or with the `principal` it acts as,
 * which handlers read with `principalOf`), refuse it with the dialect's `unauthorized()` (`false`),
 * or refuse it with a reply of the provider's own (`{ refusal }`: an expired token, a bad key).
 */
export type Authorization = boolean | { principal: unknown } | { refusal: Reply };

/** The bodies an edge reads besides JSON. */
export interface BodyKinds {
  /** application/x-www-form-urlencoded. */
  form?: boolean;
  /** multipart/form-data, files read into memory. */
  multipart?: boolean;
}

const principals = new WeakMap<Request, unknown>();

/**
 * The principal `authorize` let a request through as, if it named one.
 *
 * @example
 * const user = principalOf<{ userId: number }>(req);
 */
export function principalOf<P>(req: Request): P | undefined {
  return principals.get(req) as P | undefined;
}

export interface EdgeOptions<K extends string> {
  dialect: ErrorDialect;
  faults: FaultQueue<K | CommonFault>;
  log: RequestLog;
  /** Whether the request carries credentials the sandbox accepts, and as whom (see `Authorization`). */
  authorize(req: Request): Authorization;
  /** The tenant a routed request belongs to (a company, an app): faults match it, keys are scoped by it. */
  scope(req: Request): string | undefined;
  /** The provider's idempotency keys; a provider without them leaves this out. */
  idempotency?: { cache: IdempotencyCache; header?: string; methods?: readonly string[] };
  /** Runs first on every routed request (an emulator completes the asynchronous work now due). */
  beforeEach?(): void;
  /** Called once per exchange, after the response is sent or dropped. */
  onExchange?(exchange: Exchange): void;
  /** The body parsers' limit (default 25mb). */
  bodyLimit?: string;
  /** Bodies read besides JSON (default none). */
  bodies?: BodyKinds;
}

export interface Edge {
  /** Mount before the provider's routes: the exchange recorder, authentication and bodies. */
  readonly entry: Array<RequestHandler | ErrorRequestHandler>;
  /** Mount after them: unknown paths and stray errors, answered in the provider's dialect. */
  readonly exit: Array<RequestHandler | ErrorRequestHandler>;
  /** Wraps one endpoint in the pipeline; handlers stay pure functions from request to reply. */
  route(handler: Handler): RequestHandler;
}

/**
 * A provider's edge, in the order a real one applies it: rate limiting (a 429 never touches the
 * idempotency key), the idempotency-key check, then the handler (or an injected 500: before the
 * write, or after it when the fault is `applied`), then an injected delay, then a dropped
 * connection (after the write, or before it when the fault is `applied: false`). Errors are worded
 * by the provider's dialect.
 *
 * @example
 * const edge = createEdge({ dialect, faults, log, authorize: (req) => keys.has(req.get('Api-Key') ?? ''), scope: (req) => req.params.appId });
 * const api = Router();
 * api.use(...edge.entry);
 * api.get('/apps/:appId/transactions/', edge.route((req) => ({ status: 200, body: list(req) })));
 * api.use(...edge.exit);
 */
export function createEdge<K extends string>(opts: EdgeOptions<K>): Edge {
  const { dialect, faults } = opts;
  const header = opts.idempotency?.header ?? 'Idempotency-Key';
  const keyed = new Set((opts.idempotency?.methods ?? ['POST']).map((m) => m.toUpperCase()));

  if (opts.idempotency && (!dialect.keyInFlight || !dialect.keyMismatch)) throw new Error('An edge with idempotency keys needs a dialect with keyInFlight and keyMismatch');

  const run = (req: Request, handler: Handler, target: FaultTarget): Reply => {
    const failure = faults.take(['SERVER_ERROR'], target);
    if (failure && !failure.applied) return dialect.serverError();
    let reply: Reply;
    try {
      reply = handler(req);
    } catch (error) {
      reply = dialect.fromThrown(error);
    }
    return failure ? dialect.serverError() : reply;
  };

  const route = (handler: Handler): RequestHandler => async (req: Request, res: Response) => {
    opts.beforeEach?.();
    const scope = opts.scope(req);
    const target: FaultTarget = { method: req.method, path: req.path, companyId: scope };
    const rateLimit = faults.take(['RATE_LIMIT'], target);
    if (rateLimit) return send(res, dialect.rateLimited(rateLimit.retryAfterSeconds ?? 1));
    const lost = faults.take(['LOSE_RESPONSE'], target);
    if (lost && lost.applied === false) return drop(req, res, null);

    const cache = opts.idempotency?.cache;
    const key = cache && keyed.has(req.method) ? req.get(header)?.trim() : undefined;
    let reply: Reply;
    let holdsKey = false;
    if (cache && key) {
      const found = cache.begin(scope ?? '', key, fingerprint(req));
      if (found.kind === 'in-flight') reply = dialect.keyInFlight!();
      else if (found.kind === 'mismatch') reply = dialect.keyMismatch!();
      else if (found.kind === 'replay') reply = replay(found.reply);
      else {
        holdsKey = true;
        reply = run(req, handler, target);
      }
    } else {
      reply = run(req, handler, target);
    }

    try {
      const slow = faults.take(['SLOW_RESPONSE'], target);
      if (slow) await new Promise((resolve) => setTimeout(resolve, slow.delayMs ?? 1000));
    } finally {
      if (holdsKey) cache!.finish(scope ?? '', key!, reply);
    }
    if (lost) return drop(req, res, reply);
    send(res, reply);
  };

  const authorize: RequestHandler = (req, res, next) => {
    const verdict = opts.authorize(req);
    if (verdict === true) return next();
    if (verdict === false) return send(res, dialect.unauthorized());
    if ('refusal' in verdict) return send(res, verdict.refusal);
    principals.set(req, verdict.principal);
    next();
  };
  const limit = opts.bodyLimit ?? '25mb';
  const parsers: RequestHandler[] = [express.json({ limit })];
  if (opts.bodies?.form) parsers.push(express.urlencoded({ extended: true, limit }));
  // Multipart forms, as providers' own guides often send them (FormData).
  if (opts.bodies?.multipart) parsers.push(multer({ storage: multer.memoryStorage(), limits: { fileSize: bytes(limit) } }).any());
  const parseFailed: ErrorRequestHandler = (error, _req, res, next) => {
    const type = (error as { type?: string }).type;
    if (type === 'entity.parse.failed') return send(res, dialect.badJson());
    if (type === 'entity.too.large') return send(res, dialect.tooLarge());
    if (error instanceof multer.MulterError) return send(res, dialect.badRequest(`The multipart body cannot be read: ${error.message}`));
    next(error);
  };
  const notFound: RequestHandler = (_req, res) => send(res, dialect.notFound());
  const failed: ErrorRequestHandler = (error, _req, res, _next) => send(res, dialect.fromThrown(error));

  return {
    entry: [exchangeRecorder(opts.log, opts.onExchange), authorize, ...parsers, parseFailed],
    exit: [notFound, failed],
    route,
  };
}

function drop(req: Request, res: Response, reply: Reply | null): void {
  // The exchange recorder reports what the client never received (nothing, before the write).
  res.locals.lostReply = reply;
  req.socket.destroy();
}

/** '5mb' → bytes, for multer, which takes a number. */
function bytes(limit: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(limit.trim());
  if (!match) throw new Error(`Unreadable body limit ${limit}`);
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(match[2] ?? 'b').toLowerCase() as 'b'];
  return Math.floor(Number(match[1]) * unit);
}

function replay(stored: Reply): Reply {
  if (!stored.live) return stored;
  return { ...stored, body: stored.live() ?? stored.body };
}

/**
 * Sends a reply as JSON with its headers (a reply without a body, such as a 204, sends none).
 *
 * @example
 * send(res, dialect.notFound());
 */
export function send(res: Response, reply: Reply): void {
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.body === undefined) res.status(reply.status).end();
  else res.status(reply.status).json(reply.body);
}

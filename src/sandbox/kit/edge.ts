import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { ErrorDialect } from './error-dialect';
import { exchangeRecorder, type Exchange } from './exchange-recorder';
import type { CommonFault, FaultQueue, FaultTarget } from './fault-queue';
import { fingerprint, type IdempotencyCache } from './idempotency-cache';
import type { Reply } from './reply';
import type { RequestLog } from './request-log';

export type Handler = (req: Request) => Reply;

export interface EdgeOptions<K extends string> {
  dialect: ErrorDialect;
  faults: FaultQueue<K | CommonFault>;
  log: RequestLog;
  /** Whether the request carries credentials the sandbox accepts; if not, `dialect.unauthorized()`. */
  authorize(req: Request): boolean;
  /** The tenant a routed request belongs to (a company, an app): faults match it, keys are scoped by it. */
  scope(req: Request): string | undefined;
  /** The provider's idempotency keys; a provider without them leaves this out. */
  idempotency?: { cache: IdempotencyCache; header?: string; methods?: readonly string[] };
  /** Runs first on every routed request (an emulator completes the asynchronous work now due). */
  beforeEach?(): void;
  /** Called once per exchange, after the response is sent or dropped. */
  onExchange?(exchange: Exchange): void;
  /** express.json's limit (default 25mb). */
  bodyLimit?: string;
}

export interface Edge {
  /** Mount before the provider's routes: the exchange recorder, authentication and JSON bodies. */
  readonly entry: Array<RequestHandler | ErrorRequestHandler>;
  /** Mount after them: unknown paths and stray errors, answered in the provider's dialect. */
  readonly exit: Array<RequestHandler | ErrorRequestHandler>;
  /** Wraps one endpoint in the pipeline; handlers stay pure functions from request to reply. */
  route(handler: Handler): RequestHandler;
}

/**
 * A provider's edge, in the order a real one applies it: rate limiting (a 429 never touches the
 * idempotency key), the idempotency-key check, then the handler (or an injected 500), then an
 * injected delay or a dropped connection. Errors are worded by the provider's dialect.
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

  const run = (req: Request, handler: Handler, target: FaultTarget): Reply => {
    if (faults.take(['SERVER_ERROR'], target)) return dialect.serverError();
    try {
      return handler(req);
    } catch (error) {
      return dialect.fromThrown(error);
    }
  };

  const route = (handler: Handler): RequestHandler => async (req: Request, res: Response) => {
    opts.beforeEach?.();
    const scope = opts.scope(req);
    const target: FaultTarget = { method: req.method, path: req.path, companyId: scope };
    const rateLimit = faults.take(['RATE_LIMIT'], target);
    if (rateLimit) return send(res, dialect.rateLimited(rateLimit.retryAfterSeconds ?? 1));

    const cache = opts.idempotency?.cache;
    const key = cache && keyed.has(req.method) ? req.get(header)?.trim() : undefined;
    let reply: Reply;
    let holdsKey = false;
    if (cache && key) {
      const found = cache.begin(scope ?? '', key, fingerprint(req));
      if (found.kind === 'in-flight') reply = dialect.keyInFlight();
      else if (found.kind === 'mismatch') reply = dialect.keyMismatch();
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
    if (faults.take(['LOSE_RESPONSE'], target)) {
      // The exchange recorder reports what the client never received.
      res.locals.lostReply = reply;
      req.socket.destroy();
      return;
    }
    send(res, reply);
  };

  const authorize: RequestHandler = (req, res, next) => (opts.authorize(req) ? next() : send(res, dialect.unauthorized()));
  const parse = express.json({ limit: opts.bodyLimit ?? '25mb' });
  const parseFailed: ErrorRequestHandler = (error, _req, res, next) => {
    const type = (error as { type?: string }).type;
    if (type === 'entity.parse.failed') return send(res, dialect.badJson());
    if (type === 'entity.too.large') return send(res, dialect.tooLarge());
    next(error);
  };
  const notFound: RequestHandler = (_req, res) => send(res, dialect.notFound());
  const failed: ErrorRequestHandler = (error, _req, res, _next) => send(res, dialect.fromThrown(error));

  return {
    entry: [exchangeRecorder(opts.log, opts.onExchange), authorize, parse, parseFailed],
    exit: [notFound, failed],
    route,
  };
}

function replay(stored: Reply): Reply {
  if (!stored.live) return stored;
  return { ...stored, body: stored.live() ?? stored.body };
}

/**
 * Sends a reply as JSON with its headers.
 *
 * @example
 * send(res, dialect.notFound());
 */
export function send(res: Response, reply: Reply): void {
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.status(reply.status).json(reply.body);
}

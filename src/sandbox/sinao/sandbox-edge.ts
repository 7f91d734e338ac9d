import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import type { ErrorDialect, Reply } from './error-dialect';
import type { CommonFault, FaultQueue, FaultTarget } from './fault-queue';
import type { RequestLog } from './request-log';

/**
 * Provider-neutral edge of an emulator: the exchange recorder, authentication, body parsing, and
 * the pipeline every API route goes through (injected faults around a pure handler), worded in
 * the provider's error dialect. Kept apart from the provider's routes, in the shape of the shared
 * sandbox kit's edge, so that it can give way to it.
 */

export type Handler = (req: Request) => Reply;

export interface Exchange {
  method: string;
  /** Relative to the mount point, without the query string. */
  path: string;
  query: Record<string, string>;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
  /** The connection was dropped instead of answered: status and body are what was never sent (0 and null if nothing was processed). */
  responseLost?: boolean;
}

export interface EdgeOptions {
  dialect: ErrorDialect;
  faults: FaultQueue<CommonFault>;
  log: RequestLog;
  /** True to let the request through, or the refusal to answer. */
  authorize(req: Request): true | Reply;
  /** The tenant a routed request belongs to (an app), which faults can match. */
  scope(req: Request): string | undefined;
  /** Called once per exchange, after the response is sent or dropped. */
  onExchange?(exchange: Exchange): void;
}

export interface Edge {
  /** Mount before the provider's routes: the exchange recorder, authentication and bodies (JSON, URL-encoded, multipart). */
  readonly entry: Array<RequestHandler | ErrorRequestHandler>;
  /** Mount after them: unknown paths and stray errors, in the provider's dialect. */
  readonly exit: Array<RequestHandler | ErrorRequestHandler>;
  /** Wraps one endpoint in the pipeline; handlers stay pure functions from request to reply. */
  route(handler: Handler): RequestHandler;
}

/**
 * The pipeline, in the order a real edge applies it: an injected rate limit (nothing written), an
 * injected dropped connection before the write, the handler or an injected 500 (before or after
 * the write), an injected delay, then a dropped connection after the write. No idempotency keys:
 * a provider that has them needs the kit's cache.
 *
 * @example
 * const edge = createEdge({ dialect, faults, log, authorize: () => true, scope: (req) => req.params.appId });
 * router.use(...edge.entry);
 * router.get('/things/:id', edge.route((req) => ({ status: 200, body: find(req.params.id) })));
 * router.use(...edge.exit);
 */
export function createEdge(opts: EdgeOptions): Edge {
  const { dialect, faults } = opts;
  const route = (handler: Handler): RequestHandler => async (req: Request, res: Response) => {
    const target: FaultTarget = { method: req.method, path: req.path, companyId: opts.scope(req) };
    const limited = faults.take(['RATE_LIMIT'], target);
    if (limited) return send(res, dialect.rateLimited(limited.retryAfterSeconds ?? 1));

    const lost = faults.take(['LOSE_RESPONSE'], target);
    if (lost && lost.applied === false) return drop(req, res, null);
    const failure = faults.take(['SERVER_ERROR'], target);
    let reply: Reply;
    if (failure && !failure.applied) reply = dialect.serverError();
    else {
      reply = run(dialect, handler, req);
      if (failure) reply = dialect.serverError();
    }

    const slow = faults.take(['SLOW_RESPONSE'], target);
    if (slow) await new Promise((resolve) => setTimeout(resolve, slow.delayMs ?? 1000));
    if (lost) return drop(req, res, reply);
    send(res, reply);
  };

  const authorize: RequestHandler = (req, res, next) => {
    const verdict = opts.authorize(req);
    if (verdict === true) return next();
    send(res, verdict);
  };
  const parseJson = express.json({ limit: '5mb' });
  const parseForm = express.urlencoded({ extended: true, limit: '5mb' });
  // Multipart forms, as providers' own guides often send them (FormData); files are read into memory.
  const parseMultipart = multer({ storage: multer.memoryStorage(), limits: { fileSize: 5 * 1024 * 1024 } }).any();
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
    entry: [exchangeRecorder(opts.log, opts.onExchange), authorize, parseJson, parseForm, parseMultipart, parseFailed],
    exit: [notFound, failed],
    route,
  };
}

export function send(res: Response, reply: Reply): void {
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.body === undefined) res.status(reply.status).end();
  else res.status(reply.status).json(reply.body);
}

function run(dialect: ErrorDialect, handler: Handler, req: Request): Reply {
  try {
    return handler(req);
  } catch (error) {
    return dialect.fromThrown(error);
  }
}

function drop(req: Request, res: Response, reply: Reply | null): void {
  // The exchange recorder reports what the client never received.
  res.locals.lostReply = reply;
  req.socket.destroy();
}

export function flatQuery(query: Request['query']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) flat[key] = typeof value === 'string' ? value : JSON.stringify(value);
  return flat;
}

/** Logs every exchange once it is over, including those the sandbox cut off on purpose. */
export function exchangeRecorder(log: RequestLog, onExchange?: (exchange: Exchange) => void): RequestHandler {
  return (req, res, next) => {
    const { method, path } = req;
    const query = flatQuery(req.query);
    const at = new Date().toISOString();
    let responseBody: unknown = null;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      // A copy: the body may be a live record that later writes change.
      if (onExchange) responseBody = structuredClone(body);
      return json(body);
    };
    res.on('close', () => {
      const lost = !res.writableFinished;
      const dropped = res.locals.lostReply as Reply | null | undefined;
      const status = lost ? (dropped?.status ?? 0) : res.statusCode;
      const body = lost ? (dropped?.body !== undefined ? structuredClone(dropped.body) : null) : responseBody;
      log.add({ method, path, query, status, at, ...(lost ? { responseLost: true } : {}) });
      if (!onExchange) return;
      try {
        onExchange({ method, path, query, requestBody: req.body ?? null, status, responseBody: body, ...(lost ? { responseLost: true } : {}) });
      } catch {
        // An observer's failure must not disturb the sandbox.
      }
    });
    next();
  };
}

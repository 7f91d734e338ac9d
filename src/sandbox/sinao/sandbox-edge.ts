import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import type { ExchangeFaultKind, FaultQueue, FaultTarget } from './fault-queue';
import type { RequestLog } from './request-log';

/**
 * Provider-neutral edge of an emulator: the exchange recorder, body parsing, and the pipeline every
 * API route goes through (injected faults around a pure handler). The provider brings its error
 * dialect. Kept apart from the provider's routes so that it can give way to the shared sandbox kit.
 */

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: Request) => Reply;

/** How a provider words the answers the edge makes on its own. */
export interface ErrorDialect {
  rateLimited(retryAfterSeconds: number): Reply;
  serverError(): Reply;
  /** A body that cannot be read (malformed JSON, an oversized or broken form). */
  badBody(reason: string): Reply;
  notFound(): Reply;
  /** An error a handler threw: the provider's own error, or anything else as a 500. */
  fromThrown(error: unknown): Reply;
}

export interface SandboxExchange {
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
  faults: FaultQueue<ExchangeFaultKind>;
  requestLog: RequestLog;
  /** Called once per exchange, after the response is sent or dropped. */
  onExchange?: (exchange: SandboxExchange) => void;
  /** The tenant a request addresses, for faults matched by tenant. */
  tenantOf?: (req: Request) => string | undefined;
}

export interface Edge {
  recorder: RequestHandler;
  body: Array<RequestHandler | ErrorRequestHandler>;
  route(handler: Handler): RequestHandler;
  fallbacks: Array<RequestHandler | ErrorRequestHandler>;
}

/**
 * @example
 * const edge = createEdge({ dialect, faults: new FaultQueue(EXCHANGE_FAULT_KINDS), requestLog: new RequestLog() });
 * router.use(edge.recorder, ...edge.body);
 * router.get('/things/:id', edge.route((req) => ({ status: 200, body: find(req.params.id) })));
 * router.use(...edge.fallbacks);
 */
export function createEdge(opts: EdgeOptions): Edge {
  const { dialect, faults } = opts;
  const route = (handler: Handler): RequestHandler => async (req: Request, res: Response) => {
    const target: FaultTarget = { method: req.method, path: req.path, tenantId: opts.tenantOf?.(req) };
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

  const parseJson = express.json({ limit: '5mb' });
  const parseForm = express.urlencoded({ extended: true, limit: '5mb' });
  // Multipart forms, as providers' own guides often send (FormData); files are read into memory.
  const parseMultipart = multer({ storage: multer.memoryStorage(), limits: { fileSize: 5 * 1024 * 1024 } }).any();
  const onBodyError: ErrorRequestHandler = (error, _req, res, next) => {
    if ((error as { type?: string }).type === 'entity.parse.failed') return send(res, dialect.badBody('The request body is not valid JSON'));
    if (error instanceof multer.MulterError) return send(res, dialect.badBody(`The multipart body cannot be read: ${error.message}`));
    next(error);
  };

  const notFound: RequestHandler = (_req, res) => send(res, dialect.notFound());
  const failed: ErrorRequestHandler = (error, _req, res, _next) => send(res, dialect.fromThrown(error));

  return {
    recorder: exchangeRecorder(opts.requestLog, opts.onExchange),
    body: [parseJson, parseForm, parseMultipart, onBodyError],
    route,
    fallbacks: [notFound, failed],
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
export function exchangeRecorder(log: RequestLog, onExchange?: (exchange: SandboxExchange) => void): RequestHandler {
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

import express, { type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import { CodatError } from './codat-error';
import { errorReply, send } from './codat-route';
import type { CodatSandboxStore } from './codat-sandbox.store';

export interface CodatExchange {
  method: string;
  /** Relative to the mount point, without the query string. */
  path: string;
  query: Record<string, string>;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
  /**
   * Set when the connection was dropped instead of answered (LOSE_RESPONSE): status and
   * responseBody are then what the sandbox had processed but never sent (0 and null if the
   * client went away first).
   */
  responseLost?: boolean;
}

export function flatQuery(query: Request['query']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    flat[key] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return flat;
}

/** Logs every Codat-path exchange once it is over, including ones the sandbox cut off on purpose. */
export function exchangeRecorder(store: CodatSandboxStore, onExchange?: (exchange: CodatExchange) => void): RequestHandler {
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
      const dropped = res.locals.lostReply as { status: number; body: unknown } | undefined;
      const status = lost ? (dropped?.status ?? 0) : res.statusCode;
      const body = lost ? (dropped ? structuredClone(dropped.body) : null) : responseBody;
      store.requests.add({ method, path, query, status, at, ...(lost ? { responseLost: true } : {}) });
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

/** Codat's scheme: `Authorization: Basic <base64 of the whole API key>` (no user:password pair). */
export function apiKeyAuth(apiKeys: readonly string[]): RequestHandler {
  const accepted = new Set(apiKeys.map((key) => Buffer.from(key, 'utf8').toString('base64')));
  return (req, res, next) => {
    const match = /^Basic\s+(\S+)\s*$/i.exec(req.get('Authorization') ?? '');
    if (!match || !accepted.has(match[1])) return send(res, errorReply(CodatError.unauthorized()));
    next();
  };
}

/** JSON bodies, with Codat's 400 for one that does not parse. */
export function jsonBody(): Array<RequestHandler | ErrorRequestHandler> {
  const parse = express.json({ limit: '25mb' });
  const onError: ErrorRequestHandler = (error, _req, res, next) => {
    const type = (error as { type?: string }).type;
    if (type === 'entity.parse.failed') {
      return send(res, errorReply(CodatError.badRequest('Error processing request - not valid.', [
        { itemId: 'body', message: 'The request body is not valid JSON.', validatorName: 'RequestBody' },
      ])));
    }
    if (type === 'entity.too.large') return send(res, errorReply(new CodatError(413, 'Request body too large.')));
    next(error);
  };
  return [parse, onError];
}

/** Last resort for Codat paths: unknown routes and unexpected errors still answer an ErrorMessage. */
export function codatFallbacks(): Array<RequestHandler | ErrorRequestHandler> {
  const notFound: RequestHandler = (_req, res) => send(res, errorReply(CodatError.routeNotFound()));
  const failed: ErrorRequestHandler = (error, _req, res, _next) => {
    if (error instanceof CodatError) return send(res, errorReply(error));
    send(res, errorReply(new CodatError(500, `Sandbox error: ${(error as Error)?.message ?? String(error)}`)));
  };
  return [notFound, failed];
}

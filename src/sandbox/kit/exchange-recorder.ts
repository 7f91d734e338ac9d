import type { Request, RequestHandler } from 'express';
import type { RequestLog } from './request-log';

/** One request to an emulator and what it answered, as tests and contract checks see it. */
export interface Exchange {
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

/**
 * Query parameters as one string each: repeated ones joined by commas, nested ones (`filters[0][field]=…`)
 * as JSON.
 *
 * @example
 * flatQuery({ page: '2', tag: ['a', 'b'] }); // { page: '2', tag: 'a,b' }
 */
export function flatQuery(query: Request['query']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string') flat[key] = value;
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) flat[key] = value.join(',');
    else flat[key] = JSON.stringify(value);
  }
  return flat;
}

/**
 * Logs every exchange once it is over, including those the sandbox cut off on purpose (a route
 * that drops the connection leaves what it would have sent in `res.locals.lostReply`).
 *
 * @example
 * router.use(exchangeRecorder(store.requests, (exchange) => contract.check(exchange)));
 */
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
      const dropped = res.locals.lostReply as { status: number; body?: unknown } | null | undefined;
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

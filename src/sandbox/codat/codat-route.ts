import type { Request, RequestHandler, Response } from 'express';
import { CodatError, errorMessage } from './codat-error';
import type { StoredReply } from './idempotency-cache';
import type { CodatSandboxStore } from './codat-sandbox.store';
import { params } from './route-guards';

export type Reply = StoredReply;
export type CodatHandler = (req: Request) => Reply;

/**
 * Wraps a Codat endpoint in what every Codat request goes through, in the order Codat's edge would
 * apply it: rate limiting (a 429 never touches the idempotency key), the Idempotency-Key check on
 * POSTs, then the handler (or an injected 500), then injected latency or a dropped connection.
 * Handlers stay pure functions from request to reply.
 */
export function codatRoute(store: CodatSandboxStore, handler: CodatHandler): RequestHandler {
  return async (req: Request, res: Response) => {
    store.settleDue();
    const target = { method: req.method, path: req.path, companyId: params(req).companyId };
    const rateLimit = store.faults.take(['RATE_LIMIT'], target);
    if (rateLimit) {
      const seconds = rateLimit.retryAfterSeconds ?? 1;
      const limited = new CodatError(429, 'You have made too many requests in a given amount of time; please retry later.');
      return send(res, { status: 429, body: limited.toBody(), headers: { 'Retry-After': String(seconds) } });
    }

    const key = req.method === 'POST' ? req.get('Idempotency-Key')?.trim() : undefined;
    const scope = params(req).companyId ?? '';
    let reply: Reply;
    let holdsKey = false;
    if (key) {
      const found = store.idempotency.begin(scope, key, fingerprint(req));
      if (found.kind === 'in-flight') reply = errorReply(new CodatError(409, 'A request with this Idempotency-Key is still being processed; retry once it has completed.'));
      else if (found.kind === 'mismatch') reply = errorReply(new CodatError(422, 'This Idempotency-Key has already been used with a different request.'));
      else if (found.kind === 'replay') reply = replay(store, scope, found.reply);
      else {
        holdsKey = true;
        reply = run(store, req, handler, target);
      }
    } else {
      reply = run(store, req, handler, target);
    }

    try {
      const slow = store.faults.take(['SLOW_RESPONSE'], target);
      if (slow) await new Promise((resolve) => setTimeout(resolve, slow.delayMs ?? 1000));
    } finally {
      if (holdsKey) store.idempotency.finish(scope, key!, reply);
    }
    if (store.faults.take(['LOSE_RESPONSE'], target)) {
      // The exchange recorder reports what the client never received.
      res.locals.lostReply = reply;
      req.socket.destroy();
      return;
    }
    send(res, reply);
  };
}

function run(store: CodatSandboxStore, req: Request, handler: CodatHandler, target: { method: string; path: string; companyId?: string }): Reply {
  if (store.faults.take(['SERVER_ERROR'], target)) {
    return errorReply(new CodatError(500, 'There is a problem with our server. Please try again later.'));
  }
  try {
    return handler(req);
  } catch (error) {
    if (error instanceof CodatError) return errorReply(error);
    return { status: 500, body: errorMessage(500, `Sandbox error: ${(error as Error)?.message ?? String(error)}`) };
  }
}

function replay(store: CodatSandboxStore, scope: string, stored: Reply): Reply {
  if (!stored.pushOperationKey) return stored;
  const current = store.pushes.get(scope, stored.pushOperationKey);
  return { ...stored, body: current ?? stored.body };
}

export function errorReply(error: CodatError): Reply {
  return { status: error.statusCode, body: error.toBody(), headers: error.headers };
}

export function send(res: Response, reply: Reply): void {
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.status(reply.status).json(reply.body);
}

/** Same method, path, query and JSON body (key order aside) means the same request. */
function fingerprint(req: Request): string {
  const query = Object.keys(req.query).sort().map((k) => `${k}=${JSON.stringify(req.query[k])}`).join('&');
  return `${req.method} ${req.path}?${query} ${stableJson(req.body)}`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    return `{${Object.keys(object).sort().map((k) => `${JSON.stringify(k)}:${stableJson(object[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

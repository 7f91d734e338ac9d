import type { Request, Response } from 'express';
import { OAuthError } from './xero-identity-error';
import type { XeroIdentityStore } from './xero-identity.store';
import type { IdentityEndpoint } from './xero-identity.types';

/** An answer prepared before the faults decide whether, when and how it is sent. */
export interface IdentityReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Runs `handler` under the queued faults of `endpoint`: SERVER_ERROR answers 500 without running
 * it; SLOW_RESPONSE runs it, then waits; LOSE_RESPONSE runs it, then drops the connection, so the
 * work is done (a refresh token rotated, a connection removed) and the client never hears of it.
 */
export async function sendWithFaults(
  store: XeroIdentityStore, endpoint: IdentityEndpoint, grantType: string | undefined, req: Request, res: Response, handler: () => IdentityReply,
): Promise<void> {
  let reply: IdentityReply;
  if (store.faults.take('SERVER_ERROR', endpoint, grantType)) {
    reply = { status: 500 };
  } else {
    try {
      reply = handler();
    } catch (error) {
      reply = error instanceof OAuthError
        ? { status: error.status, body: error.toBody(), headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } }
        : { status: 500 };
    }
  }
  const slow = store.faults.take('SLOW_RESPONSE', endpoint, grantType);
  if (slow) await new Promise((resolve) => setTimeout(resolve, slow.delayMs ?? 1000));
  if (store.faults.take('LOSE_RESPONSE', endpoint, grantType)) {
    req.socket.destroy();
    return;
  }
  if (res.writableEnded || res.destroyed) return;
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.body === undefined) res.status(reply.status).end();
  else res.status(reply.status).json(reply.body);
}

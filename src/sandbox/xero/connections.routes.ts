import { Router, type Request } from 'express';
import { sendWithFaults, type IdentityReply } from './fault-reply';
import { XeroApiProblem } from './xero-identity-error';
import type { XeroIdentityStore } from './xero-identity.store';
import { bearerToken } from './xero-request-auth';

/**
 * api.xero.com's `/connections` (Xero's spec spells it `/Connections`; paths are case-insensitive
 * here as there): the tenants the token's user has connected to the app, and disconnecting one.
 */
export function connectionsRoutes(store: XeroIdentityStore): Router {
  const router = Router();
  const guarded = (handler: (req: Request) => IdentityReply) => (req: Request) => () => {
    try {
      return handler(req);
    } catch (error) {
      if (error instanceof XeroApiProblem) return { status: error.status, body: error.toBody() };
      throw error;
    }
  };

  const list = guarded((req) => {
    const token = bearerToken(store, req.get('authorization'));
    const authEventId = typeof req.query.authEventId === 'string' ? req.query.authEventId : undefined;
    const connections = store.connections(token.clientId, token.userId).filter((c) => !authEventId || c.authEventId === authEventId);
    return { status: 200, body: connections };
  });
  router.get('/connections', (req, res) => void sendWithFaults(store, 'connections', undefined, req, res, list(req)));

  const remove = guarded((req) => {
    const token = bearerToken(store, req.get('authorization'));
    // The spec declares 204 and a bodiless 404 (an unknown id, or another user's or app's connection).
    return { status: store.disconnect(String(req.params.id), token) ? 204 : 404 };
  });
  router.delete('/connections/:id', (req, res) => void sendWithFaults(store, 'connections', undefined, req, res, remove(req)));
  return router;
}

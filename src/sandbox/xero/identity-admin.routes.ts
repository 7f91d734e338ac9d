import express, { Router, type Request, type Response } from 'express';
import type { XeroIdentityStore } from './xero-identity.store';
import type { IdentityFaultSpec, XeroIdentityLifetimes } from './xero-identity.types';

const LIFETIME_KEYS: ReadonlyArray<keyof XeroIdentityLifetimes> = ['accessTokenSeconds', 'refreshTokenSeconds', 'refreshGraceSeconds', 'codeSeconds'];

/**
 * Sandbox-only controls of the identity service, not part of Xero's API: queued faults, token
 * lifetimes, the clock, the user's organisations, refresh-token usage counts, and the borrower
 * disconnecting the app from Xero's side.
 */
export function identityAdminRoutes(store: XeroIdentityStore): Router {
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  const handle = (fn: (req: Request) => { status: number; body?: unknown }) => (req: Request, res: Response) => {
    try {
      const { status, body } = fn(req);
      if (body === undefined) res.status(status).end();
      else res.status(status).json(body);
    } catch (error) {
      res.status(400).json({ message: (error as Error).message });
    }
  };

  router.post('/faults', handle((req) => ({ status: 201, body: store.faults.add((req.body ?? {}) as IdentityFaultSpec) })));
  router.get('/faults', handle(() => ({ status: 200, body: store.faults.list() })));
  router.delete('/faults', handle(() => {
    store.faults.clear();
    return { status: 204 };
  }));

  router.get('/settings', handle(() => ({ status: 200, body: store.lifetimes })));
  router.patch('/settings', handle((req) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    for (const key of LIFETIME_KEYS) {
      const value = body[key];
      if (value === undefined) continue;
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`${key} must be a non-negative number of seconds.`);
      store.lifetimes[key] = value;
    }
    return { status: 200, body: store.lifetimes };
  }));

  router.post('/clock', handle((req) => {
    const seconds = (req.body ?? {}).advanceSeconds;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) throw new Error('advanceSeconds must be a non-negative number.');
    store.advanceClock(seconds);
    return { status: 200, body: { now: new Date(store.now()).toISOString() } };
  }));

  // Another organisation for the sandbox's user to grant (its books seeded like the demo's on first use).
  router.post('/organisations', handle((req) => {
    const { name, tenantId } = (req.body ?? {}) as { name?: unknown; tenantId?: unknown };
    if (typeof name !== 'string' || !name.trim()) throw new Error('name must be a non-empty string.');
    if (tenantId !== undefined && (typeof tenantId !== 'string' || !/^[0-9a-f-]{36}$/i.test(tenantId))) throw new Error('tenantId must be a UUID.');
    return { status: 201, body: store.addOrganisation({ name: name.trim(), tenantId: tenantId?.toLowerCase() }) };
  }));
  router.get('/organisations', handle(() => ({ status: 200, body: [...store.organisations.values()] })));

  router.get('/refresh-tokens', handle(() => ({ status: 200, body: store.refreshTokenUsage() })));
  router.get('/connections', handle(() => ({ status: 200, body: store.allConnections() })));
  // The borrower disconnects the app in Xero: the connection goes and, with ?revokeTokens=true, so do the user's tokens.
  router.delete('/connections/:id', handle((req) => {
    const record = store.allConnections().find((c) => c.id === req.params.id);
    if (!record || !store.disconnect(record.id)) return { status: 404 };
    if (req.query.revokeTokens === 'true') store.revokeFamilies(record.clientId, record.userId);
    return { status: 204 };
  }));

  router.post('/reset', handle(() => {
    store.reset();
    return { status: 204 };
  }));
  return router;
}

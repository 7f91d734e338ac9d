import express, { Router, type Request, type Response } from 'express';
import { CodatError } from './codat-error';
import { errorReply, send } from './codat-route';
import type { FaultSpec } from './sandbox.types';
import type { CodatSandboxStore } from './codat-sandbox.store';
import { params } from './route-guards';

/**
 * Sandbox-only controls under /_sandbox: fault injection, a view of a company's books, the request
 * log and settings. Not part of Codat's API, so no API key is asked for.
 */
export function adminRoutes(store: CodatSandboxStore): Router {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  const handle = (fn: (req: Request) => { status: number; body?: unknown }) => (req: Request, res: Response) => {
    try {
      const { status, body } = fn(req);
      if (body === undefined) res.status(status).end();
      else res.status(status).json(body);
    } catch (error) {
      send(res, errorReply(error instanceof CodatError ? error : CodatError.badRequest((error as Error).message)));
    }
  };

  router.post('/faults', handle((req) => ({ status: 201, body: store.queueFault((req.body ?? {}) as FaultSpec) })));
  router.get('/faults', handle(() => ({ status: 200, body: store.faults.list() })));
  router.delete('/faults', handle(() => {
    store.clearFaults();
    return { status: 204 };
  }));

  router.get('/companies/:companyId/books', handle((req) => {
    const { companyId } = params(req);
    if (!store.company(companyId)) throw CodatError.companyNotFound(companyId);
    if (!store.liveBooks(companyId)) throw CodatError.notSynced();
    store.settleDue();
    return { status: 200, body: store.books(companyId) };
  }));

  router.get('/requests', handle(() => ({ status: 200, body: store.requestLog })));
  router.delete('/requests', handle(() => {
    store.clearRequestLog();
    return { status: 204 };
  }));

  router.patch('/settings', handle((req) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    for (const key of ['pushDelayMs', 'maxPageSize'] as const) {
      const value = body[key];
      if (value === undefined) continue;
      const min = key === 'maxPageSize' ? 1 : 0;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw CodatError.badRequest(`${key} must be an integer of at least ${min}.`);
      store.settings[key] = value;
    }
    if (body.readsAfterSync !== undefined) {
      if (typeof body.readsAfterSync !== 'boolean') throw CodatError.badRequest('readsAfterSync must be true or false.');
      store.setReadsAfterSync(body.readsAfterSync);
    }
    return { status: 200, body: store.settings };
  }));

  router.post('/reset', handle(() => {
    store.reset();
    return { status: 204 };
  }));

  router.use((_req: Request, res: Response) => send(res, errorReply(CodatError.routeNotFound())));
  router.use((error: unknown, _req: Request, res: Response, _next: unknown) => {
    const type = (error as { type?: string }).type;
    send(res, errorReply(CodatError.badRequest(type === 'entity.parse.failed' ? 'Error processing request - not valid.' : String((error as Error).message))));
  });
  return router;
}

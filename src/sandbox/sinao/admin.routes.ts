import express, { Router, type Request, type Response } from 'express';
import type { ExchangeFaultKind, FaultQueue, FaultSpec, RandomFaultSpec } from './fault-queue';
import type { RequestLog } from './request-log';
import { send, type ErrorDialect } from './sandbox-edge';

export interface AdminOptions {
  faults: FaultQueue<ExchangeFaultKind>;
  requestLog: RequestLog;
  dialect: ErrorDialect;
  /** Path of the books view, with a `:tenantId` parameter, e.g. `/apps/:tenantId/books`. */
  booksPath: string;
  /** One tenant's books as JSON; throws the provider's not-found for an unknown tenant. */
  booksView: (tenantId: string) => unknown;
  /** Applies a settings patch and answers the settings; throws the provider's error on bad input. */
  patchSettings: (patch: Record<string, unknown>) => unknown;
  reset: () => void;
}

/**
 * Sandbox-only controls, to mount under /_sandbox: fault injection, the books view, the request
 * log, settings and reset. Not part of the provider's API, so no credentials are asked for.
 *
 * @example
 * router.use('/_sandbox', adminRoutes({ faults, requestLog, dialect, booksPath: '/apps/:tenantId/books', booksView, patchSettings, reset }));
 */
export function adminRoutes(opts: AdminOptions): Router {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  const handle = (fn: (req: Request) => { status: number; body?: unknown }) => (req: Request, res: Response) => {
    try {
      send(res, fn(req));
    } catch (error) {
      send(res, opts.dialect.fromThrown(error));
    }
  };

  router.post('/faults', handle((req) => ({ status: 201, body: opts.faults.add((req.body ?? {}) as FaultSpec) })));
  router.get('/faults', handle(() => ({ status: 200, body: opts.faults.list() })));
  router.delete('/faults', handle(() => {
    opts.faults.clear();
    return { status: 204 };
  }));
  router.post('/faults/random', handle((req) => ({ status: 201, body: opts.faults.setRandom((req.body ?? {}) as RandomFaultSpec) })));
  router.get('/faults/random', handle(() => {
    const state = opts.faults.randomState();
    return state ? { status: 200, body: state } : opts.dialect.notFound();
  }));

  router.get(opts.booksPath, handle((req) => ({ status: 200, body: opts.booksView(String(req.params.tenantId)) })));

  router.get('/requests', handle(() => ({ status: 200, body: opts.requestLog.entries() })));
  router.delete('/requests', handle(() => {
    opts.requestLog.clear();
    return { status: 204 };
  }));

  router.patch('/settings', handle((req) => ({ status: 200, body: opts.patchSettings((req.body ?? {}) as Record<string, unknown>) })));
  router.post('/reset', handle(() => {
    opts.reset();
    return { status: 204 };
  }));

  router.use((_req: Request, res: Response) => send(res, opts.dialect.notFound()));
  router.use((error: unknown, _req: Request, res: Response, _next: unknown) => {
    send(res, (error as { type?: string }).type === 'entity.parse.failed' ? opts.dialect.badBody('The request body is not valid JSON') : opts.dialect.fromThrown(error));
  });
  return router;
}

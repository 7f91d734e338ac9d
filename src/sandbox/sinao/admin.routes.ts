import express, { Router, type Request, type Response } from 'express';
import type { ErrorDialect } from './error-dialect';
import type { CommonFault, FaultQueue, FaultSpec, RandomFaultSpec } from './fault-queue';
import type { RequestLog } from './request-log';
import { send } from './sandbox-edge';

/** The parts of an emulator's state the admin routes drive. */
export interface AdminStore {
  faults: FaultQueue<CommonFault>;
  requests: RequestLog;
  reset(): void;
}

export interface AdminOptions {
  dialect: ErrorDialect;
  store: AdminStore;
  /** Path of the books view, with a `:companyId` parameter, e.g. `/apps/:companyId/books`. */
  booksPath: string;
  /** One tenant's books as JSON; throws the provider's not-found for an unknown tenant. */
  booksView: (companyId: string) => unknown;
  /** The current settings, and how a PATCH changes them (throwing SandboxInputError on bad input). */
  settings: { current(): unknown; patch(body: Record<string, unknown>): void };
}

/**
 * Sandbox-only controls, to mount under /_sandbox: fault injection, the books view, the request
 * log, settings and reset. Not part of the provider's API, so no credentials are asked for.
 *
 * @example
 * router.use('/_sandbox', adminRoutes({ dialect, store, booksPath: '/apps/:companyId/books', booksView, settings }));
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

  router.post('/faults', handle((req) => ({ status: 201, body: opts.store.faults.add((req.body ?? {}) as FaultSpec) })));
  router.get('/faults', handle(() => ({ status: 200, body: opts.store.faults.list() })));
  router.delete('/faults', handle(() => {
    opts.store.faults.clear();
    return { status: 204 };
  }));
  router.post('/faults/random', handle((req) => ({ status: 201, body: opts.store.faults.setRandom((req.body ?? {}) as RandomFaultSpec) })));
  router.get('/faults/random', handle(() => {
    const state = opts.store.faults.randomState();
    return state ? { status: 200, body: state } : opts.dialect.notFound('Random faults are off.');
  }));

  router.get(opts.booksPath, handle((req) => ({ status: 200, body: opts.booksView(String(req.params.companyId)) })));

  router.get('/requests', handle(() => ({ status: 200, body: opts.store.requests.entries() })));
  router.delete('/requests', handle(() => {
    opts.store.requests.clear();
    return { status: 204 };
  }));

  router.patch('/settings', handle((req) => {
    opts.settings.patch((req.body ?? {}) as Record<string, unknown>);
    return { status: 200, body: opts.settings.current() };
  }));
  router.post('/reset', handle(() => {
    opts.store.reset();
    return { status: 204 };
  }));

  router.use((_req: Request, res: Response) => send(res, opts.dialect.notFound()));
  router.use((error: unknown, _req: Request, res: Response, _next: unknown) => {
    send(res, (error as { type?: string }).type === 'entity.parse.failed' ? opts.dialect.badJson() : opts.dialect.fromThrown(error));
  });
  return router;
}

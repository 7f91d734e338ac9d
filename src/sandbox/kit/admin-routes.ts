import express, { Router, type Request, type Response } from 'express';
import { send } from './edge';
import type { ErrorDialect } from './error-dialect';
import type { FaultQueue, FaultSpec, QueuedFault, RandomFaultSpec, RandomFaultState } from './fault-queue';
import type { RequestLog } from './request-log';

/** The parts of an emulator's state the admin routes drive. */
export interface AdminStore<K extends string> {
  faults: FaultQueue<K>;
  requests: RequestLog;
  queueFault(spec: FaultSpec<K>): QueuedFault<K>;
  /** Clears queued and random faults (and releases what they hold). */
  clearFaults(): void;
  reset(): void;
}

export interface AdminOptions<K extends string> {
  dialect: ErrorDialect;
  store: AdminStore<K>;
  /** Where the books view is served, with a `:companyId` parameter (default `/companies/:companyId/books`). */
  booksPath?: string;
  /** One tenant's books as JSON (given the `:companyId` parameter); throws the provider's not-found errors. */
  booksView(companyId: string): unknown;
  /** The current settings, and how a PATCH changes them (throwing `SandboxInputError` on bad input). */
  settings: { current(): unknown; patch(body: Record<string, unknown>): void };
  /** Called after random faults are switched on (an asynchronous emulator schedules releases). */
  onRandomFaults?(state: RandomFaultState<K>): void;
}

type AdminHandler = (req: Request) => { status: number; body?: unknown };

/**
 * Sandbox-only controls, to mount under `/_sandbox`: queued and random faults, a view of a
 * company's books, the request log, settings and reset. Not part of any provider's API, so no
 * credentials are asked for; errors are still worded in the provider's dialect.
 *
 * @example
 * router.use('/_sandbox', adminRoutes({ dialect, store, booksView: (id) => store.books(id), settings }));
 * // POST /_sandbox/faults {"fault":"RATE_LIMIT","count":2}   GET /_sandbox/requests   POST /_sandbox/reset
 */
export function adminRoutes<K extends string>(opts: AdminOptions<K>): Router {
  const { dialect, store } = opts;
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  const handle = (fn: AdminHandler) => (req: Request, res: Response) => {
    try {
      const { status, body } = fn(req);
      if (body === undefined) res.status(status).end();
      else res.status(status).json(body);
    } catch (error) {
      send(res, refused(dialect, error));
    }
  };

  router.post('/faults', handle((req) => ({ status: 201, body: store.queueFault((req.body ?? {}) as FaultSpec<K>) })));
  router.get('/faults', handle(() => ({ status: 200, body: store.faults.list() })));
  router.post('/faults/random', handle((req) => {
    const state = store.faults.setRandom((req.body ?? {}) as RandomFaultSpec<K>);
    opts.onRandomFaults?.(state);
    return { status: 201, body: state };
  }));
  router.get('/faults/random', handle(() => {
    const state = store.faults.randomState();
    return state ? { status: 200, body: state } : dialect.notFound('Random faults are off.');
  }));
  router.delete('/faults', handle(() => {
    store.clearFaults();
    return { status: 204 };
  }));

  router.get(opts.booksPath ?? '/companies/:companyId/books', handle((req) => ({ status: 200, body: opts.booksView(String(req.params.companyId)) })));

  router.get('/requests', handle(() => ({ status: 200, body: store.requests.entries() })));
  router.delete('/requests', handle(() => {
    store.requests.clear();
    return { status: 204 };
  }));

  router.patch('/settings', handle((req) => {
    opts.settings.patch((req.body ?? {}) as Record<string, unknown>);
    return { status: 200, body: opts.settings.current() };
  }));

  router.post('/reset', handle(() => {
    store.reset();
    return { status: 204 };
  }));

  router.use((_req: Request, res: Response) => send(res, dialect.notFound()));
  router.use((error: unknown, _req: Request, res: Response, _next: unknown) => {
    const type = (error as { type?: string }).type;
    send(res, type === 'entity.parse.failed' ? dialect.badJson() : refused(dialect, error));
  });
  return router;
}

/** Nothing on the admin side fails on the provider's behalf: what is not a provider error is the caller's bad input. */
function refused(dialect: ErrorDialect, error: unknown) {
  const reply = dialect.fromThrown(error);
  return reply.status >= 500 ? dialect.badRequest(String((error as Error)?.message ?? error)) : reply;
}

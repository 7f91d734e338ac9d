import { Router } from 'express';
import { accountRoutes } from './account.routes';
import { adminRoutes, createEdge, SandboxInputError, type Exchange } from '../kit';
import { booksRoutes } from './books.routes';
import { booksView } from './books-view';
import { cashflowRoutes } from './cashflow.routes';
import { reconcileRoutes } from './reconcile.routes';
import { sinaoAuthorize } from './sinao-auth';
import { sinaoDialect } from './sinao-error';
import { SinaoSandboxStore } from './sinao-sandbox.store';

export type { Exchange as SinaoExchange } from '../kit';
export { SinaoSandboxStore, SANDBOX_USER } from './sinao-sandbox.store';

export interface SinaoSandboxOptions {
  /** The lender's name; every seeded company has a contact organisation whose name is a spelling variant of it. */
  lenderName: string;
  /** Keys that open every app, sent as `Api-Key: <key>` or `Authorization: Bearer <key>`. */
  apiKeys?: string[];
  /** How many of the latest exchanges GET /_sandbox/requests keeps (default 10,000). */
  requestLogSize?: number;
  /** Called once per exchange on a Sinao path (not /_sandbox), after the response is sent or dropped. */
  onExchange?: (exchange: Exchange) => void;
}

/**
 * An in-memory emulator of Sinao's API at Sinao's own paths (as under https://api.sinao.app/v1),
 * to mount on an Express app. Each app created holds a seeded French demo company.
 *
 * @example
 * const { router, store } = createSinaoSandbox({ lenderName: 'Acme Invoice Finance Ltd' });
 * app.use('/sandbox/sinao', router);
 * const demo = store.createApp('Boulangerie Durand SARL');
 * const { key } = store.createApiKey(demo.id, 'gateway');
 */
export function createSinaoSandbox(opts: SinaoSandboxOptions): { router: Router; store: SinaoSandboxStore } {
  const store = new SinaoSandboxStore({ lenderName: opts.lenderName, apiKeys: opts.apiKeys, requestLogSize: opts.requestLogSize });
  const edge = createEdge({
    dialect: sinaoDialect,
    faults: store.faults,
    log: store.requests,
    authorize: sinaoAuthorize(store),
    scope: (req) => /^\/apps\/(\d+)(?:\/|$)/.exec(req.path)?.[1],
    onExchange: opts.onExchange,
    bodyLimit: '5mb',
    bodies: { form: true, multipart: true },
  });

  const router = Router();
  router.use('/_sandbox', adminRoutes({
    dialect: sinaoDialect,
    store,
    booksPath: '/apps/:companyId/books',
    booksView: (appId) => booksView(store, appId),
    settings: {
      current: () => store.settings,
      patch: (patch) => {
        if (patch.listEnvelope === undefined) return;
        if (patch.listEnvelope !== 'array' && patch.listEnvelope !== 'data') throw new SandboxInputError('listEnvelope must be "array" or "data".');
        store.settings.listEnvelope = patch.listEnvelope;
      },
    },
  }));

  const sinao = Router({ strict: true });
  sinao.use(...edge.entry);
  sinao.use(accountRoutes(store, edge));
  sinao.use(cashflowRoutes(store, edge));
  sinao.use(booksRoutes(store, edge));
  sinao.use(reconcileRoutes(store, edge));
  sinao.use(...edge.exit);
  router.use(sinao);

  return { router, store };
}

import { Router, type Request } from 'express';
import { createEdge, type Exchange } from '../kit';
import { codatAdminRoutes } from './codat-admin';
import { codatDialect } from './codat-dialect';
import { companyRoutes } from './company.routes';
import { optionsRoutes } from './options.routes';
import { pushRoutes } from './push.routes';
import { readRoutes } from './read.routes';
import { params } from './route-guards';
import { syncRoutes } from './sync.routes';
import { CodatSandboxStore } from './codat-sandbox.store';

export type CodatExchange = Exchange;
export { CodatSandboxStore } from './codat-sandbox.store';

export interface CodatSandboxOptions {
  /** Accepted API keys; requests must send `Authorization: Basic base64(key)`. */
  apiKeys: string[];
  /** The lender's name; seeded books hold a supplier whose name is a spelling variant of it. */
  lenderName: string;
  /** How long a push operation stays Pending, and a queued sync Queued, before it completes (default 150). */
  pushDelayMs?: number;
  /** How many of the latest exchanges GET /_sandbox/requests keeps (default 10,000). */
  requestLogSize?: number;
  /** Called once per exchange on a Codat path (not /_sandbox), after the response is sent. */
  onExchange?: (exchange: CodatExchange) => void;
}

/**
 * An in-memory emulator of Codat's API at Codat's own paths, to mount on an Express app:
 *
 * @example
 * const { router, store } = createCodatSandbox({ apiKeys: ['dev-key'], lenderName: 'Acme Capital Ltd' });
 * app.use('/sandbox/codat', router);
 * const company = store.createCompany('Demo Trading Ltd');
 * const connection = store.addAccountingConnection(company.id);
 */
export function createCodatSandbox(opts: CodatSandboxOptions): { router: Router; store: CodatSandboxStore } {
  const store = new CodatSandboxStore({ lenderName: opts.lenderName, pushDelayMs: opts.pushDelayMs, requestLogSize: opts.requestLogSize });
  const router = Router();
  router.use('/_sandbox', codatAdminRoutes(store));

  const edge = createEdge({
    dialect: codatDialect,
    faults: store.faults,
    log: store.requests,
    authorize: basicWholeKey(opts.apiKeys),
    scope: (req) => params(req).companyId,
    idempotency: { cache: store.idempotency },
    beforeEach: () => store.settleDue(),
    onExchange: opts.onExchange,
  });
  const codat = Router();
  codat.use(...edge.entry);
  codat.use(companyRoutes(store, edge));
  codat.use(readRoutes(store, edge));
  codat.use(syncRoutes(store, edge));
  codat.use(optionsRoutes(store, edge));
  codat.use(pushRoutes(store, edge));
  codat.use(...edge.exit);
  router.use(codat);

  return { router, store };
}

/** Codat's scheme: `Authorization: Basic <base64 of the whole API key>` (no user:password pair). */
function basicWholeKey(apiKeys: readonly string[]): (req: Request) => boolean {
  const accepted = new Set(apiKeys.map((key) => Buffer.from(key, 'utf8').toString('base64')));
  return (req) => {
    const match = /^Basic\s+(\S+)\s*$/i.exec(req.get('Authorization') ?? '');
    return Boolean(match && accepted.has(match[1]));
  };
}

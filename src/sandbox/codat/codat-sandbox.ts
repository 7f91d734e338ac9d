import { Router } from 'express';
import { adminRoutes } from './admin.routes';
import { apiKeyAuth, codatFallbacks, exchangeRecorder, jsonBody, type CodatExchange } from './codat-edge';
import { companyRoutes } from './company.routes';
import { optionsRoutes } from './options.routes';
import { pushRoutes } from './push.routes';
import { readRoutes } from './read.routes';
import { syncRoutes } from './sync.routes';
import { CodatSandboxStore } from './codat-sandbox.store';

export type { CodatExchange } from './codat-edge';
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
  router.use('/_sandbox', adminRoutes(store));

  const codat = Router();
  codat.use(exchangeRecorder(store, opts.onExchange));
  codat.use(apiKeyAuth(opts.apiKeys));
  codat.use(...jsonBody());
  codat.use(companyRoutes(store));
  codat.use(readRoutes(store));
  codat.use(syncRoutes(store));
  codat.use(optionsRoutes(store));
  codat.use(pushRoutes(store));
  codat.use(...codatFallbacks());
  router.use(codat);

  return { router, store };
}

import { Router } from 'express';
import { CodatError } from './codat-error';
import { pagedList } from './paged-list';
import { params, requireCompany, requireJsonObject, stringParam } from './route-guards';
import type { CodatConnection } from './sandbox.types';
import type { Edge } from '../kit';
import type { CodatSandboxStore } from './codat-sandbox.store';

/** Platform keys the sandbox can link, from the examples in Codat's specs. */
const PLATFORMS: Record<string, { platformName: string; sourceType: CodatConnection['sourceType'] }> = {
  gbol: { platformName: 'Xero', sourceType: 'Accounting' },
  dfxm: { platformName: 'Basiq', sourceType: 'Banking' },
};

const CONNECTION_FIELDS = ['id', 'integrationId', 'integrationKey', 'sourceId', 'platformName', 'linkUrl', 'status', 'lastSync', 'created', 'sourceType'];

/** Companies and connections (create-company, get-company, create-connection, get-connection). */
export function companyRoutes(store: CodatSandboxStore, edge: Edge): Router {
  const router = Router();

  router.post('/companies', edge.route((req) => {
    const body = requireJsonObject(req.body);
    // Codat drops characters outside the name pattern rather than refusing the company.
    const name = typeof body.name === 'string' ? body.name.replace(/[^A-Za-z0-9\s\-',&@.?!]/g, '').trim() : '';
    if (!name) {
      throw CodatError.badRequest('Error processing request - not valid.', [{ itemId: 'name', message: 'name must be provided.', validatorName: 'CreateCompany' }]);
    }
    const description = typeof body.description === 'string' ? body.description : '';
    return { status: 200, body: store.createCompany(name, undefined, description) };
  }));

  router.get('/companies/:companyId', edge.route((req) => ({ status: 200, body: requireCompany(store, params(req).companyId) })));

  router.get('/companies/:companyId/connections', edge.route((req) => {
    const { companyId } = params(req);
    requireCompany(store, companyId);
    const page = pagedList(store.connections(companyId), req.query as Record<string, string>, `/companies/${companyId}/connections`, CONNECTION_FIELDS, store.settings.maxPageSize);
    return { status: 200, body: page };
  }));

  router.post('/companies/:companyId/connections', edge.route((req) => {
    const { companyId } = params(req);
    requireCompany(store, companyId);
    const platformKey = stringParam(requireJsonObject(req.body).platformKey);
    const platform = platformKey ? PLATFORMS[platformKey] : undefined;
    // create-connection declares no 400, so an unknown platform is answered like an unknown resource.
    if (!platform) throw new CodatError(404, `No integration was found with platform key ${platformKey ?? '(none)'}; the sandbox knows ${Object.keys(PLATFORMS).join(', ')}`);
    return { status: 200, body: store.addConnection(companyId, { ...platform, integrationKey: platformKey }) };
  }));

  router.get('/companies/:companyId/connections/:connectionId', edge.route((req) => {
    const { companyId, connectionId } = params(req);
    requireCompany(store, companyId);
    const connection = store.connection(companyId, connectionId);
    if (!connection) throw CodatError.connectionNotFound(connectionId);
    return { status: 200, body: connection };
  }));

  return router;
}

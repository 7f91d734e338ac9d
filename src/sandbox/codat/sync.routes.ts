import { Router } from 'express';
import { CodatError } from './codat-error';
import { DATA_TYPES } from './pull-operations';
import { accountingConnection, params, requireCompany, stringParam } from './route-guards';
import type { Edge } from '../kit';
import type { CodatSandboxStore } from './codat-sandbox.store';

/** Syncs ("pull operations"): refresh-data-type and get-pull-operation. */
export function syncRoutes(store: CodatSandboxStore, edge: Edge): Router {
  const router = Router();

  router.post('/companies/:companyId/data/queue/:dataType', edge.route((req) => {
    const { companyId, dataType } = params(req);
    requireCompany(store, companyId);
    // The spec types the path segment with the DataType enum and declares a 400 for a malformed request.
    if (!DATA_TYPES.has(dataType)) {
      throw CodatError.badRequest('Error processing request - not valid.', [{ itemId: 'dataType', message: `${dataType} is not a Codat data type.`, validatorName: 'DataType' }]);
    }
    // Without connectionId Codat queues the sync on every connection; the sandbox's books sit on the accounting one.
    const connectionId = stringParam(req.query.connectionId) ?? store.connections(companyId).find((c) => c.sourceType === 'Accounting')?.id;
    if (!connectionId) throw CodatError.notSupported(dataType, 'no accounting connection');
    accountingConnection(store, companyId, connectionId, dataType);
    return { status: 200, body: store.pulls.queue(companyId, connectionId, dataType) };
  }));

  router.get('/companies/:companyId/data/history/:datasetId', edge.route((req) => {
    const { companyId, datasetId } = params(req);
    requireCompany(store, companyId);
    const pull = store.pulls.get(companyId, datasetId);
    if (!pull) throw new CodatError(404, `No dataset was found with ID ${datasetId}`);
    return { status: 200, body: pull };
  }));

  return router;
}

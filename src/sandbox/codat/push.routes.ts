import { Router, type Request } from 'express';
import { CodatError } from './codat-error';
import { pagedList, type PageRequest } from './paged-list';
import { asArray } from './push-findings';
import { accountingConnection, params, requireCompany, requireJsonObject } from './route-guards';
import type { JsonObject, PushDataType } from './sandbox.types';
import type { Edge } from '../kit';
import type { CodatSandboxStore } from './codat-sandbox.store';

const PUSH_FIELDS = ['changes', 'dataType', 'companyId', 'pushOperationKey', 'dataConnectionKey', 'requestedOnUtc', 'completedOnUtc', 'timeoutInMinutes', 'status', 'errorMessage', 'validation', 'statusCode'];

const invalid = (itemId: string, message: string) => CodatError.badRequest('Error processing request - not valid.', [{ itemId, message, validatorName: 'PushRequest' }]);

function timeoutInMinutes(req: Request): number | null {
  const raw = req.query.timeoutInMinutes;
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) > 2147483647) throw invalid('timeoutInMinutes', 'timeoutInMinutes must be a non-negative integer.');
  return Number(raw);
}

function checkSyncFlag(req: Request): void {
  const raw = req.query.allowSyncOnPushComplete;
  if (raw !== undefined && raw !== 'true' && raw !== 'false') throw invalid('allowSyncOnPushComplete', 'allowSyncOnPushComplete must be true or false.');
}

/**
 * The Bank Feeds schema for this endpoint requires accountId and at most 1000 transactions; these
 * are checked on receipt, like any schema violation, while Xero's own rules wait for completion.
 */
function checkBankTransactionsBody(body: JsonObject, accountId: string): void {
  if (body.accountId !== accountId) throw invalid('accountId', `accountId in the body (${String(body.accountId)}) must equal the accountId in the path (${accountId}).`);
  const transactions = asArray(body.transactions);
  if (transactions && transactions.length > 1000) throw invalid('transactions', 'At most 1000 transactions may be pushed in one request.');
}

/** P1–P7 create endpoints and the push-operation history (W1, W2). */
export function pushRoutes(store: CodatSandboxStore, edge: Edge): Router {
  const router = Router();
  const base = '/companies/:companyId/connections/:connectionId/push';

  const push = (path: string, dataType: PushDataType) => {
    router.post(`${base}/${path}`, edge.route((req) => {
      const { companyId, connectionId } = params(req);
      accountingConnection(store, companyId, connectionId, dataType);
      const body = requireJsonObject(req.body);
      const minutes = timeoutInMinutes(req);
      checkSyncFlag(req);
      const accountId = params(req).accountId;
      if (dataType === 'bankTransactions') checkBankTransactionsBody(body, accountId);
      const op = store.pushes.create(
        { companyId, connectionId, dataType, body: structuredClone(body), accountId, timeoutInMinutes: minutes },
        { method: req.method, path: req.path, companyId },
      );
      return { status: 200, body: op, live: () => store.pushes.get(companyId, op.pushOperationKey) };
    }));
  };
  push('bankAccounts', 'bankAccounts');
  push('accounts', 'chartOfAccounts');
  push('suppliers', 'suppliers');
  push('transfers', 'transfers');
  push('bankAccounts/:accountId/bankTransactions', 'bankTransactions');
  push('directCosts', 'directCosts');
  push('payments', 'payments');

  router.get('/companies/:companyId/push', edge.route((req) => {
    const { companyId } = params(req);
    requireCompany(store, companyId);
    const page = pagedList(store.pushes.list(companyId), req.query as PageRequest, `/companies/${companyId}/push`, PUSH_FIELDS, store.settings.maxPageSize);
    return { status: 200, body: page };
  }));

  router.get('/companies/:companyId/push/:pushOperationKey', edge.route((req) => {
    const { companyId, pushOperationKey } = params(req);
    requireCompany(store, companyId);
    const op = store.pushes.get(companyId, pushOperationKey);
    if (!op) throw CodatError.recordNotFound('pushOperations', pushOperationKey);
    return { status: 200, body: op };
  }));

  return router;
}

import { Router } from 'express';
import { CodatError } from './codat-error';
import { INFERRED_XERO_BANK_ACCOUNTS_OPTIONS, INFERRED_XERO_BANK_TRANSACTIONS_OPTIONS } from './inferred-push-options';
import { accountingConnection, params } from './route-guards';
import { XERO_PUSH_OPTIONS } from './xero-push-options';
import type { PushOption } from './sandbox.types';
import type { Edge } from '../kit';
import type { CodatSandboxStore } from './codat-sandbox.store';

const MODELS: Record<string, PushOption> = { bankAccounts: INFERRED_XERO_BANK_ACCOUNTS_OPTIONS, ...XERO_PUSH_OPTIONS };

/**
 * The "get create model" endpoints (O1–O7). The sandbox books behave like Xero whatever the
 * connection's platform name, so every accounting connection gets Xero's models.
 */
export function optionsRoutes(store: CodatSandboxStore, edge: Edge): Router {
  const router = Router();
  const base = '/companies/:companyId/connections/:connectionId/options';

  router.get(`${base}/bankAccounts/:accountId/bankTransactions`, edge.route((req) => {
    const { books } = accountingConnection(store, params(req).companyId, params(req).connectionId, 'bankTransactions');
    if (!books.bankAccounts.some((bank) => bank.id === params(req).accountId)) throw CodatError.recordNotFound('bankAccounts', params(req).accountId);
    return { status: 200, body: INFERRED_XERO_BANK_TRANSACTIONS_OPTIONS };
  }));

  router.get(`${base}/:dataType`, edge.route((req) => {
    const { companyId, connectionId, dataType } = params(req);
    accountingConnection(store, companyId, connectionId, dataType);
    const model = MODELS[dataType];
    if (!model) throw CodatError.notSupported(dataType, store.connection(companyId, connectionId)!.platformName);
    return { status: 200, body: model };
  }));

  return router;
}

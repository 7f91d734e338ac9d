import { newUuid } from '../kit';
import type { SandboxSettings } from './sandbox.types';

/** #/components/schemas/PullOperation (a sync; formerly "dataset"). The sandbox only uses Queued and Complete. */
export interface PullOperation {
  id: string;
  companyId: string;
  connectionId: string;
  dataType: string;
  status: 'Queued' | 'Complete';
  requested: string;
  completed?: string;
  progress: number;
  isCompleted: boolean;
  isErrored: boolean;
}

/** `#/components/schemas/DataStatus/properties/dataType` (CONTRACT §2.7): what `data/queue/{dataType}` accepts. */
export const DATA_TYPES: ReadonlySet<string> = new Set([
  'accountTransactions', 'balanceSheet', 'bankAccounts', 'bankTransactions', 'billCreditNotes', 'billPayments', 'bills',
  'cashFlowStatement', 'chartOfAccounts', 'company', 'creditNotes', 'customers', 'directCosts', 'directIncomes', 'invoices',
  'itemReceipts', 'items', 'journalEntries', 'journals', 'paymentMethods', 'payments', 'profitAndLoss', 'purchaseOrders',
  'salesOrders', 'suppliers', 'taxRates', 'trackingCategories', 'transfers', 'banking-accountBalances', 'banking-accounts',
  'banking-transactionCategories', 'banking-transactions', 'commerce-companyInfo', 'commerce-customers', 'commerce-disputes',
  'commerce-locations', 'commerce-orders', 'commerce-paymentMethods', 'commerce-payments', 'commerce-productCategories',
  'commerce-products', 'commerce-taxComponents', 'commerce-transactions',
]);

interface Pull {
  operation: PullOperation;
  dueAt: number;
}

/**
 * Syncs queued with refresh-data-type. By default the sandbox's reads show pushed records at once,
 * so a sync changes no data; with `readsAfterSync` a completed sync is what brings its data type's
 * reads up to date. It is answered `Queued` (Codat queues syncs asynchronously, and clients must
 * poll), then reads as `Complete` once `settings.pushDelayMs` has passed since it was queued, so
 * pushes and syncs share one "Codat is slow" knob.
 */
export class PullOperations {
  private readonly byCompany = new Map<string, Map<string, Pull>>();

  constructor(
    private readonly settings: SandboxSettings,
    private readonly onComplete: (companyId: string, connectionId: string, dataType: string) => void,
  ) {}

  queue(companyId: string, connectionId: string, dataType: string): PullOperation {
    const operation: PullOperation = {
      id: newUuid(),
      companyId,
      connectionId,
      dataType,
      status: 'Queued',
      requested: new Date().toISOString(),
      progress: 0,
      isCompleted: false,
      isErrored: false,
    };
    const pulls = this.byCompany.get(companyId) ?? new Map<string, Pull>();
    this.byCompany.set(companyId, pulls);
    pulls.set(operation.id, { operation, dueAt: Date.now() + Math.max(0, this.settings.pushDelayMs) });
    return structuredClone(operation);
  }

  /** The pull operation as it stands now, completing it if its time has come; undefined when unknown. */
  get(companyId: string, id: string): PullOperation | undefined {
    const pull = this.byCompany.get(companyId)?.get(id);
    if (!pull) return undefined;
    const { operation } = pull;
    if (!operation.isCompleted && Date.now() >= pull.dueAt) {
      Object.assign(operation, { status: 'Complete', progress: 100, isCompleted: true, completed: new Date().toISOString() });
      this.onComplete(companyId, operation.connectionId, operation.dataType);
    }
    return structuredClone(operation);
  }

  reset(): void {
    this.byCompany.clear();
  }
}

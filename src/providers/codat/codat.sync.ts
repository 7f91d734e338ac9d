import type { CodatProviderConnection } from './codat.settings';
import { ProviderError } from '../provider-error';
import { codatPath, type CodatClient } from './codat.client';

/** Codat-Lending.yaml `#/components/schemas/PullOperation` (formerly "dataset"). */
export interface CodatPullOperation {
  id: string;
  companyId: string;
  connectionId: string;
  dataType: string;
  /** `PullOperation/properties/status`: Initial, Queued, Fetching, …, Complete, or one of the failure states. */
  status: string;
  statusDescription?: string | null;
  errorMessage?: string | null;
  requested: string;
  completed?: string;
  progress: number;
  isCompleted: boolean;
  isErrored: boolean;
}

/** The data types (CONTRACT §2.7) whose reads the searches for earlier writes rely on: `findWrite`'s and `settleForSearch`'s. */
export type CodatSyncDataType = 'transfers' | 'directCosts' | 'payments' | 'bankTransactions' | 'bankAccounts' | 'chartOfAccounts' | 'suppliers';

export interface CodatSyncOptions {
  /** How long to wait for a sync to finish before giving up (default 60 s). */
  syncWaitMs?: number;
  /** Pause between two looks at the sync's progress (default 500 ms). */
  syncPollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Statuses that end a pull operation without fresh data. `isErrored` covers the *Error ones,
 * but Cancelled and NotSupported are not errors to Codat, and they still leave the cache stale.
 */
const DEAD_END = new Set(['Cancelled', 'NotSupported']);

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Brings Codat's cache of one data type up to date before the gateway trusts a read of it.
 * Codat's reads show a pushed record only after the next sync (CONTRACT §4.1), so a look-up
 * after a time-out must sync first, or a write that did land looks missing and is posted twice.
 */
export class CodatSync {
  private readonly waitMs: number;
  private readonly pollMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly client: CodatClient, options: CodatSyncOptions = {}) {
    this.waitMs = options.syncWaitMs ?? 60_000;
    this.pollMs = Math.max(1, options.syncPollMs ?? 500);
    this.sleep = options.sleep ?? defaultSleep;
  }

  /**
   * Queues a sync of `dataType` on the connection (refresh-data-type) and polls it
   * (get-pull-operation) until it completes. Throws TEMPORARY when it fails or takes too long,
   * so the worker tries the look-up again later instead of posting again on stale data.
   */
  async refresh(conn: CodatProviderConnection, dataType: CodatSyncDataType): Promise<CodatPullOperation> {
    const queuePath = codatPath`/companies/${conn.config.companyId}/data/queue/${dataType}`;
    let pull = asPull(await this.client.command<CodatPullOperation>(conn, queuePath, { connectionId: conn.config.connectionId }), dataType);
    const started = Date.now();
    // Counted as well as timed: with an injected sleep the clock does not move, and the wait must still end.
    let slept = 0;
    for (;;) {
      // Errors first: a pull operation that says both errored and completed did not refresh the cache.
      if (pull.isErrored || DEAD_END.has(pull.status)) {
        const why = pull.errorMessage ?? pull.statusDescription ?? pull.status;
        throw new ProviderError('TEMPORARY', `Codat's sync of ${dataType} (pull operation ${pull.id}) ended ${pull.status}: ${why}; the books cannot be checked yet`);
      }
      if (isComplete(pull)) return pull;
      if (slept >= this.waitMs || Date.now() - started >= this.waitMs) {
        throw new ProviderError('TEMPORARY', `Codat's sync of ${dataType} (pull operation ${pull.id}) was still ${pull.status} after ${this.waitMs} ms; the books cannot be checked yet`);
      }
      await this.sleep(this.pollMs);
      slept += this.pollMs;
      pull = asPull(await this.client.get<CodatPullOperation>(conn, codatPath`/companies/${conn.config.companyId}/data/history/${pull.id}`), dataType);
    }
  }
}

/** An empty or foreign answer cannot show the sync finished, so it counts as a failure to check. */
function asPull(body: CodatPullOperation | undefined, dataType: string): CodatPullOperation {
  if (!body || typeof body !== 'object' || typeof body.id !== 'string') {
    throw new ProviderError('TEMPORARY', `Codat answered a sync of ${dataType} without a pull operation`);
  }
  return body;
}

/** `isCompleted` is the documented flag; the status is checked too in case a platform sets only one. */
function isComplete(pull: CodatPullOperation): boolean {
  return pull.isCompleted === true || pull.status === 'Complete';
}

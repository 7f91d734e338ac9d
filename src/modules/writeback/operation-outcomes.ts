import type { EntityManager } from 'typeorm';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import type { StepRecord } from '../../providers/accounting-provider';
import { backoff } from '../../common/backoff';
import type { ProviderConnections, ResolvedConnection } from '../companies/provider-connections';
import { CompanyEntity } from '../companies/company.entity';
import type { Batch, ClaimedSaves } from './claimed-saves';
import { heldMessage, holdForConnection } from './connection-holds';
import { readOperation } from './operation-payload';
import type { OperationFailure, WritebackOperationEntity } from './writeback-operation.entity';

export interface OutcomeDeps {
  connections: Pick<ProviderConnections, 'lockConnection'>;
  config: Config;
  log: Logger;
}

/**
 * The states a delivery step ends in, each saved through the claim's fenced saves: delivered,
 * failed, held for the connection, waiting for the books, resumed after its first steps; and when
 * a write is given up.
 *
 * @example if (outcomes.givenUp(head)) return outcomes.fail(batch, `${outcomes.gaveUp(head)}: ${message}`, 'GAVE_UP');
 */
export class OperationOutcomes {
  constructor(
    private readonly saves: ClaimedSaves,
    private readonly deps: OutcomeDeps,
  ) {}

  /**
   * Holds the write for its company's connection, deciding under the company's row lock (a
   * reconnection takes the same lock): `refusal` is the provider's refusal of the credentials this
   * send used, null when the company was found not connected before sending. A refusal of
   * credentials already replaced (another process refreshed them, or the borrower reconnected) proves
   * nothing: the write goes again at once. `restore` undoes what the send's attempt recorded.
   */
  holdForConnection(batch: Batch, provider: ResolvedConnection, refusal: string | null, restore: Partial<WritebackOperationEntity>): Promise<void> {
    const { companyId } = batch[0];
    return this.saves.save(batch, {}, undefined, async (m: EntityManager) => {
      const now = await this.deps.connections.lockConnection(m, companyId);
      const status = now?.status ?? 'DISCONNECTED';
      if (status === 'CONNECTED' && (refusal === null || now!.credentialsVersion > provider.credentialsVersion())) {
        const why = refusal === null ? 'the borrower connected again' : `${refusal}; the company's credentials changed meanwhile, sending again with them`;
        return { ...restore, status: 'PENDING', nextAttemptAt: Date.now(), lastError: why };
      }
      if (status === 'CONNECTED') {
        await m.update(CompanyEntity, { id: companyId }, { connectionStatus: 'RECONNECT_REQUIRED', connectionError: refusal, checkedAt: Date.now() });
        const held = await holdForConnection(m, companyId, refusal!);
        this.deps.log.warn({ companyId, held: held + batch.length, error: refusal }, "the provider refused the company's connection: its writes are held until the borrower reconnects");
      }
      return { ...restore, status: 'HELD', holdReason: 'CONNECTION', lastError: heldMessage(refusal ?? now?.error ?? `the connection is ${status}`) };
    });
  }

  /**
   * A search found the write's first steps in the books and not the rest: it is never given up
   * (see {@link givenUp}) and goes on after them, in `afterMs`.
   */
  resume(batch: Batch, progress: StepRecord, why: string, afterMs: number, extra: Partial<WritebackOperationEntity> = {}): Promise<void> {
    return this.saves.save(batch, { ...extra, progress, status: 'PENDING', outcomeUnknown: false, nextAttemptAt: Date.now() + afterMs, lastError: `${why}; its first step (${progress.step}) is in the books, the rest follows` });
  }

  /** The books cannot be searched right now: wait and search again; nothing is sent meanwhile. */
  waitForBooks(batch: Batch, why: string, extra: Partial<WritebackOperationEntity> = {}): Promise<void> {
    const head = batch[0];
    return this.saves.save(batch, { ...extra, status: 'PENDING', outcomeUnknown: true, nextAttemptAt: Date.now() + backoff(head.attempts), lastError: `outcome unknown and the books cannot be searched yet: ${why}` });
  }

  succeed(batch: Batch, recordIds: string[], how: string | null, providerOperationId?: string | null): Promise<void> {
    if (how) this.deps.log.info({ operationIds: batch.map((op) => op.id), recordIds }, how);
    const changes: Partial<WritebackOperationEntity> = { status: 'SUCCEEDED', outcomeUnknown: false, completedAt: Date.now(), lastError: null };
    if (providerOperationId !== undefined) changes.providerOperationId = providerOperationId;
    return this.saves.save(batch, changes, recordIdsPerMember(batch, recordIds));
  }

  fail(batch: Batch, message: string, failure: OperationFailure): Promise<void> {
    this.deps.log.warn({ operationIds: batch.map((op) => op.id), kind: batch[0].kind, companyId: batch[0].companyId, failure, error: message }, 'write-back operation failed');
    return this.saves.save(batch, { status: 'FAILED', failure, outcomeUnknown: false, lastError: message, completedAt: Date.now() });
  }

  givenUp(head: WritebackOperationEntity): boolean {
    // A write of several steps whose first step is in the books is never given up: FAILED would
    // leave that step in the books under an operation that says it is not there.
    if (head.progress?.recordIds.length) return false;
    return head.attempts >= this.deps.config.worker.maxAttempts || this.overTime(head);
  }

  overTime(head: WritebackOperationEntity): boolean {
    return head.firstAttemptAt !== null && Date.now() - head.firstAttemptAt >= this.deps.config.worker.giveUpAfterMs;
  }

  gaveUp(head: WritebackOperationEntity): string {
    const minutes = head.firstAttemptAt === null ? 0 : Math.round((Date.now() - head.firstAttemptAt) / 60_000);
    return `gave up after ${head.attempts} attempts${minutes ? ` over ${minutes} min` : ''}`;
  }
}

/** Each statement line of a batch gets its own record id; a single write gets all of its own. */
function recordIdsPerMember(batch: Batch, recordIds: string[]): string[][] {
  if (batch.length === 1) return [recordIds];
  return batch.map((op, i) => {
    const typed = readOperation(op);
    const lineId = typed.kind === 'STATEMENT_LINE' ? typed.payload.line.id : null;
    if (lineId && recordIds.includes(lineId)) return [lineId];
    return recordIds.length === batch.length ? [recordIds[i]] : recordIds;
  });
}

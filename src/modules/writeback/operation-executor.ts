import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import type { WriteResult } from '../../providers/accounting-provider';
import { ProviderError } from '../../providers/provider-error';
import type { ProviderConnections, ResolvedConnection } from '../companies/provider-connections';
import type { CompanyEntity } from '../companies/company.entity';
import { backoff } from '../../common/backoff';
import { claimedUpdate, ClaimedSaves, LostClaim, type Batch } from './claimed-saves';
import { OperationOutcomes } from './operation-outcomes';
import { sendWrite } from './operation-send';
import { afterSendFailure } from './send-failure';
import { searchBooks } from './write-search';

export interface ExecutorDeps {
  db: DataSource;
  connections: Pick<ProviderConnections, 'resolve' | 'companies' | 'of' | 'lockConnection'>;
  config: Config;
  log: Logger;
}

/** How long a push just sent is left before it is asked about once. */
const FOLLOW_WAIT_MS = 100;

/**
 * The worker's slot a delivery runs in. While the delivery only waits (a push just sent, before
 * its status is asked), it gives the slot back, so that sleeping deliveries do not keep others
 * from the provider and the database.
 *
 * @example
 * await slot.idle(sleep(100)); // the worker may start another delivery meanwhile
 */
export interface Slot {
  idle<T>(wait: Promise<T>): Promise<T>;
}

const HELD: Slot = { idle: (wait) => wait };

/**
 * Takes one claimed operation (or batch of statement lines) one step further, then records the
 * next state. The delivery rule, independent of the provider's idempotency cache:
 * - a write whose outcome is unknown (the request may have reached the provider; the worker died
 *   mid-send; a push timed out) is searched for in the books before anything else: found →
 *   SUCCEEDED; absent → sent again; books unreachable → it waits and searches again later;
 * - FAILED means the provider rejected the write, or the attempts (WORKER_MAX_ATTEMPTS) or time
 *   (WORKER_GIVE_UP_AFTER_MS) ran out and the books were searched and it is not there; a write of
 *   several steps whose first step is done is never given up;
 * - a push that exists is followed until the provider settles it, and never FAILED while its
 *   status cannot be read;
 * - attempts count sends that failed: a 429 or a 409 "still processing" gives the attempt back;
 * - a provider that refuses the company's credentials (and no newer ones were stored meanwhile)
 *   makes the company RECONNECT_REQUIRED: that write and every one waiting are HELD, without
 *   using an attempt, until the borrower connects again; nothing is sent while it is not connected.
 * Every save is fenced by the claim token, and the lease is renewed while the step runs.
 */
export class OperationExecutor {
  private readonly saves: ClaimedSaves;
  private readonly outcomes: OperationOutcomes;

  constructor(private readonly deps: ExecutorDeps) {
    this.saves = new ClaimedSaves(deps.db, deps.config.worker.leaseMs, deps.log);
    this.outcomes = new OperationOutcomes(this.saves, deps);
  }

  /** The companies of a claim's batches, read at once for `execute`: once per claim rather than once per batch. */
  companiesOf(batches: Batch[]): Promise<Map<string, CompanyEntity>> {
    return this.deps.connections.companies(batches.map((batch) => batch[0].companyId));
  }

  /** `company`: the batch's company as `companiesOf` read it; read here when absent. */
  async execute(batch: Batch, company?: CompanyEntity, slot: Slot = HELD): Promise<void> {
    const head = batch[0];
    const provider = company ? this.deps.connections.of(company) : await this.deps.connections.resolve(head.companyId);
    const renewal = this.saves.keepLease(batch);
    try {
      await this.step(batch, provider, slot);
    } catch (err) {
      if (!(err instanceof LostClaim)) throw err;
      this.deps.log.warn({ operationIds: batch.map((op) => op.id), claimToken: head.claimToken }, 'write-back claim was taken over by another worker; this worker stops and saves nothing');
    } finally {
      clearInterval(renewal);
    }
  }

  private async step(batch: Batch, provider: ResolvedConnection, slot: Slot): Promise<void> {
    const head = batch[0];
    await this.releaseStrays(batch);
    if (provider.company.connectionStatus !== 'CONNECTED') return this.outcomes.holdForConnection(batch, provider, null, {});
    if (head.providerOperationId) return this.poll(batch, provider);
    if (head.outcomeUnknown) {
      const found = await searchBooks(provider.adapter, provider.conn, batch);
      if (found.kind === 'FOUND') return this.outcomes.succeed(batch, found.recordIds, 'found in the books');
      if (found.kind === 'UNREACHABLE' && found.refused) return this.outcomes.holdForConnection(batch, provider, found.error, {});
      if (found.kind === 'UNREACHABLE') return this.outcomes.waitForBooks(batch, found.error);
      if (found.kind === 'PARTIAL') await this.saves.save(batch, { progress: found.progress });
      if (this.outcomes.givenUp(head)) return this.outcomes.fail(batch, `${this.outcomes.gaveUp(head)}: ${head.lastError ?? 'outcome unknown'}; searched the books and it is not there`, 'GAVE_UP');
    }
    return this.deliver(batch, provider, slot);
  }

  /**
   * Sends the write, as an attempt whose outcome is unknown until the provider answers. A claim
   * taken moments ago, with most of its lease ahead, sends at once and records the attempt with
   * the outcome, in one save: a crash in between leaves the claim to lapse, and the claim that
   * takes it over treats the outcome as unknown and searches the books first (see the claimer). After a
   * search, or late in the lease, the attempt is saved first, fenced by the claim, so that a
   * worker whose claim was taken over meanwhile stops here instead of sending.
   */
  private async deliver(batch: Batch, provider: ResolvedConnection, slot: Slot): Promise<void> {
    const head = batch[0];
    const before = { outcomeUnknown: head.outcomeUnknown };
    const attempt = { attempts: head.attempts + 1, outcomeUnknown: true, firstAttemptAt: head.firstAttemptAt ?? Date.now() };
    // A write of unknown outcome reaches here only after its search in the books.
    if (head.outcomeUnknown || !this.saves.isFresh(batch)) await this.saves.save(batch, attempt);
    else this.saves.defer(batch, attempt);
    let result: WriteResult;
    try {
      result = await sendWrite(provider, batch, (step) => this.saves.save(batch, { progress: step }));
    } catch (err) {
      return this.onSendError(batch, err, provider, before);
    }
    if (result.status === 'PENDING' && result.providerOperationId) return this.follow(batch, result.providerOperationId, provider, slot);
    return this.settle(batch, result, provider);
  }

  /**
   * A push just accepted is followed under the same claim: it is asked about once after a short
   * wait, during which the worker slot is free for another delivery; only if it is still pending
   * does the claim go back, as a push to poll later. The wait is capped so that a slow provider
   * does not hold the claim for a whole poll interval.
   * The push's id goes into the database with the step's next save. Without idempotency keys it is
   * saved first, alone: a crash from here on must leave a push to poll, since a resend could not be
   * recognised. With keys a crash leaves an unknown outcome, searched in the books and resent under
   * the same key, which the provider answers with this same push.
   */
  private async follow(batch: Batch, providerOperationId: string, provider: ResolvedConnection, slot: Slot): Promise<void> {
    const accepted = { providerOperationId, outcomeUnknown: false, lastError: null };
    if (provider.definition.capabilities.idempotencyKeys) this.saves.defer(batch, accepted);
    else await this.saves.save(batch, accepted);
    await slot.idle(new Promise((resolve) => setTimeout(resolve, Math.min(this.deps.config.worker.pollMs, FOLLOW_WAIT_MS))));
    return this.poll(batch, provider);
  }

  private async poll(batch: Batch, provider: ResolvedConnection): Promise<void> {
    let result: WriteResult;
    try {
      const { adapter, conn, definition } = provider;
      if (!adapter.getWrite) throw new Error(`${definition.displayName} answered a write as pending but cannot be asked how it went`);
      result = await adapter.getWrite(conn, batch[0].providerOperationId!);
    } catch (err) {
      return this.onPollError(batch, err, provider);
    }
    return this.settle(batch, result, provider);
  }

  private async settle(batch: Batch, result: WriteResult, provider: ResolvedConnection): Promise<void> {
    switch (result.status) {
      case 'PENDING':
        return this.saves.save(batch, {
          status: 'PENDING',
          providerOperationId: result.providerOperationId,
          outcomeUnknown: false,
          nextAttemptAt: Date.now() + this.deps.config.worker.pollMs,
          lastError: null,
        });
      case 'SUCCESS':
        return this.outcomes.succeed(batch, result.recordIds, null, result.providerOperationId);
      case 'FAILED':
        return this.outcomes.fail(batch, describe(result), 'REJECTED');
      case 'TIMED_OUT':
        return this.afterTimeOut(batch, result, provider);
    }
  }

  /** The provider gave up waiting, but the write may still have landed: look before posting again. */
  private async afterTimeOut(batch: Batch, result: WriteResult, provider: ResolvedConnection): Promise<void> {
    const head = batch[0];
    const found = await searchBooks(provider.adapter, provider.conn, batch);
    if (found.kind === 'FOUND') return this.outcomes.succeed(batch, found.recordIds, 'timed-out write found in the books');
    // The old key would only replay the time-out: the next send (after a search) goes under a new one.
    const spent = { providerOperationId: null, idempotencyKey: randomUUID() };
    if (found.kind === 'UNREACHABLE') return this.outcomes.waitForBooks(batch, `${describe(result)}; ${found.error}`, spent);
    if (found.kind === 'PARTIAL') return this.outcomes.resume(batch, found.progress, describe(result), 0, spent);
    if (this.outcomes.givenUp(head)) return this.outcomes.fail(batch, `${this.outcomes.gaveUp(head)}: ${describe(result)}; searched the books and it is not there`, 'GAVE_UP');
    return this.saves.save(batch, { ...spent, status: 'PENDING', outcomeUnknown: false, nextAttemptAt: Date.now(), lastError: `${describe(result)}; not in the books, posting again` });
  }

  private async onSendError(batch: Batch, err: unknown, provider: ResolvedConnection, before: { outcomeUnknown: boolean }): Promise<void> {
    const head = batch[0];
    const message = err instanceof Error ? err.message : String(err);
    if (!(err instanceof ProviderError)) this.deps.log.error({ err, operationId: head.id }, 'unexpected error delivering an operation');
    if (err instanceof ProviderError && err.kind === 'UNAUTHORIZED') {
      // Refused, so not applied: the outcome is what it was before this send, and the attempt is given back.
      return this.outcomes.holdForConnection(batch, provider, message, { attempts: head.attempts - 1, outcomeUnknown: before.outcomeUnknown });
    }
    const retryAfter = err instanceof ProviderError ? err.details.retryAfterMs : undefined;
    const next = afterSendFailure(err, provider.definition.capabilities, before);
    if (next.kind === 'FINAL') return this.outcomes.fail(batch, message, 'REJECTED');
    if (next.kind === 'WAIT') {
      // Waiting, not failing: the attempt is given back, and the time spent waiting does not give
      // up (a daily call limit holds writes for hours, until it resets). A 429 frees the key; a 409
      // says the first request under this key is still running, so the outcome stays unknown and the key is kept.
      return this.saves.save(batch, { attempts: head.attempts - 1, outcomeUnknown: next.outcomeUnknown, lastError: message, status: 'PENDING', nextAttemptAt: Date.now() + backoff(1, retryAfter) });
    }
    const key = next.newKey ? { idempotencyKey: randomUUID() } : {};
    if (!next.outcomeUnknown) {
      if (this.outcomes.givenUp(head)) return this.outcomes.fail(batch, `${this.outcomes.gaveUp(head)}: ${message}`, 'GAVE_UP');
      return this.saves.save(batch, { ...key, status: 'PENDING', outcomeUnknown: false, nextAttemptAt: Date.now() + backoff(head.attempts, retryAfter), lastError: message });
    }
    if (next.attemptGivenBack) {
      const attempts = head.attempts - 1;
      if (!this.outcomes.overTime(head)) return this.saves.save(batch, { attempts, status: 'PENDING', outcomeUnknown: true, nextAttemptAt: Date.now() + backoff(attempts + 1, retryAfter), lastError: `${message}; an earlier send may have landed: the books will be searched before it is sent again` });
    }
    if (this.outcomes.givenUp(head)) {
      const found = await searchBooks(provider.adapter, provider.conn, batch);
      if (found.kind === 'FOUND') return this.outcomes.succeed(batch, found.recordIds, 'write with an unknown outcome found in the books');
      if (found.kind === 'ABSENT') return this.outcomes.fail(batch, `${this.outcomes.gaveUp(head)}: ${message}; searched the books and it is not there`, 'GAVE_UP');
      if (found.kind === 'PARTIAL') return this.outcomes.resume(batch, found.progress, message, backoff(head.attempts, retryAfter));
      return this.outcomes.waitForBooks(batch, `${message}; ${found.error}`, key);
    }
    return this.saves.save(batch, { ...key, status: 'PENDING', outcomeUnknown: true, nextAttemptAt: Date.now() + backoff(head.attempts, retryAfter), lastError: `${message}; the books will be searched before it is sent again` });
  }

  /** A push exists but its status could not be read: keep following it; never FAILED, since it may still land. */
  private async onPollError(batch: Batch, err: unknown, provider: ResolvedConnection): Promise<void> {
    const head = batch[0];
    const message = err instanceof Error ? err.message : String(err);
    // The push stays followed (its id is kept): once the borrower connects again, its status is read.
    if (err instanceof ProviderError && err.kind === 'UNAUTHORIZED') return this.outcomes.holdForConnection(batch, provider, message, {});
    if (err instanceof ProviderError && err.kind === 'NOT_FOUND') {
      // The provider no longer knows the push: whether it landed is for the books to say.
      return this.saves.save(batch, { status: 'PENDING', providerOperationId: null, idempotencyKey: randomUUID(), outcomeUnknown: true, nextAttemptAt: Date.now(), lastError: message });
    }
    if (this.outcomes.givenUp(head)) {
      const found = await searchBooks(provider.adapter, provider.conn, batch);
      if (found.kind === 'FOUND') return this.outcomes.succeed(batch, found.recordIds, 'push whose status could not be read found in the books');
      if (found.kind === 'PARTIAL') return this.outcomes.resume(batch, found.progress, message, 0);
    }
    const retryAfter = err instanceof ProviderError ? err.details.retryAfterMs : undefined;
    return this.saves.save(batch, { status: 'PENDING', nextAttemptAt: Date.now() + backoff(head.attempts + 1, retryAfter), lastError: `could not read the push's status, will ask again: ${message}` });
  }

  /**
   * A batch is one provider write, so its members share one delivery state. A member claimed with
   * the batch but not part of the write its head is following (say, queued again after that push
   * was sent) must not take that write's outcome, which says nothing about its own line: it leaves
   * the batch, as a write whose outcome is unknown, under a key of its own, and goes out in a later
   * batch once searched for. `batch` keeps the members that belong.
   */
  private async releaseStrays(batch: Batch): Promise<void> {
    const head = batch[0];
    const strays = batch.filter((op) => op.providerOperationId !== head.providerOperationId || op.attempts !== head.attempts || op.outcomeUnknown !== head.outcomeUnknown);
    if (!strays.length) return;
    const token = head.claimToken;
    if (!token) throw new LostClaim();
    this.deps.log.warn({ operationIds: strays.map((op) => op.id), batchId: head.batchId, headId: head.id }, 'statement lines claimed with a batch they were not sent with leave it');
    for (const op of strays) {
      const result = await claimedUpdate(this.deps.db, [op.seq], token)
        .set({ status: 'PENDING', batchId: null, idempotencyKey: randomUUID(), outcomeUnknown: true, nextAttemptAt: Date.now(), leaseOwner: null, leaseExpiresAt: null, claimToken: null })
        .execute();
      if (!result.affected) throw new LostClaim();
      batch.splice(batch.indexOf(op), 1);
    }
  }

}

/** A provider's answer to a write, in one line for the operation's last error. */
function describe(result: WriteResult): string {
  const details = result.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
  return [result.message ?? `provider write ${result.status.toLowerCase()}`, ...details].join(' — ');
}

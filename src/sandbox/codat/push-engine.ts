import { correlationId, newUuid } from './deterministic-ids';
import { OPERATION_FAULTS, type FaultQueue, type FaultTarget } from './fault-queue';
import { PUSH_KINDS } from './push-kinds';
import type { Books, JsonObject, PushDataType, PushOperation, QueuedFault, SandboxSettings } from './sandbox.types';

export interface PushRequest {
  companyId: string;
  connectionId: string;
  dataType: PushDataType;
  body: JsonObject;
  accountId?: string;
  timeoutInMinutes: number | null;
}

interface Tracked {
  op: PushOperation;
  request: PushRequest;
  fault?: QueuedFault;
  /** When the operation completes; null while a STAY_PENDING fault holds it. */
  dueAt: number | null;
  timer?: NodeJS.Timeout;
}

interface EngineDeps {
  settings: SandboxSettings;
  faults: FaultQueue;
  booksOf(companyId: string): Books | undefined;
  onApplied(companyId: string, connectionId: string): void;
}

/**
 * Push operations from acceptance to completion. An operation is Pending for `pushDelayMs`, then
 * Xero's rules decide Success (the write is booked at once, as if Codat synced on completion) or
 * Failed; queued faults can fail it, hold it Pending, or time it out.
 */
export class PushEngine {
  private ops = new Map<string, Tracked>();

  constructor(private readonly deps: EngineDeps) {}

  create(request: PushRequest, target: FaultTarget): PushOperation {
    const fault = this.deps.faults.take(OPERATION_FAULTS, target);
    const delay = Math.max(0, this.deps.settings.pushDelayMs);
    const tracked: Tracked = {
      request,
      fault,
      dueAt: fault?.fault === 'STAY_PENDING' ? null : Date.now() + delay,
      op: {
        changes: [],
        dataType: request.dataType,
        companyId: request.companyId,
        pushOperationKey: newUuid(),
        dataConnectionKey: request.connectionId,
        requestedOnUtc: new Date().toISOString(),
        timeoutInMinutes: request.timeoutInMinutes,
        status: 'Pending',
        validation: { errors: [], warnings: [] },
        statusCode: 202,
      },
    };
    this.ops.set(this.key(request.companyId, tracked.op.pushOperationKey), tracked);
    if (tracked.dueAt !== null) this.schedule(tracked, delay);
    return structuredClone(tracked.op);
  }

  get(companyId: string, pushOperationKey: string): PushOperation | undefined {
    const tracked = this.ops.get(this.key(companyId, pushOperationKey));
    return tracked ? structuredClone(tracked.op) : undefined;
  }

  list(companyId: string): PushOperation[] {
    return [...this.ops.values()].filter((t) => t.op.companyId === companyId).map((t) => structuredClone(t.op));
  }

  /** Completes every operation whose time has come, oldest first (timers may lag a busy event loop). */
  settleDue(now = Date.now()): void {
    for (const tracked of this.ops.values()) {
      if (tracked.op.status === 'Pending' && tracked.dueAt !== null && tracked.dueAt <= now) this.complete(tracked);
    }
  }

  /** Lets operations held by STAY_PENDING complete, as when the upstream throttling ends. */
  releaseHeld(): void {
    for (const tracked of this.ops.values()) {
      if (tracked.op.status === 'Pending' && tracked.dueAt === null) {
        tracked.fault = undefined;
        tracked.dueAt = Date.now();
        this.schedule(tracked, 0);
      }
    }
  }

  reset(): void {
    for (const tracked of this.ops.values()) clearTimeout(tracked.timer);
    this.ops.clear();
  }

  private key(companyId: string, pushOperationKey: string): string {
    return `${companyId}/${pushOperationKey}`;
  }

  private schedule(tracked: Tracked, delay: number): void {
    clearTimeout(tracked.timer);
    tracked.timer = setTimeout(() => {
      if (tracked.op.status === 'Pending') this.complete(tracked);
    }, delay);
    tracked.timer.unref();
  }

  private complete(tracked: Tracked): void {
    const { op, request, fault } = tracked;
    const kind = PUSH_KINDS[request.dataType];
    const books = this.deps.booksOf(request.companyId);
    const ctx = { accountId: request.accountId, now: new Date() };
    op.completedOnUtc = ctx.now.toISOString();
    clearTimeout(tracked.timer);

    if (fault?.fault === 'TIME_OUT') {
      op.status = 'TimedOut';
      // [inferred] Codat documents no status code for a timed-out operation; 504 says "gateway timeout".
      op.statusCode = 504;
      op.errorMessage = `The push operation timed out before ${kind.recordName} was confirmed by the accounting platform.`;
      if (fault.applied && books && kind.validate(books, request.body, ctx).ok) {
        kind.apply(books, request.body, ctx);
        this.deps.onApplied(request.companyId, request.connectionId);
      }
      return;
    }
    if (fault?.fault === 'FAIL') {
      const message = fault.message ?? 'The accounting platform rejected the push.';
      return this.fail(op, kind.recordName, [{ itemId: null, message, validatorName: kind.recordName }], []);
    }
    if (!books) {
      return this.fail(op, kind.recordName, [{ itemId: null, message: 'The company has no books to write to.', validatorName: kind.recordName }], []);
    }
    const findings = kind.validate(books, request.body, ctx);
    if (!findings.ok) return this.fail(op, kind.recordName, findings.errors, findings.warnings);
    const created = kind.apply(books, request.body, ctx);
    this.deps.onApplied(request.companyId, request.connectionId);
    op.status = 'Success';
    op.statusCode = 200;
    op.validation = findings.result();
    op.changes = created.map((record) => ({ type: 'Created', recordRef: { id: record.id, dataType: record.dataType } }));
  }

  private fail(op: PushOperation, recordName: string, errors: PushOperation['validation']['errors'], warnings: PushOperation['validation']['warnings']): void {
    op.status = 'Failed';
    op.statusCode = 400;
    op.errorMessage = `An error occurred in a downstream service. Correlation ID: ${correlationId()}. Message: Push failed for ${recordName}: see validation for more information`;
    op.validation = { errors: [...errors], warnings: [...warnings] };
  }
}

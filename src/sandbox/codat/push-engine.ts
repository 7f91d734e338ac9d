import { newUuid, type FaultQueue, type FaultTarget } from '../kit';
import { correlationId } from './codat-error';
import { OPERATION_FAULTS, type FaultKind } from './codat-faults';
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
  /** Creation order: due operations complete oldest first. */
  order: number;
  op: PushOperation;
  /** What was pushed; dropped once the operation completes, so that history holds only the books and the operations. */
  request?: PushRequest;
  fault?: QueuedFault;
  /** When the operation completes; null while a STAY_PENDING fault holds it. */
  dueAt: number | null;
  timer?: NodeJS.Timeout;
}

interface EngineDeps {
  settings: SandboxSettings;
  faults: FaultQueue<FaultKind>;
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
  private byCompany = new Map<string, Tracked[]>();
  /** Pending operations by due time, so settling reads only what is due, not the whole history. */
  private due = new DueQueue();
  /** Operations a STAY_PENDING fault holds. */
  private held = new Set<Tracked>();
  private created = 0;

  constructor(private readonly deps: EngineDeps) {}

  create(request: PushRequest, target: FaultTarget): PushOperation {
    const fault = this.deps.faults.take(OPERATION_FAULTS, target);
    const delay = Math.max(0, this.deps.settings.pushDelayMs);
    const tracked: Tracked = {
      order: this.created++,
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
    const mine = this.byCompany.get(request.companyId);
    if (mine) mine.push(tracked);
    else this.byCompany.set(request.companyId, [tracked]);
    if (tracked.dueAt === null) this.held.add(tracked);
    else {
      this.due.push(tracked.dueAt, tracked);
      this.schedule(tracked, delay);
    }
    return structuredClone(tracked.op);
  }

  get(companyId: string, pushOperationKey: string): PushOperation | undefined {
    const tracked = this.ops.get(this.key(companyId, pushOperationKey));
    return tracked ? structuredClone(tracked.op) : undefined;
  }

  list(companyId: string): PushOperation[] {
    return (this.byCompany.get(companyId) ?? []).map((t) => structuredClone(t.op));
  }

  /**
   * Completes every operation whose time has come, oldest first (timers may lag a busy event
   * loop). Costs what is due, whatever the history.
   */
  settleDue(now = Date.now()): void {
    const ready: Tracked[] = [];
    for (let t = this.due.popDue(now); t; t = this.due.popDue(now)) {
      if (t.op.status === 'Pending' && t.dueAt !== null && t.dueAt <= now) ready.push(t);
    }
    ready.sort((a, b) => a.order - b.order);
    for (const tracked of ready) if (tracked.op.status === 'Pending') this.complete(tracked);
  }

  /** Lets operations held by STAY_PENDING complete, as when the upstream throttling ends. */
  releaseHeld(): void {
    const now = Date.now();
    for (const tracked of this.held) {
      if (tracked.op.status === 'Pending' && tracked.dueAt === null) {
        tracked.fault = undefined;
        tracked.dueAt = now;
        this.due.push(now, tracked);
        this.schedule(tracked, 0);
      }
    }
    this.held.clear();
  }

  reset(): void {
    for (const tracked of this.ops.values()) clearTimeout(tracked.timer);
    this.ops.clear();
    this.byCompany.clear();
    this.held.clear();
    this.due = new DueQueue();
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
    const { op, fault } = tracked;
    const request = tracked.request!;
    tracked.request = undefined;
    const kind = PUSH_KINDS[request.dataType];
    const books = this.deps.booksOf(request.companyId);
    const ctx = { accountId: request.accountId, now: new Date() };
    op.completedOnUtc = ctx.now.toISOString();
    clearTimeout(tracked.timer);
    tracked.timer = undefined;

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

/** A binary min-heap of pending operations by due time (ties: oldest first). */
class DueQueue {
  private heap: { at: number; tracked: Tracked }[] = [];

  push(at: number, tracked: Tracked): void {
    const heap = this.heap;
    heap.push({ at, tracked });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  /** The earliest entry due at or before `now`, removed; undefined when none is due. */
  popDue(now: number): Tracked | undefined {
    const heap = this.heap;
    if (!heap.length || heap[0].at > now) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && this.less(heap[l], heap[m])) m = l;
        if (r < heap.length && this.less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top.tracked;
  }

  private less(a: { at: number; tracked: Tracked }, b: { at: number; tracked: Tracked }): boolean {
    return a.at < b.at || (a.at === b.at && a.tracked.order < b.tracked.order);
  }
}

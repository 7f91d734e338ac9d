import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { DataSource } from 'typeorm';
import type { RequestContext } from '../../context';
import type { CompanyService } from '../companies/company.service';
import { AppError, notFound } from '../../errors';
import { decodeIntCursor, keysetPage, pageSize, type Page, type PageArgs } from '../../common/pagination';
import { timeOrderedId } from '../../common/time-ordered-id';
import { transact } from '../../common/transaction';
import { lockHead, offerHead, ORDERED_STREAMS, refreshHead } from './queue-heads';
import type { WritebackWorker } from './writeback.worker';
import { storePayload, type NewOperation } from './operation-payload';
import { WritebackOperationEntity, type OperationStatus } from './writeback-operation.entity';

const TERMINAL: OperationStatus[] = ['SUCCEEDED', 'FAILED'];

export type { NewOperation } from './operation-payload';

/** The outbox: queues provider writes, shows them, retries them, releases held ones. */
export class WritebackService {
  constructor(
    private readonly deps: { db: DataSource; companies: Pick<CompanyService, 'get'> },
    private readonly worker: WritebackWorker | null,
  ) {}

  private get repo() {
    return this.deps.db.getRepository(WritebackOperationEntity);
  }

  /** Inserts operations inside the caller's transaction, in the order given. */
  async enqueue(manager: EntityManager, companyId: string, ops: NewOperation[]): Promise<WritebackOperationEntity[]> {
    const now = Date.now();
    const rows = ops.map((op) =>
      manager.create(WritebackOperationEntity, {
        id: op.id ?? timeOrderedId(),
        companyId,
        eventId: op.eventId ?? null,
        kind: op.kind,
        stream: op.stream,
        status: op.held ? 'HELD' : 'PENDING',
        holdReason: op.held ? 'WRITEBACK_OFF' : null,
        payload: storePayload(op),
        attempts: 0,
        idempotencyKey: randomUUID(),
        nextAttemptAt: now,
      }),
    );
    for (const row of rows) await manager.insert(WritebackOperationEntity, row as QueryDeepPartialEntity<WritebackOperationEntity>);
    const offered = new Set<string>();
    for (const row of rows) {
      if (row.status !== 'PENDING' || offered.has(row.stream)) continue;
      offered.add(row.stream);
      await offerHead(manager, companyId, row.stream, row.seq, now);
    }
    return rows;
  }

  kick(): void {
    this.worker?.kick();
  }

  /**
   * Delivers a setup operation right away and waits for it to finish, up to `waitMs`.
   * Past that the operation carries on in the background and the caller gets it as is.
   */
  async deliverAndWait(operationId: string, waitMs: number): Promise<WritebackOperationEntity> {
    const deadline = Date.now() + waitMs;
    if (this.worker) await this.worker.runNow(operationId).catch(() => undefined);
    for (;;) {
      const op = await this.repo.findOneByOrFail({ id: operationId });
      if (TERMINAL.includes(op.status) || Date.now() >= deadline) {
        this.worker?.kick();
        return op;
      }
      await new Promise((r) => setTimeout(r, Math.min(50, Math.max(1, deadline - Date.now()))));
      if (this.worker && op.status === 'PENDING' && op.nextAttemptAt <= Date.now()) await this.worker.runNow(operationId).catch(() => undefined);
    }
  }

  async get(ctx: RequestContext, id: string): Promise<WritebackOperationEntity> {
    const op = await this.repo.findOneBy({ id });
    if (!op) throw notFound('Write-back operation', id);
    ctx.requireCompany(op.companyId);
    return op;
  }

  async list(ctx: RequestContext, companyId: string, status: OperationStatus | null, args: PageArgs): Promise<Page<WritebackOperationEntity>> {
    await this.deps.companies.get(ctx, companyId);
    const qb = this.repo.createQueryBuilder('o').where('o.company_id = :companyId', { companyId });
    if (status) qb.andWhere('o.status = :status', { status });
    const totalCount = await qb.clone().getCount();
    if (args.after) qb.andWhere('o.seq > :after', { after: decodeIntCursor(args.after) });
    const rows = await qb.orderBy('o.seq', 'ASC').take(pageSize(args) + 1).getMany();
    return keysetPage(rows, args, totalCount, (o) => String(o.seq));
  }

  async forEvents(eventIds: readonly string[]): Promise<WritebackOperationEntity[]> {
    if (!eventIds.length) return [];
    return this.repo.createQueryBuilder('o').where('o.event_id IN (:...ids)', { ids: eventIds }).orderBy('o.seq', 'ASC').getMany();
  }

  /**
   * Re-queues a FAILED operation as a write whose outcome is unknown: the worker searches the
   * books for it first and marks it SUCCEEDED (with the record id) if it is there, sends it
   * under a new idempotency key only if it is not, and, while the books cannot be searched,
   * waits and searches again. So a retry can never post a second copy, and the answer never
   * waits on the provider.
   */
  async retry(ctx: RequestContext, id: string): Promise<WritebackOperationEntity> {
    const op = await this.get(ctx, id);
    if (op.status !== 'FAILED') throw new AppError('BAD_USER_INPUT', `Only a FAILED operation can be retried; this one is ${op.status}`, { field: 'id' });
    // A batch is one provider write: it is searched for, and sent again, as a whole. So its members
    // are queued again in one statement, and the stream's queue head moves in the same transaction:
    // a worker claiming meanwhile sees all of them or none, and the retried write becomes the stream's
    // next one (a later write already in flight finishes on its own).
    await transact(this.deps.db, async (tx) => {
      await lockHead(tx, op.companyId, op.stream);
      await tx.update(WritebackOperationEntity, op.batchId ? { batchId: op.batchId, status: 'FAILED' } : { seq: op.seq, status: 'FAILED' }, {
        status: 'PENDING',
        failure: null,
        attempts: 0,
        idempotencyKey: randomUUID(),
        providerOperationId: null,
        outcomeUnknown: true,
        firstAttemptAt: null,
        nextAttemptAt: Date.now(),
        completedAt: null,
        lastError: `retry requested; searching the books before sending again (was: ${op.lastError ?? 'FAILED'})`.slice(0, 2000),
      });
      await refreshHead(tx, op.companyId, op.stream);
    });
    this.kick();
    return this.repo.findOneByOrFail({ id });
  }

  /**
   * Turns a company's operations held while write-back was off into PENDING ones, keeping their
   * order. Those held for a refused connection wait for the borrower to connect again.
   */
  async releaseHeld(manager: EntityManager, companyId: string): Promise<number> {
    for (const stream of ORDERED_STREAMS) await lockHead(manager, companyId, stream);
    const result = await manager
      .createQueryBuilder()
      .update(WritebackOperationEntity)
      .set({ status: 'PENDING', holdReason: null, nextAttemptAt: Date.now() })
      .where('company_id = :companyId', { companyId })
      .andWhere("status = 'HELD'")
      .andWhere("(hold_reason IS NULL OR hold_reason = 'WRITEBACK_OFF')")
      .execute();
    for (const stream of ORDERED_STREAMS) await refreshHead(manager, companyId, stream);
    return result.affected ?? 0;
  }
}

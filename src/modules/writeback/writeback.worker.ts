import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logger';
import { OperationClaimer, type BatchLimit } from './operation-claimer';
import type { OperationExecutor, Slot } from './operation-executor';

/**
 * Delivers the outbox: claims heads of each company's queue (companies in parallel, up to
 * `concurrency` deliveries at work at once; one that only waits on a push it just sent does not
 * count), hands them to the executor, and claims again. It wakes every `pollMs`, and at once
 * when a mutation kicks it or a slot frees up.
 */
export class WritebackWorker {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly claimer: OperationClaimer;
  private running = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private ticking: Promise<void> | null = null;
  private again = false;
  private readonly inFlight = new Set<Promise<void>>();
  /** A delivery that only waits gives its slot back meanwhile, and takes it again after, even if that makes one more than `concurrency` at work for a moment. */
  private readonly slot: Slot = {
    idle: async (wait) => {
      this.running--;
      this.kick();
      try {
        return await wait;
      } finally {
        this.running++;
      }
    },
  };

  constructor(
    private readonly deps: { db: ConstructorParameters<typeof OperationClaimer>[0]; executor: OperationExecutor; log: Logger; batchLimit: BatchLimit },
    private readonly opts: { concurrency: number; pollMs: number; leaseMs: number },
  ) {
    this.claimer = new OperationClaimer(deps.db, this.owner, opts.leaseMs, deps.batchLimit);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops claiming and waits for the deliveries under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Asks for a claim round now (a mutation just queued something). */
  kick(): void {
    if (this.stopped) return;
    if (this.ticking) this.again = true;
    else this.schedule(0);
  }

  /** Delivers one operation now, in this process, if it is claimable (used by mutations that wait for it). */
  async runNow(operationId: string): Promise<void> {
    const claimed = await this.claimer.claim(1, operationId);
    await Promise.all(claimed.map((batch) => this.deps.executor.execute(batch)));
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.ticking = this.tick().finally(() => {
        this.ticking = null;
        const soon = this.again;
        this.again = false;
        this.schedule(soon ? 0 : this.opts.pollMs);
      });
    }, delay);
  }

  private async tick(): Promise<void> {
    const free = this.opts.concurrency - this.running;
    if (free <= 0 || this.stopped) return;
    // A claim is a transaction however much it takes: while deliveries are under way, refill in
    // rounds of a quarter of the slots rather than one slot per finished delivery.
    if (this.running > 0 && free < Math.ceil(this.opts.concurrency / 4)) return;
    let batches;
    try {
      batches = await this.claimer.claim(free);
    } catch (err) {
      this.deps.log.error({ err }, 'claiming write-back operations failed');
      return;
    }
    // Each execution reads its own company if this shared read fails.
    const companies = batches.length ? await this.deps.executor.companiesOf(batches).catch(() => undefined) : undefined;
    for (const batch of batches) {
      this.running++;
      const p = this.deps.executor
        .execute(batch, companies?.get(batch[0].companyId), this.slot)
        .catch((err: unknown) => this.deps.log.error({ err, operationId: batch[0].id }, 'delivering an operation failed'))
        .finally(() => {
          this.running--;
          this.inFlight.delete(p);
          this.kick();
        });
      this.inFlight.add(p);
    }
    // A full round means more may be waiting.
    if (batches.length === free) this.again = true;
  }
}

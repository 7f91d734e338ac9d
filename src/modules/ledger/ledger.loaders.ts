import DataLoader from 'dataloader';
import type { WritebackOperationEntity } from '../writeback/writeback-operation.entity';
import type { LedgerEventEntity } from './ledger-event.entity';

/** Where the loaders read from (the outbox's and the ledger's services). */
export interface LedgerReads {
  operationsOf(eventIds: readonly string[]): Promise<WritebackOperationEntity[]>;
  events(eventIds: readonly string[]): Promise<LedgerEventEntity[]>;
}

/** Per request: events' operations and operations' events, each fetched in one query per request tick. */
export class LedgerLoaders {
  readonly operationsByEvent: DataLoader<string, WritebackOperationEntity[]>;
  readonly eventById: DataLoader<string, LedgerEventEntity | null>;

  constructor(reads: LedgerReads) {
    this.operationsByEvent = new DataLoader(async (ids) => {
      const ops = await reads.operationsOf(ids);
      return ids.map((id) => ops.filter((o) => o.eventId === id));
    });
    this.eventById = new DataLoader(async (ids) => {
      const events = await reads.events(ids);
      return ids.map((id) => events.find((e) => e.id === id) ?? null);
    });
  }
}
